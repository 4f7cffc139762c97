/**
 * Authorization of the plan board (挂图作业) with the shared matrix, corps and detachment rows
 * side by side: the corps admin makes and fills every plan and ticks every task, the detachment
 * admin (乌鲁木齐支队) only its own detachment's; reading a board needs any staff role over the
 * plan's unit, reading a task any staff role over its owner unit; a tick, a start and a reopen
 * need an admin over the task's owner unit. Every refused cell writes nothing; every allowed
 * write writes its one audit entry in the action's transaction.
 */
import type { PlanTaskDoc } from '@contract';
import { MATRIX_NOW, MATRIX_FUNCTION_ENV, describeAuthzMatrix, matrixUnit, seedMatrixWorld, type MatrixTarget, type StaffAction } from './authz-matrix';
import { planIdOf, shanghaiYmd } from '../../cloudfunctions/src/domain/plans';
import { startTestCloud, type TestCloud } from './cloud-fixture';
import { png } from './fixtures';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('plans-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

/** The demo world's plans are of the seed's year (emulator/seed/plans.ts). */
const YEAR = Number(shanghaiYmd(MATRIX_NOW).slice(0, 4));
/** The target's detachment: plans are made there. */
const detachmentOf = (target: MatrixTarget): MatrixTarget => matrixUnit(target.path[1] as string);
const planOf = (target: MatrixTarget): string => planIdOf(YEAR, detachmentOf(target).unitId);

/** A task of the target's detachment plan owned by the target station, in `status`; answers its id. */
function seedTask(target: MatrixTarget, seq: number, status: PlanTaskDoc['status']): string {
  const at = Date.now() - 60_000;
  const doc: PlanTaskDoc = {
    _id: `pt-mx-${seq}`,
    planId: planOf(target),
    year: YEAR,
    planUnitId: detachmentOf(target).unitId,
    unitId: target.unitId,
    unitPath: target.path,
    title: `矩阵任务${seq}`,
    responsible: '赵军',
    due: `${YEAR}-08-01`,
    status,
    doneAt: status === 'done' ? at : null,
    evidence: status === 'done' ? { note: '已完成', photos: [], link: null, by: 'dev-admin', at } : null,
    link: null,
    reopens: [],
    remindedFor: null,
    createdBy: 'dev-admin',
    createdAt: at,
    updatedAt: at,
  };
  t.cloud.db.insertMany('plan_tasks', [doc as unknown as Record<string, unknown>]);
  return doc._id;
}

/** Years no plan has yet: each allowed createPlan cell makes a fresh one. */
let freshYear = 1960;

const PLAN_ACTIONS: StaffAction[] = [
  { name: 'workboard.plans', roles: ['editor', 'reviewer', 'publisher', 'admin'], scope: 'anywhere', writes: false, request: () => ({ year: YEAR }) },
  { name: 'workboard.board', roles: ['editor', 'reviewer', 'publisher', 'admin'], writes: false, targetOf: detachmentOf, request: (target) => ({ planId: planOf(target) }) },
  {
    name: 'workboard.createPlan',
    roles: ['admin'],
    writes: true,
    auditAction: 'plan.create',
    targetOf: detachmentOf,
    request: (target) => ({ year: freshYear++, unitId: detachmentOf(target).unitId, title: '' }),
  },
  {
    name: 'workboard.saveTask',
    roles: ['admin'],
    writes: true,
    auditAction: 'plan.task_create',
    targetOf: detachmentOf,
    request: (target, { seq }) => ({ planId: planOf(target), title: `矩阵新任务${seq}`, unitId: target.unitId, responsible: '赵军', due: `${YEAR}-09-01`, link: null }),
  },
  // The task form's picker: only an admin who may save the plan's tasks lists what they may link.
  { name: 'workboard.linkOptions', roles: ['admin'], writes: false, targetOf: detachmentOf, request: (target) => ({ planId: planOf(target), kind: 'nomination' }) },
  { name: 'workboard.task', roles: ['editor', 'reviewer', 'publisher', 'admin'], writes: false, request: (target, { seq }) => ({ id: seedTask(target, seq, 'not_started') }) },
  { name: 'workboard.startTask', roles: ['admin'], writes: true, auditAction: 'plan.task_start', request: (target, { seq }) => ({ id: seedTask(target, seq, 'not_started') }) },
  {
    name: 'workboard.tickTask',
    roles: ['admin'],
    writes: true,
    auditAction: 'plan.task_tick',
    request: (target, { seq }) => ({ id: seedTask(target, seq, 'in_progress'), note: '材料已归档', photos: [], link: null }),
  },
  // A tick's photo is uploaded by the admin who ticks (authoring.uploadImage, purpose evidence); the tick checks it is theirs.
  {
    name: 'authoring.uploadImage',
    label: 'plan evidence photo',
    roles: ['admin'],
    scope: 'anywhere',
    writes: true,
    auditAction: 'upload.image',
    request: (_t, { seq }) => ({ purpose: 'evidence', base64: png((seq * 7) % 250).toString('base64') }),
  },
  { name: 'workboard.reopenTask', roles: ['admin'], writes: true, auditAction: 'plan.task_reopen', request: (target, { seq }) => ({ id: seedTask(target, seq, 'done'), reason: '佐证不足' }) },
];

describeAuthzMatrix('plan board', () => t, PLAN_ACTIONS);

describe('callers without an identity', () => {
  it('are UNAUTHENTICATED for every plan action, and nothing is written', async () => {
    const target = matrixUnit('u-wlmq-b1-s1');
    for (const [i, action] of PLAN_ACTIONS.entries()) {
      const [fn, act] = action.name.split('.') as [string, string];
      const req = await action.request(target, { t, seq: 20_000 + i });
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
