import { createHash } from 'node:crypto';
/** Library tier decisions, invite codes and validity, and unit tree moves: the pure rules. */
import type { Tier, TierChangeKind } from '@contract';
import { INVITE_CODE_ALPHABET, inviteCodeSchema } from '@contract';
import { allowedChanges } from '@contract';
import { decideTierChange, isOverdue, nextReviewFor, REVIEW_INTERVAL_DAYS } from '../../cloudfunctions/src/domain/tiers';
import { canRevoke, grantIdOfInvite, inviteExpiry, inviteIdOf, inviteStatus, makeInviteCode, redeemRefusal } from '../../cloudfunctions/src/domain/invites';
import { childOf, planMove, rebasePath } from '../../cloudfunctions/src/domain/unit-tree';

const NOW = Date.UTC(2025, 4, 1);
const DAY = 86_400_000;
const TIERS: Tier[] = ['major', 'reserve', 'retired'];
const KINDS: TierChangeKind[] = ['promote', 'demote', 'retire', 'reinstate', 'keep'];

describe('tier changes', () => {
  const legal: Record<string, Tier> = {
    'promote reserve': 'major',
    'demote major': 'reserve',
    'retire major': 'retired',
    'retire reserve': 'retired',
    'reinstate retired': 'reserve',
    'keep major': 'major',
    'keep reserve': 'reserve',
  };

  for (const kind of KINDS) {
    for (const from of TIERS) {
      const to = legal[`${kind} ${from}`];
      if (to) {
        it(`${kind} from ${from} goes to ${to} with the ${to} review policy`, () => {
          const d = decideTierChange(from, kind, NOW);
          expect(d).toEqual({ ok: true, from, to, nextReviewAt: to === 'retired' ? null : NOW + REVIEW_INTERVAL_DAYS[to] * DAY });
        });
      } else {
        it(`${kind} from ${from} is refused with a reason`, () => {
          const d = decideTierChange(from, kind, NOW);
          expect(d.ok).toBe(false);
          if (!d.ok) expect(d.reason).toBe(`cannot ${kind} an exemplar in tier ${from}`);
        });
      }
    }
  }

  it('offers exactly the legal decisions per tier', () => {
    expect(allowedChanges('reserve').sort()).toEqual(['keep', 'promote', 'retire']);
    expect(allowedChanges('major').sort()).toEqual(['demote', 'keep', 'retire']);
    expect(allowedChanges('retired')).toEqual(['reinstate']);
  });

  it('a major exemplar is reviewed yearly, a reserve one half-yearly, a retired one never', () => {
    expect(nextReviewFor('major', NOW)).toBe(NOW + 365 * DAY);
    expect(nextReviewFor('reserve', NOW)).toBe(NOW + 180 * DAY);
    expect(nextReviewFor('retired', NOW)).toBeNull();
  });

  it('overdue means the review date has come, for library tiers only', () => {
    expect(isOverdue('major', NOW, NOW)).toBe(true);
    expect(isOverdue('reserve', NOW - 1, NOW)).toBe(true);
    expect(isOverdue('reserve', NOW + 1, NOW)).toBe(false);
    expect(isOverdue('retired', NOW - DAY, NOW)).toBe(false);
  });
});

describe('invite codes', () => {
  const counter = () => {
    let i = 0;
    return (n: number) => Uint8Array.from({ length: n }, () => i++ % 256);
  };

  it('are 8 characters of the look-alike-free alphabet and pass the shared schema', () => {
    const code = makeInviteCode(counter());
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(inviteCodeSchema.parse(code)).toBe(code);
    expect(INVITE_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('drop biased bytes (≥ 248) instead of folding them onto the first letters', () => {
    const bytes = [255, 250, 248, 0, 1, 2, 3, 4, 5, 6, 7, 30];
    let k = 0;
    const code = makeInviteCode((n) => Uint8Array.from({ length: n }, () => bytes[k++ % bytes.length] as number));
    expect(code).toBe('23456789');
  });

  it('fail loudly when the random source only yields unusable bytes', () => {
    expect(() => makeInviteCode((n) => new Uint8Array(n).fill(255))).toThrow(/no usable bytes/);
  });

  it('the schema accepts lower case and spaces around a typed code, and rejects look-alikes and wrong lengths', () => {
    expect(inviteCodeSchema.parse(' abcd2345 ')).toBe('ABCD2345');
    expect(inviteCodeSchema.safeParse('ABCD0345').success).toBe(false);
    expect(inviteCodeSchema.safeParse('ABCD234').success).toBe(false);
    expect(inviteCodeSchema.safeParse('ABCD23456').success).toBe(false);
    expect(inviteCodeSchema.safeParse(12345678).success).toBe(false);
  });

  it('the schema reads a code copied with spaces or dashes between its groups, or typed full-width, as the code', () => {
    for (const typed of ['abcd 2345', 'ABCD-2345', ' abcd - 2345 ', 'ＡＢＣＤ－２３４５', 'ab cd\t23 45']) expect([typed, inviteCodeSchema.parse(typed)]).toEqual([typed, 'ABCD2345']);
    // The characters codes never use stay refused, however they are typed.
    for (const typed of ['abcd-2341', 'ABCD-234O', 'abcd 234l']) expect([typed, inviteCodeSchema.safeParse(typed).success]).toEqual([typed, false]);
  });

  it('derive the invite id and the grant id, so a redeem is one read and cannot make two grants', () => {
    const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
    const id = inviteIdOf('ABCD2345', sha);
    expect(id).toMatch(/^inv-[0-9a-f]{24}$/);
    expect(id).not.toContain('ABCD2345');
    expect(inviteIdOf('ABCD2345', sha)).toBe(id);
    expect(inviteIdOf('ABCD2346', sha)).not.toBe(id);
    expect(grantIdOfInvite(id)).toBe(`rg-${id}`);
  });
});

describe('invite validity', () => {
  const open = { expiresAt: inviteExpiry(NOW, 7), redeemedAt: null, revokedAt: null };

  it('an invite is valid for its days and expires at the instant they end', () => {
    expect(open.expiresAt).toBe(NOW + 7 * DAY);
    expect(inviteStatus(open, NOW + 7 * DAY - 1)).toBe('open');
    expect(inviteStatus(open, NOW + 7 * DAY)).toBe('expired');
    expect(redeemRefusal(open, NOW)).toBeNull();
    expect(redeemRefusal(open, NOW + 7 * DAY)).toEqual({ code: 'FAILED_PRECONDITION', reason: 'expired' });
  });

  it('a used invite is a CONFLICT even after it would have expired; a revoked one is refused', () => {
    const used = { ...open, redeemedAt: NOW + 1 };
    expect(redeemRefusal(used, NOW + 2)).toEqual({ code: 'CONFLICT', reason: 'used' });
    expect(redeemRefusal(used, NOW + 30 * DAY)).toEqual({ code: 'CONFLICT', reason: 'used' });
    const revoked = { ...open, revokedAt: NOW + 1 };
    expect(redeemRefusal(revoked, NOW + 2)).toEqual({ code: 'FAILED_PRECONDITION', reason: 'revoked' });
    expect(inviteStatus(revoked, NOW + 30 * DAY)).toBe('revoked');
  });

  it('only an open invite can be revoked', () => {
    expect(canRevoke(open, NOW)).toBe(true);
    expect(canRevoke({ ...open, redeemedAt: NOW }, NOW)).toBe(false);
    expect(canRevoke({ ...open, revokedAt: NOW }, NOW)).toBe(false);
    expect(canRevoke(open, NOW + 8 * DAY)).toBe(false);
  });
});

describe('unit tree', () => {
  const corps = { _id: 'c', level: 'corps' as const, path: ['c'] };
  const det = { _id: 'd1', level: 'detachment' as const, path: ['c', 'd1'] };
  const det2 = { _id: 'd2', level: 'detachment' as const, path: ['c', 'd2'] };
  const bat = { _id: 'b1', level: 'battalion' as const, path: ['c', 'd1', 'b1'] };
  const st = { _id: 's1', level: 'station' as const, path: ['c', 'd1', 'b1', 's1'] };

  it('a new unit takes the level below its parent and the parent’s path plus itself', () => {
    expect(childOf(det, 'b9', '新大队', '新大队', 3)).toEqual({
      ok: true,
      unit: { _id: 'b9', name: '新大队', shortName: '新大队', level: 'battalion', parentId: 'd1', path: ['c', 'd1', 'b9'], order: 3 },
    });
    expect(childOf(st, 'x', 'x', 'x', 0)).toEqual({ ok: false, reason: 'a station has no sub-units' });
  });

  it('moving a battalion to another detachment rewrites every path under it', () => {
    const plan = planMove(bat, det2, [bat, st]);
    expect(plan).toEqual({
      ok: true,
      movedPath: ['c', 'd2', 'b1'],
      units: [
        { _id: 'b1', path: ['c', 'd2', 'b1'] },
        { _id: 's1', path: ['c', 'd2', 'b1', 's1'] },
      ],
    });
  });

  it('refuses a cycle, a wrong level and moving the root', () => {
    expect(planMove(det, bat, [det, bat, st])).toEqual({ ok: false, reason: 'a unit cannot move into its own subtree' });
    expect(planMove(st, det2, [st])).toEqual({ ok: false, reason: 'a station cannot sit under a detachment' });
    expect(planMove(bat, corps, [bat])).toEqual({ ok: false, reason: 'a battalion cannot sit under a corps' });
    expect(planMove(corps, det, [corps])).toEqual({ ok: false, reason: 'the corps is the root and cannot move' });
  });

  it('rebasing a path outside the moved subtree is a bug, not a no-op', () => {
    expect(rebasePath(['c', 'd1', 'b1', 's1'], 'b1', ['c', 'd2', 'b1'])).toEqual(['c', 'd2', 'b1', 's1']);
    expect(() => rebasePath(['c', 'd2'], 'b1', ['c', 'd2', 'b1'])).toThrow(/not under b1/);
  });
});
