/**
 * `nominations.revise`: the nominator resubmits a returned nomination with changes; review starts
 * again at the first level. Files already on the nomination stay acceptable; new ones must be the
 * caller's uploads. A new consent form replaces the old one (a return often asks for a legible
 * scan) and waits for a reviewer's check like any other; without one, the consent on record stays.
 */
import * as machine from '../../domain/nomination';
import { checkHeldText } from '../../lib/content-check';
import { bindConsentScan } from '../../lib/files';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { tellNextReviewers } from '../../workflows/nominations/notify';
import { acceptFormFiles, CONSENT_FORM_REQUIRED, oneView, signedForm, timelineEntry } from './shared';

export const revise: UseCase<'nominations', 'revise'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const nom = await c.collection('nominations').doc(req.id).get();
  // Someone else's nomination does not exist for this caller.
  if (!nom || nom.nominatedBy !== who.openid) return fail('NOT_FOUND', `nomination ${req.id} not found`);
  // A nominator who no longer edits for the unit (grant revoked, moved away) no longer acts on
  // its nominations; whoever holds the role now does the unit's work.
  const denied = requireRole(who, 'editor', nom.unitPath);
  if (denied) return denied;
  const next = machine.revise(nom.state, nom.unitPath);
  if (!next.ok) return refuse('FAILED_PRECONDITION', 'state_changed', next.reason);
  const now = ctx.now();
  const individual = nom.nomineeKind === 'individual';
  const form = individual && req.consentForm && req.consentForm !== nom.consent?.evidence ? req.consentForm : null;
  const consent = !individual ? null : form ? signedForm(form, nom.nomineeName, who.openid, now) : nom.consent;
  if (individual && !consent) {
    return refuse('INVALID_ARGUMENT', 'consent_required', 'an individual nominee needs their signed consent form (PIPL art. 25)', [CONSENT_FORM_REQUIRED]);
  }
  const files = await acceptFormFiles(ctx, who, req.attachments, form, nom.attachments);
  if (files) return files;
  const verdict = await checkHeldText(ctx, who.openid, `${nom.nomineeName}\n${req.deeds}`, 1, 'deeds');
  if (isFailure(verdict)) return verdict;
  const result = await transact(ctx, async (w) => {
    const cur = await w.tx.collection('nominations').get(req.id);
    if (!cur || cur.state !== 'returned') return refuse('FAILED_PRECONDITION', 'state_changed', 'the nomination changed meanwhile; reload it');
    if (form) {
      const refused = await bindConsentScan(w, ctx, form, { kind: 'nomination', id: req.id }, 'consentForm');
      if (refused) return refused;
    }
    const patch = {
      category: req.category,
      targetTier: req.targetTier,
      deeds: req.deeds,
      attachments: req.attachments,
      consent,
      state: next.value,
      contentHeld: verdict === 'review',
      updatedAt: now,
      timeline: [...cur.timeline, timelineEntry('resubmitted', null, '', now)],
    };
    await w.tx.collection('nominations').update(req.id, patch);
    w.audit({ actor: who.openid, action: 'nominations.revise', subject: { kind: 'nomination', id: req.id }, before: { state: cur.state }, after: { state: patch.state, consentReplaced: form !== null } });
    return { ...cur, ...patch };
  });
  if (isFailure(result)) return result;
  await tellNextReviewers(ctx, result, now);
  return ok({ nomination: await oneView(ctx, result) });
};
