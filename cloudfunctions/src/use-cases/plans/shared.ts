/**
 * What the plan board's use cases share: who may do what, loading a plan or a task with the
 * scope check, views, and the one flow every change of a task's status goes through.
 *
 * Who: reading a board is for any staff role whose subtree contains the plan's unit; making a
 * plan and its tasks is the admin's work over the plan's unit; starting, ticking off (对账消号)
 * and reopening a task is for an admin over the task's owner unit — the owner reports its own
 * work done — which includes every admin over the plan's unit (the owner sits inside it).
 */
import type { Id, PlanDoc, PlanSummary, PlanTaskDoc, PlanTaskView, RefusalReason, Role, UnitRef } from '@contract';
import { completion, OPEN_STATUSES, shanghaiYmd, taskState } from '../../domain/plans';
import type { ActionContext, Deps } from '../../lib/context';
import { isFailure, requireRole, staffWith, type Caller } from '../../lib/guard';
import { fail, ok, type Failure } from '../../lib/handler';
import { unitRefsById } from '../../lib/people';
import { transact, type Work } from '../../lib/transaction';

/** Every staff role reads boards (within its subtree). */
export const STAFF_ROLES: readonly Role[] = ['editor', 'reviewer', 'publisher', 'admin'];

export const today = (ctx: Pick<Deps, 'now'>): string => shanghaiYmd(ctx.now());

/** The caller may add and edit the plan's tasks. */
export const managesPlan = (who: Caller, plan: Pick<PlanDoc, 'unitPath'>): boolean => requireRole(who, 'admin', plan.unitPath) === null;
/** The caller may start, tick and reopen the task. */
export const actsOnTask = (who: Caller, task: Pick<PlanTaskDoc, 'unitPath'>): boolean => requireRole(who, 'admin', task.unitPath) === null;

/** Unfinished tasks of a plan due before today: the board's 逾期 count. */
export async function overdueCount(ctx: Pick<Deps, 'cloud' | 'now'>, planId: Id): Promise<number> {
  const c = ctx.cloud();
  return c.collection('plan_tasks').count({ planId, status: c.command.in(OPEN_STATUSES), due: c.command.lt(today(ctx)) });
}

export function toSummary(plan: PlanDoc, unit: UnitRef | undefined, overdue: number, who: Caller): PlanSummary {
  return {
    _id: plan._id,
    year: plan.year,
    title: plan.title,
    level: plan.level,
    unit: unit ?? { _id: plan.unitId, name: '（已删除的单位）', shortName: '（已删除的单位）', level: plan.level },
    taskCount: plan.taskCount,
    doneCount: plan.doneCount,
    overdueCount: overdue,
    completion: completion(plan.doneCount, plan.taskCount),
    canManage: managesPlan(who, plan),
  };
}

export function toTaskView(t: PlanTaskDoc, unit: UnitRef | null, todayYmd: string): PlanTaskView {
  return {
    _id: t._id,
    planId: t.planId,
    title: t.title,
    unit,
    responsible: t.responsible,
    due: t.due,
    status: t.status,
    state: taskState(t, todayYmd),
    doneAt: t.doneAt,
    link: t.link,
  };
}

/** One task as a view, its owner unit resolved. */
export async function taskView(ctx: Pick<Deps, 'cloud' | 'now'>, t: PlanTaskDoc): Promise<PlanTaskView> {
  const units = await unitRefsById(ctx, [t.unitId]);
  return toTaskView(t, units.get(t.unitId) ?? null, today(ctx));
}

/** The plan `planId` when the caller holds one of `roles` over its unit. */
export async function planInScope(ctx: ActionContext, planId: Id, roles: Role | readonly Role[]): Promise<{ who: Caller; plan: PlanDoc } | Failure<'not_signed_in' | 'role_required' | 'outside_scope'>> {
  // The role is checked before the lookup, so someone without it learns nothing about which plans exist.
  const who = await staffWith(ctx, roles);
  if (isFailure(who)) return who;
  const plan = await ctx.cloud().collection('plans').doc(planId).get();
  if (!plan) return fail('NOT_FOUND', `plan ${planId} not found`);
  return requireRole(who, roles, plan.unitPath) ?? { who, plan };
}

type StatusRefusal = 'not_signed_in' | 'role_required' | 'outside_scope';

export interface StatusChange<G extends RefusalReason> {
  /** The audit action code. */
  action: 'plan.task_start' | 'plan.task_tick' | 'plan.task_reopen';
  /** Checks once the caller is known to act on the task, outside the transaction (files, links). */
  precheck?(who: Caller, task: PlanTaskDoc): Promise<Failure<G> | null>;
  /** The task's new fields, decided on the task as the transaction reads it, or a refusal. */
  decide(task: PlanTaskDoc, who: Caller, now: number): Partial<PlanTaskDoc> | Failure<G>;
  /** What the audit entry adds besides the title and status (the note, the reason). */
  detail?: Record<string, string>;
}

/**
 * A status change of one task by an admin over its owner unit: the scope is checked on the task
 * as the transaction reads it (a task edited meanwhile to another owner is re-judged), the plan's
 * done count moves in the same transaction, and the audit entry commits with both.
 */
export async function changeStatus<G extends RefusalReason>(ctx: ActionContext, id: Id, spec: StatusChange<G>): Promise<{ ok: true; data: { task: PlanTaskView } } | Failure<StatusRefusal | G>> {
  const who = await staffWith(ctx, 'admin');
  if (isFailure(who)) return who;
  const first = await ctx.cloud().collection('plan_tasks').doc(id).get();
  if (!first) return fail('NOT_FOUND', `task ${id} not found`);
  const denied = requireRole(who, 'admin', first.unitPath) ?? (await spec.precheck?.(who, first)) ?? null;
  if (denied) return denied;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }: Work) => {
    const cur = await tx.collection('plan_tasks').get(id);
    if (!cur) return fail('NOT_FOUND', `task ${id} not found`);
    const scope = requireRole(who, 'admin', cur.unitPath);
    if (scope) return scope;
    const task = { ...cur, _id: id };
    const patch = spec.decide(task, who, now);
    if (isFailure(patch)) return patch;
    const next: PlanTaskDoc = { ...task, ...patch, updatedAt: now };
    const doneDelta = (next.status === 'done' ? 1 : 0) - (task.status === 'done' ? 1 : 0);
    if (doneDelta !== 0) {
      const plan = await tx.collection('plans').get(task.planId);
      if (!plan) return fail('NOT_FOUND', `plan ${task.planId} not found`);
      await tx.collection('plans').update(task.planId, { doneCount: plan.doneCount + doneDelta, updatedAt: now });
    }
    const { _id: _ignored, ...doc } = next;
    await tx.collection('plan_tasks').set(id, doc);
    audit({ actor: who.openid, action: spec.action, subject: { kind: 'plan_task', id }, before: { title: task.title, state: task.status }, after: { title: next.title, state: next.status, ...spec.detail } });
    return next;
  });
  if (isFailure(result)) return result;
  return ok({ task: await taskView(ctx, result) });
}
