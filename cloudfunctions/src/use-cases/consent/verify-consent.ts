/**
 * `authoring.verifyConsent`: a reviewer of the person's unit — never the one who uploaded the
 * form — confirms the scan is this person's signed consent (it then counts) or rejects it (it is
 * removed from the profile, with the reason in the audit log).
 */
import { awaitsVerification } from '../../domain/consent';
import { isFailure, requireNotAuthor, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { moveWall } from '../../workflows/honours-wall/summary';
import { exemplarFor, exemplarView, reread } from '../exemplars/shared';

export const verifyConsent: UseCase<'authoring', 'verifyConsent'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const found = await exemplarFor(c, who, req.exemplarId, 'reviewer');
  if (isFailure(found)) return found;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const ex = await tx.collection('exemplars').get(req.exemplarId);
    if (!ex) return fail('NOT_FOUND', `exemplar ${req.exemplarId} not found`);
    const denied = requireRole(who, 'reviewer', ex.unitPath);
    if (denied) return denied;
    const consent = ex.consent;
    if (!consent || !awaitsVerification(consent)) return refuse('FAILED_PRECONDITION', 'consent_not_awaiting', 'no signed form of this person waits for a check');
    const own = requireNotAuthor(who, [consent.recordedBy], 'consent form');
    if (own) return own;
    const after = req.decision === 'confirm' ? { ...consent, verifiedBy: who.openid, verifiedAt: now } : null;
    await tx.collection('exemplars').update(req.exemplarId, { consent: after, updatedAt: now });
    await moveWall(tx, now, ex, { ...ex, consent: after });
    audit({
      actor: who.openid,
      action: req.decision === 'confirm' ? 'consent.verify' : 'consent.reject',
      subject: { kind: 'exemplar', id: req.exemplarId },
      before: { method: 'signed_form', verified: false, uploadedBy: consent.recordedBy },
      after: req.decision === 'confirm' ? { verified: true } : { removed: true, comment: req.comment },
    });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, req.exemplarId)));
};
