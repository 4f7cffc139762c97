/**
 * Validation schemas shared by client forms and functions. A function validates every
 * request with these before touching the database; the client uses the same ones so a
 * form can say what is wrong before the request is sent.
 */
import { z } from 'zod';
import { ID_PATTERN, PROFILE_CODE_PATTERN, STORY_CODE_PATTERN, STORY_LIMITS } from './formats';
import { NOMINATION_LIMITS } from './nominations';
import { SEARCH_LIMITS } from './search';
import { COMMENT_LIMITS } from './comments';
import { IMAGE_UPLOAD_PURPOSES, VIDEO_LIMITS } from './files';
import { PLAN_EVIDENCE_LINK_KINDS, PLAN_LIMITS, PLAN_LINK_KINDS } from './plans';
import { PURSUIT_LIMITS } from './pursuits';
import { SELECTION_LIMITS } from './selections';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, normalizeInviteCode, PERSON_NAME, PERSON_NAME_LIMITS } from './staff';

/** Document ids: what our seed and the cloud DB generate. Anything else is NOT_FOUND-proof bad input. */
export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'id must be 1–64 characters of [A-Za-z0-9_-]');

/** A video upload's name, chosen by the client at random (it names the parts' folder, never a document). */
const videoUploadId = z.string().regex(/^[A-Za-z0-9]{16,32}$/, 'uploadId must be 16–32 letters or digits');

export const storyCodeSchema = z.string().regex(STORY_CODE_PATTERN, 'story code must be 4–12 letters or digits');

/** A profile poster's code (its mini-program code's `scene`): 16 hex digits derived from the exemplar's id. */
export const profileCodeSchema = z.string().regex(PROFILE_CODE_PATTERN, 'profile code must be 16 hex digits');

/** A cloud storage file id the client uploaded (`cloud://env.bucket/path`). */
export const fileIdSchema = z
  .string()
  .max(512)
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._~/-]+$/, 'must be a cloud file id');

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

/** A calendar year of the honours wall. */
export const wallYearSchema = z.number().int().min(1949).max(2100);
export const honourBandSchema = z.enum(['national_regional', 'national', 'regional', 'prefecture', 'county', 'merit', 'any']);
export const outletLevelSchema = z.enum(['central', 'regional', 'prefecture', 'county']);
export const placementLevelSchema = z.enum(['central', 'regional', 'prefecture', 'county', 'unrated']);

function oneYearOrSince(r: { year?: number; since?: number }, ctx: z.RefinementCtx): void {
  if ((r.year === undefined) === (r.since === undefined)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['year'], message: 'give exactly one of year or since' });
}

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
  /**
   * Search published stories and public exemplars (types/search.ts). `kind` 'all' (the default)
   * answers the first page of both groups; a cursor pages one group, so it needs 'story' or 'exemplar'.
   */
  search: z
    .object({
      q: z.string().trim().min(1).max(SEARCH_LIMITS.queryMaxChars),
      kind: z.enum(['story', 'exemplar', 'all']).optional(),
      ...pageRequest,
    })
    .strict()
    .refine((r) => !r.cursor || (r.kind !== undefined && r.kind !== 'all'), { message: 'a cursor pages one group: kind story or exemplar', path: ['kind'] }),
  /** 荣誉墙: the figures since a year (absent: since the first year there is anything to count). */
  honoursWall: z.object({ since: wallYearSchema.optional() }).strict(),
  /**
   * The public exemplars behind an honours figure: honoured in the band in one `year`, or in any
   * year `since` one (exactly one of the two); of one kind, or within one unit's subtree.
   */
  honoured: z
    .object({ band: honourBandSchema, year: wallYearSchema.optional(), since: wallYearSchema.optional(), kind: exemplarKindSchema.optional(), unitId: idSchema.optional(), ...pageRequest })
    .strict()
    .superRefine(oneYearOrSince),
  /** The media placements behind a placement figure (public exemplars only), newest first. */
  placements: z
    .object({ level: placementLevelSchema.optional(), outlet: z.string().trim().min(1).max(64).optional(), year: wallYearSchema.optional(), since: wallYearSchema.optional(), ...pageRequest })
    .strict()
    .superRefine(oneYearOrSince),
  /**
   * The library's unit filter: the unit tree with the public exemplars of each subtree in the
   * library `tier`, counted with the same kind and category filters the list has.
   */
  libraryUnits: z.object({ tier: librarySchema, kind: exemplarKindSchema.optional(), category: postCategorySchema.optional() }).strict(),
  /** A public exemplar's published stories, newest first (the profile's first page answers the cursor to go on from). */
  exemplarStories: z.object({ exemplarId: idSchema, ...pageRequest }).strict(),
  /** A station's (a collective exemplar of a station unit) members who are public exemplars in a library, by rank. */
  stationMembers: z.object({ exemplarId: idSchema, ...pageRequest }).strict(),
  /** A few published stories related to one (same exemplar, campaign or unit), for the end of the story page. */
  related: z.object({ storyId: idSchema }).strict(),
  /** Resolve a profile poster's code (its mini-program code's `scene`) to the exemplar. */
  resolveProfileCode: z.object({ code: profileCodeSchema }).strict(),
} as const;

/** A like/salute target: stories are liked (点赞), exemplars are saluted (致敬). */
export const engagementTargetSchema = z
  .object({ kind: z.enum(['story', 'exemplar']), id: idSchema })
  .strict();
export const shareChannelSchema = z.enum(['chat', 'moments', 'poster']);
/** What a share counts on: the story, profile and campaign pages all offer sharing. */
export const shareTargetSchema = z
  .object({ kind: z.enum(['story', 'exemplar', 'campaign']), id: idSchema })
  .strict();
export type ShareTarget = z.output<typeof shareTargetSchema>;

export const engagementSchemas = {
  /** Set (not toggle) the caller's like/salute: idempotent under retries and repeated taps. */
  setLike: z.object({ target: engagementTargetSchema, liked: z.boolean() }).strict(),
  /** The caller's state and the public counts for up to 50 targets (feed cards, a story page). */
  status: z.object({ targets: z.array(engagementTargetSchema).min(1).max(50) }).strict(),
  /** One view per user per story per day. */
  view: z.object({ storyId: idSchema }).strict(),
  /**
   * Count a share of a story, profile or campaign page by channel. The new form names a
   * `target`; the old form `{ storyId }` stays accepted because mini-program versions already
   * on users' phones keep sending it. One strict object with "exactly one of" rather than
   * z.union: a union reports a bad id as an unlocated invalid_union issue, which would lose
   * the field path the handler uses to answer a malformed id as NOT_FOUND. The output is
   * always the `target` form, so the function handles a single shape.
   */
  share: z
    .object({ target: shareTargetSchema.optional(), storyId: idSchema.optional(), channel: shareChannelSchema })
    .strict()
    .superRefine((r, ctx) => {
      if ((r.target === undefined) === (r.storyId === undefined)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['target'], message: 'give exactly one of target or storyId' });
      }
    })
    .transform((r): { target: ShareTarget; channel: z.output<typeof shareChannelSchema> } => ({
      // superRefine guarantees one of the two; a failed refinement never reaches the transform.
      target: r.target ?? { kind: 'story', id: r.storyId ?? '' },
      channel: r.channel,
    })),
  /**
   * A mini-program code image for a poster of a story or of a profile (exactly one of the two;
   * one strict object rather than z.union, for the field path, as `share` explains).
   */
  posterCode: z
    .object({ storyId: idSchema.optional(), exemplarId: idSchema.optional() })
    .strict()
    .superRefine((r, ctx) => {
      if ((r.storyId === undefined) === (r.exemplarId === undefined)) {
        // At the root: an issue on either field would read as a mangled id (NOT_FOUND), not a caller bug.
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: 'give exactly one of storyId or exemplarId' });
      }
    }),
  /** The caller's liked stories, newest like first. */
  myLikes: z.object({ ...pageRequest }).strict(),
  /** The exemplars the caller saluted (致敬) that are still public, newest salute first. */
  mySalutes: z.object({ ...pageRequest }).strict(),
} as const;

/**
 * A staff member's name as pages show it: 2–16 characters on one line (a Uyghur name with its
 * middle dot fits), never one of the names pages give people without a profile.
 */
export const personNameSchema = z
  .string()
  .trim()
  .min(PERSON_NAME_LIMITS.min, `姓名至少 ${PERSON_NAME_LIMITS.min} 个字`)
  .max(PERSON_NAME_LIMITS.max, `姓名不能超过 ${PERSON_NAME_LIMITS.max} 个字`)
  .regex(/^\P{C}+$/u, '姓名不能含换行或不可见字符')
  .refine((name) => !(Object.values(PERSON_NAME) as string[]).includes(name), '请填写你的真实姓名');

export const identitySchemas = {
  me: z.object({}).strict(),
  /** Staff only: the name pages show for the caller, and the unit (one they hold a role in; null for none; absent keeps it). */
  saveProfile: z.object({ name: personNameSchema, unitId: idSchema.nullish() }).strict(),
  /** What waits for the caller: counts per kind of work their roles do, and the oldest few items of each. */
  todo: z.object({}).strict(),
} as const;

/** Free text a staff member types (reasons, names): trimmed, never blank, bounded. */
const staffText = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 字`);
/** A moment a staff member picked (a campaign's period): epoch milliseconds between 2000 and 2100. */
const millisSchema = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
/** An invite code as typed: lower case, spaces and dashes are read as the code (normalizeInviteCode). */
export const inviteCodeSchema = z
  .string()
  .max(64)
  .transform(normalizeInviteCode)
  .pipe(z.string().regex(new RegExp(`^[${INVITE_CODE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`), `invite code must be ${INVITE_CODE_LENGTH} characters of ${INVITE_CODE_ALPHABET}`));
export const tierChangeKindSchema = z.enum(['promote', 'demote', 'retire', 'reinstate', 'keep']);

export const adminSchemas = {
  /** A one-time code that grants `role` over `unitId`'s subtree to whoever redeems it first. */
  createInvite: z.object({ role: roleSchema, unitId: idSchema, validDays: z.number().int().min(1).max(30) }).strict(),
  /** Invites of the caller's admin subtree (or of `unitId`'s), newest first. */
  listInvites: z.object({ unitId: idSchema.optional(), ...pageRequest }).strict(),
  revokeInvite: z.object({ inviteId: idSchema }).strict(),
  /** Any signed-in user: redeem a code and become staff. */
  redeem: z.object({ code: inviteCodeSchema, name: personNameSchema.optional() }).strict(),
  /** Active grants over units of the caller's admin subtree (or of `unitId`'s), newest first. */
  listGrants: z.object({ unitId: idSchema.optional(), ...pageRequest }).strict(),
  revokeGrant: z.object({ grantId: idSchema }).strict(),
  /** The audit log, newest first (corps admins). */
  auditLog: z.object({ ...pageRequest }).strict(),
  /** The unit tree as the admin manages it. */
  unitTree: z.object({}).strict(),
  addUnit: z.object({ parentId: idSchema, name: staffText(40), shortName: staffText(16) }).strict(),
  renameUnit: z.object({ unitId: idSchema, name: staffText(40), shortName: staffText(16) }).strict(),
  /** Re-parent a unit; its subtree's paths and the unitPath copies on exemplars and stories follow. */
  moveUnit: z.object({ unitId: idSchema, parentId: idSchema }).strict(),
  /** Campaigns as the admin manages them (with their order), in display order. */
  listCampaigns: z.object({}).strict(),
  /** Create (no id) or edit a campaign (专题). */
  saveCampaign: z
    .object({
      id: idSchema.optional(),
      name: staffText(30),
      slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'slug must be 2–40 of [a-z0-9-]'),
      description: staffText(300),
      order: z.number().int().min(0).max(9999),
      /** A cover the caller uploaded for a campaign (purpose `cover`), or the one it already has; null removes it; absent keeps it. */
      cover: fileIdSchema.nullable().optional(),
      /** The period: absent keeps it (a new campaign starts now, open-ended); endsAt null is open-ended. */
      startedAt: millisSchema.optional(),
      endsAt: millisSchema.nullable().optional(),
      /** Archive (over: readers no longer see it listed) or bring back; absent keeps it. */
      archived: z.boolean().optional(),
    })
    .strict(),
} as const;

export const librarySchemas = {
  /** Promote / demote / retire / reinstate an exemplar, or keep it after a review; always with a reason. */
  changeTier: z.object({ exemplarId: idSchema, change: tierChangeKindSchema, reason: staffText(200) }).strict(),
  /** Exemplars whose review date has passed, most overdue first. */
  overdue: z.object({}).strict(),
  /** Tier decisions, newest first: one exemplar's, or all of the caller's subtree. */
  history: z.object({ exemplarId: idSchema.optional(), ...pageRequest }).strict(),
} as const;

export const publishSchemas = {
  /** Published stories, newest first, with their article and current job. */
  candidates: z.object({ ...pageRequest }).strict(),
  /** Publish the story's current revision to the official account (idempotent per revision). */
  start: z.object({ storyId: idSchema }).strict(),
  jobs: z.object({ ...pageRequest }).strict(),
  job: z.object({ id: idSchema }).strict(),
  /** Resume a failed or stuck job from the step that did not finish. */
  retry: z.object({ id: idSchema }).strict(),
  /** The article as the official account will show it, before publishing (nothing is sent). */
  preview: z.object({ storyId: idSchema }).strict(),
} as const;

// ---------------------------------------------------------------- nominations
/** Client-generated once per form, reused by every retry of that submit. */
export const requestKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestKey must be 8–64 characters of [A-Za-z0-9_-]');

/** A cloud storage file id the client got back from uploadFile. */
export const nominationFileIdSchema = z
  .string()
  .max(300)
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._\-/]+$/, 'must be a cloud file id (cloud://…)');

const deedsSchema = z
  .string()
  .trim()
  .min(NOMINATION_LIMITS.deedsMin, `事迹材料至少 ${NOMINATION_LIMITS.deedsMin} 字`)
  .max(NOMINATION_LIMITS.deedsMax, `事迹材料最多 ${NOMINATION_LIMITS.deedsMax} 字`);

export const nomineeSchema = z.union([
  z.object({ exemplarId: idSchema }).strict(),
  z
    .object({
      new: z
        .object({
          kind: exemplarKindSchema,
          name: z.string().trim().min(NOMINATION_LIMITS.nameMin, '姓名/名称至少 2 个字').max(NOMINATION_LIMITS.nameMax, '姓名/名称最多 20 个字'),
          unitId: idSchema,
        })
        .strict(),
    })
    .strict(),
]);

/** What the nominator fills in; shared by submit and revise. */
export const nominationFormSchema = z
  .object({
    category: postCategorySchema,
    targetTier: librarySchema,
    deeds: deedsSchema,
    attachments: z.array(nominationFileIdSchema).max(NOMINATION_LIMITS.attachmentsMax, `最多 ${NOMINATION_LIMITS.attachmentsMax} 张图片`).default([]),
    /**
     * PIPL art. 25: the scan of the individual's signed consent form. Required for an individual
     * nominee that has no consent record yet; ignored for collectives.
     */
    consentForm: nominationFileIdSchema.nullable().default(null),
  })
  .strict();

const commentSchema = z.string().trim().max(NOMINATION_LIMITS.commentMax, `意见最多 ${NOMINATION_LIMITS.commentMax} 字`);

export const nominationSchemas = {
  submit: nominationFormSchema.extend({ requestKey: requestKeySchema, nominatingUnitId: idSchema, nominee: nomineeSchema }).strict(),
  /** Resubmit a returned nomination with changes; it starts the review again at the first level. */
  revise: nominationFormSchema.extend({ id: idSchema }).strict(),
  withdraw: z.object({ id: idSchema }).strict(),
  /** The caller's own nominations, newest first, each with its review timeline. */
  mine: z.object({ cursor: cursorSchema.nullish(), limit: pageLimitSchema.optional() }).strict(),
  /** Work waiting for the caller's reviewer grants, oldest first, with the tab counts; the tab's list is paged by cursor. */
  queue: z.object({ tab: z.enum(['review', 'objections']).default('review'), ...pageRequest }).strict(),
  /** One nomination with its timeline and what the caller may do with it: for its nominator, or a reviewer of its unit subtree. */
  get: z.object({ id: idSchema }).strict(),
  decide: z
    .object({
      id: idSchema,
      decision: z.enum(['approve', 'reject', 'return']),
      comment: commentSchema.default(''),
      /**
       * The reviewer looked at the nominee's signed consent form (consentScan) and it is this
       * person's: required to approve while the form awaits that check (consentAwaitsCheck).
       */
      consentChecked: z.boolean().default(false),
    })
    .strict()
    .refine((r) => r.decision === 'approve' || r.comment.length > 0, { message: '不通过或退回时必须填写意见', path: ['comment'] }),
  /** Public: nominations in 公示, ending soonest first. */
  notice: z.object({}).strict(),
  /** Public: file an objection to a nomination in 公示 (moderated; only reviewers read it). */
  object: z
    .object({
      id: idSchema,
      text: z
        .string()
        .trim()
        .min(NOMINATION_LIMITS.objectionMin, `异议内容至少 ${NOMINATION_LIMITS.objectionMin} 字`)
        .max(NOMINATION_LIMITS.objectionMax, `异议内容最多 ${NOMINATION_LIMITS.objectionMax} 字`),
    })
    .strict(),
  resolveObjection: z
    .object({ id: idSchema, outcome: z.enum(['sustain', 'dismiss']), comment: commentSchema.min(1, '请填写处理意见') })
    .strict(),
  /** The nominee's signed consent form, for a reviewer of the nomination's unit subtree (each view audited). */
  consentScan: z.object({ id: idSchema }).strict(),
} as const;

const isoDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date must be YYYY-MM-DD');
const authorText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 字`);
const requiredText = (max: number) => authorText(max).min(1, '不能为空');
/** Autosave's optimistic lock: the version the client last saw (0 = nothing saved yet). */
const versionSchema = z.number().int().min(0).max(1_000_000);

export const authoringSchemas = {
  /** The working revision of a story (or one derived from the published story when none exists). */
  draft: z.object({ storyId: idSchema }).strict(),
  /** Autosave: creates the working revision (baseVersion 0) or replaces the one at baseVersion. */
  saveDraft: z
    .object({
      storyId: idSchema,
      baseVersion: versionSchema,
      title: authorText(STORY_LIMITS.title),
      summary: authorText(STORY_LIMITS.summary),
      cover: fileIdSchema.nullable(),
      campaignId: idSchema.nullable(),
      exemplarIds: z.array(idSchema).max(STORY_LIMITS.exemplars),
      unitId: idSchema,
      author: authorText(STORY_LIMITS.author),
      markdown: z.string().max(STORY_LIMITS.markdown, `正文不能超过 ${STORY_LIMITS.markdown} 字`),
    })
    .strict(),
  /**
   * Compile Markdown as the published page will show it. `storyId` names the story being edited:
   * images already on it are shown; other images only when the caller uploaded them.
   */
  preview: z.object({ markdown: z.string().max(STORY_LIMITS.markdown), storyId: idSchema.optional() }).strict(),
  submit: z.object({ storyId: idSchema, version: versionSchema }).strict(),
  withdraw: z.object({ storyId: idSchema, version: versionSchema }).strict(),
  review: z
    .object({
      storyId: idSchema,
      version: versionSchema,
      decision: z.enum(['approve', 'return']),
      comment: authorText(STORY_LIMITS.comment),
    })
    .strict()
    .refine((r) => r.decision === 'approve' || r.comment.length > 0, { message: '退回时请写明原因', path: ['comment'] }),
  /**
   * Take a published story down (撤回): it leaves the feed, campaigns and profiles at once and its
   * links say 已撤回. `deleteArticle` also deletes its articles on the official account (through
   * the publish jobs). A reviewer or an admin over the story's unit; the reason is audited.
   */
  takeDown: z.object({ storyId: idSchema, reason: requiredText(STORY_LIMITS.comment), deleteArticle: z.boolean() }).strict(),
  /** What readers will see around the story's text (campaign, exemplars, unit) and what they see of it now; for its editors and reviewers. */
  storyContext: z.object({ storyId: idSchema }).strict(),
  /** The caller's working revisions, most recently edited first (paged by cursor). */
  myDrafts: z.object({ ...pageRequest }).strict(),
  /** Revisions waiting for the caller's review, oldest submission first (paged by cursor). */
  reviewQueue: z.object({ ...pageRequest }).strict(),
  /** The campaigns a story may be filed under (editors): every one not archived, with or without published stories yet. */
  campaignOptions: z.object({}).strict(),
  exemplar: z.object({ id: idSchema }).strict(),
  /**
   * 本单位典型资料: the exemplars of the caller's editor units, drafts and public ones, last
   * edited first (paged by cursor), so a profile just created can be reopened.
   */
  unitExemplars: z.object({ ...pageRequest }).strict(),
  /** Create (client-chosen id, idempotent) or update an exemplar's profile fields. */
  saveExemplar: z
    .object({
      id: idSchema,
      kind: exemplarKindSchema,
      name: requiredText(32),
      unitId: idSchema,
      category: postCategorySchema,
      title: authorText(64),
      summary: authorText(120),
      photo: fileIdSchema.nullable(),
      biography: authorText(10_000),
    })
    .strict(),
  setExemplarState: z.object({ id: idSchema, state: z.enum(['draft', 'published']) }).strict(),
  saveHonor: z
    .object({
      exemplarId: idSchema,
      honor: z.object({ _id: idSchema, title: requiredText(64), level: honorLevelSchema, date: isoDateSchema, awardedBy: authorText(64) }).strict(),
    })
    .strict(),
  removeHonor: z.object({ exemplarId: idSchema, honorId: idSchema }).strict(),
  savePlacement: z
    .object({
      exemplarId: idSchema,
      placement: z
        .object({
          _id: idSchema,
          outlet: requiredText(64),
          /** The outlet's level; optional so versions already on phones keep saving (未分级 until set). */
          level: outletLevelSchema.optional(),
          title: requiredText(128),
          date: isoDateSchema,
          link: z.string().max(512).regex(/^https?:\/\/\S+$/, 'link must be an http(s) address').nullable(),
          /** The exemplar's published story this coverage carried (one record, counted once however many exemplars the story features). */
          storyId: idSchema.nullable().optional(),
        })
        .strict(),
    })
    .strict(),
  removePlacement: z.object({ exemplarId: idSchema, placementId: idSchema }).strict(),
  /** Start the person's own in-app confirmation: a code they open with their own WeChat. */
  requestConsent: z.object({ exemplarId: idSchema }).strict(),
  consentInfo: z.object({ code: idSchema }).strict(),
  confirmConsent: z.object({ code: idSchema }).strict(),
  /**
   * Record consent from a signed paper form (a scan the caller uploaded for 'consent'). It counts
   * once a reviewer other than the uploader has checked it (verifyConsent).
   */
  recordSignedConsent: z.object({ exemplarId: idSchema, file: fileIdSchema }).strict(),
  /** Signed forms waiting for the caller's check (reviewers; their own uploads excluded), oldest first, paged by cursor. */
  consentQueue: z.object({ ...pageRequest }).strict(),
  /** The scan of an exemplar's signed form, for a reviewer of its unit subtree (each view audited). */
  consentScan: z.object({ exemplarId: idSchema }).strict(),
  /** A reviewer (not the uploader) confirms the scan is this person's signed consent, or rejects it. */
  verifyConsent: z
    .object({ exemplarId: idSchema, decision: z.enum(['confirm', 'reject']), comment: authorText(STORY_LIMITS.comment) })
    .strict()
    .refine((r) => r.decision === 'confirm' || r.comment.length > 0, { message: '退回时请写明原因', path: ['comment'] }),
  /** An admin withdraws a person's consent on their written request: the profile leaves public view at once. */
  withdrawConsent: z.object({ exemplarId: idSchema, reason: requiredText(STORY_LIMITS.comment) }).strict(),
  /** The person withdraws their own in-app consent, with the WeChat that gave it (the link's code). */
  withdrawMyConsent: z.object({ code: idSchema, reason: authorText(STORY_LIMITS.comment) }).strict(),
  /**
   * An image the client compressed on the device (base64 PNG/JPEG ≤ 1 MB): stored under the
   * caller's folder; the answer carries the file id and the pixel size read from the bytes.
   */
  uploadImage: z
    .object({
      purpose: z.enum(IMAGE_UPLOAD_PURPOSES),
      base64: z.string().min(8).max(1_400_000, '图片太大，请压缩到 1 MB 以内').regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
    })
    .strict(),
  /**
   * One part of a story video (VIDEO_LIMITS.partBytes of it, base64), kept under the caller's
   * folder until finishVideoUpload joins the parts; `uploadId` is the client's random name for
   * this upload, so a resent part lands on itself.
   */
  uploadVideoPart: z
    .object({
      uploadId: videoUploadId,
      index: z.number().int().min(0).max(VIDEO_LIMITS.maxParts - 1),
      base64: z
        .string()
        .min(4)
        .max(Math.ceil(VIDEO_LIMITS.partBytes / 3) * 4, '视频分片过大')
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
    })
    .strict(),
  /**
   * Join the parts (their file ids as uploadVideoPart answered them, in order) into the video,
   * read its length and size from the bytes, record it as the caller's. Each id must name the
   * caller's own part of this upload at its position; anything else is refused.
   */
  finishVideoUpload: z.object({ uploadId: videoUploadId, parts: z.array(fileIdSchema).min(1).max(VIDEO_LIMITS.maxParts) }).strict(),
} as const;

// ---------------------------------------------------------------- comments (留言, types/comments.ts)
const commentText = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 字`);

export const commentSchemas = {
  /** A reader's message under a published story; idempotent per (caller, requestKey). */
  post: z.object({ storyId: idSchema, text: commentText(COMMENT_LIMITS.textMax, '留言'), requestKey: requestKeySchema }).strict(),
  /** Public: a story's featured messages, and on the first page the caller's own others. */
  listForStory: z.object({ storyId: idSchema, ...pageRequest }).strict(),
  /** The caller's own messages, newest first. */
  mine: z.object({ ...pageRequest }).strict(),
  /** The caller deletes one of their own messages (featured ones too). */
  remove: z.object({ id: idSchema }).strict(),
  /** Reviewers: the messages of their subtrees waiting for a decision, or those featured. */
  queue: z.object({ tab: z.enum(['pending', 'featured']).default('pending'), ...pageRequest }).strict(),
  feature: z.object({ id: idSchema }).strict(),
  hide: z.object({ id: idSchema, reason: commentText(COMMENT_LIMITS.reasonMax, '原因') }).strict(),
  /** The author's reply (作者回复); a second reply replaces the first. */
  reply: z.object({ id: idSchema, text: commentText(COMMENT_LIMITS.replyMax, '回复') }).strict(),
} as const;

// ---------------------------------------------------------------- workboard (推优树典 work, issue 12)
// One cloud function, four areas; each area keeps its request schemas in its own section here
// (the contract's one schema file) and its views and Api interface in its own types file.

// ---- plans: the annual plan board, 挂图作业 / 对账消号 (types/plans.ts)
export const planSchemas = {
  plans: z.object({ year: wallYearSchema.optional() }).strict(),
  board: z.object({ planId: idSchema }).strict(),
  createPlan: z.object({ year: wallYearSchema, unitId: idSchema, title: authorText(PLAN_LIMITS.planTitle) }).strict(),
  saveTask: z
    .object({
      planId: idSchema,
      /** Absent: a new task. */
      id: idSchema.optional(),
      title: requiredText(PLAN_LIMITS.taskTitle),
      unitId: idSchema,
      responsible: requiredText(PLAN_LIMITS.responsible),
      due: isoDateSchema,
      link: z.object({ kind: z.enum(PLAN_LINK_KINDS), id: idSchema }).strict().nullable(),
    })
    .strict(),
  task: z.object({ id: idSchema }).strict(),
  /** What a task of the plan may link to besides pursuits and campaigns: the kinds a tick may also show as evidence. */
  linkOptions: z.object({ planId: idSchema, kind: z.enum(PLAN_EVIDENCE_LINK_KINDS), q: z.string().trim().max(PLAN_LIMITS.linkQuery).optional() }).strict(),
  startTask: z.object({ id: idSchema }).strict(),
  tickTask: z
    .object({
      id: idSchema,
      note: authorText(PLAN_LIMITS.note),
      photos: z.array(fileIdSchema).max(PLAN_LIMITS.photos),
      link: z.object({ kind: z.enum(PLAN_EVIDENCE_LINK_KINDS), id: idSchema }).strict().nullable(),
    })
    .strict(),
  reopenTask: z.object({ id: idSchema, reason: requiredText(PLAN_LIMITS.reason) }).strict(),
} as const;

// ---- pursuits: the honours the corps competes for (types/pursuits.ts)
export const pursuitSchemas = {
  pursuits: z.object({ year: wallYearSchema.optional(), cursor: cursorSchema.nullish() }).strict(),
  pursuit: z.object({ id: idSchema }).strict(),
  savePursuit: z
    .object({
      /** Edits this pursuit; absent, a new one is made under an id derived from (caller, requestKey), so a retried create makes one. */
      id: idSchema.optional(),
      requestKey: requestKeySchema.optional(),
      unitId: idSchema,
      name: requiredText(PURSUIT_LIMITS.name),
      level: honorLevelSchema,
      awardedBy: requiredText(PURSUIT_LIMITS.awardedBy),
      opensOn: isoDateSchema,
      nominationDeadline: isoDateSchema,
      resultOn: isoDateSchema,
      keyDates: z.array(z.object({ label: requiredText(PURSUIT_LIMITS.keyDateLabel), date: isoDateSchema }).strict()).max(PURSUIT_LIMITS.keyDates),
      note: authorText(PURSUIT_LIMITS.note),
    })
    .strict(),
  pursuitOptions: z.object({ pursuitId: idSchema }).strict(),
  addPursuitCandidate: z.object({ pursuitId: idSchema, exemplarId: idSchema }).strict(),
  removePursuitCandidate: z.object({ pursuitId: idSchema, exemplarId: idSchema }).strict(),
  setPursuitOutcome: z
    .object({
      pursuitId: idSchema,
      exemplarId: idSchema,
      outcome: z.enum(['pending', 'awarded', 'not_awarded']),
      /** The honour's date for 已获评 (default: the result date, or today if that is still ahead). */
      awardedOn: isoDateSchema.optional(),
    })
    .strict(),
  pursuitDeadlines: z.object({}).strict(),
} as const;

// ---- selections: 岗位标兵 selection rounds (types/selections.ts)
export const selectionSchemas = {
  /** The rounds the caller has to do with: of their subtrees, above them (to put forward into), or on whose committee they sit. */
  selectionRounds: z.object({}).strict(),
  selectionRound: z.object({ id: idSchema }).strict(),
  /** Staff who may sit on a committee for a round at `unitId` (an admin over it asks). */
  selectionPeople: z.object({ unitId: idSchema }).strict(),
  createSelectionRound: z
    .object({
      unitId: idSchema,
      category: postCategorySchema,
      period: staffText(SELECTION_LIMITS.periodMax),
      criteria: z
        .array(
          z
            .object({
              name: staffText(SELECTION_LIMITS.criterionNameMax),
              weight: z.number().int().min(1).max(SELECTION_LIMITS.weightMax),
              maxScore: z.number().int().min(1).max(SELECTION_LIMITS.maxScoreMax),
            })
            .strict(),
        )
        .min(SELECTION_LIMITS.criteriaMin)
        .max(SELECTION_LIMITS.criteriaMax),
      quota: z.number().int().min(1).max(SELECTION_LIMITS.quotaMax),
      places: z.number().int().min(1).max(SELECTION_LIMITS.placesMax),
      /** Members by one of their grants' ids (selectionPeople's `ref`): the client never holds an OPENID. */
      committee: z.array(idSchema).min(SELECTION_LIMITS.committeeMin, `评审委员会至少 ${SELECTION_LIMITS.committeeMin} 人`).max(SELECTION_LIMITS.committeeMax),
    })
    .strict(),
  /** Put forward an exemplar of the caller's subtree, or a person by name at a unit of it. */
  putForward: z
    .object({
      roundId: idSchema,
      nominee: z.union([
        z.object({ exemplarId: idSchema }).strict(),
        z.object({ name: z.string().trim().min(PERSON_NAME_LIMITS.min, '请填写姓名').max(PERSON_NAME_LIMITS.max), unitId: idSchema }).strict(),
      ]),
    })
    .strict(),
  /** One member's scores for one candidate, one per criterion in the round's order (replaces their earlier ones). */
  scoreCandidate: z.object({ roundId: idSchema, candidateId: idSchema, scores: z.array(z.number().int().min(0).max(SELECTION_LIMITS.maxScoreMax)).min(1).max(SELECTION_LIMITS.criteriaMax) }).strict(),
  closeSelectionRound: z.object({ id: idSchema }).strict(),
  publishSelectionRound: z.object({ id: idSchema }).strict(),
} as const;

// ---- figures: the figures reported upward and their Excel workbook (types/figures.ts)
/** A period's bound: a year (its first day as `from`, its last as `to`) or a date. */
const figurePeriodBound = z.union([wallYearSchema, isoDateSchema]);
const figuresRequest = z
  .object({
    unitId: idSchema,
    from: figurePeriodBound,
    /** Absent: up to today (Asia/Shanghai). */
    to: figurePeriodBound.optional(),
  })
  .strict()
  .refine((r) => r.to === undefined || String(r.from).slice(0, 4) <= String(r.to).slice(0, 4), { message: 'from must not be after to', path: ['to'] });
export const figureSchemas = {
  figures: figuresRequest,
  exportFigures: figuresRequest,
} as const;

export const workboardSchemas = { ...planSchemas, ...pursuitSchemas, ...selectionSchemas, ...figureSchemas } as const;

/** Every function's request schemas, by function then action. */
export const requestSchemas = {
  authoring: authoringSchemas,
  content: contentSchemas,
  identity: identitySchemas,
  engagement: engagementSchemas,
  nominations: nominationSchemas,
  admin: adminSchemas,
  library: librarySchemas,
  publish: publishSchemas,
  comments: commentSchemas,
  workboard: workboardSchemas,
} as const;
