/**
 * `workboard.plans`: the boards of a year the caller may read — every plan whose unit lies in a
 * subtree where the caller holds a staff role (the corps sees its own and every detachment's) —
 * each with its completion and overdue count, and the units where the caller may still make
 * this year's plan. One read per outermost held unit on the (unitPath, year) index. Below the
 * corps, also the tasks higher plans assigned inside the caller's subtrees (上级交办), from the
 * plan_tasks (unitPath, year, due) index.
 */
import type { Id, PlanDoc, PlanTaskDoc, Unit, UnitRef } from '@contract';
import { planIdOf, planLevelOf } from '../../domain/plans';
import { toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { isFailure, requireRole, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { unitRefsById } from '../../lib/people';
import { overdueCount, STAFF_ROLES, today, toSummary, toTaskView } from './shared';

/** Plans a subtree holds in a year: the corps and its detachments, a few dozen at most. */
const MAX_PLANS = 200;
/** Detachments under the corps (the corps admin may make each one's plan). */
const MAX_CHILDREN = 100;
/** A detachment's tasks of a year: its own plan's (at most PLAN_LIMITS.tasksPerPlan) and a few assigned from above. */
const MAX_SUBTREE_TASKS = 500;

export const plans: UseCase<'workboard', 'plans'> = async (req, ctx) => {
  const who = await staffWith(ctx, STAFF_ROLES);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const todayYmd = today(ctx);
  const year = req.year ?? Number(todayYmd.slice(0, 4));
  const held = await byIds(() => c.collection('units').select([...UNIT_REF_FIELDS, 'path', 'order']), c.command, [...new Set(who.held.map((h) => h.unitId))]);
  const heldIds = [...held.keys()];
  // Each subtree once, from its outermost held unit.
  const outer = heldIds.filter((id) => !(held.get(id)?.path ?? []).some((p) => p !== id && heldIds.includes(p)));
  const lists = await Promise.all(outer.map((u) => c.collection('plans').where({ unitPath: u, year }).orderBy('unitId', 'asc').limit(MAX_PLANS).get()));
  const found = new Map<Id, PlanDoc>();
  for (const p of lists.flat()) found.set(p._id, p);
  const rows = [...found.values()];

  // 上级交办: below the corps, tasks of plans the caller cannot read (higher ones) owned inside their subtrees.
  const below = outer.filter((id) => (held.get(id)?.path.length ?? 1) > 1);
  const subtreeTasks = await Promise.all(below.map((u) => c.collection('plan_tasks').where({ unitPath: u, year }).orderBy('due', 'asc').limit(MAX_SUBTREE_TASKS).get()));
  const assignedById = new Map<Id, PlanTaskDoc>();
  for (const t of subtreeTasks.flat()) if (!found.has(t.planId)) assignedById.set(t._id, t);
  const assignedRows = [...assignedById.values()].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a._id < b._id ? -1 : 1));
  const assignedUnits = await unitRefsById(ctx, assignedRows.map((t) => t.unitId));
  const assigned = assignedRows.map((t) => toTaskView(t, assignedUnits.get(t.unitId) ?? null, todayYmd));

  // Where the caller may still make this year's plan: corps or detachment units they administer, and the detachments under a corps they administer.
  const adminUnits = [...held.values()].filter((u) => who.held.some((h) => h.role === 'admin' && h.unitId === u._id));
  const children = await Promise.all(
    adminUnits.filter((u) => u.level === 'corps').map((u) => c.collection('units').select([...UNIT_REF_FIELDS, 'path', 'order']).where({ parentId: u._id }).orderBy('order', 'asc').limit(MAX_CHILDREN).get()),
  );
  const candidates = new Map<Id, Pick<Unit, '_id' | 'name' | 'shortName' | 'level' | 'path' | 'order'>>();
  for (const u of [...adminUnits, ...children.flat()]) if (planLevelOf(u.level) && requireRole(who, 'admin', u.path) === null) candidates.set(u._id, u);
  const canCreate: UnitRef[] = [...candidates.values()].filter((u) => !found.has(planIdOf(year, u._id))).sort((a, b) => a.path.length - b.path.length || a.order - b.order).map(toUnitRef);

  const [units, overdue] = await Promise.all([
    byIds(() => c.collection('units').select([...UNIT_REF_FIELDS, 'path', 'order']), c.command, rows.map((p) => p.unitId)),
    Promise.all(rows.map((p) => overdueCount(ctx, p._id))),
  ]);
  const summaries = rows.map((p, i) => ({ p, s: toSummary(p, units.has(p.unitId) ? toUnitRef(units.get(p.unitId)!) : undefined, overdue[i] ?? 0, who) }));
  // The corps' own board first, then the detachments in the tree's order.
  summaries.sort((a, b) => a.p.unitPath.length - b.p.unitPath.length || (units.get(a.p.unitId)?.order ?? 0) - (units.get(b.p.unitId)?.order ?? 0));
  return ok({ year, today: todayYmd, plans: summaries.map((x) => x.s), canCreate, assigned });
};
