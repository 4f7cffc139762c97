/**
 * Library tiers: which decisions a publisher may take on an exemplar in which tier, and when
 * the exemplar must be looked at again. Pure: the clock comes in as `now`.
 *
 *   reserve ──promote──▶ major      major ──demote──▶ reserve
 *   major | reserve ──retire──▶ retired ──reinstate──▶ reserve
 *   major | reserve ──keep──▶ same tier (a periodic review that confirms it)
 */
import type { Millis, Tier, TierChangeKind, TierHistoryKind } from '@contract';

const DAY = 86_400_000;

/**
 * Review policy: a major exemplar is re-examined yearly (it is the corps' public face), a
 * reserve one every half year (it is still being cultivated). Retired exemplars are not reviewed.
 */
export const REVIEW_INTERVAL_DAYS: Record<Exclude<Tier, 'retired'>, number> = { major: 365, reserve: 180 };

export type TierDecision =
  | { ok: true; from: Tier; to: Tier; nextReviewAt: Millis | null }
  | { ok: false; reason: string };

const TRANSITIONS: Record<TierChangeKind, Partial<Record<Tier, Tier>>> = {
  promote: { reserve: 'major' },
  demote: { major: 'reserve' },
  retire: { major: 'retired', reserve: 'retired' },
  reinstate: { retired: 'reserve' },
  keep: { major: 'major', reserve: 'reserve' },
};

export function nextReviewFor(tier: Tier, now: Millis): Millis | null {
  return tier === 'retired' ? null : now + REVIEW_INTERVAL_DAYS[tier] * DAY;
}

export function decideTierChange(from: Tier, kind: TierChangeKind, now: Millis): TierDecision {
  const to = TRANSITIONS[kind][from];
  if (to === undefined) return { ok: false, reason: `cannot ${kind} an exemplar in tier ${from}` };
  return { ok: true, from, to, nextReviewAt: nextReviewFor(to, now) };
}

/** The decisions open to a publisher for an exemplar in `tier` (the page offers only these). */
export function allowedChanges(tier: Tier): TierChangeKind[] {
  return (Object.keys(TRANSITIONS) as TierChangeKind[]).filter((k) => TRANSITIONS[k][tier] !== undefined);
}

/** Overdue means the review date has passed for an exemplar that is still in a library. */
export function isOverdue(tier: Tier, nextReviewAt: Millis, now: Millis): boolean {
  return tier !== 'retired' && nextReviewAt <= now;
}

export interface EnrolmentDecision {
  kind: TierHistoryKind;
  from: Tier | null;
  to: Exclude<Tier, 'retired'>;
  nextReviewAt: Millis;
}

/**
 * The tier-history record of an enrolment after a nomination's notice: an existing exemplar's
 * move is named by the publisher decision that makes the same move (reserve → major is a
 * promotion, retired → reserve a reinstatement), anything else — a new exemplar, or a move no
 * single decision makes — is `enrol`. The review date follows the same policy as every decision.
 */
export function decideEnrolment(from: Tier | null, to: Exclude<Tier, 'retired'>, now: Millis): EnrolmentDecision {
  const named = from === null || from === to ? undefined : (['promote', 'demote', 'reinstate'] as const).find((k) => TRANSITIONS[k][from] === to);
  return { kind: named ?? 'enrol', from, to, nextReviewAt: now + REVIEW_INTERVAL_DAYS[to] * DAY };
}
