/**
 * `workboard.board`: one plan and all its tasks (a plan holds at most PLAN_LIMITS.tasksPerPlan,
 * so the board is read whole, by due date), each with its state on today's Shanghai date, and
 * the units a task of this plan may be owned by.
 */
import type { Id, Unit } from '@contract';
import { PLAN_LIMITS } from '@contract';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { isFailure } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { unitRefsById } from '../../lib/people';
import type { ActionContext } from '../../lib/context';
import { overdueCount, planInScope, STAFF_ROLES, today, toSummary, toTaskView } from './shared';

/** Units a detachment's subtree holds (battalions and stations): well under this. */
const MAX_SUBTREE_UNITS = 500;

/** Owner units for a plan's tasks: a corps plan assigns to the corps and its detachments; a detachment's to anything in its subtree. */
export async function ownerUnitsOf(ctx: Pick<ActionContext, 'cloud'>, plan: { unitId: Id; level: 'corps' | 'detachment' }): Promise<Pick<Unit, '_id' | 'name' | 'shortName' | 'level' | 'path' | 'order'>[]> {
  const c = ctx.cloud();
  const fields = [...UNIT_REF_FIELDS, 'path', 'order'] as const;
  let rows: Pick<Unit, '_id' | 'name' | 'shortName' | 'level' | 'path' | 'order'>[];
  if (plan.level === 'corps') {
    const [root, children] = await Promise.all([c.collection('units').doc(plan.unitId).select(fields).get(), c.collection('units').select(fields).where({ parentId: plan.unitId }).orderBy('order', 'asc').limit(MAX_SUBTREE_UNITS).get()]);
    rows = [...(root ? [root] : []), ...children];
  } else {
    rows = await c.collection('units').select(fields).where({ path: plan.unitId }).limit(MAX_SUBTREE_UNITS).get();
  }
  // The tree's order: parents before children, siblings by their order.
  const order = new Map(rows.map((u) => [u._id, u.order]));
  const key = (u: { path: Id[] }) => u.path.map((p) => String(order.get(p) ?? 0).padStart(6, '0')).join('/');
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export const board: UseCase<'workboard', 'board'> = async (req, ctx) => {
  const scoped = await planInScope(ctx, req.planId, STAFF_ROLES);
  if (isFailure(scoped)) return scoped;
  const { who, plan } = scoped;
  const c = ctx.cloud();
  const [tasks, overdue, owners] = await Promise.all([
    c.collection('plan_tasks').where({ planId: plan._id }).orderBy('due', 'asc').orderBy('_id', 'asc').limit(PLAN_LIMITS.tasksPerPlan).get(),
    overdueCount(ctx, plan._id),
    ownerUnitsOf(ctx, plan),
  ]);
  const units = await unitRefsById(ctx, [plan.unitId, ...tasks.map((t) => t.unitId)]);
  const todayYmd = today(ctx);
  return ok({
    plan: toSummary(plan, units.get(plan.unitId), overdue, who),
    today: todayYmd,
    tasks: tasks.map((t) => toTaskView(t, units.get(t.unitId) ?? null, todayYmd)),
    ownerUnits: owners.map(toUnitRef),
  });
};
