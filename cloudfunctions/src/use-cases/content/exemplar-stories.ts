/** `content.exemplarStories`: a public exemplar's published stories, newest first, in keyset pages (the profile's 相关事迹 going on). */
import { PAGE_SIZE } from '@contract';
import { EXEMPLAR_REF_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { requestCursor } from '../../lib/cursor';
import { fail, isFailure, ok, type UseCase } from '../../lib/handler';
import { storyPage } from './shared';

export const exemplarStories: UseCase<'content', 'exemplarStories'> = async (req, ctx) => {
  const cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  const row = await ctx.cloud().collection('exemplars').doc(req.exemplarId).select(EXEMPLAR_REF_FIELDS).get();
  // A profile readers cannot see lists nothing, exactly like one that does not exist.
  if (!row || !isPublicExemplar(row)) return fail('NOT_FOUND', `exemplar ${req.exemplarId} not found`);
  const page = await storyPage(ctx, { exemplarIds: row._id, state: 'published' }, cursor, req.limit ?? PAGE_SIZE.profileStories);
  return ok({ items: page.items, next: page.next });
};
