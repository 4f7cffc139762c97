/**
 * An invite grants only what its creator may still grant when it is redeemed (issue 8): a
 * revoked admin's open invites — including one they made for themselves — grant nothing.
 *
 * `createInvite` records how its creator held admin over the unit: the grant through which they
 * administer it, or the deployment's ADMIN_OPENIDS. `redeem` checks that authority in the same
 * transaction as the grant it writes: it reads and writes the creator's grant document there,
 * so a concurrent revocation conflicts at commit and "revoked, then redeemed" cannot slip
 * between the check and the write.
 */
import type { InviteAuthority, InviteRecord, Unit } from '@contract';
import type { Tx } from '../../adapters/cloud';
import type { ActionContext } from '../../lib/context';
import { deploymentAdmins, mayStillGrant, rolesOf, type Caller } from '../../lib/guard';

/** Grants a person could plausibly hold (as the guard reads them). */
const MAX_GRANTS = 100;

/**
 * The authority `caller` holds admin over `unit` through: their admin grant highest in the tree
 * over it (the one least likely to be narrowed later), else the deployment. null when they hold
 * neither any more (revoked since the guard read their roles).
 */
export async function authorityFor(ctx: Pick<ActionContext, 'cloud' | 'env'>, caller: Caller, unit: Pick<Unit, 'path'>): Promise<InviteAuthority | null> {
  const grants = await ctx
    .cloud()
    .collection('roles')
    .select(['role', 'unitId'])
    .where({ openid: caller.openid, revokedAt: null })
    .limit(MAX_GRANTS)
    .get();
  const over = grants.filter((g) => g.role === 'admin' && unit.path.includes(g.unitId)).sort((a, b) => unit.path.indexOf(a.unitId) - unit.path.indexOf(b.unitId) || (a._id < b._id ? -1 : 1));
  const grant = over[0];
  if (grant) return { kind: 'grant', grantId: grant._id };
  if (deploymentAdmins(ctx).includes(caller.openid)) return { kind: 'deployment' };
  return null;
}

/**
 * Whether the creator of an invite stored before invites recorded their authority may still
 * grant it: their roles now (read outside the transaction; such invites are a passing case).
 */
export async function legacyAuthorityHolds(ctx: Pick<ActionContext, 'cloud' | 'env'>, invite: Pick<InviteRecord, 'createdBy' | 'unitPath'>): Promise<boolean> {
  return mayStillGrant(await rolesOf(ctx.cloud(), ctx, invite.createdBy), invite.unitPath);
}

/**
 * Whether the authority recorded on `invite` still holds, read inside the redeeming
 * transaction: the grant is active, still admin, still the creator's, and its unit still on the
 * invite's path (a move may have taken the unit out from under it). A deployment admin (now)
 * may grant anything in the corps, whichever authority the invite recorded.
 */
export async function recordedAuthorityHolds(
  tx: Tx,
  ctx: Pick<ActionContext, 'env' | 'now'>,
  invite: Pick<InviteRecord, 'createdBy' | 'unitPath'> & { authority: InviteAuthority },
): Promise<boolean> {
  if (invite.authority.kind === 'grant') {
    const g = await tx.collection('roles').get(invite.authority.grantId);
    if (g && g.revokedAt === null && g.role === 'admin' && g.openid === invite.createdBy && invite.unitPath.includes(g.unitId)) {
      // Written, not only read: under snapshot isolation a read alone does not conflict with a
      // concurrent revocation, a write to the same document always does.
      await tx.collection('roles').update(invite.authority.grantId, { lastGrantedThroughAt: ctx.now() });
      return true;
    }
  }
  return deploymentAdmins(ctx).includes(invite.createdBy);
}
