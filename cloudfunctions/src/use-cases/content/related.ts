/**
 * `content.related`: a few published stories to read next, at the end of a story — first those
 * naming the same public exemplar, then the same campaign, then the same unit's subtree; each
 * group newest first, never the story itself, each story once.
 *
 * Every group is one small indexed read (stories.exemplar_feed per exemplar, campaign_feed,
 * unit_feed) of RELATED_MAX + 1 rows — the story itself may be among them — run at once, so
 * the cost is the same for the first story and the 100,000th. A person the public may not see
 * relates nothing: their stories are public, the link between them through that person is not.
 */
import type { Id, StoryCard } from '@contract';
import type { Filter, Queryable } from '../../adapters/cloud';
import { EXEMPLAR_REF_FIELDS, STORY_CARD_FIELDS, toStoryCard, type StoryCardRow } from '../../domain/projections';
import { isPublicExemplar, isPublicStory } from '../../domain/visibility';
import { fail, ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { cardJoins } from './cards';

/** Stories shown under a story, at most. */
export const RELATED_MAX = 4;
/** People of one story whose stories are looked up, at most (a story names one or two). */
const PEOPLE_MAX = 3;

export const related: UseCase<'content', 'related'> = async (req, ctx) => {
  const c = ctx.cloud();
  const story = await c.collection('stories').doc(req.storyId).select(STORY_CARD_FIELDS).get();
  // Only a story readers can open has an end to show related stories at.
  if (!story || !isPublicStory(story)) return fail('NOT_FOUND', `story ${req.storyId} not found`);
  const people = await byIds(() => c.collection('exemplars').select(EXEMPLAR_REF_FIELDS), c.command, story.exemplarIds.slice(0, PEOPLE_MAX));
  const shownPeople = story.exemplarIds.slice(0, PEOPLE_MAX).filter((id) => {
    const e = people.get(id);
    return e !== undefined && isPublicExemplar(e);
  });
  const newest = (filter: Filter<Queryable<'stories'>>): Promise<StoryCardRow[]> =>
    c.collection('stories').select(STORY_CARD_FIELDS).where(filter).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').limit(RELATED_MAX + 1).get();
  const groups = await Promise.all([
    ...shownPeople.map((id) => newest({ exemplarIds: id, state: 'published' })),
    story.campaignId ? newest({ campaignId: story.campaignId, state: 'published' }) : Promise.resolve([]),
    newest({ unitPath: story.unitId, state: 'published' }),
  ]);
  const seen = new Set<Id>([story._id]);
  const picked: StoryCardRow[] = [];
  for (const row of groups.flat()) {
    if (picked.length === RELATED_MAX) break;
    if (seen.has(row._id) || !isPublicStory(row)) continue;
    seen.add(row._id);
    picked.push(row);
  }
  const joins = await cardJoins(ctx, picked);
  const items: StoryCard[] = picked.map((r) => toStoryCard(r, joins));
  return ok({ items });
};
