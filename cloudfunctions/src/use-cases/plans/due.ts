/**
 * Tasks their owners must see to: unfinished tasks owned by the units where the caller holds the
 * admin role (exactly there: a unit's own admins answer for its tasks, as the due-soon reminder
 * tells them — not every unit below, or the corps' 工作台 would list every station's work),
 * overdue or due within PLAN_LIMITS.dueSoonDays — for the 工作台's tile and 待办 list
 * (identity.todo). One count and one short read per unit on the owner_due index.
 */
import type { Id, PlanTaskDoc } from '@contract';
import { dueSoonUntil, OPEN_STATUSES, shanghaiYmd } from '../../domain/plans';
import type { Deps } from '../../lib/context';

export async function tasksDue(ctx: Pick<Deps, 'cloud' | 'now'>, ownerUnits: readonly Id[], shown: number): Promise<{ count: number; oldest: Pick<PlanTaskDoc, '_id' | 'title' | 'unitId' | 'due'>[] }> {
  const c = ctx.cloud();
  const until = dueSoonUntil(shanghaiYmd(ctx.now()));
  const filter = (unitId: Id) => ({ unitId, status: c.command.in(OPEN_STATUSES), due: c.command.lte(until) });
  const [counts, lists] = await Promise.all([
    Promise.all(ownerUnits.map((u) => c.collection('plan_tasks').count(filter(u)))),
    Promise.all(ownerUnits.map((u) => c.collection('plan_tasks').select(['title', 'unitId', 'due']).where(filter(u)).orderBy('due', 'asc').limit(shown).get())),
  ]);
  const oldest = lists.flat().sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a._id < b._id ? -1 : 1));
  return { count: counts.reduce((a, b) => a + b, 0), oldest: oldest.slice(0, shown) };
}
