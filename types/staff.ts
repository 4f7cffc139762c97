/**
 * Staff administration and library upkeep: what the `admin` and `library` functions store
 * beyond entities.ts, and the views they answer. Kept in its own file so parallel slices can
 * edit entities.ts and views.ts without colliding with this one.
 */
import type { ExemplarKind, FileId, Id, Invite, MediaUrl, Millis, Role, Tier, UnitLevel } from './entities';
import type { PersonRef, UnitRef } from './views';

// ---------------------------------------------------------------- stored records

/**
 * An invite as stored: the contract's Invite plus its unit's path and creation time, so an
 * admin lists the invites of their subtree newest first from one index.
 */
export interface InviteRecord extends Invite {
  unitPath: Id[];
  createdAt: Millis;
  /**
   * How the creator held admin over the invite's unit when they made it; redeeming checks it
   * still holds. Absent on invites stored before it existed: those are checked against the
   * creator's roles at redeem time.
   */
  authority?: InviteAuthority;
}

/**
 * The authority an invite was created under: the admin grant through which its creator
 * administers the invite's unit, or the deployment's ADMIN_OPENIDS.
 */
export type InviteAuthority = { kind: 'grant'; grantId: Id } | { kind: 'deployment' };

/**
 * A library decision on an exemplar. `keep` is a periodic review that leaves the tier as it is
 * and only moves the next review date.
 */
export type TierChangeKind = 'promote' | 'demote' | 'retire' | 'reinstate' | 'keep';

/**
 * What a tier-history record says happened: a publisher's decision, or `enrol` — a new exemplar
 * entered a library (or an existing one moved in a way no single decision names) after its
 * nomination's public notice. Publishers cannot ask for `enrol`: only the notice leads there.
 */
export type TierHistoryKind = TierChangeKind | 'enrol';

/**
 * Which library decisions move an exemplar from which tier to which (domain/tiers.ts decides
 * with it; the library page offers only these):
 *
 *   reserve ──promote──▶ major      major ──demote──▶ reserve
 *   major | reserve ──retire──▶ retired ──reinstate──▶ reserve
 *   major | reserve ──keep──▶ same tier (a periodic review that confirms it)
 */
export const TIER_TRANSITIONS: Record<TierChangeKind, Partial<Record<Tier, Tier>>> = {
  // In the order the page offers them: the move up first, then keeping, then the moves down.
  promote: { reserve: 'major' },
  keep: { major: 'major', reserve: 'reserve' },
  demote: { major: 'reserve' },
  retire: { major: 'retired', reserve: 'retired' },
  reinstate: { retired: 'reserve' },
};

/** The decisions open to a publisher for an exemplar in `tier`, in the table's order. */
export function allowedChanges(tier: Tier): TierChangeKind[] {
  return (Object.keys(TIER_TRANSITIONS) as TierChangeKind[]).filter((k) => TIER_TRANSITIONS[k][tier] !== undefined);
}

/** One record per decision, never edited: the exemplar's tier history. */
export interface TierChange {
  _id: Id;
  exemplarId: Id;
  /** Copied so the history reads without a join, even after a rename. */
  exemplarName: string;
  /** The exemplar's unit and its path (kept current by admin.moveUnit), for subtree histories. */
  unitId: Id;
  unitPath: Id[];
  kind: TierHistoryKind;
  /** null when the exemplar was new: it entered the libraries with this record. */
  from: Tier | null;
  to: Tier;
  reason: string;
  actor: string;
  at: Millis;
  /** The next review the decision set; null when the exemplar left the libraries (retired). */
  nextReviewAt: Millis | null;
}

/**
 * A staff member's profile: the name and unit pages show for them instead of an id. One per
 * person, under an id derived from the OPENID (lib/people.ts profileIdOf), so a page of names is
 * one batched read. Readers have none.
 */
export interface StaffProfile {
  _id: Id;
  openid: string;
  /** 2–16 characters, content-checked (personNameSchema). */
  name: string;
  /** A unit the person held a grant in when they chose it, or null. */
  unitId: Id | null;
  updatedAt: Millis;
}

// ---------------------------------------------------------------- views

export type InviteStatus = 'open' | 'redeemed' | 'revoked' | 'expired';

export interface InviteView {
  _id: Id;
  code: string;
  role: Role;
  unit: UnitRef;
  status: InviteStatus;
  expiresAt: Millis;
  createdAt: Millis;
  /** Whoever redeemed it, by name (never the OPENID). */
  redeemedBy: PersonRef | null;
  redeemedAt: Millis | null;
}

export interface GrantView {
  _id: Id;
  role: Role;
  unit: UnitRef;
  /** The person holding the role, by name (never the OPENID). */
  holder: PersonRef;
  grantedAt: Millis;
  /** True when the holder is the caller: revoking your own last admin grant locks you out. */
  self: boolean;
}

/**
 * An audit entry as the audit page reads it: a sentence (the client's table keyed by `action`)
 * made of the actor, the subject's label and the details. `before`/`after` are the entry's own
 * records made readable: unit ids (`unitId`, `parentId`) are replaced by unit names and person
 * fields (`owner`, `uploadedBy`…) by names, so no OPENID leaves the server.
 */
export interface AuditView {
  _id: Id;
  actor: PersonRef;
  action: string;
  subject: { kind: string; id: Id };
  /**
   * What the subject is called: a story's title, an exemplar's, unit's or campaign's name, a
   * nominee's name, an invite's or grant's unit and role (with its holder when that is not the
   * actor). null when nothing names it any more (a deleted record, an image).
   */
  subjectLabel: string | null;
  before: unknown;
  after: unknown;
  at: Millis;
}

/** An exemplar as the library manager sees it. */
export interface LibraryItem {
  _id: Id;
  name: string;
  kind: ExemplarKind;
  tier: Tier;
  unit: UnitRef | null;
  enteredTierAt: Millis;
  nextReviewAt: Millis;
  /** True when the review date has passed (major and reserve only). */
  overdue: boolean;
}

export interface TierChangeView {
  _id: Id;
  exemplarId: Id;
  exemplarName: string;
  kind: TierHistoryKind;
  from: Tier | null;
  to: Tier;
  reason: string;
  /** Who decided, by name; 系统 for an enrolment after a public notice. */
  actor: PersonRef;
  at: Millis;
  nextReviewAt: Millis | null;
}

export interface UnitNode {
  _id: Id;
  name: string;
  shortName: string;
  level: UnitLevel;
  parentId: Id | null;
  order: number;
}

/** What moving a unit rewrote, so the admin sees the move reached every copy. */
export interface UnitMoveResult {
  unit: UnitNode;
  units: number;
  exemplars: number;
  stories: number;
}

// ---------------------------------------------------------------- labels and policy

export const TIER_CHANGE_LABEL: Record<TierHistoryKind, string> = {
  promote: '升入重大典型库',
  demote: '调入后备典型库',
  retire: '退出典型库',
  reinstate: '恢复入后备库',
  keep: '复核保留',
  enrol: '推荐公示后入库',
};

export const INVITE_STATUS_LABEL: Record<InviteStatus, string> = {
  open: '待使用',
  redeemed: '已使用',
  revoked: '已撤销',
  expired: '已过期',
};

/**
 * What pages call people who have no profile of their own: timers and the deployment (系统),
 * anyone without a staff role (读者, who stay anonymous), staff who have not given their name yet.
 * Nobody may take one of these as their name (personNameSchema).
 */
export const PERSON_NAME = { system: '系统', reader: '读者', unnamed: '未署名人员' } as const;
/** A staff member's name: characters after trimming. */
export const PERSON_NAME_LIMITS = { min: 2, max: 16 } as const;

/** Invite codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;

/**
 * The digits and capital letters an invite code never contains (derived from the alphabet), in
 * the order a person reads them: 0, 1, I, L, O. The redeem form names them.
 */
export const INVITE_CODE_NEVER_USED: readonly string[] = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((ch) => !INVITE_CODE_ALPHABET.includes(ch));

/**
 * A code as people pass it on: typed in lower case, in a Chinese keyboard's full-width mode, or
 * copied with spaces or dashes between groups ("k7m2 p9qx", "K7M2-P9QX", "Ｋ７Ｍ２－Ｐ９ＱＸ"). The form
 * and the server read all of them as the same code.
 */
export function normalizeInviteCode(typed: string): string {
  return typed.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212]+/g, '').toUpperCase();
}

/** A campaign as the admin edits it: the card's fields plus its position in the list. */
export interface CampaignAdminView {
  _id: Id;
  name: string;
  slug: string;
  description: string;
  order: number;
  storyCount: number;
  /** The cover's file id (sent back unchanged when saving) and a URL to show it (null while it cannot be shown). */
  cover: { fileId: FileId; url: MediaUrl | null } | null;
  startedAt: Millis;
  endsAt: Millis | null;
  archived: boolean;
  /** Winners listed on a selection's results campaign (absent on every other campaign). */
  rollCount?: number;
}

/**
 * The kinds of work the 工作台 gathers, each done by one role: a reviewer's stories, nominations
 * at their level, objections (the objection level's reviewers only) and consent forms to check;
 * an editor's returned stories and nominations; a publisher's failed publish jobs and overdue
 * library reviews.
 */
export type TodoKind =
  | 'story_review'
  | 'nomination_review'
  | 'objection'
  | 'consent_check'
  | 'comment_review'
  | 'returned_story'
  | 'returned_nomination'
  | 'publish_failed'
  | 'library_overdue'
  /** A plan task the caller's unit owns (admin there), overdue or due within PLAN_LIMITS.dueSoonDays (id: the task). */
  | 'plan_due'
  /** An admin's honour pursuits: a deadline or key date within PURSUIT_LIMITS.deadlineDays (id: the pursuit). */
  | 'pursuit_deadline'
  /** An open 岗位标兵 round on whose committee the caller sits, with candidates they have not scored yet (id: the round). */
  | 'selection_score';

/** One piece of waiting work, enough to name it in a list and open its page. */
export interface TodoItem {
  kind: TodoKind;
  /**
   * The subject its page opens: the story (story_review, returned_story), the nomination
   * (nomination_review, returned_nomination, and the nomination an objection is to), the message
   * (comment_review), the exemplar
   * (consent_check, library_overdue) or the publish job (publish_failed).
   */
  id: Id;
  /** The story's title, the nominee's or exemplar's name. */
  title: string;
  unit: UnitRef | null;
  /** Since when it waits: submitted, returned, uploaded, objected, failed, or the review date passed. */
  since: Millis;
}

/** identity.todo: what waits for the caller, counted per kind their roles do, and the oldest few of each. */
export interface TodoView {
  /** Every kind the caller's roles do, with how many wait (0 included); kinds not theirs are absent. */
  counts: Partial<Record<TodoKind, number>>;
  /** The oldest few of each kind, longest waiting first. */
  items: TodoItem[];
}
