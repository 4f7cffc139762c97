/**
 * `nominations.submit`: an editor nominates a new person or station of their subtree, or an
 * existing exemplar for another library. Idempotent: the nomination's id derives from the caller
 * and the client's requestKey, so a retry answers what the first attempt made.
 *
 * One transaction inserts the nomination with the exemplar's claim (one nomination under way per
 * exemplar: two concurrent submits both write the claim, one conflicts, retries and sees the
 * other), the consent scan's binding and the audit entry.
 */
import type { ConsentRecord, Exemplar, NominationDoc, Tier } from '@contract';
import { consentHolds } from '../../domain/consent';
import * as machine from '../../domain/nomination';
import { checkHeldText } from '../../lib/content-check';
import { bindConsentScan } from '../../lib/files';
import { inSubtree, isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { tellNextReviewers } from '../../workflows/nominations/notify';
import { acceptFormFiles, CONSENT_FORM_REQUIRED, oneView, signedForm, timelineEntry } from './shared';

export const submit: UseCase<'nominations', 'submit'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const unit = await c.collection('units').doc(req.nominatingUnitId).get();
  if (!unit) return fail('NOT_FOUND', `unit ${req.nominatingUnitId} not found`);
  const denied = requireRole(who, 'editor', unit.path);
  if (denied) return denied;
  const id = machine.nominationId(who.openid, req.requestKey, ctx.hashHex);
  const existing = await c.collection('nominations').doc(id).get();
  if (existing) {
    // A retry answers what the first attempt made; a reused key with other content is a client bug.
    const same = existing.deeds === req.deeds && existing.nominatingUnitId === req.nominatingUnitId && JSON.stringify(existing.nominee) === JSON.stringify(req.nominee);
    if (!same) return refuse('CONFLICT', 'request_key_reused', 'this requestKey was already used for a different nomination');
    return ok({ nomination: await oneView(ctx, existing), created: false });
  }

  // The nominee: an existing exemplar (a tier change) or a new person or station, inside the unit's subtree.
  let nomineeName: string;
  let nomineeKind: Exemplar['kind'];
  let fromTier: Tier | null = null;
  let exemplarConsent: ConsentRecord | null = null;
  if ('exemplarId' in req.nominee) {
    const ex = await c.collection('exemplars').doc(req.nominee.exemplarId).get();
    if (!ex) return fail('NOT_FOUND', `exemplar ${req.nominee.exemplarId} not found`);
    if (!inSubtree(ex.unitPath, unit._id)) return refuse('PERMISSION_DENIED', 'outside_scope', `exemplar ${ex._id} is outside unit ${unit._id}`);
    if (ex.tier === req.targetTier) return refuse('FAILED_PRECONDITION', 'already_in_tier', `exemplar ${ex._id} is already in the ${ex.tier} library`);
    nomineeName = ex.name;
    nomineeKind = ex.kind;
    fromTier = ex.tier;
    // The exemplar's own consent serves only when it counts (checked, and given under this name).
    if (consentHolds(ex.consent, ex)) exemplarConsent = ex.consent;
  } else {
    const at = await c.collection('units').doc(req.nominee.new.unitId).select(['path']).get();
    if (!at) return fail('NOT_FOUND', `unit ${req.nominee.new.unitId} not found`);
    if (!inSubtree(at.path, unit._id)) return refuse('PERMISSION_DENIED', 'outside_scope', `unit ${at._id} is outside unit ${unit._id}`);
    nomineeName = req.nominee.new.name;
    nomineeKind = req.nominee.new.kind;
  }
  const now = ctx.now();
  // PIPL art. 25: an individual needs consent; a collective's form field is ignored.
  const form = nomineeKind === 'individual' && !exemplarConsent ? req.consentForm : null;
  const consent = nomineeKind !== 'individual' ? null : (exemplarConsent ?? (form ? signedForm(form, nomineeName, who.openid, now) : null));
  if (nomineeKind === 'individual' && !consent) {
    return refuse('INVALID_ARGUMENT', 'consent_required', 'an individual nominee needs their signed consent form (PIPL art. 25)', [CONSENT_FORM_REQUIRED]);
  }
  const files = await acceptFormFiles(ctx, who, req.attachments, form);
  if (files) return files;
  const verdict = await checkHeldText(ctx, who.openid, `${nomineeName}\n${req.deeds}`, 1, 'deeds');
  if (isFailure(verdict)) return verdict;

  const state = machine.initialState(unit.path);
  const doc: NominationDoc = {
    _id: id,
    requestKey: req.requestKey,
    nominee: req.nominee,
    category: req.category,
    targetTier: req.targetTier,
    deeds: req.deeds,
    attachments: req.attachments,
    consent,
    nominatingUnitId: unit._id,
    unitPath: unit.path,
    nominatedBy: who.openid,
    state,
    noticeEndsAt: null,
    createdAt: now,
    updatedAt: now,
    nomineeName,
    nomineeKind,
    contentHeld: verdict === 'review',
    objections: { open: 0, sustained: 0 },
    enrolledExemplarId: null,
    fromTier,
    timeline: [timelineEntry('submitted', null, '', now)],
  };
  const claimed = 'exemplarId' in req.nominee ? req.nominee.exemplarId : null;
  const outcome = await transact(ctx, async (w) => {
    const { tx } = w;
    if (await tx.collection('nominations').get(id)) return 'duplicate' as const;
    if (claimed) {
      const claim = await tx.collection('nomination_guards').get(claimed);
      if (claim && claim.nominationId !== id) {
        const holder = await tx.collection('nominations').get(claim.nominationId);
        if (holder && machine.isActive(holder.state)) {
          return refuse('CONFLICT', 'nominee_busy', `exemplar ${claimed} already has a nomination under way`, [
            { path: 'nominee.exemplarId', reason: 'nominee_busy', message: '该典型已有进行中的推荐，待其结束后再推荐' },
          ]);
        }
      }
      await tx.collection('nomination_guards').set(claimed, { nominationId: id, at: now });
    }
    if (form) {
      const refused = await bindConsentScan(w, ctx, form, { kind: 'nomination', id }, 'consentForm');
      if (refused) return refused;
    }
    const { _id: _omit, ...rest } = doc;
    await tx.collection('nominations').set(id, rest);
    w.audit({ actor: who.openid, action: 'nominations.submit', subject: { kind: 'nomination', id }, before: null, after: { state, contentHeld: doc.contentHeld } });
    return 'created' as const;
  });
  if (isFailure(outcome)) return outcome;
  if (outcome === 'duplicate') {
    // A concurrent twin of this submit won the insert: answer what it made.
    const twin = await c.collection('nominations').doc(id).get();
    if (!twin) throw new Error(`nomination ${id} reported duplicate but cannot be read`);
    return ok({ nomination: await oneView(ctx, twin), created: false });
  }
  await tellNextReviewers(ctx, doc, now);
  return ok({ nomination: await oneView(ctx, doc), created: true });
};
