/**
 * Authorization of the 岗位标兵 selection actions with the shared matrix, corps scope against
 * detachment scope: a corps admin opens, closes and publishes rounds of any detachment, a
 * detachment admin only its own; admins and editors put candidates forward at units of their
 * subtree; a round is visible to the staff over or inside its unit (to anyone else it does not
 * exist); any staff member seated on a committee scores (who is seated is checked in
 * selections.test.ts). Every refusal writes nothing.
 */
import type { SelectionCandidateDoc, SelectionRoundDoc } from '@contract';
import { SELECTION_TIE_RULE } from '@contract';
import { startTestCloud, type TestCloud } from './cloud-fixture';
import { describeAuthzMatrix, MATRIX_FUNCTION_ENV, MATRIX_ROOT, matrixUnit, seedGrant, seedMatrixWorld, type MatrixContext, type MatrixTarget, type StaffAction } from './authz-matrix';
import type { DatabaseBackend } from '../../emulator/server';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('selections-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

const detachmentOf = (target: MatrixTarget) => matrixUnit(target.path[1] as string);
const CRITERIA = [{ name: '业务能力', weight: 1, maxScore: 10 }];

/** A round at `at` in `state`, with one candidate (put forward by someone outside the matrix) when asked. */
function seedRound(db: DatabaseBackend, at: MatrixTarget, seq: number, over: Partial<SelectionRoundDoc> = {}, withCandidate = true): { round: string; candidate: string } {
  const now = Date.now() - 60_000;
  const round: SelectionRoundDoc = {
    _id: `sr-mx-${seq}`,
    category: 'rescue',
    period: '2025年度',
    unitId: at.unitId,
    unitPath: at.path,
    criteria: CRITERIA,
    quota: 3,
    places: 1,
    committee: ['mx-member-1', 'mx-member-2', 'mx-member-3'],
    tieRule: SELECTION_TIE_RULE,
    state: 'open',
    quotaUsed: withCandidate ? { [at.unitId]: 1 } : {},
    candidateCount: withCandidate ? 1 : 0,
    createdBy: 'dev-admin',
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    publishedAt: null,
    campaignId: null,
    results: null,
    ...over,
  };
  const candidate: SelectionCandidateDoc = { _id: `sc-mx-${seq}`, roundId: round._id, exemplarId: null, name: `矩阵候选${seq}`, unitId: at.unitId, unitPath: at.path, quotaUnitId: at.unitId, putForwardBy: 'mx-proposer', putForwardAt: now };
  db.insertMany('selection_rounds', [round as unknown as Record<string, unknown>]);
  if (withCandidate) db.insertMany('selection_candidates', [candidate as unknown as Record<string, unknown>]);
  return { round: round._id, candidate: candidate._id };
}

const SELECTION_ACTIONS: StaffAction[] = [
  { name: 'workboard.selectionRounds', roles: ['admin', 'editor', 'reviewer', 'publisher'], scope: 'anywhere', writes: false, request: () => ({}) },
  {
    // A round at a station: staff over it (or in it) open it; to anyone else it does not exist.
    name: 'workboard.selectionRound',
    roles: ['admin', 'editor', 'reviewer', 'publisher'],
    writes: false,
    refusal: 'NOT_FOUND',
    request: (target, { t, seq }) => ({ id: seedRound(t.cloud.db, target, seq).round }),
  },
  { name: 'workboard.selectionPeople', roles: ['admin'], writes: false, targetOf: detachmentOf, request: (target) => ({ unitId: detachmentOf(target).unitId }) },
  {
    name: 'workboard.createSelectionRound',
    roles: ['admin'],
    writes: true,
    targetOf: detachmentOf,
    request: (target, { t, seq }) => {
      const det = detachmentOf(target).unitId;
      const committee = [1, 2, 3].map((i) => seedGrant(t.cloud.db, det, seq * 10 + i, { role: 'reviewer' }));
      return { unitId: det, category: 'law', period: '2025年度', criteria: CRITERIA, quota: 2, places: 1, committee };
    },
  },
  {
    // A corps round takes candidates from every station; the caller must hold admin or editor over the person's unit.
    name: 'workboard.putForward',
    roles: ['admin', 'editor'],
    writes: true,
    request: (target, { t, seq }) => ({ roundId: seedRound(t.cloud.db, matrixUnit(MATRIX_ROOT), seq, {}, false).round, nominee: { name: `矩阵人员${seq}`, unitId: target.unitId } }),
  },
  {
    // Any staff member seated on the committee scores (the request seats the caller).
    name: 'workboard.scoreCandidate',
    roles: ['admin', 'editor', 'reviewer', 'publisher'],
    scope: 'anywhere',
    writes: true,
    request: (target, ctx: MatrixContext) => {
      const ids = seedRound(ctx.t.cloud.db, target, ctx.seq, { committee: [ctx.caller?.openid ?? 'mx-member-1', 'mx-member-2', 'mx-member-3'] });
      return { roundId: ids.round, candidateId: ids.candidate, scores: [8] };
    },
  },
  {
    name: 'workboard.closeSelectionRound',
    roles: ['admin'],
    writes: true,
    targetOf: detachmentOf,
    request: (target, { t, seq }) => ({ id: seedRound(t.cloud.db, detachmentOf(target), seq).round }),
  },
  {
    name: 'workboard.publishSelectionRound',
    roles: ['admin'],
    writes: true,
    targetOf: detachmentOf,
    request: (target, { t, seq }) => {
      const at = detachmentOf(target);
      const { round } = seedRound(t.cloud.db, at, seq, { state: 'closed', closedAt: Date.now() - 1000, results: [{ candidateId: `sc-mx-${seq}`, rank: 1, total: 80, means: [8], sheets: 3, winner: true }] });
      return { id: round };
    },
  },
];

describeAuthzMatrix('selections', () => t, SELECTION_ACTIONS);

describe('the matrix world', () => {
  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
