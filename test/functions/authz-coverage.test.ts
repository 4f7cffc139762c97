/**
 * Every action the contract declares is either in an authorization matrix (a row `name:
 * '<function>.<action>'` in one of the *-authz.test.ts suites, run by describeAuthzMatrix) or
 * on the list below of actions open to every reader, each with the reason it needs no role.
 * A new action without either fails here: it cannot ship with its permission untested.
 */
import fs from 'node:fs';
import path from 'node:path';
import { requestSchemas } from '@contract';

/** Actions open to readers (any signed-in user, or anyone): what each answers or changes. */
const OPEN_ACTIONS: Record<string, string> = {
  'content.feed': 'published stories (public reading)',
  'content.campaignFeed': 'published stories of a campaign (public reading)',
  'content.campaigns': 'campaign cards (public reading)',
  'content.story': 'one published story (public reading)',
  'content.exemplars': 'public library cards (consent rule applied)',
  'content.profile': 'one public profile (consent rule applied)',
  'content.units': 'the unit tree names (public)',
  'content.resolveCode': 'a poster code → its published story',
  'content.search': 'published stories and public exemplars only (consent rule applied, linked people checked live); reads bounded per request',
  'content.honoursWall': 'the honours wall: figures counted over public exemplars only (consent rule applied)',
  'content.honoured': 'the public exemplars behind an honours-wall figure (consent rule applied)',
  'content.placements': 'the media placements of public exemplars behind an honours-wall figure',
  'content.libraryUnits': 'the unit tree with counts of public exemplars per subtree, from the honours summary (consent rule applied)',
  'content.exemplarStories': 'published stories of a public exemplar (consent rule applied)',
  'content.stationMembers': 'the public individual exemplars of a public station (consent rule applied)',
  'content.related': 'published stories related to a published story, only through public exemplars',
  'content.resolveProfileCode': 'a profile poster code → its public exemplar',
  'engagement.setLike': 'the caller’s own like or salute, rate limited',
  'engagement.status': 'the caller’s own like states',
  'engagement.view': 'one view of the caller, deduplicated per day',
  'engagement.share': 'a share counter, rate limited',
  'engagement.posterCode': 'the mini-program code of a published story or a public profile',
  'engagement.myLikes': 'the caller’s own likes',
  'engagement.mySalutes': 'the caller’s own salutes',
  'comments.post': 'a signed-in reader’s own message under a published story (content-checked, rate limited, shown to others only once a reviewer features it)',
  'comments.listForStory': 'the featured messages of a published story, and the caller’s own',
  'comments.mine': 'only the caller’s own messages',
  'comments.remove': 'only the caller’s own message (anyone else’s answers NOT_FOUND)',
  'identity.me': 'the caller’s own roles and profile',
  'identity.todo': 'only the work waiting for the caller, counted over the subtrees where they hold each role (a reader has none)',
  'admin.redeem': 'any signed-in user redeems a code they were given (rate limited; grants only what its creator may still grant)',
  'authoring.consentInfo': 'the person opening their consent link',
  'authoring.confirmConsent': 'the person confirming with their own WeChat (never the editor who asked)',
  'authoring.withdrawMyConsent': 'the person withdrawing the consent they gave, with the same WeChat',
  'authoring.myDrafts': 'only the caller’s own working revisions',
  'nominations.mine': 'only the caller’s own nominations',
  'nominations.notice': 'the public notice (公示) is public by law',
  'nominations.object': 'any signed-in reader may object during 公示 (content-checked, one per person)',
};

function matrixRows(): Set<string> {
  const dir = __dirname;
  const rows = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => /-authz\.test\.ts$/.test(n))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    if (!text.includes('describeAuthzMatrix(')) continue;
    for (const m of text.matchAll(/name:\s*'([a-z-]+\.[A-Za-z]+)'/g)) rows.add(m[1] as string);
  }
  return rows;
}

describe('every declared action has its permission tested', () => {
  const declared = Object.entries(requestSchemas).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`));
  const rows = matrixRows();

  it.each(declared)('%s is in an authorization matrix or open to readers for a stated reason', (action) => {
    expect([action, rows.has(action) || action in OPEN_ACTIONS]).toEqual([action, true]);
  });

  it('no action is both open and in a matrix, and the open list names only declared actions', () => {
    for (const open of Object.keys(OPEN_ACTIONS)) {
      expect([open, declared.includes(open), rows.has(open)]).toEqual([open, true, false]);
    }
  });
});
