/**
 * `authoring.recordSignedConsent`: an editor records the person's signed paper form — a scan they
 * uploaded for consent, which then proves this one person's consent and no one else's. It counts
 * only once a reviewer other than the uploader has checked it (verifyConsent). A profile whose
 * consent already counts keeps it: the form is refused rather than replacing it.
 */
import { consentHolds } from '../../domain/consent';
import { acceptFiles, bindConsentScan } from '../../lib/files';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { moveWall } from '../../workflows/honours-wall/summary';
import { exemplarFor, exemplarView, reread } from '../exemplars/shared';

export const recordSignedConsent: UseCase<'authoring', 'recordSignedConsent'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const found = await exemplarFor(c, who, req.exemplarId);
  if (isFailure(found)) return found;
  if (found.kind !== 'individual') return fail('FAILED_PRECONDITION', 'only an individual gives personal consent');
  const notAccepted = await acceptFiles(ctx, who, [{ fileId: req.file, path: 'file' }], 'consent');
  if (notAccepted) return notAccepted;
  const now = ctx.now();
  const result = await transact(ctx, async (w) => {
    const ex = await w.tx.collection('exemplars').get(req.exemplarId);
    if (!ex) return fail('NOT_FOUND', `exemplar ${req.exemplarId} not found`);
    const denied = requireRole(who, 'editor', ex.unitPath);
    if (denied) return denied;
    if (consentHolds(ex.consent, ex)) return refuse('FAILED_PRECONDITION', 'consent_already_given', 'the person’s consent is already on record');
    const bound = await bindConsentScan(w, ctx, req.file, { kind: 'exemplar', id: req.exemplarId }, 'file');
    if (bound) return bound;
    const consent = { method: 'signed_form' as const, evidence: req.file, recordedAt: now, recordedBy: who.openid, name: ex.name, verifiedBy: null, verifiedAt: null };
    await w.tx.collection('exemplars').update(req.exemplarId, { consent, updatedAt: now });
    await moveWall(w.tx, now, ex, { ...ex, consent });
    w.audit({ actor: who.openid, action: 'consent.signed_form', subject: { kind: 'exemplar', id: req.exemplarId }, before: ex.consent ? { method: ex.consent.method } : null, after: { method: 'signed_form', name: ex.name, verified: false } });
    return true;
  });
  if (isFailure(result)) return result;
  return ok(await exemplarView(ctx, await reread(c, req.exemplarId)));
};
