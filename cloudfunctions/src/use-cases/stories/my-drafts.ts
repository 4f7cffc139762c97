/** `authoring.myDrafts`: the caller's working revisions, most recently edited first, paged by cursor. */
import { isFailure, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { cards, LIST_LIMIT } from './shared';

export const myDrafts: UseCase<'authoring', 'myDrafts'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const page = await readRequestedPage(req, LIST_LIMIT, {
    source: () => c.collection('story_revisions'),
    filter: { authorOpenid: who.openid },
    sortField: 'updatedAt',
    cmd: c.command,
  });
  if (isFailure(page)) return page;
  return ok({ items: await cards(c, page.rows), next: page.next });
};
