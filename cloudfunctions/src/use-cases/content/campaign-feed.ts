/** `content.campaignFeed`: one campaign's card and its published stories, newest first. */
import { PAGE_SIZE } from '@contract';
import { CAMPAIGN_CARD_FIELDS, toCampaignCard } from '../../domain/projections';
import { requestCursor } from '../../lib/cursor';
import { fail, isFailure, ok, type UseCase } from '../../lib/handler';
import { storyPage } from './shared';

export const campaignFeed: UseCase<'content', 'campaignFeed'> = async (req, ctx) => {
  const cursor = requestCursor(req.cursor);
  if (isFailure(cursor)) return cursor;
  const campaign = await ctx.cloud().collection('campaigns').doc(req.campaignId).select(CAMPAIGN_CARD_FIELDS).get();
  if (!campaign) return fail('NOT_FOUND', `campaign ${req.campaignId} not found`);
  // The campaign's cover rides in the page's one URL call.
  const page = await storyPage(ctx, { campaignId: campaign._id, state: 'published' }, cursor, req.limit ?? PAGE_SIZE.feed, { files: campaign.cover ? [campaign.cover] : [] });
  return ok({ items: page.items, next: page.next, campaign: toCampaignCard(campaign, page.urls) });
};
