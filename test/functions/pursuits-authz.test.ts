/**
 * Authorization of the honour pursuits (争创荣誉) with the shared matrix. A pursuit is organised by
 * the corps or a detachment: each row targets the detachment of the matrix's station (inside: its
 * own detachment, outside: another one), so the corps admin is allowed in both cells and the
 * detachment admin only in its own — corps scope vs detachment scope. Managing (make, edit, put
 * forward, take off, record an outcome) is the admin's, each allowed call writing its one audit
 * entry in the write's own transaction; reading a pursuit is for any staff role whose subtree
 * contains its unit; the lists and the deadlines are any staff role's, scoped to their subtrees.
 * Every refused call writes nothing.
 */
import type { PursuitDoc } from '@contract';
import { shanghaiDate } from '../../cloudfunctions/src/domain/pursuits';
import { startTestCloud, type TestCloud } from './cloud-fixture';
import { describeAuthzMatrix, matrixUnit, MATRIX_FUNCTION_ENV, seedExemplar, seedMatrixWorld, type MatrixTarget, type StaffAction } from './authz-matrix';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('pursuits-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

const DAY = 86_400_000;
const day = (d: number) => shanghaiDate(Date.now() + d * DAY);

/** The detachment (支队) a matrix target sits under: the unit a pursuit is organised by. */
const detachmentOf = (target: MatrixTarget): MatrixTarget => matrixUnit(target.path[1] as string);

/**
 * A pursuit at the target's detachment, its nomination deadline passed (outcomes open), with a
 * public station of the target as a candidate; answers the pursuit and the candidate's id.
 */
function seedPursuit(target: MatrixTarget, seq: number, withCandidate = true): { pursuitId: string; exemplarId: string } {
  const det = detachmentOf(target);
  const exemplarId = seedExemplar(t.cloud.db, target.unitId, seq);
  const now = Date.now();
  const doc: PursuitDoc = {
    _id: `pu-mx-${seq}`,
    name: `矩阵荣誉${seq}`,
    level: 'prefecture',
    awardedBy: '地区团委',
    unitId: det.unitId,
    unitPath: det.path,
    opensOn: day(-40),
    nominationDeadline: day(-10),
    resultOn: day(5),
    keyDates: [],
    note: '',
    candidates: withCandidate
      ? [{ exemplarId, name: `矩阵典型${seq}`, kind: 'collective', unitId: target.unitId, outcome: 'pending', honourId: null, awardedOn: null, addedBy: 'dev-admin', addedAt: now - DAY, decidedBy: null, decidedAt: null }]
      : [],
    year: Number(day(-10).slice(0, 4)),
    deadlineDay: Number(day(-10).replace(/-/g, '')),
    lastDay: Number(day(5).replace(/-/g, '')),
    createdBy: 'dev-admin',
    createdAt: now - 2 * DAY,
    updatedAt: now - DAY,
  };
  t.cloud.db.insertMany('pursuits', [doc as unknown as Record<string, unknown>]);
  return { pursuitId: doc._id, exemplarId };
}

const STAFF = ['editor', 'reviewer', 'publisher', 'admin'] as const;

const PURSUIT_ACTIONS: StaffAction[] = [
  { name: 'workboard.pursuits', roles: STAFF, scope: 'anywhere', writes: false, request: () => ({}) },
  { name: 'workboard.pursuitDeadlines', roles: STAFF, scope: 'anywhere', writes: false, request: () => ({}) },
  { name: 'workboard.pursuit', roles: STAFF, writes: false, targetOf: detachmentOf, request: (target, { seq }) => ({ id: seedPursuit(target, seq).pursuitId }) },
  {
    name: 'workboard.savePursuit',
    label: 'create',
    roles: ['admin'],
    writes: true,
    auditAction: 'pursuit.create',
    targetOf: detachmentOf,
    request: (target, { seq }) => ({
      requestKey: `mx-pursuit-${seq}`,
      unitId: detachmentOf(target).unitId,
      name: `矩阵新荣誉${seq}`,
      level: 'county',
      awardedBy: '县委',
      opensOn: day(0),
      nominationDeadline: day(10),
      resultOn: day(20),
      keyDates: [{ label: '党委书记汇报', date: day(8) }],
      note: '',
    }),
  },
  {
    name: 'workboard.savePursuit',
    label: 'edit',
    roles: ['admin'],
    writes: true,
    auditAction: 'pursuit.update',
    targetOf: detachmentOf,
    request: (target, { seq }) => ({
      id: seedPursuit(target, seq).pursuitId,
      unitId: detachmentOf(target).unitId,
      name: `矩阵荣誉${seq}（改）`,
      level: 'prefecture',
      awardedBy: '地区团委',
      opensOn: day(-40),
      nominationDeadline: day(-10),
      resultOn: day(5),
      keyDates: [],
      note: '改名',
    }),
  },
  { name: 'workboard.pursuitOptions', roles: ['admin'], writes: false, targetOf: detachmentOf, request: (target, { seq }) => ({ pursuitId: seedPursuit(target, seq).pursuitId }) },
  {
    name: 'workboard.addPursuitCandidate',
    roles: ['admin'],
    writes: true,
    auditAction: 'pursuit.candidate.add',
    targetOf: detachmentOf,
    request: (target, { seq }) => {
      const { pursuitId } = seedPursuit(target, seq, false);
      return { pursuitId, exemplarId: seedExemplar(t.cloud.db, target.unitId, seq + 500_000) };
    },
  },
  { name: 'workboard.removePursuitCandidate', roles: ['admin'], writes: true, auditAction: 'pursuit.candidate.remove', targetOf: detachmentOf, request: (target, { seq }) => seedPursuit(target, seq) },
  {
    name: 'workboard.setPursuitOutcome',
    roles: ['admin'],
    writes: true,
    auditAction: 'pursuit.outcome.awarded',
    targetOf: detachmentOf,
    request: (target, { seq }) => ({ ...seedPursuit(target, seq), outcome: 'awarded' }),
  },
];

describeAuthzMatrix('pursuits', () => t, PURSUIT_ACTIONS);

describe('callers without an identity', () => {
  it('are UNAUTHENTICATED for every pursuits action, and nothing is written', async () => {
    for (const [i, action] of PURSUIT_ACTIONS.entries()) {
      const act = action.name.split('.')[1] as string;
      const req = await action.request(matrixUnit('u-wlmq-b1-s1'), { t, seq: 30_000 + i });
      const before = t.cloud.db.snapshot();
      const res = await t.cloud.invoke('workboard', { action: act, data: req });
      expect([action.name, res]).toEqual([action.name, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
