/**
 * `authoring.reviewQueue`: revisions in review in the caller's reviewer subtrees, oldest
 * submission first — without the ones the caller wrote, which another reviewer must decide.
 */
import type { Id, StoryRevision } from '@contract';
import { isFailure, staffWith, unitsWhereHeld } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { authorsOf, cards, LIST_LIMIT } from './shared';

export const reviewQueue: UseCase<'authoring', 'reviewQueue'> = async (_req, ctx) => {
  const c = ctx.cloud();
  const who = await staffWith(ctx, 'reviewer');
  if (isFailure(who)) return who;
  const units = unitsWhereHeld(who, 'reviewer');
  const lists = await Promise.all(
    units.map((u) => c.collection('story_revisions').where({ unitPath: u, state: 'in_review' }).orderBy('submittedAt', 'asc').limit(LIST_LIMIT).get()),
  );
  const seen = new Map<Id, StoryRevision>();
  for (const list of lists) for (const r of list) if (!authorsOf(r).includes(who.openid)) seen.set(r._id, r);
  const revs = [...seen.values()].sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0) || a._id.localeCompare(b._id)).slice(0, LIST_LIMIT);
  return ok({ items: await cards(c, revs) });
};
