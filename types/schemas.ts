/**
 * Validation schemas shared by client forms and functions. A function validates every
 * request with these before touching the database; the client uses the same ones so a
 * form can say what is wrong before the request is sent.
 */
import { z } from 'zod';

/** Document ids: what our seed and the cloud DB generate. Anything else is NOT_FOUND-proof bad input. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1–64 characters of [A-Za-z0-9_-]');

export const storyCodeSchema = z.string().regex(/^[0-9A-Za-z]{4,12}$/, 'story code must be 4–12 letters or digits');

/** Opaque keyset cursor: `<sort value>_<id>`; the server decodes and re-validates it. */
export const cursorSchema = z.string().max(128).regex(/^-?\d{1,16}_[A-Za-z0-9_-]{1,64}$/, 'malformed cursor');

export const pageLimitSchema = z.number().int().min(1).max(50);

export const exemplarKindSchema = z.enum(['individual', 'collective']);
export const librarySchema = z.enum(['major', 'reserve']);
export const postCategorySchema = z.enum(['rescue', 'political', 'logistics', 'law']);
export const honorLevelSchema = z.enum(['national', 'regional', 'prefecture', 'county']);
export const roleSchema = z.enum(['editor', 'reviewer', 'publisher', 'admin']);

const pageRequest = {
  cursor: cursorSchema.nullish(),
  limit: pageLimitSchema.optional(),
};

export const contentSchemas = {
  feed: z.object({ ...pageRequest }).strict(),
  campaignFeed: z.object({ campaignId: idSchema, ...pageRequest }).strict(),
  campaigns: z.object({}).strict(),
  story: z.object({ id: idSchema }).strict(),
  exemplars: z
    .object({
      tier: librarySchema,
      kind: exemplarKindSchema.optional(),
      category: postCategorySchema.optional(),
      unitId: idSchema.optional(),
      ...pageRequest,
    })
    .strict(),
  profile: z.object({ id: idSchema }).strict(),
  units: z.object({}).strict(),
  /** Resolve a story's short code (poster mini-program code `scene`) to its id. */
  resolveCode: z.object({ code: storyCodeSchema }).strict(),
} as const;

/** A like/salute target: stories are liked (点赞), exemplars are saluted (致敬). */
export const engagementTargetSchema = z
  .object({ kind: z.enum(['story', 'exemplar']), id: idSchema })
  .strict();
export const shareChannelSchema = z.enum(['chat', 'moments', 'poster']);

export const engagementSchemas = {
  /** Set (not toggle) the caller's like/salute: idempotent under retries and repeated taps. */
  setLike: z.object({ target: engagementTargetSchema, liked: z.boolean() }).strict(),
  /** The caller's state and the public counts for up to 50 targets (feed cards, a story page). */
  status: z.object({ targets: z.array(engagementTargetSchema).min(1).max(50) }).strict(),
  /** One view per user per story per day. */
  view: z.object({ storyId: idSchema }).strict(),
  share: z.object({ storyId: idSchema, channel: shareChannelSchema }).strict(),
  /** A mini-program code image for a poster of the story. */
  posterCode: z.object({ storyId: idSchema }).strict(),
  /** The caller's liked stories, newest like first. */
  myLikes: z.object({ ...pageRequest }).strict(),
} as const;

export const identitySchemas = {
  me: z.object({}).strict(),
} as const;

/** Every function's request schemas, by function then action. */
export const requestSchemas = {
  content: contentSchemas,
  identity: identitySchemas,
  engagement: engagementSchemas,
} as const;
