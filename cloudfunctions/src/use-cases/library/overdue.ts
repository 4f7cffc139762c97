/** `library.overdue`: exemplars past their review date in the caller's publisher subtrees, most overdue first. */
import { holdsRoleOver } from '../../domain/access';
import { isFailure, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { ITEM_FIELDS, libraryItem, unitRefs } from './views';

/** Overdue reviews shown at once; the total still counts every one in scope. */
const OVERDUE_SHOWN = 100;
/** Per tier, the most overdue this many are read (a corps has under a hundred exemplars per tier). */
const OVERDUE_READ = 500;

export const overdue: UseCase<'library', 'overdue'> = async (_req, ctx) => {
  const who = await staffWith(ctx, 'publisher');
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const now = ctx.now();
  const tiers = ['major', 'reserve'] as const;
  const lists = await Promise.all(
    tiers.map((tier) => c.collection('exemplars').select(ITEM_FIELDS).where({ tier, nextReviewAt: c.command.lte(now) }).orderBy('nextReviewAt', 'asc').limit(OVERDUE_READ).get()),
  );
  const mine = lists.flat().filter((e) => holdsRoleOver(who.held, 'publisher', e.unitPath));
  mine.sort((a, b) => a.nextReviewAt - b.nextReviewAt || (a._id < b._id ? -1 : 1));
  const shown = mine.slice(0, OVERDUE_SHOWN);
  const units = await unitRefs(c, shown.map((e) => e.unitId));
  return ok({ items: shown.map((e) => libraryItem(e, units, now)), total: mine.length });
};
