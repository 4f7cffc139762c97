/**
 * The nomination review state machine, pure: no SDK, no clock, no IO.
 *
 * With the production review ladder (支队, then 总队):
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
 * The review levels and their order are the review ladder (review-ladder.ts): the functions
 * below that name a level derive from it, and the unit deciding a level is
 * REVIEW_LADDER.levelUnit. A level is held by a reviewer grant over exactly its unit, so every
 * nomination really passes each level on its path.
 */
import type { ConsentRecord, ExemplarKind, Id, NominationState, ReviewDecision, ReviewLevel, Tier } from '@contract';
import { awaitsVerification, consentHolds } from './consent';
import { REVIEW_LADDER, type DecisionOutcome as LadderOutcome, type Transition } from './review-ladder';

export type { Transition };
export type DecisionOutcome = LadderOutcome<NominationState>;

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
  return REVIEW_LADDER.initialState(unitPath);
}

/** The level that must act on a nomination in `state`, or null when no reviewer has to. */
export function waitingFor(state: NominationState): ReviewLevel | null {
  return REVIEW_LADDER.waitingFor(state);
}

/** A reviewer's decision at `level` on a nomination in `state` (see the ladder). */
export function decide(state: NominationState, level: ReviewLevel, decision: ReviewDecision, now: number, noticeDays: number): Transition<DecisionOutcome> {
  return REVIEW_LADDER.decide(state, level, decision, now, noticeDays);
}

/** The nominator resubmits a returned nomination: review starts again at the first level. */
export function revise(state: NominationState, unitPath: readonly Id[]): Transition<NominationState> {
  if (state !== 'returned') return bad(`only a returned nomination can be revised; this one is ${state}`);
  return good(initialState(unitPath));
}

/** The nominator takes a nomination back while it is in review or returned, before the notice opens. */
export function withdraw(state: NominationState): Transition<NominationState> {
  if (state === 'returned' || REVIEW_LADDER.stepWaitingIn(state) !== null) return good('withdrawn');
  return bad(`a nomination that is ${state} can no longer be withdrawn`);
}

/** Why an objection is not taken: the nomination is not in notice, or its notice has ended. */
export type ObjectionWindow = { ok: true; value: true } | { ok: false; why: 'not_in_notice' | 'notice_over'; reason: string };

/** Objections are taken while the notice runs (the public sees it until it ends). */
export function canObject(state: NominationState, noticeEndsAt: number | null, now: number): ObjectionWindow {
  if (state !== 'in_notice' || noticeEndsAt === null) return { ok: false, why: 'not_in_notice', reason: `a nomination that is ${state} is not in public notice` };
  if (now >= noticeEndsAt) return { ok: false, why: 'notice_over', reason: 'the public notice period is over' };
  return { ok: true, value: true };
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

/**
 * What enrolment does with an existing exemplar's tier. A library decision made since the
 * submission (a retire or demote during the notice) is not overridden — the nomination is
 * superseded: the tier differs from the one recorded at submission (`fromTier`), or the exemplar
 * entered its tier after the submission (a promote and a demote back). An exemplar already in
 * the target tier is enrolled without a change. A nomination stored before `fromTier` was
 * recorded (undefined) takes the tier read now as unchanged: nothing tells a later decision apart.
 */
export function enrolmentTier(
  nomination: { fromTier?: Tier | null; createdAt: number },
  exemplar: { tier: Tier; enteredTierAt: number },
  target: Exclude<Tier, 'retired'>,
): 'move' | 'already' | 'superseded' {
  if (exemplar.tier === target) return 'already';
  if (nomination.fromTier === undefined || nomination.fromTier === null) return 'move';
  if (exemplar.tier !== nomination.fromTier || exemplar.enteredTierAt > nomination.createdAt) return 'superseded';
  return 'move';
}

/** What an approval does to the nominee's consent (PIPL art. 25). */
export type ApprovalConsent =
  | { ok: true; consent: ConsentRecord | null; verified: boolean }
  | { ok: false; why: 'consent_unverified' | 'consent_required' | 'own_work'; reason: string };

/**
 * A nominator's signed form counts once a reviewer other than its uploader has looked at the
 * scan and confirmed it is this person's: approving a nomination whose form awaits that check
 * needs the reviewer to say so (`checked`), and the approval records them as its verifier.
 * A consent that already holds (an existing exemplar's, or one checked at an earlier level)
 * needs nothing; a collective needs none. Only approvals look at consent: a rejection or a
 * return passes nothing on.
 */
export function consentOnApproval(
  consent: ConsentRecord | null,
  nominee: { kind: ExemplarKind; name: string },
  reviewer: string,
  checked: boolean,
  now: number,
): ApprovalConsent {
  if (nominee.kind === 'collective') return { ok: true, consent, verified: false };
  if (consent && awaitsVerification(consent)) {
    if (consent.recordedBy === reviewer) return { ok: false, why: 'own_work', reason: 'the uploader of a consent form does not check it' };
    if (!checked) return { ok: false, why: 'consent_unverified', reason: 'look at the signed consent form and confirm it is this person’s (consentChecked) before approving' };
    const verified: ConsentRecord = { ...consent, verifiedBy: reviewer, verifiedAt: now };
    if (!consentHolds(verified, { kind: nominee.kind, name: nominee.name })) return { ok: false, why: 'consent_required', reason: 'the consent form was given under another name' };
    return { ok: true, consent: verified, verified: true };
  }
  if (consentHolds(consent, { kind: nominee.kind, name: nominee.name })) return { ok: true, consent, verified: false };
  return { ok: false, why: 'consent_required', reason: 'the nominee has no consent that counts' };
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

/** A one-sentence card summary from the deeds: up to the first full stop, at most `max` characters. */
export function summaryOf(deeds: string, max = 60): string {
  const text = deeds.replace(/\s+/g, ' ').trim();
  const stop = text.search(/[。！？!?]/);
  const first = stop >= 0 ? text.slice(0, stop + 1) : text;
  const chars = [...first];
  return chars.length <= max ? first : `${chars.slice(0, max - 1).join('')}…`;
}
