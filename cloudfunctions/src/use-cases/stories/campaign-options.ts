/**
 * `authoring.campaignOptions`: the campaigns an editor may file a story under — every campaign
 * not archived, in display order. Unlike the readers' list (content.campaigns) it includes
 * campaigns with no published story yet: a new campaign gets its first story from here.
 */
import { CAMPAIGN_CARD_FIELDS, toCampaignCard } from '../../domain/projections';
import { staffUrls } from '../../lib/files';
import { isFailure, staffWith } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';

/** Campaigns are a handful; a bound far above any real count. */
const MAX_CAMPAIGNS = 1000;

export const campaignOptions: UseCase<'authoring', 'campaignOptions'> = async (_req, ctx) => {
  const who = await staffWith(ctx, 'editor');
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const rows = await c.collection('campaigns').select(CAMPAIGN_CARD_FIELDS).where({ archived: c.command.neq(true) }).orderBy('order', 'asc').limit(MAX_CAMPAIGNS).get();
  const urls = await staffUrls(ctx, rows.flatMap((r) => (r.cover ? [r.cover] : [])));
  return ok({ items: rows.map((r) => toCampaignCard(r, urls)) });
};
