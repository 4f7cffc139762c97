/** What the content use cases share: a keyset page of published story cards, and the row bound of reference lists. */
import type { FileId, Id, MediaUrl, StoryCard } from '@contract';
import type { UnitRefRow } from '../../domain/projections';
import type { Cursor } from '../../domain/cursor';
import { STORY_CARD_FIELDS, toStoryCard } from '../../domain/projections';
import { isPublicStory } from '../../domain/visibility';
import type { Deps } from '../../lib/context';
import { readKeysetPage } from '../../lib/reads';
import { cardJoins, type Extra } from './cards';

/** The cloud DB returns at most 1000 rows per query; the small reference collections fit. */
export const MAX_ROWS = 1000;

export interface StoryPage {
  items: StoryCard[];
  next: string | null;
  /** URLs of the page's images and of `extra.files`, for whatever else the response shows. */
  urls: ReadonlyMap<FileId, MediaUrl>;
  /** The cards' units and `extra.unitIds`. */
  units: ReadonlyMap<Id, UnitRefRow>;
}

/**
 * Published stories newest first — all (`feed` index), a campaign's (`campaign_feed`) or those
 * naming an exemplar (`exemplar_feed`) — with the card joins and `extra` resolved in the same calls.
 */
export async function storyPage(
  ctx: Pick<Deps, 'cloud' | 'hashHex' | 'now'>,
  filter: { state: 'published'; campaignId?: Id } | { state: 'published'; exemplarIds: Id },
  cursor: Cursor | null,
  limit: number,
  extra: Extra = {},
): Promise<StoryPage> {
  const c = ctx.cloud();
  const page = await readKeysetPage({
    source: () => c.collection('stories').select(STORY_CARD_FIELDS),
    filter,
    sortField: 'publishedAt',
    cursor,
    limit,
    cmd: c.command,
    keep: isPublicStory,
  });
  const joins = await cardJoins(ctx, page.rows, extra);
  return { items: page.rows.map((r) => toStoryCard(r, joins)), next: page.next, urls: joins.urls, units: joins.units };
}
