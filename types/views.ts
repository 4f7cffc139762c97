/**
 * What functions send to pages: projections of the entities with media resolved to URLs.
 * Pages render these and nothing else, so a page never receives fields it does not show.
 */
import type {
  CampaignRollEntry,
  ExemplarKind,
  HonorLevel,
  Id,
  IsoDate,
  MediaUrl,
  Millis,
  PostCategory,
  RenderedBlock,
  Role,
  Tier,
  UnitLevel,
} from './entities';
import type { PlacementLevel } from './honours';

export interface UnitRef {
  _id: Id;
  name: string;
  shortName: string;
  level: UnitLevel;
}

/**
 * A person as staff pages show them: the name and unit from their staff profile, never an
 * OPENID (cloudfunctions/src/lib/people.ts). Staff without a profile read as 未署名人员 (with the
 * unit of a grant), timers and the deployment as 系统, everyone else as 读者 (PERSON_NAME).
 */
export interface PersonRef {
  name: string;
  unit: UnitRef | null;
}

export interface ExemplarRef {
  _id: Id;
  name: string;
  kind: ExemplarKind;
}

/** A story as a feed card. */
export interface StoryCard {
  _id: Id;
  code: string;
  title: string;
  summary: string;
  cover: MediaUrl | null;
  campaign: { _id: Id; name: string } | null;
  exemplars: ExemplarRef[];
  unit: UnitRef | null;
  publishedAt: Millis;
  likeCount: number;
  viewCount: number;
}

export interface StoryDetail extends StoryCard {
  author: string;
  blocks: RenderedBlock[];
  revision: number;
  shareCount: number;
  article: { url: string; publishedAt: Millis } | null;
}

export interface CampaignCard {
  _id: Id;
  name: string;
  slug: string;
  description: string;
  cover: MediaUrl | null;
  storyCount: number;
  /** The campaign's period (endsAt null: open-ended). */
  startedAt: Millis;
  endsAt: Millis | null;
  /** Over: not listed for readers any more; its page, opened from an old link, says 专题已结束. */
  archived: boolean;
  /** A selection's results campaign: its winners (absent on every other campaign). */
  roll?: CampaignRollEntry[];
}

/** An exemplar as a library card. */
export interface ExemplarCard {
  _id: Id;
  kind: ExemplarKind;
  tier: Tier;
  name: string;
  title: string;
  category: PostCategory;
  photo: MediaUrl | null;
  summary: string;
  unit: UnitRef | null;
  honorCount: number;
  storyCount: number;
  saluteCount: number;
}

export interface HonorView {
  _id: Id;
  title: string;
  level: HonorLevel;
  date: IsoDate;
  awardedBy: string;
}

export interface HonorGroup {
  level: HonorLevel;
  honors: HonorView[];
}

export interface ExemplarProfile extends ExemplarCard {
  biography: string;
  /** Only levels that have honors, from national down; honors newest first. */
  honorGroups: HonorGroup[];
  /** The newest published stories naming the exemplar (the first page). */
  stories: StoryCard[];
  /** The cursor content.exemplarStories goes on from; null or absent when `stories` are all of them. */
  storiesNext?: string | null;
}

/**
 * A unit of the library's unit filter (content.libraryUnits) with `count`, the public exemplars
 * of its subtree matching the filters; null while the figures are not built yet.
 */
export interface LibraryUnit extends UnitRef {
  parentId: Id | null;
  count: number | null;
}

export interface LibraryUnitsView {
  /** Units whose subtree has a matching exemplar, with their ancestors, in tree order (every unit while counts are null). */
  items: LibraryUnit[];
  /** The whole library's matching exemplars (null while the figures are not built yet). */
  total: number | null;
}

export interface RoleView {
  role: Role;
  unit: UnitRef;
}

export interface Me {
  /** Stable, non-reversible handle of the caller, never the OPENID (pages show `profile` or 读者). */
  handle: string;
  roles: RoleView[];
  /** True when the caller holds no staff role. */
  reader: boolean;
  /**
   * The staff profile (name and unit) the caller gave; absent when they have none — every reader,
   * and staff who have not given their name yet (the 我的 page asks for it).
   */
  profile?: PersonRef;
}

/** Keyset page: `next` is an opaque cursor, null on the last page. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** The caller's like (story) or salute (exemplar) and the public count, as the server knows them. */
export interface LikeState {
  target: { kind: 'story' | 'exemplar'; id: Id };
  liked: boolean;
  /** Distinct likers (stories) or saluters (exemplars). */
  count: number;
}

// ---------------------------------------------------------------- authoring (staff)

/** A story's working revision as the editor edits it. */
export interface DraftView {
  storyId: Id;
  revision: number;
  /** 0 when nothing is saved on the server yet (a published story not yet being edited). */
  version: number;
  state: 'draft' | 'in_review' | 'returned';
  title: string;
  summary: string;
  cover: string | null;
  coverUrl: MediaUrl | null;
  /**
   * Temporary URLs of the images the Markdown names, by file id: the editor shows them as
   * thumbnails (its text box names them 图1, 图2…). A file that no longer resolves is absent.
   */
  imageUrls: Record<string, MediaUrl>;
  campaignId: Id | null;
  exemplarIds: Id[];
  unitId: Id;
  author: string;
  markdown: string;
  /** The reviewer's comment when returned. */
  comment: string | null;
  /** The revision readers see now; null for a story never published. */
  publishedRevision: number | null;
  secCheck: 'pass' | 'review' | null;
  updatedAt: Millis;
}

export interface DraftCard {
  storyId: Id;
  title: string;
  state: 'draft' | 'in_review' | 'returned';
  revision: number;
  published: boolean;
  unit: UnitRef | null;
  secCheck: 'pass' | 'review' | null;
  updatedAt: Millis;
  submittedAt: Millis | null;
}

export interface PreviewResult {
  blocks: RenderedBlock[];
  /** Compile notes: `code` says what (the editor's Chinese comes from it), `message` is developer detail. */
  issues: { line: number; code: MarkdownIssueCode; message: string }[];
}

/**
 * authoring.storyContext: what a reader will see around a story's text once its working revision
 * is approved — its campaign, its exemplars (each saying whether readers may see it: a profile
 * without consent that counts is left off the reader's page), its unit — and what readers see of
 * the story now: published (with its article), taken down (with why), or nothing yet.
 */
export interface StoryContext {
  storyId: Id;
  campaign: { _id: Id; name: string } | null;
  exemplars: (ExemplarRef & { shown: boolean })[];
  unit: UnitRef | null;
  current: {
    state: 'published' | 'withdrawn';
    revision: number;
    article: { url: string } | null;
    withdrawal: { reason: string; at: Millis } | null;
  } | null;
}

/** Whether an exemplar's consent lets it be public: not needed (a collective), counts, a signed form awaiting its check, or missing. */
export type ConsentStatus = 'not_needed' | 'counts' | 'awaits_check' | 'missing';

/** An exemplar of the editor's units as 本单位典型资料 lists it: drafts and public ones alike. */
export interface UnitExemplarItem {
  _id: Id;
  name: string;
  kind: ExemplarKind;
  tier: Tier;
  state: 'draft' | 'published';
  consent: ConsentStatus;
  unit: UnitRef | null;
  honorCount: number;
  storyCount: number;
  updatedAt: Millis;
}

export interface MediaPlacementView {
  _id: Id;
  outlet: string;
  /** 'unrated' for a placement recorded before outlets had levels. */
  level: PlacementLevel;
  title: string;
  date: IsoDate;
  link: string | null;
  /** The story this coverage carried, when it was recorded with one (absent from servers before story links). */
  story?: { _id: Id; title: string } | null;
}

/** An exemplar as staff edit it: every state, with consent status and placements. */
export interface ExemplarEditView {
  _id: Id;
  kind: ExemplarKind;
  tier: Tier;
  name: string;
  title: string;
  unitId: Id;
  category: PostCategory;
  photo: string | null;
  photoUrl: MediaUrl | null;
  summary: string;
  biography: string;
  state: 'draft' | 'published';
  consent: {
    method: 'in_app' | 'signed_form';
    recordedAt: Millis;
    /** It counts now (domain/consent.ts): the profile may be published. */
    counts: boolean;
    /** A signed form waiting for a reviewer other than its uploader to check it. */
    awaitsCheck: boolean;
  } | null;
  honorCount: number;
  honors: HonorView[];
  placements: MediaPlacementView[];
  /** The exemplar's published stories, newest first: what a placement may name as the story it carried (absent from servers before story links). */
  stories?: { _id: Id; title: string }[];
  updatedAt: Millis;
}

export interface ConsentInfo {
  name: string;
  kind: ExemplarKind;
  unitName: string;
  summary: string;
  expiresAt: Millis;
  confirmed: boolean;
  /** The caller gave this consent and it is still in effect: the page offers to withdraw it. */
  mine: boolean;
  /** The caller gave this consent and has withdrawn it since. */
  withdrawnByMe: boolean;
}

/** A signed consent form waiting for a reviewer's check. */
export interface ConsentCheckItem {
  exemplarId: Id;
  name: string;
  unit: UnitRef | null;
  recordedAt: Millis;
}

/** The page a consent link opens (no leading slash: it is also a share path) and how long the link is valid. */
export const CONSENT_PAGE = 'pages-staff/consent/index';
export const CONSENT_TTL_MS = 7 * 86_400_000;

/** What a compile note of the story editor is about (domain/markdown.ts writes them; the editor says them in Chinese). */
export const MARKDOWN_ISSUE_CODES = [
  'html_removed',
  'image_not_alone',
  'link_not_http',
  'image_not_uploaded',
  'too_many_images',
  'image_no_size',
  'too_many_blocks',
  'too_long',
  'too_deep',
  'unreadable',
  /** An image in the text the caller may not use here (not their upload, not on this story). */
  'image_unavailable',
  /** A video whose target names no poster image: the video was left out. */
  'video_no_poster',
  /** More videos than VIDEO_LIMITS.maxPerStory: the rest were left out. */
  'too_many_videos',
] as const;
export type MarkdownIssueCode = (typeof MARKDOWN_ISSUE_CODES)[number];
