/**
 * Entities → views (types/views.ts). Each view lists the fields it reads so the functions can
 * ask the database for exactly those (`.field()`), and nothing a page does not show leaves
 * the function. Joined records and resolved media arrive as maps built with batched reads.
 */
import type {
  Campaign,
  CampaignCard,
  ContentBlock,
  Exemplar,
  ExemplarCard,
  ExemplarProfile,
  ExemplarRef,
  FileId,
  HonorGroup,
  Id,
  MediaUrl,
  RenderedBlock,
  Story,
  StoryCard,
  StoryDetail,
  Unit,
  UnitRef,
} from '@contract';

// ------------------------------------------------------------------ field lists

export const UNIT_REF_FIELDS = ['_id', 'name', 'shortName', 'level'] as const satisfies readonly (keyof Unit)[];
export const UNIT_LIST_FIELDS = [...UNIT_REF_FIELDS, 'parentId', 'order'] as const satisfies readonly (keyof Unit)[];
export type UnitRefRow = Pick<Unit, (typeof UNIT_REF_FIELDS)[number]>;

export const CAMPAIGN_REF_FIELDS = ['_id', 'name'] as const satisfies readonly (keyof Campaign)[];
export const CAMPAIGN_CARD_FIELDS = ['_id', 'name', 'slug', 'description', 'cover', 'storyCount', 'startedAt', 'endsAt', 'archived', 'roll'] as const satisfies readonly (keyof Campaign)[];
export type CampaignRefRow = Pick<Campaign, (typeof CAMPAIGN_REF_FIELDS)[number]>;
export type CampaignCardRow = Pick<Campaign, (typeof CAMPAIGN_CARD_FIELDS)[number]>;

/** What an exemplar reference needs, plus what deciding its visibility needs. */
export const EXEMPLAR_REF_FIELDS = ['_id', 'name', 'kind', 'state', 'consent'] as const satisfies readonly (keyof Exemplar)[];
export type ExemplarRefRow = Pick<Exemplar, (typeof EXEMPLAR_REF_FIELDS)[number]>;

export const EXEMPLAR_CARD_FIELDS = [
  '_id',
  'kind',
  'tier',
  'name',
  'title',
  'category',
  'photo',
  'summary',
  'unitId',
  'honorCount',
  'storyCount',
  'saluteCount',
  // not shown, but needed: the keyset sort key and the visibility rule
  'rank',
  'state',
  'consent',
] as const satisfies readonly (keyof Exemplar)[];
export type ExemplarCardRow = Pick<Exemplar, (typeof EXEMPLAR_CARD_FIELDS)[number]>;

export const EXEMPLAR_PROFILE_FIELDS = [...EXEMPLAR_CARD_FIELDS, 'biography'] as const satisfies readonly (keyof Exemplar)[];
export type ExemplarProfileRow = Pick<Exemplar, (typeof EXEMPLAR_PROFILE_FIELDS)[number]>;

export const STORY_CARD_FIELDS = [
  '_id',
  'code',
  'title',
  'summary',
  'cover',
  'campaignId',
  'exemplarIds',
  'unitId',
  'publishedAt',
  'likeCount',
  'viewCount',
  'state',
] as const satisfies readonly (keyof Story)[];
export type StoryCardRow = Pick<Story, (typeof STORY_CARD_FIELDS)[number]>;

/** Blocks travel only for the detail page: they are the heavy part of a story. */
export const STORY_DETAIL_FIELDS = [...STORY_CARD_FIELDS, 'author', 'blocks', 'revision', 'shareCount', 'article'] as const satisfies readonly (keyof Story)[];
export type StoryDetailRow = Pick<Story, (typeof STORY_DETAIL_FIELDS)[number]>;

// ------------------------------------------------------------------ joins

export interface Joins {
  campaigns: ReadonlyMap<Id, CampaignRefRow>;
  units: ReadonlyMap<Id, UnitRefRow>;
  /** Only exemplars the public may see: a reference to anyone else is left out. */
  exemplars: ReadonlyMap<Id, Pick<Exemplar, '_id' | 'name' | 'kind'>>;
  urls: ReadonlyMap<FileId, MediaUrl>;
}

/** The ids a set of story cards needs joined, each once. */
export function storyCardNeeds(rows: readonly StoryCardRow[]): { campaignIds: Id[]; unitIds: Id[]; exemplarIds: Id[]; fileIds: FileId[] } {
  const campaignIds = new Set<Id>();
  const unitIds = new Set<Id>();
  const exemplarIds = new Set<Id>();
  const fileIds = new Set<FileId>();
  for (const r of rows) {
    if (r.campaignId) campaignIds.add(r.campaignId);
    unitIds.add(r.unitId);
    for (const e of r.exemplarIds) exemplarIds.add(e);
    if (r.cover) fileIds.add(r.cover);
  }
  return { campaignIds: [...campaignIds], unitIds: [...unitIds], exemplarIds: [...exemplarIds], fileIds: [...fileIds] };
}

/** File ids of the media inside story blocks: images, videos and their posters. */
export function blockFileIds(blocks: readonly ContentBlock[]): FileId[] {
  const { images, videos } = blockFilesByKind(blocks);
  return [...new Set([...images, ...videos])];
}

/**
 * The same files by what they must be: `images` (inline images and video posters, uploaded as
 * story images) and `videos` (uploaded as story videos). A file is accepted for a block only as
 * its own kind: a video offered as an image, or an image as a video, is refused.
 */
export function blockFilesByKind(blocks: readonly ContentBlock[]): { images: FileId[]; videos: FileId[] } {
  const images = new Set<FileId>();
  const videos = new Set<FileId>();
  for (const b of blocks) {
    if (b.type === 'image') images.add(b.file);
    else if (b.type === 'video') {
      videos.add(b.file);
      images.add(b.poster);
    }
  }
  return { images: [...images], videos: [...videos] };
}

// ------------------------------------------------------------------ views

export function toUnitRef(unit: UnitRefRow): UnitRef {
  return { _id: unit._id, name: unit.name, shortName: unit.shortName, level: unit.level };
}

export function toExemplarRef(e: Pick<Exemplar, '_id' | 'name' | 'kind'>): ExemplarRef {
  return { _id: e._id, name: e.name, kind: e.kind };
}

function urlOf(file: FileId | null, urls: ReadonlyMap<FileId, MediaUrl>): MediaUrl | null {
  return file ? (urls.get(file) ?? null) : null;
}

export function toStoryCard(row: StoryCardRow, joins: Joins): StoryCard {
  if (row.publishedAt === null) throw new Error(`story ${row._id} has no publishedAt and cannot be shown`);
  const campaign = row.campaignId ? joins.campaigns.get(row.campaignId) : undefined;
  const unit = joins.units.get(row.unitId);
  const exemplars: ExemplarRef[] = [];
  for (const id of row.exemplarIds) {
    const e = joins.exemplars.get(id);
    if (e) exemplars.push(toExemplarRef(e));
  }
  return {
    _id: row._id,
    code: row.code,
    title: row.title,
    summary: row.summary,
    cover: urlOf(row.cover, joins.urls),
    campaign: campaign ? { _id: campaign._id, name: campaign.name } : null,
    exemplars,
    unit: unit ? toUnitRef(unit) : null,
    publishedAt: row.publishedAt,
    likeCount: row.likeCount,
    viewCount: row.viewCount,
  };
}

/**
 * Image blocks get their URL. An image without one is left out rather than shown broken: its
 * file no longer resolves, or readers may not see it (publicUrls withholds images WeChat's check
 * has not passed). The text around it reads on; covers and photos without a URL are `null`.
 */
export function renderBlocks(blocks: readonly ContentBlock[], urls: ReadonlyMap<FileId, MediaUrl>): RenderedBlock[] {
  const out: RenderedBlock[] = [];
  for (const b of blocks) {
    if (b.type === 'video') {
      // A video without a URL (held for the reviewer, or removed) is left out like an image; a
      // poster still in WeChat's check leaves the player on the video's own first frame.
      const url = urls.get(b.file);
      if (!url) continue;
      const rendered: RenderedBlock = { type: 'video', url, poster: urls.get(b.poster) ?? null, width: b.width, height: b.height, durationMs: b.durationMs };
      if (b.caption !== undefined) rendered.caption = b.caption;
      out.push(rendered);
      continue;
    }
    if (b.type !== 'image') {
      out.push(b);
      continue;
    }
    const url = urls.get(b.file);
    if (!url) continue;
    const rendered: RenderedBlock = { type: 'image', url, width: b.width, height: b.height };
    if (b.caption !== undefined) rendered.caption = b.caption;
    out.push(rendered);
  }
  return out;
}

export function toStoryDetail(row: StoryDetailRow, joins: Joins): StoryDetail {
  return {
    ...toStoryCard(row, joins),
    author: row.author,
    blocks: renderBlocks(row.blocks, joins.urls),
    revision: row.revision,
    shareCount: row.shareCount,
    article: row.article ? { url: row.article.url, publishedAt: row.article.publishedAt } : null,
  };
}

export function toCampaignCard(row: CampaignCardRow, urls: ReadonlyMap<FileId, MediaUrl>): CampaignCard {
  return {
    _id: row._id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    cover: urlOf(row.cover, urls),
    storyCount: row.storyCount,
    startedAt: row.startedAt,
    // Campaigns saved before periods and archiving existed have neither field.
    endsAt: row.endsAt ?? null,
    archived: row.archived === true,
    // Only a selection's results campaign has one; other cards keep their shape.
    ...(row.roll ? { roll: row.roll } : {}),
  };
}

export function toExemplarCard(row: ExemplarCardRow, units: ReadonlyMap<Id, UnitRefRow>, urls: ReadonlyMap<FileId, MediaUrl>): ExemplarCard {
  const unit = units.get(row.unitId);
  return {
    _id: row._id,
    kind: row.kind,
    tier: row.tier,
    name: row.name,
    title: row.title,
    category: row.category,
    photo: urlOf(row.photo, urls),
    summary: row.summary,
    unit: unit ? toUnitRef(unit) : null,
    honorCount: row.honorCount,
    storyCount: row.storyCount,
    saluteCount: row.saluteCount,
  };
}

export function toExemplarProfile(
  row: ExemplarProfileRow,
  honorGroups: HonorGroup[],
  stories: StoryCard[],
  units: ReadonlyMap<Id, UnitRefRow>,
  urls: ReadonlyMap<FileId, MediaUrl>,
): ExemplarProfile {
  return { ...toExemplarCard(row, units, urls), biography: row.biography, honorGroups, stories };
}
