/**
 * Library tiers: whether a publisher's decision applies to an exemplar's tier (the table of
 * moves is the contract's TIER_TRANSITIONS, which the library page offers from too), and when
 * the exemplar must be looked at again. Pure: the clock comes in as `now`.
 */
import { TIER_TRANSITIONS } from '@contract';
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

export function nextReviewFor(tier: Tier, now: Millis): Millis | null {
  return tier === 'retired' ? null : now + REVIEW_INTERVAL_DAYS[tier] * DAY;
}

export function decideTierChange(from: Tier, kind: TierChangeKind, now: Millis): TierDecision {
  const to = TIER_TRANSITIONS[kind][from];
  if (to === undefined) return { ok: false, reason: `cannot ${kind} an exemplar in tier ${from}` };
  return { ok: true, from, to, nextReviewAt: nextReviewFor(to, now) };
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
  const named = from === null || from === to ? undefined : (['promote', 'demote', 'reinstate'] as const).find((k) => TIER_TRANSITIONS[k][from] === to);
  return { kind: named ?? 'enrol', from, to, nextReviewAt: now + REVIEW_INTERVAL_DAYS[to] * DAY };
}
