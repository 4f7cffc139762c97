/**
 * `authoring.confirmConsent`: the person confirms with their own WeChat (never the editor who
 * asked) that their profile may be published under the name the link shows.
 */
import { isFailure } from '../../lib/guard';
import { ok, refuse, type UseCase } from '../../lib/handler';
import { moveWall } from '../../workflows/honours-wall/summary';
import { onConsentLink } from './shared';

export const confirmConsent: UseCase<'authoring', 'confirmConsent'> = async (req, ctx) => {
  const result = await onConsentLink(ctx, req.code, async ({ openid, request, exemplar: ex, now }, { tx, audit }) => {
    // The editor who asked cannot answer for the person: consent is the person's own act.
    if (request.createdBy === openid) return refuse('PERMISSION_DENIED', 'consent_self_confirm', 'the person must confirm with their own WeChat, not the editor who asked');
    if (request.confirmedBy !== null) {
      if (request.confirmedBy === openid && !request.withdrawnAt) return 'again' as const;
      return refuse('CONFLICT', 'consent_link_used', 'this consent link was already used');
    }
    if (request.expiresAt <= now) return refuse('FAILED_PRECONDITION', 'consent_link_expired', 'this consent link has expired');
    const name = request.name ?? ex.name;
    if (ex.name !== name) return refuse('FAILED_PRECONDITION', 'consent_name_changed', 'the profile was renamed since this link was made; ask for a new link');
    await tx.collection('consent_requests').update(req.code, { confirmedBy: openid, confirmedAt: now });
    const consent = { method: 'in_app' as const, evidence: openid, recordedAt: now, recordedBy: openid, name, verifiedBy: openid, verifiedAt: now };
    await tx.collection('exemplars').update(ex._id, { consent, updatedAt: now });
    await moveWall(tx, now, ex, { ...ex, consent });
    audit({ actor: openid, action: 'consent.confirm', subject: { kind: 'exemplar', id: ex._id }, before: ex.consent ? { method: ex.consent.method } : null, after: { method: 'in_app', name } });
    return 'confirmed' as const;
  });
  if (isFailure(result)) return result;
  return ok({ confirmed: true as const });
};
