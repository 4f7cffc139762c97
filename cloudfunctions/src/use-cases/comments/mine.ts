/** `comments.mine`: the caller's own messages (我的留言) in every state but deleted, newest first. */
import { COMMENT_LIMITS } from '@contract';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { myCommentViews } from './shared';

export const mine: UseCase<'comments', 'mine'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const c = ctx.cloud();
  const page = await readRequestedPage(req, COMMENT_LIMITS.listPage, {
    source: () => c.collection('comments'),
    filter: { openid },
    sortField: 'createdAt',
    cmd: c.command,
    keep: (d) => d.state !== 'deleted',
  });
  if (isFailure(page)) return page;
  return ok({ items: await myCommentViews(ctx, openid, page.rows), next: page.next });
};
