/** `content.profile`: a public exemplar with honours and latest stories; the photo and covers in one URL call. */
import { PAGE_SIZE } from '@contract';
import type { StoryCard } from '@contract';
import { groupHonors, HONOR_FIELDS } from '../../domain/honors';
import { EXEMPLAR_PROFILE_FIELDS, STORY_CARD_FIELDS, toExemplarProfile, toStoryCard } from '../../domain/projections';
import { isPublicExemplar, isPublicStory } from '../../domain/visibility';
import { fail, ok, type UseCase } from '../../lib/handler';
import { cardJoins } from './cards';
import { MAX_ROWS } from './shared';

export const profile: UseCase<'content', 'profile'> = async (req, ctx) => {
  const c = ctx.cloud();
  const row = await c.collection('exemplars').doc(req.id).select(EXEMPLAR_PROFILE_FIELDS).get();
  // Unpublished, or a person whose consent does not count (never given, unverified, withdrawn,
  // given under another name): exactly like a profile that does not exist.
  if (!row || !isPublicExemplar(row)) return fail('NOT_FOUND', `exemplar ${req.id} not found`);
  const [honors, storyRows] = await Promise.all([
    c.collection('honors').select(HONOR_FIELDS).where({ exemplarId: row._id }).orderBy('date', 'desc').limit(MAX_ROWS).get(),
    c
      .collection('stories')
      .select(STORY_CARD_FIELDS)
      .where({ exemplarIds: row._id, state: 'published' })
      .orderBy('publishedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(PAGE_SIZE.profileStories)
      .get(),
  ]);
  const shown = storyRows.filter(isPublicStory);
  const joins = await cardJoins(ctx, shown, { files: row.photo ? [row.photo] : [], unitIds: [row.unitId] });
  const stories: StoryCard[] = shown.map((r) => toStoryCard(r, joins));
  return ok(toExemplarProfile(row, groupHonors(honors), stories, joins.units, joins.urls));
};
