/**
 * The nomination workflow's contract: request schemas, stored-document extensions, views and
 * the subscribe-message templates. Kept in its own file so the shared entities/views/schemas
 * files only gain one line each (several engineers edit those in parallel).
 *
 * Flow: an editor nominates for a unit in their subtree → the detachment reviewer decides →
 * the corps reviewer decides → 公示 (public notice) for NOTICE_DAYS → the enrolment timer puts
 * the nominee into the chosen library unless an objection was sustained or is still open.
 */
import type { z } from 'zod';
import type { ExemplarKind, FileId, Id, MediaUrl, Millis, Nomination, NominationState, Objection, PostCategory, ReviewDecision, Tier } from './entities';
import type { Page, UnitRef } from './views';
// Type-only: schemas.ts imports this file's values (limits), so a value import back would be a cycle.
import type { nominationSchemas } from './schemas';

// ---------------------------------------------------------------- limits

export const NOMINATION_LIMITS = {
  /** 事迹材料: long enough to say something, short enough for one msgSecCheck call (≤ 2500). */
  deedsMin: 30,
  deedsMax: 2000,
  nameMin: 2,
  nameMax: 20,
  attachmentsMax: 9,
  commentMax: 200,
  objectionMin: 10,
  objectionMax: 500,
  /** Items per queue / notice / objection list answer, unless the request asks for fewer (oldest first: work is done in order). */
  listMax: 50,
} as const;

/** Default 公示 length when the function's NOTICE_DAYS is unset. */
export const DEFAULT_NOTICE_DAYS = 7;

// ---------------------------------------------------------------- stored documents

/**
 * A nomination as stored: the entity plus what the workflow needs to be atomic and honest.
 * `objections` counts live on the nomination so enrolment (one transaction, single-document
 * reads only) sees every objection filed before it commits: filing one writes this document.
 */
export interface NominationDoc extends Nomination {
  /** Name of the nominee as shown in lists (copied from the exemplar for existing ones). */
  nomineeName: string;
  nomineeKind: ExemplarKind;
  /** msgSecCheck said `review`: a human must look before the deeds are shown publicly. */
  contentHeld: boolean;
  objections: { open: number; sustained: number };
  /** The exemplar created or moved by enrolment. */
  enrolledExemplarId: Id | null;
  /**
   * The existing exemplar's tier when the nomination was submitted (null for a new nominee).
   * Enrolment moves the exemplar only if its tier is still this one and was entered before the
   * submission: a retire or demote decided since is not overridden. Absent on nominations stored
   * before it existed; for those, enrolment takes the tier it reads as unchanged.
   */
  fromTier?: Tier | null;
  /**
   * Every step with its comment, oldest first (a handful of entries): kept on the document so
   * a decision and its reason are written in the same single-document transaction.
   */
  timeline: TimelineEntry[];
}

/**
 * One per existing exemplar ever nominated, under the exemplar's id: the nomination that last
 * claimed it. Submitting for an existing exemplar reads and writes this document in the same
 * transaction as the new nomination, so two concurrent submits conflict and only one commits;
 * a claim whose nomination has ended (rejected, withdrawn, enrolled) is simply taken over.
 */
export interface NominationGuardDoc {
  /** The exemplar's id. */
  _id: Id;
  nominationId: Id;
  at: Millis;
}

export interface ObjectionDoc extends Objection {
  /** Copy of the nomination's unit path: reviewers see objections of their subtree only. */
  unitPath: Id[];
  /**
   * Copy of the nomination's unit: with unitPath it picks out the objections to rewrite when
   * exactly that unit moves (admin.moveUnit), as unitId does on other documents.
   */
  nominatingUnitId: Id;
  nomineeName: string;
  contentHeld: boolean;
  resolvedBy: string | null;
  resolvedAt: Millis | null;
  resolution: string | null;
}


// ---------------------------------------------------------------- views

/**
 * The review levels a nomination passes, named after the unit whose reviewer decides. Their
 * order, units and states are the review ladder (cloudfunctions/src/domain/review-ladder.ts);
 * a new level is added there, here, and in REVIEW_LEVEL_LABEL (the compiler asks for each).
 */
export type ReviewLevel = 'detachment' | 'corps';

export interface TimelineEntry {
  at: Millis;
  /** submitted / the reviewer's decision at a level / objection outcome / enrolled. */
  event:
    | 'submitted'
    | 'resubmitted'
    | ReviewDecision
    | 'objection_sustained'
    | 'objection_dismissed'
    | 'held_for_objection'
    | 'enrolled'
    /** The exemplar's tier was changed by a library decision during the notice: not enrolled. */
    | 'superseded'
    | 'withdrawn';
  level: ReviewLevel | null;
  comment: string;
}

export interface NominationView {
  _id: Id;
  nominee: { name: string; kind: ExemplarKind; exemplarId: Id | null };
  unit: UnitRef | null;
  category: PostCategory;
  targetTier: Exclude<Tier, 'retired'>;
  deeds: string;
  attachments: MediaUrl[];
  state: NominationState;
  /** The level that acts next (null when nobody has to). */
  waitingFor: ReviewLevel | null;
  contentHeld: boolean;
  hasConsent: boolean;
  /**
   * The nominee's signed consent form still needs a reviewer's check: approving needs
   * `consentChecked: true` (after looking at it through `consentScan`).
   */
  consentAwaitsCheck: boolean;
  noticeEndsAt: Millis | null;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface MyNomination extends NominationView {
  timeline: TimelineEntry[];
  enrolledExemplarId: Id | null;
}

/**
 * One nomination as its detail page shows it (`nominations.get`): everything a card shows, the
 * whole timeline, and what the caller may do with it now — the page offers exactly these.
 */
export interface NominationDetail extends MyNomination {
  /** The caller nominated it. */
  mine: boolean;
  can: {
    /** The caller is its nominator, still an editor of its unit, and it was returned. */
    revise: boolean;
    /** The caller is its nominator, still an editor of its unit, and it is in review or returned. */
    withdraw: boolean;
    /** The review level the caller decides it at now (a reviewer of exactly that level's unit, not its nominator). */
    decide: ReviewLevel | null;
  };
  /**
   * The attachments with their file ids, for the nominator's revise form (a revision keeps
   * them by id); empty for anyone else. `url` is null when no link could be made.
   */
  attachmentFiles: { fileId: FileId; url: MediaUrl | null }[];
}

export interface QueueCounts {
  /** Nominations waiting for the caller's decision, at any of their levels. */
  review: number;
  /** Open objections in the caller's subtree. */
  objections: number;
}

export interface QueueItem extends NominationView {
  level: ReviewLevel;
  timeline: TimelineEntry[];
}

export interface ObjectionView {
  _id: Id;
  nominationId: Id;
  nomineeName: string;
  text: string;
  at: Millis;
  state: Objection['state'];
  contentHeld: boolean;
  resolution: string | null;
}

/** A public 公示 entry: what the public may know about the nominee. */
export interface NoticeItem {
  _id: Id;
  nomineeName: string;
  kind: ExemplarKind;
  unitName: string;
  category: PostCategory;
  targetTier: Exclude<Tier, 'retired'>;
  deeds: string;
  noticeEndsAt: Millis;
}

export interface NominationsApi {
  submit: { req: z.input<typeof nominationSchemas.submit>; res: { nomination: MyNomination; created: boolean } };
  revise: { req: z.input<typeof nominationSchemas.revise>; res: { nomination: MyNomination } };
  withdraw: { req: z.input<typeof nominationSchemas.withdraw>; res: { nomination: MyNomination } };
  mine: { req: z.input<typeof nominationSchemas.mine>; res: Page<MyNomination> };
  /**
   * The tab's list, one page at a time (`next`: the cursor of the tab's next page): `items` on the
   * review tab, `objections` on the objections tab (the other list is empty).
   */
  queue: {
    req: z.input<typeof nominationSchemas.queue>;
    res: { counts: QueueCounts; items: QueueItem[]; objections: ObjectionView[]; next: string | null };
  };
  get: { req: z.input<typeof nominationSchemas.get>; res: NominationDetail };
  decide: { req: z.input<typeof nominationSchemas.decide>; res: { nomination: QueueItem } };
  notice: { req: z.input<typeof nominationSchemas.notice>; res: { items: NoticeItem[] } };
  object: { req: z.input<typeof nominationSchemas.object>; res: { received: true } };
  resolveObjection: { req: z.input<typeof nominationSchemas.resolveObjection>; res: { objection: ObjectionView; nominationState: NominationState } };
  /** A temporary URL of the nominee's signed consent form, for a reviewer of the nomination's unit subtree (audited). */
  consentScan: { req: z.input<typeof nominationSchemas.consentScan>; res: { url: MediaUrl } };
}

// ---------------------------------------------------------------- subscribe messages

/** Keyword types of WeChat subscribe-message templates and their value rules. */
export type TemplateKeywordType = 'thing' | 'phrase' | 'time' | 'date' | 'character_string' | 'name' | 'number';

export interface SubscribeTemplate {
  /** The template id chosen in the mini-program console (local ids in development). */
  id: string;
  title: string;
  /** keyword field (e.g. `thing1`) → type; the type is the field name without its digits. */
  keywords: string[];
  page: string;
}

/**
 * The two templates the workflow sends. Production ids come from the functions' environment
 * (NOTIFY_TEMPLATE_DECISION / NOTIFY_TEMPLATE_TASK) and the client's TARO_APP_* variables.
 */
export const SUBSCRIBE_TEMPLATES = {
  /** 审核结果通知: to the nominator on every decision. */
  decision: { id: 'local-tpl-decision', title: '审核结果通知', keywords: ['thing1', 'phrase2', 'thing3', 'time4'], page: 'pages-staff/nominations/mine/index' },
  /** 待审核提醒: to the reviewers of the level that must act next. */
  task: { id: 'local-tpl-task', title: '待审核提醒', keywords: ['thing1', 'thing2', 'time3'], page: 'pages-staff/review/index' },
} as const satisfies Record<string, SubscribeTemplate>;

