/**
 * The nomination review state machine, pure: no SDK, no clock, no IO.
 *
 *   submitted ──detachment approve──► detachment_approved ──corps approve──► in_notice
 *      │  reject → rejected · return → returned      │ reject → rejected · return → returned
 *   returned ──revise──► submitted (a changed nomination is reviewed again from the first level)
 *   submitted | detachment_approved | returned ──withdraw──► withdrawn
 *   in_notice ──notice over, no objection──► enrolled
 *   in_notice ──notice over, objection still open──► objection_review
 *   in_notice | objection_review ──objection sustained──► rejected
 *   objection_review ──last open objection dismissed──► in_notice (enrolled by the next timer run)
 *
 * Levels follow the three-level responsibility: a nomination from anywhere below the corps is
 * first decided by the reviewer of its detachment (unitPath[1]), then by the corps reviewer
 * (unitPath[0]). A nomination made by the corps itself has no detachment and starts at the
 * corps level. A level is held by a reviewer grant over exactly that unit: the corps reviewer
 * does not sign off for a detachment, so every nomination really passes both levels.
 */
import type { Id, NominationState, ReviewDecision, ReviewLevel } from '@contract';

export type Transition<T> = { ok: true; value: T } | { ok: false; reason: string };

const DAY = 86_400_000;

const good = <T>(value: T): Transition<T> => ({ ok: true, value });
const bad = <T>(reason: string): Transition<T> => ({ ok: false, reason });

/**
 * Still under way: in review, back with the nominator, in 公示 or held for an objection. An
 * exemplar has at most one such nomination; rejected, withdrawn and enrolled ones are over.
 */
export function isActive(state: NominationState): boolean {
  return state !== 'rejected' && state !== 'withdrawn' && state !== 'enrolled';
}

/** The state a new (or revised) nomination starts in, from its nominating unit's path. */
export function initialState(unitPath: readonly Id[]): NominationState {
  return unitPath.length <= 1 ? 'detachment_approved' : 'submitted';
}

/** The level that must act on a nomination in `state`, or null when no reviewer has to. */
export function waitingFor(state: NominationState): ReviewLevel | null {
  if (state === 'submitted') return 'detachment';
  if (state === 'detachment_approved' || state === 'objection_review') return 'corps';
  return null;
}

/** The unit whose reviewer decides at `level` (null: that level does not exist for this path). */
export function levelUnit(unitPath: readonly Id[], level: ReviewLevel): Id | null {
  if (level === 'corps') return unitPath[0] ?? null;
  return unitPath.length >= 2 ? (unitPath[1] ?? null) : null;
}

export interface DecisionOutcome {
  state: NominationState;
  /** Set when the decision opens the 公示 period. */
  noticeEndsAt: number | null;
}

/**
 * A reviewer's decision at `level` on a nomination in `state`. Approval at the corps level
 * opens the notice period, which ends `noticeDays` after `now` (0 days: it is over at once, the
 * next enrolment run takes it).
 */
export function decide(state: NominationState, level: ReviewLevel, decision: ReviewDecision, now: number, noticeDays: number): Transition<DecisionOutcome> {
  const expected = waitingFor(state);
  if (state === 'objection_review' || expected !== level) {
    return bad(expected === null || state === 'objection_review' ? `a nomination that is ${state} takes no review decision` : `a nomination that is ${state} waits for the ${expected} level, not ${level}`);
  }
  if (decision === 'reject') return good({ state: 'rejected', noticeEndsAt: null });
  if (decision === 'return') return good({ state: 'returned', noticeEndsAt: null });
  if (level === 'detachment') return good({ state: 'detachment_approved', noticeEndsAt: null });
  if (!Number.isInteger(noticeDays) || noticeDays < 0) return bad(`notice period must be a whole number of days ≥ 0, got ${noticeDays}`);
  return good({ state: 'in_notice', noticeEndsAt: now + noticeDays * DAY });
}

/** The nominator resubmits a returned nomination: review starts again at the first level. */
export function revise(state: NominationState, unitPath: readonly Id[]): Transition<NominationState> {
  if (state !== 'returned') return bad(`only a returned nomination can be revised; this one is ${state}`);
  return good(initialState(unitPath));
}

/** The nominator takes a nomination back before the corps has approved it. */
export function withdraw(state: NominationState): Transition<NominationState> {
  if (state === 'submitted' || state === 'detachment_approved' || state === 'returned') return good('withdrawn');
  return bad(`a nomination that is ${state} can no longer be withdrawn`);
}

/** Objections are taken while the notice runs (the public sees it until it ends). */
export function canObject(state: NominationState, noticeEndsAt: number | null, now: number): Transition<true> {
  if (state !== 'in_notice' || noticeEndsAt === null) return bad(`a nomination that is ${state} is not in public notice`);
  if (now >= noticeEndsAt) return bad('the public notice period is over');
  return good(true);
}

export interface ObjectionCounts {
  open: number;
  sustained: number;
}

/**
 * A reviewer resolves one open objection. Sustaining it rejects the nomination; dismissing the
 * last open one of a nomination held in objection_review returns it to the notice (over), so
 * the next enrolment run enrols it.
 */
export function resolveObjection(
  state: NominationState,
  counts: ObjectionCounts,
  outcome: 'sustain' | 'dismiss',
): Transition<{ state: NominationState; counts: ObjectionCounts }> {
  if (counts.open < 1) return bad('the nomination has no open objection');
  if (state !== 'in_notice' && state !== 'objection_review') return bad(`a nomination that is ${state} has no objection to resolve`);
  const open = counts.open - 1;
  if (outcome === 'sustain') return good({ state: 'rejected', counts: { open, sustained: counts.sustained + 1 } });
  const next: NominationState = state === 'objection_review' && open === 0 ? 'in_notice' : state;
  return good({ state: next, counts: { open, sustained: counts.sustained } });
}

export type EnrolmentStep =
  | { kind: 'wait' } // notice still running
  | { kind: 'enrol' }
  | { kind: 'hold' } // notice over, an objection is still open: a reviewer must decide
  | { kind: 'reject' } // a sustained objection blocks enrolment
  | { kind: 'none' }; // not a nomination the timer acts on

/** What the enrolment timer does with a nomination at `now`. */
export function enrolmentStep(state: NominationState, noticeEndsAt: number | null, counts: ObjectionCounts, now: number): EnrolmentStep {
  if (state !== 'in_notice' || noticeEndsAt === null) return { kind: 'none' };
  if (now < noticeEndsAt) return { kind: 'wait' };
  if (counts.sustained > 0) return { kind: 'reject' };
  if (counts.open > 0) return { kind: 'hold' };
  return { kind: 'enrol' };
}

/** Parse the function's NOTICE_DAYS (whole days, 0–30); anything else is a deployment error. */
export function parseNoticeDays(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new Error(`NOTICE_DAYS must be a whole number 0–30, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * The `_id` of a nomination: derived from the nominator and the client's requestKey, so a
 * retried submit (lost answer, double tap, two instances) lands on the same document.
 */
export function nominationId(openid: string, requestKey: string, hashHex: (s: string) => string): Id {
  return `nom-${hashHex(`nomination\u0000${openid}\u0000${requestKey}`).slice(0, 32)}`;
}

/** The exemplar a nomination of a new person/station creates: deterministic, so enrolment is idempotent. */
export function enrolledExemplarId(nominationIdValue: Id): Id {
  return `ex-${nominationIdValue}`;
}

/** A one-sentence card summary from the deeds: up to the first full stop, at most `max` characters. */
export function summaryOf(deeds: string, max = 60): string {
  const text = deeds.replace(/\s+/g, ' ').trim();
  const stop = text.search(/[。！？!?]/);
  const first = stop >= 0 ? text.slice(0, stop + 1) : text;
  const chars = [...first];
  return chars.length <= max ? first : `${chars.slice(0, max - 1).join('')}…`;
}
