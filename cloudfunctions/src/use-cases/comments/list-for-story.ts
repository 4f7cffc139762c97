/**
 * `comments.listForStory`: public. A published story's featured messages with their replies,
 * newest first, in keyset pages; on the first page also the caller's own messages that are not
 * featured (pending: 仅自己可见，精选后公开; hidden: 未精选). A story taken down or not
 * published answers as content.story does, so its messages disappear with it.
 */
import type { CommentDoc } from '@contract';
import { COMMENT_LIMITS } from '@contract';
import { visibleTo } from '../../domain/comments';
import { isFailure } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { readRequestedPage } from '../../lib/reads';
import { publicStoryScope, toCommentView } from './shared';

export const listForStory: UseCase<'comments', 'listForStory'> = async (req, ctx) => {
  const story = await publicStoryScope(ctx, req.storyId);
  if (isFailure(story)) return story;
  const c = ctx.cloud();
  // Readers may read without signing in (a card opened in Moments): then only featured ones.
  const viewer = c.identity().openid;
  const [page, own] = await Promise.all([
    readRequestedPage(req, COMMENT_LIMITS.storyPage, {
      source: () => c.collection('comments'),
      filter: { storyId: story._id, state: 'featured' },
      sortField: 'createdAt',
      cmd: c.command,
    }),
    viewer && !req.cursor
      ? c.collection('comments').where({ openid: viewer, storyId: story._id }).orderBy('createdAt', 'desc').limit(COMMENT_LIMITS.ownOnStory).get()
      : Promise.resolve([] as CommentDoc[]),
  ]);
  if (isFailure(page)) return page;
  const mine = own.filter((d) => d.state !== 'featured' && visibleTo(d, viewer));
  return ok({
    items: page.rows.map((d) => toCommentView(d, viewer, ctx.hashHex)),
    next: page.next,
    mine: mine.map((d) => toCommentView(d, viewer, ctx.hashHex)),
  });
};
