/**
 * `workboard.pursuits`: one year's pursuits of the caller's subtrees (any staff role reads those
 * whose unit its subtree contains), by nomination deadline, one keyset page at a time; with the
 * units where the caller may organise one (admin over the corps or a detachment).
 */
import { PURSUIT_LIMITS } from '@contract';
import { isFailure, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { unitRefsById } from '../../lib/people';
import { readMergedPage } from '../../lib/reads';
import { cardOf, outermostUnits, READ_ROLES, todayOf } from './shared';

export const pursuits: UseCase<'workboard', 'pursuits'> = async (req, ctx) => {
  const who = await staffWith(ctx, READ_ROLES);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const today = todayOf(ctx);
  const year = req.year ?? Number(today.slice(0, 4));
  const subtrees = await outermostUnits(ctx, who, READ_ROLES);
  const page = await readMergedPage(req, PURSUIT_LIMITS.listPage, {
    source: () => c.collection('pursuits'),
    filters: subtrees.map((u) => ({ unitPath: u, year })),
    sortField: 'deadlineDay',
    order: 'asc',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  const adminUnits = [...new Set(who.held.filter((h) => h.role === 'admin').map((h) => h.unitId))];
  const units = await unitRefsById(ctx, [...page.rows.map((p) => p.unitId), ...adminUnits]);
  const canCreate = adminUnits.flatMap((id) => units.get(id) ?? []).filter((u) => u.level === 'corps' || u.level === 'detachment');
  return ok({ year, items: page.rows.map((p) => cardOf(p, today, units)), next: page.next, canCreate });
};
