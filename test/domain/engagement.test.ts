/** The pure engagement rules: record ids, days in Shanghai, counter moves, rate windows, posters, drift. */
import { createHash } from 'node:crypto';
import {
  confirmedRepairs,
  counterDelta,
  driftedCounters,
  likeId,
  parseEnvVersion,
  posterCodePath,
  posterScene,
  reportOf,
  SET_LIKE_POLICY,
  shanghaiDay,
  shareChannelField,
  shownCount,
  viewId,
} from '../../cloudfunctions/src/domain/engagement';
import { idSchema } from '@contract';
import { rateWindow } from '../../cloudfunctions/src/domain/rate-limit';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('like record ids', () => {
  it('are the same for the same user and target, and valid ids', () => {
    const a = likeId({ kind: 'story', id: 's1' }, 'o-1', sha);
    expect(likeId({ kind: 'story', id: 's1' }, 'o-1', sha)).toBe(a);
    expect(idSchema.safeParse(a).success).toBe(true);
  });

  it('differ across users, targets and kinds, and do not reveal the OPENID', () => {
    const ids = new Set([
      likeId({ kind: 'story', id: 's1' }, 'o-1', sha),
      likeId({ kind: 'story', id: 's1' }, 'o-2', sha),
      likeId({ kind: 'story', id: 's2' }, 'o-1', sha),
      likeId({ kind: 'exemplar', id: 's1' }, 'o-1', sha),
    ]);
    expect(ids.size).toBe(4);
    for (const id of ids) expect(id).not.toContain('o-1');
  });
});

describe('days in Asia/Shanghai', () => {
  it('a day starts at 16:00 UTC of the previous UTC day', () => {
    const midnightShanghai = Date.UTC(2025, 4, 1, 16, 0, 0); // 2025-05-02 00:00 in Shanghai
    expect(shanghaiDay(midnightShanghai)).toBe(shanghaiDay(midnightShanghai - 1) + 1);
    // 23:59 UTC is already the next morning in Shanghai, the same Shanghai day as 16:00 UTC.
    expect(shanghaiDay(Date.UTC(2025, 4, 1, 23, 59))).toBe(shanghaiDay(midnightShanghai));
  });

  it('a view id is stable within a Shanghai day and changes at its midnight', () => {
    const noon = Date.UTC(2025, 4, 1, 4, 0); // 12:00 Shanghai
    const lateEvening = Date.UTC(2025, 4, 1, 15, 59); // 23:59 Shanghai
    const nextMorning = Date.UTC(2025, 4, 1, 16, 1); // 00:01 Shanghai next day
    expect(viewId('s1', 'o-1', noon, sha)).toBe(viewId('s1', 'o-1', lateEvening, sha));
    expect(viewId('s1', 'o-1', nextMorning, sha)).not.toBe(viewId('s1', 'o-1', lateEvening, sha));
    expect(viewId('s1', 'o-2', noon, sha)).not.toBe(viewId('s1', 'o-1', noon, sha));
    expect(idSchema.safeParse(viewId('s1', 'o-1', noon, sha)).success).toBe(true);
  });
});

describe('counter moves', () => {
  it('only the write that created or deleted the record moves the counter', () => {
    expect(counterDelta({ kind: 'inserted' })).toBe(1);
    expect(counterDelta({ kind: 'duplicate' })).toBe(0);
    expect(counterDelta({ kind: 'removed' })).toBe(-1);
    expect(counterDelta({ kind: 'absent' })).toBe(0);
  });

  it('the count shown is never negative and never 0 to someone who likes', () => {
    expect(shownCount(5, true)).toBe(5);
    expect(shownCount(0, true)).toBe(1);
    expect(shownCount(-1, false)).toBe(0);
    expect(shownCount(undefined, false)).toBe(0);
    expect(shownCount(null, true)).toBe(1);
  });
});

describe('rate windows', () => {
  it('calls in one window share a document; the next window gets another', () => {
    const t0 = 1_700_000_000_000;
    const a = rateWindow('like', 'o-1', t0, SET_LIKE_POLICY, sha);
    expect(rateWindow('like', 'o-1', t0 + 1, SET_LIKE_POLICY, sha).id).toBe(a.id);
    expect(rateWindow('like', 'o-1', a.expiresAt, SET_LIKE_POLICY, sha).id).not.toBe(a.id);
    expect(rateWindow('like', 'o-2', t0, SET_LIKE_POLICY, sha).id).not.toBe(a.id);
    expect(rateWindow('share', 'o-1', t0, SET_LIKE_POLICY, sha).id).not.toBe(a.id);
    expect(a.expiresAt).toBeGreaterThan(t0);
    expect(a.expiresAt - t0).toBeLessThanOrEqual(SET_LIKE_POLICY.windowMs);
  });
});

describe('shares and posters', () => {
  it('names the per-channel share field', () => {
    expect(shareChannelField('moments')).toBe('shareByChannel.moments');
  });

  it('a poster scene is the story code, and invalid codes are refused', () => {
    expect(posterScene('Ab3xZ9')).toBe('Ab3xZ9');
    expect(() => posterScene('故事1')).toThrow();
    expect(() => posterScene('x'.repeat(33))).toThrow();
  });

  it('the poster path depends on the code and the env version only', () => {
    expect(posterCodePath('Ab3xZ9', 'release')).toBe('poster-codes/release/Ab3xZ9.png');
    expect(posterCodePath('Ab3xZ9', 'develop')).not.toBe(posterCodePath('Ab3xZ9', 'release'));
  });

  it('env version defaults to release and refuses anything unknown', () => {
    expect(parseEnvVersion(undefined)).toBe('release');
    expect(parseEnvVersion('trial')).toBe('trial');
    expect(() => parseEnvVersion('beta')).toThrow(/POSTER_ENV_VERSION/);
  });
});

describe('drift', () => {
  it('reports counters that differ from their records, including missing ones', () => {
    const drifts = driftedCounters('story', [
      { id: 'a', counter: 3, records: 3 },
      { id: 'b', counter: 7, records: 2 },
      { id: 'c', counter: 0, records: 1 },
      { id: 'd', counter: undefined, records: 0 },
      { id: 'e', counter: null, records: 4 },
    ]);
    expect(drifts).toEqual([
      { kind: 'story', id: 'b', was: 7, now: 2, missing: false },
      { kind: 'story', id: 'c', was: 0, now: 1, missing: false },
      { kind: 'story', id: 'd', was: 0, now: 0, missing: true },
      { kind: 'story', id: 'e', was: 0, now: 4, missing: true },
    ]);
    expect(reportOf(drifts[0]!)).toEqual({ kind: 'story', id: 'b', was: 7, now: 2 });
  });

  it('repairs only drifts a second look confirms unchanged (an in-flight like settles in between)', () => {
    const first = driftedCounters('story', [
      { id: 'crashed', counter: 4, records: 5 },
      { id: 'in-flight', counter: 4, records: 5 },
      { id: 'moved', counter: 9, records: 1 },
    ]);
    const second = driftedCounters('story', [
      { id: 'crashed', counter: 4, records: 5 },
      { id: 'in-flight', counter: 5, records: 5 },
      { id: 'moved', counter: 10, records: 2 },
      { id: 'new', counter: 1, records: 0 },
    ]);
    expect(confirmedRepairs(first, second).map((d) => d.id)).toEqual(['crashed']);
  });
});
