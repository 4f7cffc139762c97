/** `content.resolveCode`: the story a poster's short code names, if it is published (a poster of one taken down says 已撤回). */
import { isPublicStory, isWithdrawnStory } from '../../domain/visibility';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';

export const resolveCode: UseCase<'content', 'resolveCode'> = async (req, ctx) => {
  // Served by the unique `code` index; a draft's code resolves to nothing, like an unknown one.
  const rows = await ctx.cloud().collection('stories').select(['code', 'state', 'publishedAt']).where({ code: req.code }).limit(1).get();
  const row = rows[0];
  if (row && isWithdrawnStory(row)) return refuse('NOT_FOUND', 'story_withdrawn', `the story with code ${req.code} was taken down`);
  if (!row || !isPublicStory(row)) return fail('NOT_FOUND', `no published story has code ${req.code}`);
  return ok({ storyId: row._id });
};
