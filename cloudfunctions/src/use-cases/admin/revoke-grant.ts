/** `admin.revokeGrant`: an admin takes a role away inside their subtree (never their own admin grant). */
import { isFailure, requireRole, requireRoleAnywhere, rootUnit, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { peopleByOpenid } from '../../lib/people';
import { transact } from '../../lib/transaction';
import { grantView, unitRef } from './views';

export const revokeGrant: UseCase<'admin', 'revokeGrant'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const anywhere = requireRoleAnywhere(who, 'admin');
  if (anywhere) return anywhere;
  const c = ctx.cloud();
  const found = await c.collection('roles').doc(req.grantId).get();
  if (!found) return fail('NOT_FOUND', `no grant ${req.grantId}`);
  const unit = await c.collection('units').doc(found.unitId).get();
  // A grant over a unit that no longer exists covers nothing; only a corps admin may clear it.
  const root = unit ? null : await rootUnit(c);
  const denied = requireRole(who, 'admin', unit ? unit.path : root ? root.path : []);
  if (denied) return denied;
  if (found.openid === who.openid && found.role === 'admin') {
    // The field message stays the token the admin page matches today.
    return refuse('FAILED_PRECONDITION', 'grant_self', 'an admin cannot revoke their own admin grant; ask another admin', [{ path: 'grantId', message: 'self', reason: 'grant_self' }]);
  }
  const now = ctx.now();
  const revoked = await transact(ctx, async ({ tx, audit }) => {
    const g = await tx.collection('roles').get(req.grantId);
    if (!g) return fail('NOT_FOUND', `no grant ${req.grantId}`);
    if (g.revokedAt !== null) {
      return refuse('FAILED_PRECONDITION', 'grant_already_revoked', 'the grant is already revoked', [{ path: 'grantId', message: 'revoked', reason: 'grant_already_revoked' }]);
    }
    await tx.collection('roles').update(req.grantId, { revokedAt: now });
    audit({
      actor: who.openid,
      action: 'admin.revokeGrant',
      subject: { kind: 'grant', id: req.grantId },
      before: { role: g.role, unitId: g.unitId, revokedAt: null },
      after: { role: g.role, unitId: g.unitId, revokedAt: now },
      at: now,
    });
    return { ...g, _id: req.grantId };
  });
  if (isFailure(revoked)) return revoked;
  const [ref, people] = await Promise.all([unitRef(c, revoked.unitId), peopleByOpenid(ctx, [revoked.openid])]);
  return ok(grantView(revoked, ref, false, people));
};
