/**
 * `admin.redeem`: the one admin action open to any signed-in user — typing an invite code makes
 * the caller staff. Guessing is limited (REDEEM_POLICY, every attempt counted before the code is
 * looked up), and an invite grants only what its creator may still grant (invite-authority.ts).
 * The name a new staff member gives with the code (checked as a profile text) becomes their
 * profile in the same transaction, so they appear by name from their first action on.
 */
import type { RoleGrant, RoleView } from '@contract';
import { grantIdOfInvite, inviteIdOf, redeemRefusal } from '../../domain/invites';
import { REDEEM_POLICY } from '../../domain/rate-limit';
import { requireCleanText } from '../../lib/content-check';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { writeProfile } from '../../lib/people';
import { admit } from '../../lib/rate-limit';
import { transact } from '../../lib/transaction';
import { legacyAuthorityHolds, recordedAuthorityHolds } from './invite-authority';
import { authorityLost, settledForRedeem, unknownInvite } from './invite-refusals';
import { unitRef } from './views';

export const redeem: UseCase<'admin', 'redeem'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const limited = await admit(ctx, 'redeem', openid, REDEEM_POLICY);
  if (limited) return limited;
  const c = ctx.cloud();
  const inviteId = inviteIdOf(req.code, ctx.hashHex);
  const found = await c.collection('invites').doc(inviteId).get();
  if (!found) return unknownInvite('code');
  const name = req.name;
  if (name !== undefined) {
    const unclean = await requireCleanText(ctx, openid, name, 1, 'name');
    if (unclean) return unclean;
  }
  // An invite stored before invites recorded their authority: its creator's roles now decide
  // (roles are queried, which a transaction cannot do).
  const legacyHolds = found.authority === undefined ? await legacyAuthorityHolds(ctx, found) : false;
  const now = ctx.now();
  const grantId = grantIdOfInvite(inviteId);
  // One transaction reads the invite (and the creator's grant) and writes the grant, the
  // redemption and the audit entry: two people racing for one code conflict at commit and the
  // retry sees it used; a revocation of the creator's grant racing this conflicts the same way.
  const granted = await transact(ctx, async ({ tx, audit }) => {
    const inv = await tx.collection('invites').get(inviteId);
    if (!inv) return unknownInvite('code');
    const refusal = redeemRefusal(inv, now);
    if (refusal) return settledForRedeem(refusal);
    const holds = inv.authority === undefined ? legacyHolds : await recordedAuthorityHolds(tx, ctx, { ...inv, authority: inv.authority });
    if (!holds) return authorityLost();
    const grant: Omit<RoleGrant, '_id'> = { openid, role: inv.role, unitId: inv.unitId, grantedBy: inv.createdBy, grantedAt: now, revokedAt: null };
    await tx.collection('roles').set(grantId, grant);
    await tx.collection('invites').update(inviteId, { redeemedBy: openid, redeemedAt: now });
    // A profile keeps its unit; a new one is at the invite's unit.
    if (name !== undefined) await writeProfile(tx, ctx, openid, now, (current) => ({ name, unitId: current?.unitId ?? grant.unitId }));
    const after = { role: grant.role, unitId: grant.unitId, invite: inviteId, ...(name !== undefined ? { name } : {}) };
    audit({ actor: openid, action: 'admin.redeem', subject: { kind: 'grant', id: grantId }, before: null, after, at: now });
    return grant;
  });
  if (isFailure(granted)) return granted;
  const view: RoleView = { role: granted.role, unit: await unitRef(c, granted.unitId) };
  return ok(view);
};
