/** `engagement.myLikes`: the caller's liked stories that are still published, newest like first. */
import { PAGE_SIZE } from '@contract';
import type { StoryCard } from '@contract';
import { STORY_CARD_FIELDS, toStoryCard, type StoryCardRow } from '../../domain/projections';
import { isPublicStory } from '../../domain/visibility';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';
import { cardJoins } from '../content/cards';
import { likedTargets } from './liked-walk';

export const myLikes: UseCase<'engagement', 'myLikes'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const c = ctx.cloud();
  const page = await likedTargets<StoryCardRow>(ctx, openid, 'story', req, PAGE_SIZE.feed, async (ids) => {
    const rows = await byIds(() => c.collection('stories').select(STORY_CARD_FIELDS), c.command, ids);
    return new Map([...rows].filter(([, s]) => isPublicStory(s)));
  });
  if (isFailure(page)) return page;
  // The same cards as the feed: covers through publicUrls, references only to public exemplars.
  const joins = await cardJoins(ctx, page.rows);
  const items: StoryCard[] = page.rows.map((s) => toStoryCard(s, joins));
  return ok({ items, next: page.next });
};
