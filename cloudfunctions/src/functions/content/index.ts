/** The `content` cloud function: public reading (feed, campaigns, stories, libraries, profiles, units, search, the honours wall). */
import { createHandler, type ActionTable } from '../../lib/handler';
import { campaignFeed } from '../../use-cases/content/campaign-feed';
import { campaigns } from '../../use-cases/content/campaigns';
import { exemplars } from '../../use-cases/content/exemplars';
import { feed } from '../../use-cases/content/feed';
import { honoured } from '../../use-cases/content/honoured';
import { exemplarStories } from '../../use-cases/content/exemplar-stories';
import { honoursWall } from '../../use-cases/content/honours-wall';
import { libraryUnits } from '../../use-cases/content/library-units';
import { placements } from '../../use-cases/content/placements';
import { profile } from '../../use-cases/content/profile';
import { related } from '../../use-cases/content/related';
import { resolveCode } from '../../use-cases/content/resolve-code';
import { resolveProfileCode } from '../../use-cases/content/resolve-profile-code';
import { search } from '../../use-cases/content/search';
import { stationMembers } from '../../use-cases/content/station-members';
import { story } from '../../use-cases/content/story';
import { units } from '../../use-cases/content/units';

const actions: ActionTable<'content'> = { feed, campaignFeed, campaigns, story, exemplars, profile, units, resolveCode, search, honoursWall, honoured, placements, libraryUnits, exemplarStories, stationMembers, related, resolveProfileCode };

export const main = createHandler('content', actions, {
  // A shared link or stale card with a mangled id points nowhere: "not found", not a caller bug.
  notFoundWhenInvalid: {
    story: ['id'],
    profile: ['id'],
    campaignFeed: ['campaignId'],
    resolveCode: ['code'],
    resolveProfileCode: ['code'],
    exemplarStories: ['exemplarId'],
    stationMembers: ['exemplarId'],
    related: ['storyId'],
  },
});
