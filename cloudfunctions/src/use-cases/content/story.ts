/**
 * `content.story`: a published story with its blocks; its cover and inline images in the same URL
 * call. A story taken down answers NOT_FOUND with the reason `story_withdrawn` (its share links
 * and posters say 已撤回), and nothing of its content.
 */
import { blockFileIds, STORY_DETAIL_FIELDS, toStoryDetail } from '../../domain/projections';
import { isPublicStory, isWithdrawnStory } from '../../domain/visibility';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { cardJoins } from './cards';

export const story: UseCase<'content', 'story'> = async (req, ctx) => {
  const row = await ctx.cloud().collection('stories').doc(req.id).select(STORY_DETAIL_FIELDS).get();
  if (row && isWithdrawnStory(row)) return refuse('NOT_FOUND', 'story_withdrawn', `story ${req.id} was taken down`);
  // A draft answers exactly like a story that does not exist: its existence is not public.
  if (!row || !isPublicStory(row)) return fail('NOT_FOUND', `story ${req.id} not found`);
  // An inline image still held by (or rejected in) WeChat's image check gets no URL, and
  // renderBlocks leaves such a block out: the story reads on without it.
  const joins = await cardJoins(ctx, [row], { files: blockFileIds(row.blocks) });
  return ok(toStoryDetail(row, joins));
};
