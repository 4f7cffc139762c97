/** `admin.revokeInvite`: an admin withdraws an open invite of their subtree. */
import { canRevoke, inviteStatus } from '../../domain/invites';
import { isFailure, requireRole, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { settledForRevoke, unknownInvite } from './invite-refusals';
import { inviteView, redeemers, unitRef } from './views';

export const revokeInvite: UseCase<'admin', 'revokeInvite'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  // The role first: someone without it learns nothing about which invites exist.
  const anywhere = requireRoleAnywhere(who, 'admin');
  if (anywhere) return anywhere;
  const c = ctx.cloud();
  const found = await c.collection('invites').doc(req.inviteId).get();
  if (!found) return unknownInvite('inviteId');
  const denied = requireRole(who, 'admin', found.unitPath);
  if (denied) return denied;
  const now = ctx.now();
  // In a transaction, as redeem is: a code cannot be both revoked and redeemed.
  const revoked = await transact(ctx, async ({ tx, audit }) => {
    const inv = await tx.collection('invites').get(req.inviteId);
    if (!inv) return unknownInvite('inviteId');
    if (!canRevoke(inv, now)) return settledForRevoke(inviteStatus(inv, now) as 'redeemed' | 'revoked' | 'expired');
    await tx.collection('invites').update(req.inviteId, { revokedAt: now });
    audit({ actor: who.openid, action: 'admin.revokeInvite', subject: { kind: 'invite', id: req.inviteId }, before: { revokedAt: null }, after: { revokedAt: now }, at: now });
    return { ...inv, _id: req.inviteId, revokedAt: now };
  });
  if (isFailure(revoked)) return revoked;
  const [unit, people] = await Promise.all([unitRef(c, revoked.unitId), redeemers(ctx, [revoked])]);
  return ok(inviteView(revoked, unit, now, people));
};
