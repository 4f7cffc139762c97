/**
 * The review ladder: the levels a nomination passes before its public notice, in order, as one
 * table. Pure. Each step names its level, which unit of the nomination's path decides it (by
 * depth: the corps is the root, depth 0; a detachment depth 1), the state a nomination waits in
 * for it, and the state its approval leads to. Everything that depends on the levels derives
 * from the table: where a nomination starts, which level it waits for, who decides it, what an
 * approval leads to, which (unit, state) lanes fill a reviewer's queue, who is told next, and
 * the level's label.
 *
 * Adding a level (say a battalion step before the detachment) touches: the ReviewLevel type and
 * REVIEW_LEVEL_LABEL (types/nominations.ts, types/labels.ts — the compiler asks for the label),
 * a state the nomination waits in (NominationState, types/entities.ts, and the client's state
 * labels), and one row of REVIEW_STEPS below. test/domain/review-ladder.test.ts shows a ladder
 * with such a step working through the same functions.
 *
 * A level is held by a reviewer grant over exactly its unit: an ancestor's reviewer does not
 * sign off for a level below it, so every nomination really passes each level on its path.
 */
import type { Id, NominationState, ReviewDecision, ReviewLevel } from '@contract';
import { REVIEW_LEVEL_LABEL } from '@contract';

export type Transition<T> = { ok: true; value: T } | { ok: false; reason: string };

const good = <T>(value: T): Transition<T> => ({ ok: true, value });
const bad = <T>(reason: string): Transition<T> => ({ ok: false, reason });

const DAY = 86_400_000;

/** States outside the ladder, the same for every ladder: where decisions and the notice lead. */
export type LadderEndState = 'returned' | 'rejected' | 'in_notice' | 'objection_review';

export interface LadderStep<L extends string, S extends string> {
  level: L;
  /** Index in the nomination's unitPath of the unit whose reviewer decides this level. */
  unitDepth: number;
  /** The state a nomination waits in for this level. */
  waitsIn: S;
  /** Where approval leads: the next step's waitsIn, or in_notice after the last step. */
  approvedTo: S | 'in_notice';
}

export interface DecisionOutcome<S extends string> {
  state: S | LadderEndState;
  /** Set when the decision opens the 公示 period. */
  noticeEndsAt: number | null;
}

/** One (unit, state) pair a reviewer's queue reads: nominations of that unit's subtree waiting at that level. */
export interface Lane<L extends string, S extends string> {
  unitId: Id;
  state: S | 'objection_review';
  level: L;
}

export interface ReviewLadder<L extends string, S extends string> {
  readonly steps: readonly LadderStep<L, S>[];
  /** The level that resolves objections: the last one, whose approval opened the notice. */
  readonly objectionLevel: L;
  /** The state a new (or revised) nomination starts in: the first level its path has a unit for. */
  initialState(unitPath: readonly Id[]): S;
  /** The level that must act on a nomination in `state`, or null when no reviewer has to. */
  waitingFor(state: S | LadderEndState): L | null;
  /** The step a nomination in `state` waits in, or null (not waiting for a review decision). */
  stepWaitingIn(state: S | LadderEndState): LadderStep<L, S> | null;
  /** The unit whose reviewer decides at `level` (null: that level has no unit on this path). */
  levelUnit(unitPath: readonly Id[], level: L): Id | null;
  /**
   * A reviewer's decision at `level` on a nomination in `state`. Approval at the last level opens
   * the notice period, which ends `noticeDays` after `now` (0 days: over at once).
   */
  decide(state: S | LadderEndState, level: L, decision: ReviewDecision, now: number, noticeDays: number): Transition<DecisionOutcome<S>>;
  /** The lanes of the reviewer grants over `units` (a grant over a unit no level sits at reviews nothing). */
  lanes(units: readonly { _id: Id; path: readonly Id[] }[]): Lane<L, S>[];
  /** What pages and messages call the level (支队, 总队). */
  label(level: L): string;
}

/**
 * A ladder from its steps, ordered from the first level a nomination meets (the deepest unit)
 * to the last. The table is checked when it is built: a malformed ladder is a programming
 * error and fails at load, never halfway through a nomination.
 */
export function reviewLadder<L extends string, S extends string>(steps: readonly LadderStep<L, S>[], labels: Record<L, string>): ReviewLadder<L, S> {
  const last = steps[steps.length - 1];
  if (!last) throw new Error('a review ladder needs at least one level');
  const ends: readonly string[] = ['returned', 'rejected', 'in_notice', 'objection_review'] satisfies LadderEndState[];
  steps.forEach((s, i) => {
    const next = steps[i + 1];
    if (!Number.isInteger(s.unitDepth) || s.unitDepth < 0) throw new Error(`level ${s.level}: unitDepth must be a whole number ≥ 0`);
    if (next && next.unitDepth >= s.unitDepth) throw new Error(`level ${next.level} must sit at a shallower unit than ${s.level}, which comes before it`);
    if (ends.includes(s.waitsIn) || steps.some((o, j) => j !== i && o.waitsIn === s.waitsIn)) throw new Error(`level ${s.level} must wait in a state of its own`);
    const expected = next ? next.waitsIn : 'in_notice';
    if (s.approvedTo !== expected) throw new Error(`approval at ${s.level} must lead to ${expected}, not ${s.approvedTo}`);
  });

  const stepOf = (level: L): LadderStep<L, S> | undefined => steps.find((s) => s.level === level);
  const stepWaitingIn = (state: S | LadderEndState): LadderStep<L, S> | null => steps.find((s) => s.waitsIn === state) ?? null;

  return {
    steps,
    objectionLevel: last.level,
    initialState(unitPath) {
      // A nomination made at a unit above a level's unit (the corps' own) skips that level.
      const first = steps.find((s) => s.unitDepth < unitPath.length) ?? last;
      return first.waitsIn;
    },
    waitingFor(state) {
      if (state === 'objection_review') return last.level;
      return stepWaitingIn(state)?.level ?? null;
    },
    stepWaitingIn,
    levelUnit(unitPath, level) {
      const step = stepOf(level);
      return step ? (unitPath[step.unitDepth] ?? null) : null;
    },
    decide(state, level, decision, now, noticeDays) {
      const step = stepWaitingIn(state);
      if (!step) return bad(`a nomination that is ${state} takes no review decision`);
      if (step.level !== level) return bad(`a nomination that is ${state} waits for the ${step.level} level, not ${level}`);
      if (decision === 'reject') return good({ state: 'rejected', noticeEndsAt: null });
      if (decision === 'return') return good({ state: 'returned', noticeEndsAt: null });
      if (step.approvedTo !== 'in_notice') return good({ state: step.approvedTo, noticeEndsAt: null });
      if (!Number.isInteger(noticeDays) || noticeDays < 0) return bad(`notice period must be a whole number of days ≥ 0, got ${noticeDays}`);
      return good({ state: 'in_notice', noticeEndsAt: now + noticeDays * DAY });
    },
    lanes(units) {
      const out: Lane<L, S>[] = [];
      for (const u of units) {
        for (const s of steps) {
          if (s.unitDepth !== u.path.length - 1) continue;
          out.push({ unitId: u._id, state: s.waitsIn, level: s.level });
          // Nominations held for an objection wait for the level that approved their notice.
          if (s === last) out.push({ unitId: u._id, state: 'objection_review', level: s.level });
        }
      }
      return out;
    },
    label: (level) => labels[level],
  };
}

/**
 * The production ladder: 支队 then 总队 (the three-level responsibility: a station's or
 * battalion's nomination goes to its detachment, then to the corps; the corps' own starts at
 * the corps level).
 */
const REVIEW_STEPS = [
  { level: 'detachment', unitDepth: 1, waitsIn: 'submitted', approvedTo: 'detachment_approved' },
  { level: 'corps', unitDepth: 0, waitsIn: 'detachment_approved', approvedTo: 'in_notice' },
] as const satisfies readonly LadderStep<ReviewLevel, NominationState>[];

// Compile-time: every ReviewLevel has a step (a level added to the type but not here fails to build).
const _everyLevelHasAStep: [Exclude<ReviewLevel, (typeof REVIEW_STEPS)[number]['level']>] extends [never] ? true : never = true;
void _everyLevelHasAStep;

export const REVIEW_LADDER: ReviewLadder<ReviewLevel, NominationState> = reviewLadder<ReviewLevel, NominationState>(REVIEW_STEPS, REVIEW_LEVEL_LABEL);
