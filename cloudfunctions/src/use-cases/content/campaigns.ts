/**
 * `content.campaigns`: the campaigns readers see, in display order, with covers readers may see.
 * A campaign is listed once it has a published story (or, a selection's results, its winners' roll)
 * and until it is archived: an empty one would open on nothing, an archived one is over (its page
 * still opens from old links).
 */
import { CAMPAIGN_CARD_FIELDS, toCampaignCard } from '../../domain/projections';
import { publicUrls } from '../../lib/files';
import { ok, type UseCase } from '../../lib/handler';
import { MAX_ROWS } from './shared';

export const campaigns: UseCase<'content', 'campaigns'> = async (_req, ctx) => {
  const c = ctx.cloud();
  const _ = c.command;
  // `neq(true)` also matches campaigns saved before archiving existed (no field at all).
  // A selection's results campaign (its winners' roll) is worth opening before any story is filed under it.
  const all = await c.collection('campaigns').select(CAMPAIGN_CARD_FIELDS).where({ archived: _.neq(true) }).orderBy('order', 'asc').limit(MAX_ROWS).get();
  const rows = all.filter((r) => r.storyCount > 0 || (r.roll?.length ?? 0) > 0);
  const urls = await publicUrls(ctx, rows.flatMap((r) => (r.cover ? [r.cover] : [])));
  return ok({ items: rows.map((r) => toCampaignCard(r, urls)) });
};
