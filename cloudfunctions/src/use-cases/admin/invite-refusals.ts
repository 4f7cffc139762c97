/**
 * Why an invite cannot be redeemed or revoked, as the refusals admin pages explain. The field
 * messages (`used`, `revoked`, `expired`, `unknown`) are the tokens older clients match; the
 * typed reason is what pages read from now on.
 */
import type { InviteStatus } from '@contract';
import type { RedeemRefusal } from '../../domain/invites';
import { refuse, type Failure } from '../../lib/handler';

type Settled = 'invite_used' | 'invite_revoked' | 'invite_expired';

const SETTLED: Record<Exclude<InviteStatus, 'open'>, Settled> = { redeemed: 'invite_used', revoked: 'invite_revoked', expired: 'invite_expired' };

/** A code no invite has. */
export function unknownInvite(path: 'code' | 'inviteId'): Failure<'invite_unknown'> {
  return refuse('NOT_FOUND', 'invite_unknown', 'no invite has that code', [{ path, message: 'unknown', reason: 'invite_unknown' }]);
}

const REDEEM_REASON: Record<RedeemRefusal['reason'], Settled> = { used: 'invite_used', revoked: 'invite_revoked', expired: 'invite_expired' };

/** Redeeming an invite that is used (CONFLICT: someone else got there first), revoked or expired. */
export function settledForRedeem(refusal: RedeemRefusal): Failure<Settled> {
  const reason = REDEEM_REASON[refusal.reason];
  return refuse(refusal.code, reason, `the invite is ${refusal.reason}`, [{ path: 'code', message: refusal.reason, reason }]);
}

/** Revoking an invite that is already settled. The field message stays the status, as before. */
export function settledForRevoke(status: Exclude<InviteStatus, 'open'>): Failure<Settled> {
  const reason = SETTLED[status];
  return refuse('FAILED_PRECONDITION', reason, `the invite is ${status}`, [{ path: 'inviteId', message: status, reason }]);
}

/** The invite's creator may no longer grant what it grants. */
export function authorityLost(): Failure<'invite_authority_lost'> {
  return refuse('FAILED_PRECONDITION', 'invite_authority_lost', 'the invite’s creator no longer administers its unit', [
    { path: 'code', message: 'authority_lost', reason: 'invite_authority_lost' },
  ]);
}
