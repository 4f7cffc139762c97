/**
 * Authorization of the figures with the shared matrix: any staff role over the unit asked about
 * reads its figures and exports its workbook (the corps' staff every unit, a detachment admin only
 * its own subtree, a station's editor only the station); everyone else is refused and nothing is
 * written. Reading figures writes nothing, the export only a file in storage.
 */
import { startTestCloud, type TestCloud } from './cloud-fixture';
import { describeAuthzMatrix, MATRIX_FUNCTION_ENV, seedMatrixWorld, type StaffAction } from './authz-matrix';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('figures-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

const FIGURE_ACTIONS: StaffAction[] = [
  { name: 'workboard.figures', roles: ['editor', 'reviewer', 'publisher', 'admin'], writes: false, request: (target) => ({ unitId: target.unitId, from: 2022 }) },
  { name: 'workboard.exportFigures', roles: ['editor', 'reviewer', 'publisher', 'admin'], writes: false, request: (target) => ({ unitId: target.unitId, from: '2023-01-01', to: 2024 }) },
];

describeAuthzMatrix('figures', () => t, FIGURE_ACTIONS);

describe('scope of the figures', () => {
  it('a detachment admin is refused the corps and another detachment, and is told it is outside their scope', async () => {
    for (const unitId of ['u-xj', 'u-klmy']) {
      const res = await t.call('workboard', 'figures', { unitId, from: 2022 }, 'mx-det-admin');
      expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope' } });
    }
  });

  it('a unit that does not exist is NOT_FOUND for staff and role_required for a reader', async () => {
    expect(await t.call('workboard', 'figures', { unitId: 'u-nowhere', from: 2022 }, 'dev-admin')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('workboard', 'figures', { unitId: 'u-nowhere', from: 2022 }, 'dev-reader')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required' } });
  });

  it('the unit picker offers a detachment admin their own subtree only, the corps admin every unit', async () => {
    const det = await t.call('workboard', 'figures', { unitId: 'u-wlmq', from: 2022 }, 'mx-det-admin');
    if (!det.ok) throw new Error(JSON.stringify(det.error));
    expect(det.data.scope.length).toBeGreaterThan(1);
    expect(det.data.scope.every((u) => u._id.startsWith('u-wlmq'))).toBe(true);
    const corps = await t.call('workboard', 'figures', { unitId: 'u-wlmq', from: 2022 }, 'dev-admin');
    if (!corps.ok) throw new Error(JSON.stringify(corps.error));
    expect(corps.data.scope.some((u) => u._id === 'u-xj')).toBe(true);
    expect(corps.data.scope.some((u) => u._id.startsWith('u-klmy'))).toBe(true);
  });

  it('callers without an identity are UNAUTHENTICATED', async () => {
    const res = await t.cloud.invoke('workboard', { action: 'figures', data: { unitId: 'u-xj', from: 2022 } });
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
