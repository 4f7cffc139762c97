/** `engagement.myLikes`: the caller's liked stories that are still published, newest like first. */
import { PAGE_SIZE } from '@contract';
import type { Id, StoryCard } from '@contract';
import { decodeCursor, encodeCursor, type Cursor } from '../../domain/cursor';
import { STORY_CARD_FIELDS, toStoryCard, type StoryCardRow } from '../../domain/projections';
import { isPublicStory } from '../../domain/visibility';
import { requestCursor } from '../../lib/cursor';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { byIds, readKeysetPage } from '../../lib/reads';
import { cardJoins } from '../content/cards';

/** myLikes reads at most this many like records per page, whatever was unpublished meanwhile. */
const MY_LIKES_SCAN = 200;

export const myLikes: UseCase<'engagement', 'myLikes'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const requested = requestCursor(req.cursor);
  if (isFailure(requested)) return requested;
  let cursor: Cursor | null = requested;
  const limit = req.limit ?? PAGE_SIZE.feed;
  const want = limit + 1;
  const c = ctx.cloud();
  const kept: { at: number; likeId: Id; story: StoryCardRow }[] = [];
  let scanned = 0;
  let lastScanned: { at: number; id: Id } | null = null;
  let exhausted = false;
  // Likes of stories that were unpublished since are skipped; reading goes on after them,
  // bounded so one page never walks a whole history.
  for (;;) {
    const page = await readKeysetPage({
      source: () => c.collection('likes'),
      filter: { openid, 'target.kind': 'story' },
      sortField: 'at',
      cursor,
      limit: Math.min(want - kept.length, MY_LIKES_SCAN),
      cmd: c.command,
    });
    const stories = await byIds(() => c.collection('stories').select(STORY_CARD_FIELDS), c.command, page.rows.map((r) => r.target.id));
    for (const like of page.rows) {
      scanned++;
      lastScanned = { at: like.at, id: like._id };
      const s = stories.get(like.target.id);
      if (s && isPublicStory(s)) kept.push({ at: like.at, likeId: like._id, story: s });
    }
    if (!page.next) {
      exhausted = true;
      break;
    }
    if (kept.length >= want || scanned >= MY_LIKES_SCAN) break;
    cursor = decodeCursor(page.next);
  }
  const shown = kept.slice(0, limit);
  const last = shown[shown.length - 1];
  let next: string | null = null;
  if (kept.length > limit && last) next = encodeCursor(last.at, last.likeId);
  else if (!exhausted && lastScanned) next = encodeCursor(lastScanned.at, lastScanned.id);
  // The same cards as the feed: covers through publicUrls, references only to public exemplars.
  const joins = await cardJoins(ctx, shown.map((k) => k.story));
  const items: StoryCard[] = shown.map((k) => toStoryCard(k.story, joins));
  return ok({ items, next });
};
