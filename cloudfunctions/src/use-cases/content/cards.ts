/**
 * Story and exemplar cards as readers see them, wherever they are listed (the feed, a campaign, a profile, a
 * story page, the caller's likes): the joins a set of cards needs, one `_.in` query per
 * collection, and one URL call for every image of the response. Images go through publicUrls, so
 * a cover still held by WeChat's image check (or rejected by it) shows as no cover.
 */
import type { ExemplarCard, FileId, Id } from '@contract';
import { CAMPAIGN_REF_FIELDS, EXEMPLAR_REF_FIELDS, storyCardNeeds, toExemplarCard, UNIT_REF_FIELDS, type ExemplarCardRow, type Joins, type StoryCardRow } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import type { Deps } from '../../lib/context';
import { publicUrls } from '../../lib/files';
import { byIds } from '../../lib/reads';

/** Extra things the same response shows besides the cards: a campaign cover, a profile photo, a story's images, a profile's unit. */
export interface Extra {
  files?: readonly FileId[];
  unitIds?: readonly Id[];
}

export async function cardJoins(ctx: Pick<Deps, 'cloud' | 'hashHex' | 'now'>, rows: readonly StoryCardRow[], extra: Extra = {}): Promise<Joins> {
  const c = ctx.cloud();
  const needs = storyCardNeeds(rows);
  const [campaigns, units, exemplars, urls] = await Promise.all([
    byIds(() => c.collection('campaigns').select(CAMPAIGN_REF_FIELDS), c.command, needs.campaignIds),
    byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, [...needs.unitIds, ...(extra.unitIds ?? [])]),
    byIds(() => c.collection('exemplars').select(EXEMPLAR_REF_FIELDS), c.command, needs.exemplarIds),
    publicUrls(ctx, [...needs.fileIds, ...(extra.files ?? [])]),
  ]);
  // A reference to a person the public may not see (no consent that counts, unpublished) is left out.
  return { campaigns, units, exemplars: new Map([...exemplars].filter(([, e]) => isPublicExemplar(e))), urls };
}

/**
 * Exemplar cards (the libraries, the honours wall's lists, a station's members, search, the
 * caller's salutes): their units by name in one query and their photos in one URL call.
 */
export async function exemplarCards(ctx: Pick<Deps, 'cloud' | 'hashHex' | 'now'>, rows: readonly ExemplarCardRow[]): Promise<ExemplarCard[]> {
  const c = ctx.cloud();
  const [units, urls] = await Promise.all([
    byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, rows.map((r) => r.unitId)),
    publicUrls(ctx, rows.flatMap((r) => (r.photo ? [r.photo] : []))),
  ]);
  return rows.map((r) => toExemplarCard(r, units, urls));
}
