/** `admin.createInvite`: an admin invites someone to a role over a unit of their subtree. */
import type { InviteRecord } from '@contract';
import { inviteExpiry, inviteIdOf, makeInviteCode } from '../../domain/invites';
import { toUnitRef } from '../../domain/projections';
import { isFailure, staffCaller, unitInScope } from '../../lib/guard';
import { ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { authorityFor } from './invite-authority';
import { inviteView } from './views';

export const createInvite: UseCase<'admin', 'createInvite'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const unit = await unitInScope(ctx.cloud(), who, 'admin', req.unitId);
  if (isFailure(unit)) return unit;
  const authority = await authorityFor(ctx, who, unit);
  // The guard saw the role a moment ago; it was revoked in between.
  if (!authority) return refuse('PERMISSION_DENIED', 'role_required', 'the caller no longer administers this unit');
  const now = ctx.now();
  // A clash of random codes is astronomically rare; the transaction makes it harmless (the
  // existing invite is never overwritten), and a few fresh draws settle it.
  for (let attempt = 0; attempt < 4; attempt++) {
    const code = makeInviteCode(ctx.random);
    const invite: InviteRecord = {
      _id: inviteIdOf(code, ctx.hashHex),
      code,
      role: req.role,
      unitId: unit._id,
      unitPath: unit.path,
      createdBy: who.openid,
      createdAt: now,
      expiresAt: inviteExpiry(now, req.validDays),
      redeemedBy: null,
      redeemedAt: null,
      revokedAt: null,
      authority,
    };
    const made = await transact(ctx, async ({ tx, audit }) => {
      if (await tx.collection('invites').get(invite._id)) return 'taken' as const;
      const { _id, ...doc } = invite;
      await tx.collection('invites').set(_id, doc);
      audit({
        actor: who.openid,
        action: 'admin.createInvite',
        subject: { kind: 'invite', id: invite._id },
        before: null,
        // The code itself stays out of the log: the log is read more widely than invites are handed out.
        after: { role: invite.role, unitId: invite.unitId, expiresAt: invite.expiresAt, authority },
        at: now,
      });
      return 'created' as const;
    });
    if (isFailure(made)) return made;
    // A new invite is redeemed by nobody yet.
    if (made === 'created') return ok(inviteView(invite, toUnitRef(unit), now, new Map()));
  }
  throw new Error('could not draw an unused invite code');
};
