/**
 * `workboard.saveTask`: an admin over the plan's unit adds a task or edits one. The owner unit
 * must lie inside the plan's subtree and the due date inside the plan's year; a link names a
 * nomination or story inside the plan's subtree, or a campaign (the corps'), that exists. The
 * plan's task count moves in the same transaction as the task, where the scope is judged again
 * on the plan as it is read.
 */
import type { Id, PlanLink, PlanTaskDoc } from '@contract';
import { PLAN_LIMITS } from '@contract';
import { dueInYear } from '../../domain/plans';
import type { ActionContext } from '../../lib/context';
import { isFailure, requireRole } from '../../lib/guard';
import { fail, ok, refuse, type Failure, type UseCase } from '../../lib/handler';
import { newId } from '../../lib/context';
import { transact } from '../../lib/transaction';
import { planInScope, taskView } from './shared';

/**
 * The link's record when it exists and lies inside the plan's subtree; its title is kept on the
 * task. A pursuit may also be organised above the plan's unit (a detachment's task serves the
 * corps' pursuit: its candidates come from the detachments).
 */
export async function resolveLink(ctx: Pick<ActionContext, 'cloud'>, link: { kind: PlanLink['kind']; id: Id }, planUnitId: Id, planUnitPath: readonly Id[] = []): Promise<PlanLink | Failure<'plan_link_invalid'>> {
  const c = ctx.cloud();
  const invalid = refuse('INVALID_ARGUMENT', 'plan_link_invalid', `no ${link.kind} ${link.id} inside the plan's subtree`, [{ path: 'link', message: '关联的记录不存在或不在本计划范围内', reason: 'plan_link_invalid' }]);
  if (link.kind === 'pursuit') {
    const row = await c.collection('pursuits').doc(link.id).select(['name', 'unitId', 'unitPath']).get();
    return row && (row.unitPath.includes(planUnitId) || planUnitPath.includes(row.unitId)) ? { kind: 'pursuit', id: link.id, title: row.name } : invalid;
  }
  if (link.kind === 'campaign') {
    const row = await c.collection('campaigns').doc(link.id).select(['name']).get();
    return row ? { kind: 'campaign', id: link.id, title: row.name } : invalid;
  }
  if (link.kind === 'story') {
    const row = await c.collection('stories').doc(link.id).select(['title', 'unitPath']).get();
    return row && row.unitPath.includes(planUnitId) ? { kind: 'story', id: link.id, title: row.title } : invalid;
  }
  const row = await c.collection('nominations').doc(link.id).select(['nomineeName', 'unitPath']).get();
  return row && row.unitPath.includes(planUnitId) ? { kind: 'nomination', id: link.id, title: row.nomineeName } : invalid;
}

export const saveTask: UseCase<'workboard', 'saveTask'> = async (req, ctx) => {
  const scoped = await planInScope(ctx, req.planId, 'admin');
  if (isFailure(scoped)) return scoped;
  const { who, plan } = scoped;
  const c = ctx.cloud();
  if (!dueInYear(req.due, plan.year)) {
    return refuse('INVALID_ARGUMENT', 'task_due_outside_year', `due ${req.due} is outside ${plan.year}`, [{ path: 'due', message: `完成时限须在 ${plan.year} 年内`, reason: 'task_due_outside_year' }]);
  }
  const owner = await c.collection('units').doc(req.unitId).select(['path', 'level']).get();
  if (!owner || !owner.path.includes(plan.unitId) || (plan.level === 'corps' && owner.path.length > 2)) {
    return refuse('INVALID_ARGUMENT', 'task_owner_outside_plan', `unit ${req.unitId} is not inside the plan's unit`, [{ path: 'unitId', message: '责任单位须在本计划所属单位范围内', reason: 'task_owner_outside_plan' }]);
  }
  const link = req.link ? await resolveLink(ctx, req.link, plan.unitId, plan.unitPath) : null;
  if (isFailure(link)) return link;
  const now = ctx.now();
  const id = req.id ?? newId(ctx, 'pt');
  const saved = await transact(ctx, async ({ tx, audit }) => {
    const cur = await tx.collection('plans').get(plan._id);
    if (!cur) return fail('NOT_FOUND', `plan ${plan._id} not found`);
    const denied = requireRole(who, 'admin', cur.unitPath);
    if (denied) return denied;
    const fields = { title: req.title, unitId: req.unitId, unitPath: owner.path, responsible: req.responsible, due: req.due, link };
    if (req.id) {
      const old = await tx.collection('plan_tasks').get(id);
      if (!old || old.planId !== plan._id) return fail('NOT_FOUND', `task ${id} not found in plan ${plan._id}`);
      const next: PlanTaskDoc = { ...old, ...fields, _id: id, updatedAt: now };
      const { _id: _ignored, ...doc } = next;
      await tx.collection('plan_tasks').set(id, doc);
      audit({ actor: who.openid, action: 'plan.task_update', subject: { kind: 'plan_task', id }, before: { title: old.title, unitId: old.unitId, due: old.due, responsible: old.responsible }, after: { title: next.title, unitId: next.unitId, due: next.due, responsible: next.responsible } });
      return next;
    }
    if (cur.taskCount >= PLAN_LIMITS.tasksPerPlan) return refuse('FAILED_PRECONDITION', 'plan_full', `plan ${plan._id} holds ${cur.taskCount} tasks`);
    const doc: Omit<PlanTaskDoc, '_id'> = {
      ...fields,
      planId: plan._id,
      year: cur.year,
      planUnitId: cur.unitId,
      status: 'not_started',
      doneAt: null,
      evidence: null,
      reopens: [],
      remindedFor: null,
      createdBy: who.openid,
      createdAt: now,
      updatedAt: now,
    };
    await tx.collection('plan_tasks').set(id, doc);
    await tx.collection('plans').update(plan._id, { taskCount: cur.taskCount + 1, updatedAt: now });
    audit({ actor: who.openid, action: 'plan.task_create', subject: { kind: 'plan_task', id }, before: null, after: { title: doc.title, unitId: doc.unitId, due: doc.due, responsible: doc.responsible } });
    return { ...doc, _id: id };
  });
  if (isFailure(saved)) return saved;
  return ok({ task: await taskView(ctx, saved) });
};
