/** `authoring.myDrafts`: the caller's working revisions, most recently edited first. */
import { isFailure, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { cards, LIST_LIMIT } from './shared';

export const myDrafts: UseCase<'authoring', 'myDrafts'> = async (_req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const revs = await c.collection('story_revisions').where({ authorOpenid: who.openid }).orderBy('updatedAt', 'desc').limit(LIST_LIMIT).get();
  return ok({ items: await cards(c, revs) });
};
