/** `content.campaigns`: every campaign in display order, with covers readers may see. */
import { CAMPAIGN_CARD_FIELDS, toCampaignCard } from '../../domain/projections';
import { publicUrls } from '../../lib/files';
import { ok, type UseCase } from '../../lib/handler';
import { MAX_ROWS } from './shared';

export const campaigns: UseCase<'content', 'campaigns'> = async (_req, ctx) => {
  const rows = await ctx.cloud().collection('campaigns').select(CAMPAIGN_CARD_FIELDS).where({}).orderBy('order', 'asc').limit(MAX_ROWS).get();
  const urls = await publicUrls(ctx, rows.flatMap((r) => (r.cover ? [r.cover] : [])));
  return ok({ items: rows.map((r) => toCampaignCard(r, urls)) });
};
