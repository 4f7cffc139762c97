/**
 * identity through the real wx-server-sdk: who the caller is comes from WeChat's context only;
 * staff give the name (and unit) pages show them by, readers stay anonymous.
 */
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { docs, grant, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const det = unit('u-det', 'detachment', corps, 1);
const station = unit('u-st', 'station', det, 2);

const RISKY = '违禁词';
const HOLD = '待审词';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'identity',
    (db) => {
      db.insertMany('units', docs([corps, det, station]));
      db.insertMany(
        'roles',
        docs([
          grant('g1', 'editor-1', 'editor', 'u-st'),
          grant('g2', 'editor-1', 'reviewer', 'u-det', Date.UTC(2025, 0, 1)),
          grant('g3', 'reviewer-1', 'reviewer', 'u-det'),
          grant('g4', 'reviewer-1', 'publisher', 'u-gone'),
          grant('g5', 'dev-admin', 'editor', 'u-st'),
        ]),
      );
    },
    { ADMIN_OPENIDS: 'dev-admin, other-admin' },
    { secWords: [RISKY], reviewWords: [HOLD] },
  );
});

afterAll(async () => {
  await t?.stop();
});

describe('me', () => {
  it('a reader holds no roles and gets a short handle that is not the OPENID', async () => {
    const me = data(await t.call('identity', 'me', {}, 'o-reader-abc'));
    expect(me.reader).toBe(true);
    expect(me.roles).toEqual([]);
    expect(me.handle).toMatch(/^[0-9a-f]{10}$/);
    expect(JSON.stringify(me)).not.toContain('o-reader-abc');
  });

  it('the handle is stable for a user across calls and instances, and differs between users', async () => {
    const a = await Promise.all([1, 2, 3].map(() => t.call('identity', 'me', {}, 'o-user-a')));
    const handles = new Set(a.map((r) => data(r).handle));
    expect(handles.size).toBe(1);
    const b = data(await t.call('identity', 'me', {}, 'o-user-b'));
    expect(handles.has(b.handle)).toBe(false);
  });

  it('an editor sees the active grant with its unit; a revoked grant is gone', async () => {
    const me = data(await t.call('identity', 'me', {}, 'editor-1'));
    expect(me.reader).toBe(false);
    expect(me.roles).toEqual([{ role: 'editor', unit: { _id: 'u-st', name: station.name, shortName: 'u-st', level: 'station' } }]);
  });

  it('a grant over a unit that no longer exists covers nothing', async () => {
    const me = data(await t.call('identity', 'me', {}, 'reviewer-1'));
    expect(me.roles.map((r) => [r.role, r.unit._id])).toEqual([['reviewer', 'u-det']]);
  });

  it('a deployment admin from ADMIN_OPENIDS is admin of the corps root, plus their grants', async () => {
    const me = data(await t.call('identity', 'me', {}, 'dev-admin'));
    expect(me.reader).toBe(false);
    expect(me.roles.map((r) => [r.role, r.unit._id])).toEqual([
      ['admin', 'u-corps'],
      ['editor', 'u-st'],
    ]);
    const other = data(await t.call('identity', 'me', {}, 'other-admin'));
    expect(other.roles.map((r) => [r.role, r.unit.level])).toEqual([['admin', 'corps']]);
  });

  it('ignores any identity the request claims: only WeChat’s OPENID counts', async () => {
    const res = await t.raw('identity', { action: 'me', data: { openid: 'dev-admin' } }, 'o-reader-abc');
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const me = data(await t.call('identity', 'me', {}, 'o-reader-abc'));
    expect(me.roles).toEqual([]);
  });

  it('a call without a WeChat identity is UNAUTHENTICATED', async () => {
    const res = await t.cloud.invoke('identity', { action: 'me', data: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

});

type Refusal = { ok: false; error: { code: string; reason?: string; fields?: { path: string; reason?: string }[] } };

/** Runs `fn` and asserts it answered `code` (and `reason`) and left every collection as it was. */
async function refusedWithoutWrites(code: string, reason: string | undefined, fn: () => Promise<unknown>): Promise<Refusal> {
  const before = t.cloud.db.snapshot();
  const res = (await fn()) as Refusal;
  expect(res).toMatchObject({ ok: false, error: { code, ...(reason ? { reason } : {}) } });
  expect(t.cloud.db.snapshot()).toEqual(before);
  return res;
}

function auditOf(action: string): { actor: string; before: unknown; after: unknown }[] {
  return Object.values(t.cloud.db.snapshot().audit ?? {})
    .map((raw) => JSON.parse(raw.slice(raw.indexOf(':') + 1)) as { actor: string; action: string; before: unknown; after: unknown })
    .filter((e) => e.action === action);
}

describe('staff profiles', () => {
  it('a reader has no profile and may not save one: readers stay anonymous', async () => {
    expect(data(await t.call('identity', 'me', {}, 'o-reader-abc')).profile).toBeUndefined();
    await refusedWithoutWrites('PERMISSION_DENIED', 'profile_staff_only', () => t.call('identity', 'saveProfile', { name: '张三' }, 'o-reader-abc'));
  });

  it('a staff member saves their name and a unit they hold a role in; me answers it, the audit entry commits with it', async () => {
    const saved = data(await t.call('identity', 'saveProfile', { name: ' 王磊 ', unitId: 'u-st' }, 'editor-1'));
    expect(saved).toEqual({ name: '王磊', unit: { _id: 'u-st', name: station.name, shortName: 'u-st', level: 'station' } });
    const me = data(await t.call('identity', 'me', {}, 'editor-1'));
    expect(me.profile).toEqual(saved);
    expect(JSON.stringify(me)).not.toContain('editor-1');
    expect(auditOf('identity.saveProfile')).toEqual([expect.objectContaining({ actor: 'editor-1', before: null, after: { name: '王磊', unitId: 'u-st' } })]);
  });

  it('a unit where the caller holds no role (a revoked grant counts for nothing) is refused, nothing written', async () => {
    const res = await refusedWithoutWrites('INVALID_ARGUMENT', 'profile_unit_not_held', () => t.call('identity', 'saveProfile', { name: '王磊', unitId: 'u-det' }, 'editor-1'));
    expect(res.error.fields).toEqual([expect.objectContaining({ path: 'unitId', reason: 'profile_unit_not_held' })]);
  });

  it('without a unit a new profile takes the first unit held and an edit keeps it; null clears it', async () => {
    expect(data(await t.call('identity', 'saveProfile', { name: '李娜' }, 'reviewer-1')).unit?._id).toBe('u-det');
    expect(data(await t.call('identity', 'saveProfile', { name: '李娜娜' }, 'reviewer-1'))).toMatchObject({ name: '李娜娜', unit: { _id: 'u-det' } });
    expect(data(await t.call('identity', 'saveProfile', { name: '李娜娜', unitId: null }, 'reviewer-1'))).toEqual({ name: '李娜娜', unit: null });
    expect(data(await t.call('identity', 'me', {}, 'reviewer-1')).profile).toEqual({ name: '李娜娜', unit: null });
  });

  it('a deployment admin without a grant has a profile at the corps root', async () => {
    expect(data(await t.call('identity', 'saveProfile', { name: '赵总', unitId: 'u-corps' }, 'other-admin'))).toMatchObject({ name: '赵总', unit: { _id: 'u-corps' } });
  });

  it('a risky name is refused and a doubtful one held back: nothing is written', async () => {
    await refusedWithoutWrites('CONTENT_REJECTED', 'content_risky', () => t.call('identity', 'saveProfile', { name: `王${RISKY}` }, 'dev-admin'));
    await refusedWithoutWrites('CONTENT_HELD', 'content_held', () => t.call('identity', 'saveProfile', { name: `王${HOLD}` }, 'dev-admin'));
    expect(data(await t.call('identity', 'me', {}, 'dev-admin')).profile).toBeUndefined();
  });

  it.each([
    ['too short', '王'],
    ['too long', '王'.repeat(17)],
    ['on two lines', '王\n磊'],
    ['with an invisible character', '王\u200b磊'],
    ['reserved for people without a profile (系统)', '系统'],
    ['reserved for people without a profile (未署名人员)', '未署名人员'],
  ])('a name %s is INVALID_ARGUMENT on the name field, nothing written', async (_why, name) => {
    const res = await refusedWithoutWrites('INVALID_ARGUMENT', undefined, () => t.call('identity', 'saveProfile', { name }, 'dev-admin'));
    expect(res.error.fields?.map((f) => f.path)).toEqual(['name']);
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
