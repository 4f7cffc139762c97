/**
 * One-time invite codes: how they are made, what state an invite is in, and whether it can
 * still be redeemed. Pure: randomness and the clock come in as arguments.
 */
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '@contract';
import type { Invite, InviteStatus, Millis } from '@contract';

const DAY = 86_400_000;

/**
 * A code from random bytes by rejection sampling (bytes ≥ 248 are dropped), so every
 * character is equally likely: 31^8 ≈ 8.5·10^11 codes. `random(n)` answers n fresh bytes.
 */
export function makeInviteCode(random: (n: number) => Uint8Array): string {
  const n = INVITE_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  for (let rounds = 0; code.length < INVITE_CODE_LENGTH; rounds++) {
    if (rounds > 64) throw new Error('random source returned no usable bytes');
    for (const b of random(INVITE_CODE_LENGTH * 2)) {
      if (b >= limit) continue;
      code += INVITE_CODE_ALPHABET[b % n];
      if (code.length === INVITE_CODE_LENGTH) break;
    }
  }
  return code;
}

/**
 * The invite's document id: derived from the code so redeeming reads exactly one document, by a
 * hash so the code itself never appears in an id (ids travel further than codes: audit entries,
 * grant ids, logs).
 */
export function inviteIdOf(code: string, hashHex: (input: string) => string): string {
  return `inv-${hashHex(`invite\u0000${code}`).slice(0, 24)}`;
}

/** The grant a redeemed invite creates: one per invite, so a replayed redeem cannot make two. */
export function grantIdOfInvite(inviteId: string): string {
  return `rg-${inviteId}`;
}

export function inviteExpiry(now: Millis, validDays: number): Millis {
  return now + validDays * DAY;
}

export function inviteStatus(invite: Pick<Invite, 'expiresAt' | 'redeemedAt' | 'revokedAt'>, now: Millis): InviteStatus {
  if (invite.redeemedAt !== null) return 'redeemed';
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  return 'open';
}

export type RedeemRefusal = { code: 'CONFLICT' | 'FAILED_PRECONDITION'; reason: 'used' | 'revoked' | 'expired' };

/** null when the invite can be redeemed now; otherwise why not, as a typed refusal. */
export function redeemRefusal(invite: Pick<Invite, 'expiresAt' | 'redeemedAt' | 'revokedAt'>, now: Millis): RedeemRefusal | null {
  switch (inviteStatus(invite, now)) {
    case 'open':
      return null;
    case 'redeemed':
      return { code: 'CONFLICT', reason: 'used' };
    case 'revoked':
      return { code: 'FAILED_PRECONDITION', reason: 'revoked' };
    case 'expired':
      return { code: 'FAILED_PRECONDITION', reason: 'expired' };
  }
}

/** An open invite can be revoked; a used, revoked or expired one is settled. */
export function canRevoke(invite: Pick<Invite, 'expiresAt' | 'redeemedAt' | 'revokedAt'>, now: Millis): boolean {
  return inviteStatus(invite, now) === 'open';
}
