/**
 * What functions send to pages: projections of the entities with media resolved to URLs.
 * Pages render these and nothing else, so a page never receives fields it does not show.
 */
import type {
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

export interface UnitRef {
  _id: Id;
  name: string;
  shortName: string;
  level: UnitLevel;
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
  stories: StoryCard[];
}

export interface RoleView {
  role: Role;
  unit: UnitRef;
}

export interface Me {
  /** Stable, non-reversible handle of the caller, for display ("读者 3f9a…"), never the OPENID. */
  handle: string;
  roles: RoleView[];
  /** True when the caller holds no staff role. */
  reader: boolean;
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
