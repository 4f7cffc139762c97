/**
 * Collections, indexes and security rules, declared once.
 *
 * Used by: the local cloud (creates collections, builds SQLite indexes, and in strict
 * mode refuses queries no index serves), the deploy docs (README: create these in the
 * cloud console or with `tcb`), and the functions' tests.
 *
 * An index serves a query when its fields start with some of the query's equality fields,
 * then continue with one range field or the sort keys in order (all directions equal or
 * all reversed) — MongoDB's equality-sort-range rule. Remaining filter fields are applied
 * to what the index yields. Array fields (`unitPath`, `exemplarIds`) are multikey.
 */

export type Direction = 1 | -1;

export interface IndexSpec {
  name: string;
  fields: [string, Direction][];
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
  /**
   * Client-side security rule (cloud console "自定义安全规则"). Clients never read or write
   * the database directly; every access goes through functions, which run with admin rights.
   */
  rule: { read: boolean; write: boolean };
}

const closed = { read: false, write: false } as const;

/**
 * Cloud storage's security rule (console → 存储 → 权限设置 → 自定义安全规则): clients neither read
 * nor write files directly. Every upload goes through `authoring.uploadImage` (which records who
 * uploaded what, for which purpose, and sends it to WeChat's image check), and every read through
 * a temporary URL a function issues after deciding the caller may see the file (lib/files.ts).
 */
export const STORAGE_RULE = { read: false, write: false } as const;

export const COLLECTIONS: CollectionSpec[] = [
  {
    // Every upload (lib/files.ts): who uploaded it for what, and its image check; _id = fileKey(fileId).
    name: 'files',
    rule: closed,
    indexes: [
      // The wxa_media_check event names the request by trace id.
      { name: 'trace', fields: [['traceId', 1]] },
      // media-check's timer: checks still pending since before a time.
      { name: 'pending', fields: [['check', 1], ['checkRequestedAt', 1]] },
    ],
  },
  {
    name: 'units',
    rule: closed,
    indexes: [
      { name: 'parent_order', fields: [['parentId', 1], ['order', 1]] },
      { name: 'order', fields: [['order', 1]] },
      // admin.moveUnit rewrites the paths of a subtree: "path contains X" (multikey).
      { name: 'path', fields: [['path', 1]] },
    ],
  },
  {
    name: 'exemplars',
    rule: closed,
    indexes: [
      { name: 'library', fields: [['state', 1], ['tier', 1], ['rank', -1], ['_id', -1]] },
      { name: 'library_unit', fields: [['unitPath', 1], ['state', 1], ['tier', 1], ['rank', -1], ['_id', -1]] },
      { name: 'next_review', fields: [['tier', 1], ['nextReviewAt', 1]] },
      // identity.todo: a publisher's overdue reviews, counted per subtree and tier.
      { name: 'unit_review', fields: [['unitPath', 1], ['tier', 1], ['nextReviewAt', 1]] },
      // authoring.unitExemplars: an editor's subtree, every state, last edited first (keyset).
      { name: 'unit_recent', fields: [['unitPath', 1], ['updatedAt', -1], ['_id', -1]] },
      // authoring.consentQueue: signed forms of a reviewer's subtree still waiting for a check,
      // oldest upload first (keyset).
      { name: 'consent_check', fields: [['unitPath', 1], ['consent.method', 1], ['consent.verifiedBy', 1], ['consent.recordedAt', 1], ['_id', 1]] },
      // See stories.by_id.
      { name: 'by_id', fields: [['_id', 1]] },
      // content.honoured: the public exemplars behind an honours-wall figure (honourKeys `_.in`
      // the band's years), by library rank (keyset); with and without a kind.
      { name: 'honoured', fields: [['honourKeys', 1], ['state', 1], ['rank', -1], ['_id', -1]] },
      { name: 'honoured_kind', fields: [['honourKeys', 1], ['state', 1], ['kind', 1], ['rank', -1], ['_id', -1]] },
      // content.search: public exemplars holding one search key, library order (multikey, keyset).
      { name: 'search', fields: [['searchKeys', 1], ['state', 1], ['rank', -1], ['_id', -1]] },
      // Renaming or moving a unit re-keys the search of its subtree's exemplars, walking it by _id.
      { name: 'unit_path', fields: [['unitPath', 1], ['_id', 1]] },
      // content.stationMembers: a station's people who are public exemplars, by rank (keyset).
      { name: 'unit_kind', fields: [['unitPath', 1], ['state', 1], ['kind', 1], ['rank', -1], ['_id', -1]] },
    ],
  },
  {
    name: 'honors',
    rule: closed,
    indexes: [{ name: 'exemplar_date', fields: [['exemplarId', 1], ['date', -1]] }],
  },
  {
    name: 'campaigns',
    rule: closed,
    indexes: [{ name: 'order', fields: [['order', 1]] }],
  },
  {
    name: 'stories',
    rule: closed,
    indexes: [
      { name: 'feed', fields: [['state', 1], ['publishedAt', -1], ['_id', -1]] },
      { name: 'campaign_feed', fields: [['campaignId', 1], ['state', 1], ['publishedAt', -1], ['_id', -1]] },
      { name: 'exemplar_feed', fields: [['exemplarIds', 1], ['state', 1], ['publishedAt', -1], ['_id', -1]] },
      { name: 'code', fields: [['code', 1]], unique: true },
      // The primary key, declared so range walks on _id (reconcile) are visibly index-served;
      // the cloud creates it by itself, so deploy skips any index on _id alone.
      { name: 'by_id', fields: [['_id', 1]] },
      // admin.moveUnit rewrites unitPath copies of a moved subtree, walking it by _id (and so
      // does the search re-keying after a unit is renamed or moved).
      { name: 'unit_path', fields: [['unitPath', 1], ['_id', 1]] },
      // content.search: published stories holding one search key, feed order (multikey, keyset).
      { name: 'search', fields: [['searchKeys', 1], ['state', 1], ['publishedAt', -1], ['_id', -1]] },
      // content.related: the newest published stories of a unit's subtree (multikey).
      { name: 'unit_feed', fields: [['unitPath', 1], ['state', 1], ['publishedAt', -1], ['_id', -1]] },
    ],
  },
  {
    name: 'roles',
    rule: closed,
    indexes: [
      { name: 'openid', fields: [['openid', 1], ['revokedAt', 1]] },
      { name: 'unit', fields: [['unitId', 1], ['grantedAt', -1]] },
      // admin.listGrants: active grants newest first (keyset), narrowed to the admin's subtree.
      { name: 'active', fields: [['revokedAt', 1], ['grantedAt', -1], ['_id', -1]] },
    ],
  },
  {
    // Staff profiles (name and unit shown instead of ids); _id derived from the OPENID (lib/people.ts), read by id only.
    name: 'staff_profiles',
    rule: closed,
    indexes: [],
  },
  {
    // One-time invite codes; the _id is derived from the code, so redeeming reads one document.
    name: 'invites',
    rule: closed,
    indexes: [{ name: 'unit_recent', fields: [['unitPath', 1], ['createdAt', -1], ['_id', -1]] }],
  },
  {
    // Library decisions (tier history), never edited.
    name: 'tier_changes',
    rule: closed,
    indexes: [
      { name: 'exemplar', fields: [['exemplarId', 1], ['at', -1], ['_id', -1]] },
      { name: 'unit_recent', fields: [['unitPath', 1], ['at', -1], ['_id', -1]] },
    ],
  },
  {
    name: 'audit',
    rule: closed,
    indexes: [
      { name: 'recent', fields: [['at', -1], ['_id', -1]] },
      { name: 'subject', fields: [['subject.kind', 1], ['subject.id', 1], ['at', -1]] },
      { name: 'actor', fields: [['actor', 1], ['at', -1]] },
    ],
  },
  {
    // One record per (user, target) under a deterministic _id (domain/engagement.ts likeId).
    name: 'likes',
    rule: closed,
    indexes: [
      { name: 'mine', fields: [['openid', 1], ['target.kind', 1], ['at', -1], ['_id', -1]] },
      { name: 'target', fields: [['target.kind', 1], ['target.id', 1]] },
    ],
  },
  {
    // One record per (user, story, Asia/Shanghai day): the id dedups views.
    name: 'views',
    rule: closed,
    indexes: [{ name: 'day', fields: [['day', 1]] }],
  },
  {
    // Fixed-window call counters per (scope, user, window); reconcile deletes expired ones.
    name: 'rate_limits',
    rule: closed,
    indexes: [{ name: 'expires', fields: [['expiresAt', 1]] }],
  },
  {
    // A story's generated poster code image (by story id), reused across requests.
    name: 'poster_codes',
    rule: closed,
    indexes: [],
  },
  {
    // A profile poster's code (_id = the code, the scene its mini-program code carries): the
    // exemplar it names and its image, written by engagement.posterCode, read by id only.
    name: 'profile_codes',
    rule: closed,
    indexes: [],
  },
  {
    // Working revisions of stories (authoring): `_id` = story id; `stories` keeps the approved one.
    name: 'story_revisions',
    rule: closed,
    indexes: [
      // authoring.myDrafts: the author's revisions, last edited first (keyset).
      { name: 'mine', fields: [['authorOpenid', 1], ['updatedAt', -1], ['_id', -1]] },
      // The review queue, oldest submission first (keyset); unitPath-led, so it also serves
      // admin.moveUnit's rewrite of a moved unit's revisions.
      { name: 'queue', fields: [['unitPath', 1], ['state', 1], ['submittedAt', 1], ['_id', 1]] },
    ],
  },
  {
    // In-app consent requests (PIPL art. 25): `_id` is the code the person opens.
    name: 'consent_requests',
    rule: closed,
    indexes: [{ name: 'exemplar', fields: [['exemplarId', 1], ['createdAt', -1]] }],
  },
  {
    // 媒体刊发 of an exemplar.
    name: 'placements',
    rule: closed,
    indexes: [
      { name: 'exemplar_date', fields: [['exemplarId', 1], ['date', -1]] },
      // content.placements: the placements behind an honours-wall figure (wallKeys `_.in` the
      // years of the figure), newest first (keyset on the numeric day).
      { name: 'wall', fields: [['wallKeys', 1], ['day', -1], ['_id', -1]] },
      // authoring.savePlacement: a story's coverage already recorded (one outlet, one date) is not recorded twice.
      { name: 'story', fields: [['storyId', 1], ['date', -1]] },
    ],
  },
  {
    // The honours wall's figures (domain/honours-wall.ts): one document, read by id, moved in the
    // same transaction as every honour, placement and visibility change; the reconcile timer rebuilds it.
    name: 'honours_summary',
    rule: closed,
    indexes: [],
  },
  {
    // Official-account publish jobs, one per (story, revision) under a deterministic id.
    name: 'publish_jobs',
    rule: closed,
    indexes: [
      { name: 'recent', fields: [['createdAt', -1], ['_id', -1]] },
      { name: 'stuck', fields: [['state', 1], ['updatedAt', 1]] },
      { name: 'publish_id', fields: [['publishId', 1]] },
      { name: 'story', fields: [['storyId', 1], ['revision', -1]] },
    ],
  },
  {
    // The official-account access token (one document) with its refresh lease.
    name: 'oa_tokens',
    rule: closed,
    indexes: [],
  },
  {
    // Daily call counters for quota-limited official-account APIs (freepublish/get: 100 a day).
    name: 'oa_quota',
    rule: closed,
    indexes: [],
  },
  {
    // Signed message pushes already accepted (_id from timestamp + nonce): a signature is good
    // once. publish-timer deletes them once their time window is over.
    name: 'oa_push_nonces',
    rule: closed,
    indexes: [{ name: 'expires', fields: [['expiresAt', 1]] }],
  },
  {
    // Nominations (推荐): _id derived from (nominator, requestKey) so a retried submit is one document.
    name: 'nominations',
    rule: closed,
    indexes: [
      // A reviewer's queue: their unit on the path, the state of their level, oldest first.
      { name: 'queue', fields: [['unitPath', 1], ['state', 1], ['createdAt', 1], ['_id', 1]] },
      // The nominator's list, newest first (keyset).
      { name: 'mine', fields: [['nominatedBy', 1], ['createdAt', -1], ['_id', -1]] },
      // The public notice and the enrolment timer: in_notice by the end of the period.
      { name: 'notice', fields: [['state', 1], ['noticeEndsAt', 1], ['_id', 1]] },
    ],
  },
  {
    // One active nomination per existing exemplar: the claim under the exemplar's _id (read by id only).
    name: 'nomination_guards',
    rule: closed,
    indexes: [],
  },
  {
    // Objections to nominations in 公示; one per (person, nomination) under a derived _id.
    name: 'objections',
    rule: closed,
    indexes: [{ name: 'scope', fields: [['unitPath', 1], ['state', 1], ['at', 1], ['_id', 1]] }],
  },
  {
    // 留言 under stories (types/comments.ts); _id derived from (writer, requestKey) so a retried post is one document.
    name: 'comments',
    rule: closed,
    indexes: [
      // comments.listForStory: a story's featured messages, newest first (keyset).
      { name: 'story', fields: [['storyId', 1], ['state', 1], ['createdAt', -1], ['_id', -1]] },
      // comments.mine: the writer's messages, newest first (keyset; deleted ones skipped).
      { name: 'mine', fields: [['openid', 1], ['createdAt', -1], ['_id', -1]] },
      // comments.listForStory: the caller's own messages under one story.
      { name: 'mine_story', fields: [['openid', 1], ['storyId', 1], ['createdAt', -1]] },
      // comments.queue and identity.todo: a reviewer's subtree by state, oldest first (pending) or
      // newest first (featured); admin.moveUnit rewrites a unit's copies by (unitPath, unitId).
      { name: 'queue', fields: [['unitPath', 1], ['state', 1], ['createdAt', 1], ['_id', 1]] },
    ],
  },
  {
    // 挂图作业: one unit's work plan for one year; _id = planIdOf(year, unitId) (domain/plans.ts).
    name: 'plans',
    rule: closed,
    indexes: [
      // workboard.plans: the year's boards inside a reader's subtree (multikey unitPath).
      { name: 'subtree_year', fields: [['unitPath', 1], ['year', 1], ['unitId', 1]] },
    ],
  },
  {
    // A plan's tasks (types/plans.ts). unitPath is the OWNER unit's path; the figures count a subtree's tasks by it.
    name: 'plan_tasks',
    rule: closed,
    indexes: [
      // workboard.board: a plan's tasks by due date.
      { name: 'board', fields: [['planId', 1], ['due', 1], ['_id', 1]] },
      // A board's overdue count: unfinished tasks due before today.
      { name: 'plan_state', fields: [['planId', 1], ['status', 1], ['due', 1]] },
      // identity.todo: unfinished tasks an owner unit's admins answer for, by due date.
      { name: 'owner_due', fields: [['unitId', 1], ['status', 1], ['due', 1]] },
      // The due-soon reminder (workboard timer): unfinished tasks due in the next days.
      { name: 'due_soon', fields: [['status', 1], ['due', 1]] },
      // Figures (plan completion) and a subtree's tasks of a year.
      { name: 'subtree_year', fields: [['unitPath', 1], ['year', 1], ['due', 1]] },
    ],
  },
  {
    // 争创荣誉: the awards the corps competes for (types/pursuits.ts); candidates and outcomes inside.
    name: 'pursuits',
    rule: closed,
    indexes: [
      // workboard.pursuits: one year's pursuits of a subtree (multikey), by nomination deadline (keyset).
      { name: 'subtree_year', fields: [['unitPath', 1], ['year', 1], ['deadlineDay', 1], ['_id', 1]] },
      // workboard.pursuitDeadlines and identity.todo: the pursuits of a subtree not over yet (latest date from today on).
      { name: 'subtree_last', fields: [['unitPath', 1], ['lastDay', 1]] },
    ],
  },
  {
    // 岗位标兵 selection rounds (types/selections.ts).
    name: 'selection_rounds',
    rule: closed,
    indexes: [
      // workboard.selectionRounds: the rounds of a subtree (multikey), and those of the units above it, newest first.
      { name: 'subtree', fields: [['unitPath', 1], ['createdAt', -1]] },
      { name: 'unit', fields: [['unitId', 1], ['createdAt', -1]] },
      // The rounds on whose committee a person sits (multikey), by state: identity.todo reads the open ones.
      { name: 'committee', fields: [['committee', 1], ['state', 1], ['createdAt', -1]] },
      // workboard.selectionRounds: every round the person sits on, newest first.
      { name: 'committee_recent', fields: [['committee', 1], ['createdAt', -1]] },
    ],
  },
  {
    // A round's candidates; _id derived from (round, exemplar or unit + name), so a person is put forward once.
    name: 'selection_candidates',
    rule: closed,
    indexes: [{ name: 'round', fields: [['roundId', 1], ['putForwardAt', 1], ['_id', 1]] }],
  },
  {
    // One committee member's score sheet per round; _id derived from (round, member). Read by id, or all of a round at close.
    name: 'selection_scores',
    rule: closed,
    indexes: [{ name: 'round', fields: [['roundId', 1], ['_id', 1]] }],
  },
];

export const COLLECTION_NAMES = COLLECTIONS.map((c) => c.name);
