/**
 * `authoring.withdrawMyConsent`: the person withdraws the consent they gave in the app, with the
 * same WeChat that gave it, from the page their link opens. In the same transaction the consent
 * is removed and their profile leaves public view; the audit log names them and their reason.
 */
import { isFailure } from '../../lib/guard';
import { ok, refuse, type UseCase } from '../../lib/handler';
import { moveWall } from '../../workflows/honours-wall/summary';
import { onConsentLink } from './shared';

export const withdrawMyConsent: UseCase<'authoring', 'withdrawMyConsent'> = async (req, ctx) => {
  const result = await onConsentLink(ctx, req.code, async ({ openid, request, exemplar: ex, now }, { tx, audit }) => {
    if (request.confirmedBy !== openid) return refuse('PERMISSION_DENIED', 'consent_not_yours', 'only the person who gave this consent can withdraw it here');
    if (request.withdrawnAt) return refuse('FAILED_PRECONDITION', 'consent_already_withdrawn', 'this consent was already withdrawn');
    await tx.collection('consent_requests').update(req.code, { withdrawnAt: now });
    // Only the consent this person gave is removed (an admin may have recorded another since).
    const theirs = ex.consent?.method === 'in_app' && ex.consent.evidence === openid;
    const state = theirs && ex.kind === 'individual' ? 'draft' : ex.state;
    if (theirs) {
      await tx.collection('exemplars').update(ex._id, { consent: null, state, updatedAt: now });
      // Leaving public view takes the profile's honours-wall figures with it.
      await moveWall(tx, now, ex, { ...ex, consent: null, state });
    }
    audit({ actor: openid, action: 'consent.withdraw', subject: { kind: 'exemplar', id: ex._id }, before: { method: 'in_app', state: ex.state }, after: { by: 'person', reason: req.reason, state } });
    return true;
  });
  if (isFailure(result)) return result;
  return ok({ withdrawn: true as const });
};
