/**
 * `authoring.withdrawConsent`: an admin of the person's unit withdraws their consent on their
 * written request (PIPL gives the person that right). In the same transaction the consent is
 * removed and the profile leaves public view; the audit log says who did it and why.
 */
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { moveWall } from '../../workflows/honours-wall/summary';
import { exemplarFor, exemplarView, reread } from '../exemplars/shared';

export const withdrawConsent: UseCase<'authoring', 'withdrawConsent'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const found = await exemplarFor(c, who, req.exemplarId, 'admin');
  if (isFailure(found)) return found;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const ex = await tx.collection('exemplars').get(req.exemplarId);
    if (!ex) return fail('NOT_FOUND', `exemplar ${req.exemplarId} not found`);
    const denied = requireRole(who, 'admin', ex.unitPath);
    if (denied) return denied;
    if (!ex.consent) return refuse('FAILED_PRECONDITION', 'consent_already_withdrawn', 'there is no consent on record to withdraw');
    const state = ex.kind === 'individual' ? 'draft' : ex.state;
    await tx.collection('exemplars').update(req.exemplarId, { consent: null, state, updatedAt: now });
    // Leaving public view takes the profile's honours-wall figures with it.
    await moveWall(tx, now, ex, { ...ex, consent: null, state });
    audit({
      actor: who.openid,
      action: 'consent.withdraw',
      subject: { kind: 'exemplar', id: req.exemplarId },
      before: { method: ex.consent.method, state: ex.state },
      after: { by: 'admin', reason: req.reason, state },
    });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, req.exemplarId)));
};
