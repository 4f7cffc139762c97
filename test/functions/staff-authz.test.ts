/**
 * Authorization of every admin and library action, and of the staff profile: each dev identity,
 * inside and outside the subtree, is allowed exactly when its grants say so; a refusal writes
 * nothing at all.
 */
import { startTestCloud, type TestCloud } from './cloud-fixture';
import {
  describeAuthzMatrix,
  MATRIX_FUNCTION_ENV,
  matrixUnit,
  seedExemplar,
  seedGrant,
  seedInvite,
  seedMatrixWorld,
  seedStation,
  type MatrixTarget,
  type StaffAction,
} from './authz-matrix';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('staff-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

const battalionOf = (target: MatrixTarget) => matrixUnit(target.path[target.path.length - 2] as string);

const ADMIN_LIBRARY_ACTIONS: StaffAction[] = [
  { name: 'admin.createInvite', roles: ['admin'], writes: true, request: (target) => ({ role: 'editor', unitId: target.unitId, validDays: 7 }) },
  { name: 'admin.listInvites', roles: ['admin'], writes: false, request: (target) => ({ unitId: target.unitId }) },
  { name: 'admin.revokeInvite', roles: ['admin'], writes: true, request: (target, { t, seq }) => ({ inviteId: seedInvite(t.cloud.db, target.unitId, seq).id }) },
  { name: 'admin.listGrants', roles: ['admin'], writes: false, request: (target) => ({ unitId: target.unitId }) },
  { name: 'admin.revokeGrant', roles: ['admin'], writes: true, request: (target, { t, seq }) => ({ grantId: seedGrant(t.cloud.db, target.unitId, seq) }) },
  { name: 'admin.auditLog', roles: ['admin'], scope: 'root', writes: false, request: () => ({ limit: 5 }) },
  { name: 'admin.unitTree', roles: ['admin'], scope: 'anywhere', writes: false, request: () => ({}) },
  {
    name: 'admin.addUnit',
    roles: ['admin'],
    writes: true,
    targetOf: battalionOf,
    request: (target, { seq }) => ({ parentId: battalionOf(target).unitId, name: `新建站${seq}`, shortName: `新站${seq}` }),
  },
  { name: 'admin.renameUnit', roles: ['admin'], writes: true, request: (target, { seq }) => ({ unitId: target.unitId, name: `改名站${seq}`, shortName: `改名${seq}` }) },
  {
    name: 'admin.moveUnit',
    roles: ['admin'],
    writes: true,
    targetOf: battalionOf,
    request: (target, { t, seq }) => {
      const bat = battalionOf(target);
      const station = seedStation(t.cloud.db, bat.unitId, seq);
      return { unitId: station.unitId, parentId: bat.unitId };
    },
  },
  {
    name: 'admin.saveCampaign',
    roles: ['admin'],
    scope: 'root',
    writes: true,
    request: (_target, { seq }) => ({ name: `矩阵专题${seq}`, slug: `matrix-${seq}`, description: '专题简介', order: 50 + (seq % 9000) }),
  },
  { name: 'admin.listCampaigns', roles: ['admin'], scope: 'root', writes: false, request: () => ({}) },
  {
    name: 'library.changeTier',
    roles: ['publisher'],
    writes: true,
    auditAction: 'library.promote',
    request: (target, { t, seq }) => ({ exemplarId: seedExemplar(t.cloud.db, target.unitId, seq), change: 'promote', reason: '事迹突出，升入重大典型库' }),
  },
  { name: 'library.overdue', roles: ['publisher'], scope: 'anywhere', writes: false, request: () => ({}) },
  { name: 'library.history', roles: ['publisher'], writes: false, request: (target, { t, seq }) => ({ exemplarId: seedExemplar(t.cloud.db, target.unitId, seq) }) },
  // Any staff member names themselves; a reader (or someone whose grants were revoked) has no profile.
  { name: 'identity.saveProfile', roles: ['editor', 'reviewer', 'publisher', 'admin'], scope: 'anywhere', writes: true, request: (_target, { seq }) => ({ name: `矩阵人员${seq}` }) },
];

describeAuthzMatrix('admin and library', () => t, ADMIN_LIBRARY_ACTIONS);

describe('callers without the role', () => {
  it('a call without a WeChat identity is UNAUTHENTICATED for every staff action and writes nothing', async () => {
    for (const action of ADMIN_LIBRARY_ACTIONS) {
      const [fn, act] = action.name.split('.') as ['admin' | 'library' | 'identity', string];
      const req = await action.request(matrixUnit('u-wlmq-b1-s1'), { t, seq: 10_000 + ADMIN_LIBRARY_ACTIONS.indexOf(action) });
      const before = t.cloud.db.snapshot();
      const res = await t.cloud.invoke(fn, { action: act, data: req });
      expect([action.name, res]).toEqual([action.name, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
