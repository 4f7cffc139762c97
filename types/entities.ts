/**
 * The domain model of 身边典型, shared by the client and the cloud functions.
 *
 * Conventions:
 * - Every stored document has a string `_id`; ids are opaque to clients.
 * - Instants are stored as epoch milliseconds (`number`). The cloud DB's Date and
 *   serverDate are avoided in documents because a number sorts, indexes and
 *   serialises identically on both clouds and in SQLite; `db.serverDate()` is used
 *   only where the server clock must win (it is converted on read).
 * - Calendar dates that have no time (honor dates) are `YYYY-MM-DD` strings.
 * - Media are referenced by cloud file ids (`cloud://…`); functions resolve them to
 *   temporary URLs before answering, so the client never needs storage access.
 */

import type { ExemplarWall, OutletLevel } from './honours';

export type Id = string;
/** Epoch milliseconds. */
export type Millis = number;
/** Calendar date `YYYY-MM-DD`. */
export type IsoDate = string;
/** A cloud storage file id (`cloud://env.bucket/path`). */
export type FileId = string;
/** A URL the client can load directly (temporary URL in production, local URL in the emulator). */
export type MediaUrl = string;

// ---------------------------------------------------------------- units

/** 总队 → 支队 → 大队 → 消防救援站. */
export type UnitLevel = 'corps' | 'detachment' | 'battalion' | 'station';

export interface Unit {
  _id: Id;
  name: string;
  /** Short name shown in tight places, e.g. "乌鲁木齐支队". */
  shortName: string;
  level: UnitLevel;
  parentId: Id | null;
  /** Ids from the root down to and including this unit: subtree checks are `path` contains X. */
  path: Id[];
  order: number;
}

// ---------------------------------------------------------------- exemplars

/** 个人 / 集体. */
export type ExemplarKind = 'individual' | 'collective';
/** 重大先进典型库 / 后备典型库; `retired` keeps history readable but out of the libraries. */
export type Tier = 'major' | 'reserve' | 'retired';
/** Post role-model categories: 灭火救援尖兵 · 优秀政治干部 · 后勤好管家 · 执法为民模范. */
export type PostCategory = 'rescue' | 'political' | 'logistics' | 'law';
/** Honor levels: 全国 · 自治区/兵团 · 地州市 · 县市. */
export type HonorLevel = 'national' | 'regional' | 'prefecture' | 'county';

export type PublishState = 'draft' | 'published';

/**
 * PIPL art. 25: an individual's profile is public only with the person's separate consent
 * (domain/consent.ts says when a record counts). It is withdrawn by removing it (the audit log
 * keeps who withdrew it and why).
 */
export interface ConsentRecord {
  method: 'in_app' | 'signed_form';
  /** OPENID of the person who confirmed in the app, or the uploaded form's file id. */
  evidence: string;
  recordedAt: Millis;
  recordedBy: string;
  /** The name the person consented under: renaming the profile voids the consent. */
  name: string;
  /**
   * Who checked that the evidence is this person's: the person themself for an in-app
   * confirmation; for a signed form, a reviewer other than the uploader who looked at the scan.
   * null while a signed form waits for that check (it does not count yet).
   */
  verifiedBy: string | null;
  verifiedAt: Millis | null;
}

export interface Exemplar {
  _id: Id;
  kind: ExemplarKind;
  tier: Tier;
  name: string;
  /** Post / duty line for individuals ("一级消防士 · 特勤站班长"), a motto for collectives. */
  title: string;
  unitId: Id;
  /** Copy of the unit's path, so subtree queries need no join. */
  unitPath: Id[];
  category: PostCategory;
  photo: FileId | null;
  /** One-sentence summary for cards. */
  summary: string;
  biography: string;
  consent: ConsentRecord | null;
  state: PublishState;
  honorCount: number;
  storyCount: number;
  saluteCount: number;
  /** Shares of the profile page (engagement.share); absent until the first share, so older documents stay valid. */
  shareCount?: number;
  /** Shares by channel, moved together with shareCount; absent until the first share. */
  shareByChannel?: Partial<Record<'chat' | 'moments' | 'poster', number>>;
  enteredTierAt: Millis;
  nextReviewAt: Millis;
  createdAt: Millis;
  updatedAt: Millis;
  /** Sort key for libraries: larger first (major exemplars by honor weight). */
  rank: number;
  /**
   * The honours wall's tally of this exemplar's honours and placements (domain/honours-wall.ts),
   * moved in the same transaction as them; absent on documents written before the wall existed
   * (the reconcile timer fills it in).
   */
  wall?: ExemplarWall;
  /** `<band>:<year>` for every year it holds an honour of that band: the index the lists behind the wall's figures read. */
  honourKeys?: string[];
  /** Search keys and the text they were cut from (domain/search.ts), rewritten with every change of what they cover; absent on documents written before search existed. */
  searchKeys?: string[];
  searchText?: string[];
}

export interface Honor {
  _id: Id;
  exemplarId: Id;
  title: string;
  level: HonorLevel;
  date: IsoDate;
  awardedBy: string;
}

/** 记功授称: a merit citation for a unit or person. */
export interface MeritCitation {
  _id: Id;
  exemplarId: Id;
  title: string;
  date: IsoDate;
}

/** 媒体刊发. */
export interface MediaPlacement {
  _id: Id;
  exemplarId: Id | null;
  storyId: Id | null;
  outlet: string;
  title: string;
  date: IsoDate;
  link: string | null;
  /** The outlet's level (中央/自治区/地州市/县市); absent on placements recorded before levels existed (未分级). */
  level?: OutletLevel;
  /** Derived on save (domain/honours-wall.ts): the keys the lists behind the wall's figures read, and the date as a number for their order. */
  wallKeys?: string[];
  day?: number;
}

// ---------------------------------------------------------------- content model

/** Inline run of text. Links are kept as data; renderers decide how to show them. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  href?: string;
}

export type ContentBlock =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; spans: Span[] }
  | { type: 'quote'; spans: Span[]; cite?: string }
  | { type: 'list'; ordered: boolean; items: Span[][] }
  | { type: 'image'; file: FileId; width: number; height: number; caption?: string }
  /**
   * A short video (VIDEO_LIMITS) with the poster image shown before it plays — and in its place
   * in the official-account article, linked back to the story in the mini-program. Size and
   * duration are the server's reading of the uploaded file, never the client's word.
   */
  | { type: 'video'; file: FileId; poster: FileId; width: number; height: number; durationMs: number; caption?: string }
  | { type: 'divider' };

/** The same block with its image (or video and poster) resolved for display. */
export type RenderedBlock =
  | Exclude<ContentBlock, { type: 'image' } | { type: 'video' }>
  | { type: 'image'; url: MediaUrl; width: number; height: number; caption?: string }
  /** `poster` is null while its image check is still pending: the player shows its first frame. */
  | { type: 'video'; url: MediaUrl; poster: MediaUrl | null; width: number; height: number; durationMs: number; caption?: string };

// ---------------------------------------------------------------- campaigns and stories

export interface Campaign {
  _id: Id;
  /** e.g. 身边典型•平凡榜样. */
  name: string;
  slug: string;
  description: string;
  cover: FileId | null;
  /** The campaign's period: from startedAt to endsAt (null: open-ended). */
  startedAt: Millis;
  /** Absent on campaigns saved before periods existed: read as open-ended (null). */
  endsAt?: Millis | null;
  /**
   * An archived campaign is over: readers no longer see it in the campaign list or the feed's
   * chips, but its page still opens from old share links (and says 专题已结束). Absent on
   * campaigns saved before archiving existed: read as not archived.
   */
  archived?: boolean;
  order: number;
  /** Published stories filed under it: a campaign with none is not shown to readers. */
  storyCount: number;
  /** Shares of the campaign page (engagement.share); absent until the first share, so older documents stay valid. */
  shareCount?: number;
  /** Shares by channel, moved together with shareCount; absent until the first share. */
  shareByChannel?: Partial<Record<'chat' | 'moments' | 'poster', number>>;
  /**
   * A 岗位标兵 selection's published results (workboard.publishSelectionRound): the winners in
   * rank order, shown on the campaign page. Absent on every other campaign.
   */
  roll?: CampaignRollEntry[];
}

/** One winner on a results campaign: by name, with their profile when it was public at publication. */
export interface CampaignRollEntry {
  rank: number;
  name: string;
  unitName: string;
  /** The exemplar whose profile the entry links to; null for a person with no public profile. */
  exemplarId: Id | null;
  /** Weighted total out of 100. */
  total: number;
}

export type StoryState = 'draft' | 'in_review' | 'returned' | 'published' | 'withdrawn';

export interface Story {
  _id: Id;
  /** Short code (≤ 12 chars, [0-9A-Za-z]) used in poster mini-program codes and share paths. */
  code: string;
  title: string;
  summary: string;
  cover: FileId | null;
  campaignId: Id | null;
  exemplarIds: Id[];
  unitId: Id;
  unitPath: Id[];
  author: string;
  blocks: ContentBlock[];
  state: StoryState;
  revision: number;
  publishedAt: Millis | null;
  createdAt: Millis;
  updatedAt: Millis;
  likeCount: number;
  viewCount: number;
  shareCount: number;
  /** Shares by channel (engagement.share increments the channel and shareCount together); absent until the first share. */
  shareByChannel?: Partial<Record<'chat' | 'moments' | 'poster', number>>;
  /**
   * Set when the official-account pipeline has published this story; `revision` is the story
   * revision the article shows (absent on links made before it was recorded).
   */
  article: { url: string; publishedAt: Millis; revision?: number } | null;
  /**
   * Why and by whom a published story was taken down (撤回, authoring.takeDown) while its state is
   * `withdrawn`; approving a new revision publishes it again and drops this. Absent on stories
   * never taken down.
   */
  withdrawal?: { reason: string; by: string; at: Millis; deleteArticle: boolean } | null;
  /** Search keys and the text they were cut from (domain/search.ts), rewritten with every change of what they cover; absent on documents written before search existed. */
  searchKeys?: string[];
  searchText?: string[];
}

// ---------------------------------------------------------------- staff workflows

export type Role = 'editor' | 'reviewer' | 'publisher' | 'admin';

export interface RoleGrant {
  _id: Id;
  openid: string;
  role: Role;
  /** The unit whose subtree the role covers. */
  unitId: Id;
  grantedBy: string;
  grantedAt: Millis;
  revokedAt: Millis | null;
  /** When an invite this grant's holder created was last redeemed (written so a revocation racing it conflicts). */
  lastGrantedThroughAt?: Millis;
}

export interface Invite {
  _id: Id;
  /** One-time code the invitee types or scans. */
  code: string;
  role: Role;
  unitId: Id;
  createdBy: string;
  expiresAt: Millis;
  redeemedBy: string | null;
  redeemedAt: Millis | null;
  revokedAt: Millis | null;
}

export type NominationState =
  | 'submitted' // waiting for the detachment
  | 'detachment_approved' // waiting for the corps
  | 'returned' // back with the nominator for revision
  | 'rejected'
  | 'in_notice' // 公示 period running
  | 'objection_review'
  | 'enrolled' // entered the library
  | 'withdrawn';

export interface Nomination {
  _id: Id;
  /** Client-generated key that makes a retried submit idempotent. */
  requestKey: string;
  nominee: { exemplarId: Id } | { new: { kind: ExemplarKind; name: string; unitId: Id } };
  category: PostCategory;
  targetTier: Exclude<Tier, 'retired'>;
  deeds: string;
  attachments: FileId[];
  consent: ConsentRecord | null;
  nominatingUnitId: Id;
  unitPath: Id[];
  nominatedBy: string;
  state: NominationState;
  noticeEndsAt: Millis | null;
  createdAt: Millis;
  updatedAt: Millis;
}

export type ReviewDecision = 'approve' | 'reject' | 'return';

export interface Review {
  _id: Id;
  subject: { kind: 'nomination' | 'story'; id: Id };
  level: UnitLevel;
  decision: ReviewDecision;
  comment: string;
  reviewer: string;
  at: Millis;
}

export interface Objection {
  _id: Id;
  nominationId: Id;
  text: string;
  filedBy: string;
  at: Millis;
  state: 'open' | 'sustained' | 'dismissed';
}

/** One record per (user, target); its id is deterministic so a retry cannot make two. */
export interface Like {
  _id: Id;
  openid: string;
  target: { kind: 'story' | 'exemplar'; id: Id };
  at: Millis;
}

/**
 * `deleting` / `deleted`: the job's article is being removed from the account (freepublish/delete)
 * because its story was taken down; the same job that made the article unmakes it, once.
 */
export type PublishJobState = 'queued' | 'images_uploaded' | 'draft_created' | 'submitted' | 'published' | 'failed' | 'deleting' | 'deleted';

export interface PublishJob {
  _id: Id;
  storyId: Id;
  revision: number;
  state: PublishJobState;
  /** Inline image → uploadimg URL, keyed by `mediaKey(fileId)` (field names cannot hold the dots of a file id). */
  mediaMap: Record<FileId, string>;
  thumbMediaId: string | null;
  draftMediaId: string | null;
  publishId: string | null;
  articleUrl: string | null;
  /** `source` tells a WeChat errcode from a PUBLISHJOBFINISH publish_status (2–6). */
  failure: { code: number; message: string; source?: 'errcode' | 'publish_status' | 'render' } | null;
  attempts: number;
  createdBy: string;
  createdAt: Millis;
  updatedAt: Millis;
  /** Story title when the job was made, for job lists. */
  title?: string;
  /** The step that failed (a retry resumes there). */
  failedStep?: 'upload_images' | 'create_draft' | 'submit' | 'await_result' | 'delete_article' | null;
  /** The published article's id on the account (PUBLISHJOBFINISH, freepublish/get or the published list): what freepublish/delete names. */
  articleId?: string | null;
  /** Set before freepublish/delete: after a crash the article is looked up (gone or not), not deleted blindly again. */
  deleteIntentAt?: Millis | null;
  /** Who asked for the article to be deleted (the story's take-down), and when. */
  deleteRequested?: { by: string; at: Millis } | null;
  /**
   * The story was taken down with its article while this job was still on its way: when the
   * publish completes, the job goes straight on to deleting the article instead of linking it.
   */
  deleteWhenPublished?: boolean;
  /** One runner at a time: the instance advancing the job and until when. */
  lease?: { owner: string; until: Millis } | null;
  /** Set before draft/add and freepublish/submit: after a crash the result is looked up, not re-made. */
  draftIntentAt?: Millis | null;
  submitIntentAt?: Millis | null;
  submittedAt?: Millis | null;
  lastPolledAt?: Millis | null;
  /** The last transient problem (busy, network) while the job waits to be resumed. */
  lastError?: { code: number; message: string; at: Millis } | null;
  /** Timeline for the publisher: every state reached, with when. */
  history?: { state: PublishJobState; at: Millis; note?: string }[];
}

/** The official-account access token shared by every function instance, with its refresh lease. */
export interface OaToken {
  _id: Id;
  token: string | null;
  expiresAt: Millis;
  lease: { owner: string; until: Millis } | null;
  fetchedAt: Millis | null;
}

export interface AuditEntry {
  _id: Id;
  actor: string;
  action: string;
  subject: { kind: string; id: Id };
  before: unknown;
  after: unknown;
  at: Millis;
}

// ---------------------------------------------------------------- authoring

/** A working revision's place in review; approval turns it into the story and deletes it. */
export type StoryRevisionState = 'draft' | 'in_review' | 'returned';

/**
 * The working copy of a story (collection `story_revisions`, `_id` = the story's id): a new
 * story's draft or the next revision of a published one. `stories` keeps the approved
 * revision, so readers never see work in progress.
 */
export interface StoryRevision {
  _id: Id;
  /** The number the story's `revision` takes when this is approved. */
  revision: number;
  /** Save counter: a save names the version it edited, so two devices cannot overwrite each other. */
  version: number;
  title: string;
  summary: string;
  cover: FileId | null;
  campaignId: Id | null;
  exemplarIds: Id[];
  unitId: Id;
  unitPath: Id[];
  /** Byline shown to readers. */
  author: string;
  /** OPENID of the editor who started the revision. */
  authorOpenid: string;
  /**
   * Everyone who saved this revision (absent on revisions saved before it existed): none of
   * them may approve it — nobody approves their own story.
   */
  contributors?: string[];
  /** The Markdown source; `blocks` is its server compilation. */
  markdown: string;
  blocks: ContentBlock[];
  state: StoryRevisionState;
  /** msgSecCheck's verdict at submission: 'review' means a human must look closely. */
  secCheck: 'pass' | 'review' | null;
  history: { action: 'submit' | 'withdraw' | 'approve' | 'return'; by: string; at: Millis; comment: string }[];
  submittedAt: Millis | null;
  createdAt: Millis;
  updatedAt: Millis;
}

/** A request for the person's own in-app consent (PIPL art. 25); `_id` is the code they open. */
export interface ConsentRequest {
  _id: Id;
  exemplarId: Id;
  /** The profile's name when the link was made: the person consents to that name (absent on older links). */
  name?: string;
  /** When the person withdrew the consent they gave through this link. */
  withdrawnAt?: Millis | null;
  createdBy: string;
  createdAt: Millis;
  expiresAt: Millis;
  confirmedBy: string | null;
  confirmedAt: Millis | null;
}
