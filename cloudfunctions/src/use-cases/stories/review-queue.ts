/**
 * `authoring.reviewQueue`: revisions in review in the caller's reviewer subtrees, oldest
 * submission first — without the ones the caller wrote, which another reviewer must decide.
 * Paged by cursor: one keyset read per reviewer subtree, merged in submission order (a revision
 * in two of the caller's subtrees is listed once).
 */
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readMergedPage } from '../../lib/reads';
import { authorsOf, cards, LIST_LIMIT } from './shared';

export const reviewQueue: UseCase<'authoring', 'reviewQueue'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, 'reviewer');
  if (isFailure(who)) return who;
  const page = await readMergedPage(req, LIST_LIMIT, {
    source: () => c.collection('story_revisions'),
    filters: unitsWhereHeld(who, 'reviewer').map((u) => ({ unitPath: u, state: 'in_review' as const })),
    sortField: 'submittedAt',
    order: 'asc',
    cmd: c.command,
    keep: (r) => !authorsOf(r).includes(who.openid),
  });
  if (isFailure(page)) return page;
  return ok({ items: await cards(c, page.rows), next: page.next });
};
