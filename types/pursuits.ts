/**
 * Workboard — honour pursuits (争创荣誉): the awards the corps competes for, each with its level,
 * awarding body, window (opens / nomination deadline / result), key dates (when the party
 * secretary must report to the awarding body…), the candidates put forward from the libraries and
 * the outcome per candidate. An outcome 已获评 writes the honour onto the exemplar once, under an id
 * derived from (pursuit, candidate), through the same transaction path as authoring.saveHonor, so
 * the profile and the honours wall follow.
 *
 * Request schemas live in types/schemas.ts (pursuitSchemas); views and the Api interface here.
 */
import type { z } from 'zod';
import type { ExemplarKind, HonorLevel, Id, IsoDate, Millis, Tier } from './entities';
import type { Page, PersonRef, UnitRef } from './views';
// Type-only: schemas.ts imports this file's values (limits), so a value import back would be a cycle.
import type { pursuitSchemas } from './schemas';

export const PURSUIT_LIMITS = {
  name: 40,
  awardedBy: 40,
  note: 300,
  keyDateLabel: 30,
  /** Key dates per pursuit (reports to the awarding body, a public notice, a ceremony…). */
  keyDates: 8,
  /** Candidates per pursuit: an award takes a handful from a corps. */
  candidates: 30,
  /** Deadlines within this many days (today included) are upcoming (工作台, the plan board). */
  deadlineDays: 30,
  /** Pursuits per page of the list. */
  listPage: 20,
  /** Exemplars of a subtree offered as candidates (read once, filtered by name on the phone). */
  options: 300,
} as const;

/** 待定 · 已获评 · 未获评. */
export type PursuitOutcome = 'pending' | 'awarded' | 'not_awarded';
export const PURSUIT_OUTCOME_LABEL: Record<PursuitOutcome, string> = { pending: '待定', awarded: '已获评', not_awarded: '未获评' };

/**
 * Where a pursuit stands on a day: 未开始 (before it opens), 推荐中 (open, nomination deadline
 * not passed), 待公布 (deadline passed, outcomes still pending), 已结束 (every candidate decided
 * and the result date passed).
 */
export type PursuitPhase = 'upcoming' | 'open' | 'awaiting_result' | 'decided';
export const PURSUIT_PHASE_LABEL: Record<PursuitPhase, string> = { upcoming: '未开始', open: '推荐中', awaiting_result: '待公布', decided: '已结束' };

/** The kinds of dates a deadline list shows. */
export type PursuitDateKind = 'opens' | 'nomination' | 'key' | 'result';

export interface PursuitKeyDate {
  label: string;
  date: IsoDate;
}

/** A candidate as stored, with a copy of what names it (the list needs no exemplar read). */
export interface PursuitCandidate {
  exemplarId: Id;
  name: string;
  kind: ExemplarKind;
  unitId: Id;
  outcome: PursuitOutcome;
  /** The honour the award wrote (pursuitHonourId), while the outcome is 已获评. */
  honourId: Id | null;
  /** The honour's date (the day the award was made). */
  awardedOn: IsoDate | null;
  addedBy: string;
  addedAt: Millis;
  decidedBy: string | null;
  decidedAt: Millis | null;
}

/** Collection `pursuits`. */
export interface PursuitDoc {
  _id: Id;
  name: string;
  level: HonorLevel;
  awardedBy: string;
  /** The organising unit: the corps or a detachment (支队). */
  unitId: Id;
  /** Root → unit: a staff member whose subtree contains the unit reads it. */
  unitPath: Id[];
  opensOn: IsoDate;
  nominationDeadline: IsoDate;
  resultOn: IsoDate;
  keyDates: PursuitKeyDate[];
  note: string;
  candidates: PursuitCandidate[];
  /** The calendar year of the nomination deadline: the list is read a year at a time. */
  year: number;
  /** The nomination deadline as a number (20260315), the list's order. */
  deadlineDay: number;
  /** The latest of all its dates as a number: the deadline reads take pursuits not yet over. */
  lastDay: number;
  createdBy: string;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface PursuitDeadline {
  pursuitId: Id;
  pursuitName: string;
  level: HonorLevel;
  kind: PursuitDateKind;
  /** 推荐截止, 结果公布, or the key date's own label. */
  label: string;
  date: IsoDate;
  /** Days from today (Asia/Shanghai): 0 = today. */
  daysLeft: number;
  unit: UnitRef | null;
}

export interface PursuitCard {
  _id: Id;
  name: string;
  level: HonorLevel;
  awardedBy: string;
  unit: UnitRef | null;
  opensOn: IsoDate;
  nominationDeadline: IsoDate;
  resultOn: IsoDate;
  phase: PursuitPhase;
  candidateCount: number;
  awardedCount: number;
  /** Its next date from today on, if any. */
  next: { label: string; date: IsoDate; daysLeft: number } | null;
}

export interface PursuitCandidateView {
  exemplarId: Id;
  name: string;
  kind: ExemplarKind;
  unit: UnitRef | null;
  outcome: PursuitOutcome;
  awardedOn: IsoDate | null;
  decidedBy: PersonRef | null;
  decidedAt: Millis | null;
  /** The profile is public now (its honour shows there). */
  public: boolean;
}

export interface PursuitView extends PursuitCard {
  keyDates: PursuitKeyDate[];
  note: string;
  candidates: PursuitCandidateView[];
  /** Asia/Shanghai today, the phase and the days are counted against. */
  today: IsoDate;
  /** The caller manages it (an admin over its unit). */
  canManage: boolean;
  /** Outcomes may be recorded: the nomination deadline has come. */
  outcomesOpen: boolean;
  updatedAt: Millis;
}

/** An exemplar that may be put forward: public, in a library, in the pursuit's subtree. */
export interface PursuitOption {
  _id: Id;
  name: string;
  kind: ExemplarKind;
  tier: Exclude<Tier, 'retired'>;
  unit: UnitRef | null;
}

/** The `workboard` function's pursuits actions. */
export interface PursuitsApi {
  /** One year's pursuits of the caller's subtrees, by nomination deadline. */
  pursuits: { req: z.input<typeof pursuitSchemas.pursuits>; res: Page<PursuitCard> & { year: number; canCreate: UnitRef[] } };
  pursuit: { req: z.input<typeof pursuitSchemas.pursuit>; res: PursuitView };
  /** Create (a new id) or edit a pursuit: an admin over its unit (the corps or a detachment). */
  savePursuit: { req: z.input<typeof pursuitSchemas.savePursuit>; res: PursuitView };
  /** The exemplars that may be put forward for a pursuit. */
  pursuitOptions: { req: z.input<typeof pursuitSchemas.pursuitOptions>; res: { items: PursuitOption[] } };
  addPursuitCandidate: { req: z.input<typeof pursuitSchemas.addPursuitCandidate>; res: PursuitView };
  removePursuitCandidate: { req: z.input<typeof pursuitSchemas.removePursuitCandidate>; res: PursuitView };
  /** 已获评 writes the honour (once); back to 待定 / 未获评 removes it. */
  setPursuitOutcome: { req: z.input<typeof pursuitSchemas.setPursuitOutcome>; res: PursuitView };
  /** The dates of the caller's subtrees' pursuits within PURSUIT_LIMITS.deadlineDays, soonest first. */
  pursuitDeadlines: { req: z.input<typeof pursuitSchemas.pursuitDeadlines>; res: { today: IsoDate; items: PursuitDeadline[] } };
}
