/**
 * Fixed-window rate limits, pure: which window an instant falls in and its document id.
 * lib/rate-limit.ts counts calls in them; every rate-limited action uses that one mechanism.
 */
import type { Id } from '@contract';

export interface RatePolicy {
  /** Calls allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateWindow {
  /** Deterministic document id of this (scope, user, window). */
  id: Id;
  /** When the window's document may be deleted. */
  expiresAt: number;
}

/**
 * Redeeming invites: a person types a code a few times at most. 10 attempts an hour makes the
 * 31^8 code space (8.5·10^11) unsearchable: a million accounts guessing for a year would cover
 * under 0.01 % of it.
 */
export const REDEEM_POLICY: RatePolicy = { limit: 10, windowMs: 3_600_000 };

/**
 * The fixed window an instant falls in. One document per (scope, user, window), counted with
 * a conditional atomic `_.inc` (only while `n < limit`): concurrent calls of one user
 * serialise on their own tiny document, never on a shared one, a refused call writes nothing,
 * and a window's document is never touched again once the window is over.
 */
export function rateWindow(scope: string, openid: string, at: number, policy: RatePolicy, hashHex: (input: string) => string): RateWindow {
  const index = Math.floor(at / policy.windowMs);
  return {
    id: `rl_${scope}_${index}_${hashHex(`rate\n${scope}\n${openid}`).slice(0, 32)}`,
    expiresAt: (index + 1) * policy.windowMs,
  };
}
