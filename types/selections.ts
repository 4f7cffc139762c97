/**
 * Workboard — 岗位标兵 selection rounds: quotas, candidates, a committee's hidden scores, results.
 * Request schemas live in types/schemas.ts (selectionSchemas); views and the Api interface here.
 *
 * A round (评选) belongs to a unit (the corps or a detachment) and one post category; the units
 * under it put candidates forward within a quota each; a committee of named staff scores every
 * candidate on every criterion, each member seeing only their own sheet until the round is
 * closed; closing ranks the candidates (domain/selections.ts, with the tie rule stated below);
 * publishing writes the results as a campaign whose page lists the winners.
 */
import type { z } from 'zod';
import type { Id, Millis, PostCategory } from './entities';
import type { PersonRef, UnitRef } from './views';
import type { selectionSchemas } from './schemas';

export const SELECTION_LIMITS = {
  criteriaMin: 1,
  criteriaMax: 6,
  criterionNameMax: 16,
  weightMax: 100,
  maxScoreMax: 100,
  quotaMax: 20,
  placesMax: 20,
  /** A committee is several people, so no single sheet decides. */
  committeeMin: 3,
  committeeMax: 15,
  periodMax: 20,
  /** Candidates one round holds at most (its pages read them in one go). */
  candidatesMax: 200,
} as const;

export type SelectionState = 'open' | 'closed' | 'published';

/**
 * The round's tie rule, stated on every round's page: equal totals are ordered by the first
 * criterion's mean score, then by who was put forward earlier. The ranking (domain/selections.ts)
 * applies exactly this.
 */
export const SELECTION_TIE_RULE = 'first_criterion_then_earlier' as const;
export const SELECTION_TIE_RULE_TEXT = '总分相同时，第一项评分标准平均分高者居前；仍相同的，先被推荐者居前。';

export interface SelectionCriterion {
  name: string;
  /** Relative weight: a criterion's share of the 100-point total is weight / Σ weights. */
  weight: number;
  /** The highest score a member may give on it. */
  maxScore: number;
}

/** A round as stored (`selection_rounds`). */
export interface SelectionRoundDoc {
  _id: Id;
  category: PostCategory;
  /** e.g. 2026年度. */
  period: string;
  unitId: Id;
  unitPath: Id[];
  criteria: SelectionCriterion[];
  /** Candidates each unit directly under the round's unit may put forward. */
  quota: number;
  /** How many winners the results name. */
  places: number;
  /** The members' OPENIDs (never sent to a client: views name them). */
  committee: string[];
  tieRule: typeof SELECTION_TIE_RULE;
  state: SelectionState;
  /** Candidates put forward per quota unit: read and moved in the put-forward transaction, so two concurrent ones cannot both take the last place. */
  quotaUsed: Record<Id, number>;
  candidateCount: number;
  createdBy: string;
  createdAt: Millis;
  updatedAt: Millis;
  closedAt: Millis | null;
  publishedAt: Millis | null;
  campaignId: Id | null;
  /** Written at close: the ranking the published results show. */
  results: SelectionResult[] | null;
}

/** A candidate as stored (`selection_candidates`); _id derived from the round and the person. */
export interface SelectionCandidateDoc {
  _id: Id;
  roundId: Id;
  /** The exemplar put forward, or null for a person not (yet) in a library. */
  exemplarId: Id | null;
  name: string;
  unitId: Id;
  unitPath: Id[];
  /** The unit directly under the round's unit whose quota it takes (the round's own unit for one of its own). */
  quotaUnitId: Id;
  putForwardBy: string;
  putForwardAt: Millis;
}

/** One member's sheet for one round (`selection_scores`), _id derived from (round, member). */
export interface SelectionSheetDoc {
  _id: Id;
  roundId: Id;
  member: string;
  /** Scores by candidate id, one per criterion in the round's order. */
  scores: Record<Id, number[]>;
  updatedAt: Millis;
}

/** One candidate's place in the closed round. */
export interface SelectionResult {
  candidateId: Id;
  rank: number;
  /** Weighted total out of 100 (two decimals). */
  total: number;
  /** Mean score per criterion over the members who scored it (two decimals). */
  means: number[];
  /** Sheets that scored this candidate. */
  sheets: number;
  winner: boolean;
}

// ---------------------------------------------------------------- views

export interface SelectionRoundCard {
  _id: Id;
  /** e.g. 2026年度 灭火救援尖兵 评选. */
  title: string;
  category: PostCategory;
  period: string;
  unit: UnitRef | null;
  state: SelectionState;
  candidateCount: number;
  createdAt: Millis;
  /** The caller sits on the committee. */
  member: boolean;
  /** The caller is a member and has candidates left to score in an open round. */
  awaitingMyScores: boolean;
}

export interface SelectionCandidateView {
  _id: Id;
  name: string;
  /** Links to the profile when the exemplar's profile is public. */
  exemplarId: Id | null;
  /** The exemplar's library, when the candidate is one (a winner in neither library may be proposed for the reserve). */
  tier: 'major' | 'reserve' | 'retired' | null;
  unit: UnitRef | null;
  putForwardBy: PersonRef;
  putForwardAt: Millis;
  /** The caller's own scores (a member), null when they have not scored it. Never anyone else's before close. */
  myScores: number[] | null;
  /** The caller may score it now (a member, open round, not a candidate they put forward). */
  mayScore: boolean;
  /** After close: its place. */
  result: SelectionResult | null;
}

export interface SelectionRoundView extends SelectionRoundCard {
  criteria: SelectionCriterion[];
  quota: number;
  places: number;
  tieRuleText: string;
  committee: { person: PersonRef; scored: number; self: boolean }[];
  candidates: SelectionCandidateView[];
  /** Quota use per unit directly under the round's unit, for those the caller may put forward from. */
  quotaUse: { unit: UnitRef | null; used: number; quota: number }[];
  /** What the caller may put forward: exemplars of their subtree and the units they may name a person at. */
  nomineeOptions: { exemplars: { _id: Id; name: string; unit: UnitRef | null }[]; units: UnitRef[] };
  may: { putForward: boolean; close: boolean; publish: boolean };
  campaignId: Id | null;
}

/** A staff member who may sit on a committee, by name; `ref` is one of their grants' id (never an OPENID). */
export interface SelectionPersonOption {
  ref: Id;
  person: PersonRef;
}

type Req<A extends keyof typeof selectionSchemas> = z.input<(typeof selectionSchemas)[A]>;

/** The `workboard` function's selections actions. */
export interface SelectionsApi {
  selectionRounds: { req: Req<'selectionRounds'>; res: { items: SelectionRoundCard[] } };
  selectionRound: { req: Req<'selectionRound'>; res: SelectionRoundView };
  selectionPeople: { req: Req<'selectionPeople'>; res: { items: SelectionPersonOption[] } };
  createSelectionRound: { req: Req<'createSelectionRound'>; res: SelectionRoundCard };
  putForward: { req: Req<'putForward'>; res: SelectionRoundView };
  scoreCandidate: { req: Req<'scoreCandidate'>; res: SelectionRoundView };
  closeSelectionRound: { req: Req<'closeSelectionRound'>; res: SelectionRoundView };
  publishSelectionRound: { req: Req<'publishSelectionRound'>; res: SelectionRoundView };
}
