/** `content.feed`: published stories, newest first, in keyset pages. */
import { PAGE_SIZE } from '@contract';
import { requestCursor } from '../../lib/cursor';
import { isFailure, ok, type UseCase } from '../../lib/handler';
import { storyPage } from './shared';

export const feed: UseCase<'content', 'feed'> = async (req, ctx) => {
  const cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  const page = await storyPage(ctx, { state: 'published' }, cursor, req.limit ?? PAGE_SIZE.feed);
  return ok({ items: page.items, next: page.next });
};
