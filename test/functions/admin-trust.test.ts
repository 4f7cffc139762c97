/**
 * Issue 8 through the real wx-server-sdk: an invite grants only what its creator may still grant
 * when it is redeemed (item 3), and redeeming is rate limited (item 12).
 */
import type { InviteRecord } from '@contract';
import { REDEEM_POLICY } from '../../cloudfunctions/src/domain/rate-limit';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { MATRIX_FUNCTION_ENV, seedGrant, seedInvite, seedMatrixWorld } from './authz-matrix';

/** A deployment admin (ADMIN_OPENIDS) who holds no grant: their authority is the deployment's. */
const DEPLOY_ADMIN = 'o-deploy-admin';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('admin-trust', seedMatrixWorld, { ...MATRIX_FUNCTION_ENV, ADMIN_OPENIDS: `dev-admin,${DEPLOY_ADMIN}` });
});

afterAll(async () => {
  await t?.stop();
});

type Refusal = { ok: false; error: { code: string; reason?: string; message: string; fields?: { path: string; message: string; reason?: string }[] } };

/** Every collection except the rate limit windows (a redeem attempt is counted even when refused). */
function stateOf(cloud: TestCloud): Record<string, Record<string, string>> {
  const { rate_limits: _counted, ...rest } = cloud.cloud.db.snapshot();
  return rest;
}

/** Runs `fn`, asserts it answered `code` with `reason`, and that it wrote nothing but a redeem counter. */
async function refused(cloud: TestCloud, code: string, reason: string, fn: () => Promise<unknown>): Promise<Refusal> {
  const before = stateOf(cloud);
  const res = (await fn()) as Refusal;
  expect(res).toMatchObject({ ok: false, error: { code, reason } });
  expect(stateOf(cloud)).toEqual(before);
  return res;
}

const invite = (id: string) => t.cloud.db.findById('invites', id) as unknown as InviteRecord & { authority?: unknown };
const rolesOf = async (cloud: TestCloud, openid: string) => data(await cloud.call('identity', 'me', {}, openid)).roles.map((r) => [r.role, r.unit._id]);

describe('an invite grants only what its creator may still grant', () => {
  it('an admin’s invite works while they are admin, and records the grant it was made under', async () => {
    const grantId = seedGrant(t.cloud.db, 'u-wlmq', 3_001, { role: 'admin', openid: 'o-admin-still' });
    const made = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-wlmq-b1-s1', validDays: 7 }, 'o-admin-still'));
    expect(invite(made._id).authority).toEqual({ kind: 'grant', grantId });
    expect(data(await t.call('admin', 'redeem', { code: made.code }, 'o-invitee-1'))).toMatchObject({ role: 'editor', unit: { _id: 'u-wlmq-b1-s1' } });
    expect(await rolesOf(t, 'o-invitee-1')).toEqual([['editor', 'u-wlmq-b1-s1']]);
  });

  it('after the creator’s admin grant is revoked, their open invite is refused (invite_authority_lost) and grants nothing', async () => {
    const grantId = seedGrant(t.cloud.db, 'u-wlmq', 3_002, { role: 'admin', openid: 'o-admin-revoked' });
    const made = data(await t.call('admin', 'createInvite', { role: 'reviewer', unitId: 'u-wlmq-b1', validDays: 7 }, 'o-admin-revoked'));
    data(await t.call('admin', 'revokeGrant', { grantId }, 'dev-admin'));
    const res = await refused(t, 'FAILED_PRECONDITION', 'invite_authority_lost', () => t.call('admin', 'redeem', { code: made.code }, 'o-invitee-2'));
    expect(res.error.fields).toEqual([{ path: 'code', message: 'authority_lost', reason: 'invite_authority_lost' }]);
    expect(await rolesOf(t, 'o-invitee-2')).toEqual([]);
    expect(invite(made._id)).toMatchObject({ redeemedBy: null, redeemedAt: null });
  });

  it('a revoked admin cannot regain the role by redeeming an admin invite they made for themselves', async () => {
    const grantId = seedGrant(t.cloud.db, 'u-wlmq', 3_003, { role: 'admin', openid: 'o-attacker' });
    const spare = data(await t.call('admin', 'createInvite', { role: 'admin', unitId: 'u-wlmq', validDays: 30 }, 'o-attacker'));
    data(await t.call('admin', 'revokeGrant', { grantId }, 'mx-det-admin'));
    expect(await rolesOf(t, 'o-attacker')).toEqual([]);
    await refused(t, 'FAILED_PRECONDITION', 'invite_authority_lost', () => t.call('admin', 'redeem', { code: spare.code }, 'o-attacker'));
    expect(await rolesOf(t, 'o-attacker')).toEqual([]);
    // And with nothing regained, nothing else opens either.
    await refused(t, 'PERMISSION_DENIED', 'role_required', () => t.call('admin', 'createInvite', { role: 'admin', unitId: 'u-wlmq', validDays: 30 }, 'o-attacker'));
  });

  it('an invite stays valid while its creator’s grant is in place, even if the creator holds it through a higher unit', async () => {
    // The grant over the detachment covers the station the invite is for.
    const grantId = seedGrant(t.cloud.db, 'u-klmy', 3_004, { role: 'admin', openid: 'o-admin-klmy' });
    const made = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-klmy-b1-s1', validDays: 7 }, 'o-admin-klmy'));
    expect(invite(made._id).authority).toEqual({ kind: 'grant', grantId });
    data(await t.call('admin', 'redeem', { code: made.code }, 'o-invitee-3'));
    expect(await rolesOf(t, 'o-invitee-3')).toEqual([['editor', 'u-klmy-b1-s1']]);
  });

  it('a deployment admin’s invite records the deployment as its authority and works while they are in ADMIN_OPENIDS', async () => {
    const made = data(await t.call('admin', 'createInvite', { role: 'publisher', unitId: 'u-hm', validDays: 7 }, DEPLOY_ADMIN));
    expect(invite(made._id).authority).toEqual({ kind: 'deployment' });
    data(await t.call('admin', 'redeem', { code: made.code }, 'o-invitee-4'));
    expect(await rolesOf(t, 'o-invitee-4')).toEqual([['publisher', 'u-hm']]);
  });

  it('after a deployment admin leaves ADMIN_OPENIDS, their open invite is refused and grants nothing', async () => {
    const made = data(await t.call('admin', 'createInvite', { role: 'admin', unitId: 'u-tlf', validDays: 7 }, DEPLOY_ADMIN));
    const stored = t.cloud.db.findById('invites', made._id) as Record<string, unknown>;
    // The same corps after the deployment's ADMIN_OPENIDS dropped the creator.
    const after = await startTestCloud('admin-trust-env', (db) => {
      seedMatrixWorld(db);
      db.insertMany('invites', [{ ...stored, _id: made._id }]);
    }, MATRIX_FUNCTION_ENV);
    try {
      await refused(after, 'FAILED_PRECONDITION', 'invite_authority_lost', () => after.call('admin', 'redeem', { code: made.code }, DEPLOY_ADMIN));
      await refused(after, 'FAILED_PRECONDITION', 'invite_authority_lost', () => after.call('admin', 'redeem', { code: made.code }, 'o-invitee-5'));
      expect(await rolesOf(after, 'o-invitee-5')).toEqual([]);
      expect(await rolesOf(after, DEPLOY_ADMIN)).toEqual([]);
    } finally {
      await after.stop();
    }
  });

  it('an invite stored before invites recorded their authority is checked against its creator’s roles now', async () => {
    // mx-revoked-admin's only grant (corps admin) was revoked.
    const orphan = seedInvite(t.cloud.db, 'u-wlmq-b1-s1', 3_010, { createdBy: 'mx-revoked-admin' });
    await refused(t, 'FAILED_PRECONDITION', 'invite_authority_lost', () => t.call('admin', 'redeem', { code: orphan.code }, 'o-invitee-6'));
    // mx-det-admin administers Urumqi, not Karamay.
    const outside = seedInvite(t.cloud.db, 'u-klmy-b1-s1', 3_011, { createdBy: 'mx-det-admin' });
    await refused(t, 'FAILED_PRECONDITION', 'invite_authority_lost', () => t.call('admin', 'redeem', { code: outside.code }, 'o-invitee-6'));
    expect(await rolesOf(t, 'o-invitee-6')).toEqual([]);
    const inside = seedInvite(t.cloud.db, 'u-wlmq-b1-s1', 3_012, { createdBy: 'mx-det-admin' });
    data(await t.call('admin', 'redeem', { code: inside.code }, 'o-invitee-6'));
    expect(await rolesOf(t, 'o-invitee-6')).toEqual([['editor', 'u-wlmq-b1-s1']]);
  });
});

describe('redeeming is rate limited', () => {
  it(`the ${REDEEM_POLICY.limit + 1}th attempt within the window is refused even with a valid code, writing nothing; another user is unaffected`, async () => {
    // Start well inside one window, so every attempt below is counted in the same one.
    const left = REDEEM_POLICY.windowMs - (Date.now() % REDEEM_POLICY.windowMs);
    if (left < 30_000) await new Promise((r) => setTimeout(r, left + 50));
    const valid = data(await t.call('admin', 'createInvite', { role: 'editor', unitId: 'u-wlmq-b1-s2', validDays: 7 }, 'dev-admin'));
    for (let i = 0; i < REDEEM_POLICY.limit; i++) {
      const guess = `ZZZZZZ${'23456789'[i % 8]}${'ABCDEFGH'[Math.floor(i / 8)]}`;
      await refused(t, 'NOT_FOUND', 'invite_unknown', () => t.call('admin', 'redeem', { code: guess }, 'o-guesser'));
    }
    const before = t.cloud.db.snapshot();
    const limited = (await t.call('admin', 'redeem', { code: valid.code }, 'o-guesser')) as Refusal;
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', reason: 'rate_limited' } });
    // Not even the counter moves once the window is full.
    expect(t.cloud.db.snapshot()).toEqual(before);
    expect(await rolesOf(t, 'o-guesser')).toEqual([]);
    expect(invite(valid._id)).toMatchObject({ redeemedBy: null });
    // The limit is per person: the code itself still works for someone else.
    data(await t.call('admin', 'redeem', { code: valid.code }, 'o-bystander'));
    expect(await rolesOf(t, 'o-bystander')).toEqual([['editor', 'u-wlmq-b1-s2']]);
  }, 60_000);
});

describe('indexes', () => {
  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
