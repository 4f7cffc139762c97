/** The `content` cloud function: public reading (feed, campaigns, stories, libraries, profiles, units). */
import { cloud } from '../../adapters/cloud';
import { createHandler } from '../../lib/handler';
import { contentActions } from './actions';

export const main = createHandler('content', contentActions(cloud), {
  notFoundWhenInvalid: { story: ['id'], profile: ['id'], campaignFeed: ['campaignId'], resolveCode: ['code'] },
});
