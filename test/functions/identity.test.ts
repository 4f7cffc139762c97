/** identity.me through the real wx-server-sdk: who the caller is comes from WeChat's context only. */
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { docs, grant, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const det = unit('u-det', 'detachment', corps, 1);
const station = unit('u-st', 'station', det, 2);

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

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
