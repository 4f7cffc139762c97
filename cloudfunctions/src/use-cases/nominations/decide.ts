/**
 * `nominations.decide`: a reviewer's decision at the level the nomination waits for (the review
 * ladder says which level and which unit's reviewer holds it — exactly that unit, not an
 * ancestor). Nobody decides their own nomination. Approving an individual whose signed consent
 * form has not been checked needs the reviewer to confirm they looked at the scan and it is this
 * person's (`consentChecked`); the approval records them as its verifier, so the form counts.
 *
 * One transaction re-reads the state it decides on: two reviewers deciding at once, or a
 * decision racing a withdrawal, cannot both win. The audit entry is part of it.
 */
import { consentOnApproval, decide as decideState } from '../../domain/nomination';
import { REVIEW_LADDER } from '../../domain/review-ladder';
import { holdsRoleAt, isFailure, requireNotAuthor, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type Failure, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { noticeDays } from '../../workflows/nominations/settings';
import { tellNextReviewers, tellNominator } from '../../workflows/nominations/notify';
import { oneView, timelineEntry, toQueueItem } from './shared';

function consentRefusal<W extends 'consent_unverified' | 'consent_required' | 'own_work'>(why: W, reason: string): Failure<W> {
  return refuse(why === 'own_work' ? 'PERMISSION_DENIED' : 'FAILED_PRECONDITION', why, reason);
}

export const decide: UseCase<'nominations', 'decide'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const nom = await c.collection('nominations').doc(req.id).get();
  if (!nom) return fail('NOT_FOUND', `nomination ${req.id} not found`);
  const reviews = (level: (typeof REVIEW_LADDER.steps)[number]['level']) => holdsRoleAt(who, 'reviewer', REVIEW_LADDER.levelUnit(nom.unitPath, level));
  if (!REVIEW_LADDER.steps.some((s) => reviews(s.level))) {
    return requireRoleAnywhere(who, 'reviewer') ?? refuse('PERMISSION_DENIED', 'outside_scope', "requires the reviewer role of one of this nomination's review levels");
  }
  const step = REVIEW_LADDER.stepWaitingIn(nom.state);
  if (!step) return refuse('FAILED_PRECONDITION', 'state_changed', `a nomination that is ${nom.state} takes no review decision`);
  const level = step.level;
  if (!reviews(level)) return refuse('PERMISSION_DENIED', 'other_level', `this nomination waits for the ${level} level`);
  const own = requireNotAuthor(who, [nom.nominatedBy], 'nomination');
  if (own) return own;
  const now = ctx.now();
  const nominee = { kind: nom.nomineeKind, name: nom.nomineeName };
  if (req.decision === 'approve') {
    // Checked before the transaction too, so a missing confirmation is answered without a write attempt.
    const consent = consentOnApproval(nom.consent, nominee, who.openid, req.consentChecked, now);
    if (!consent.ok) return consentRefusal(consent.why, consent.reason);
  }
  const days = noticeDays(ctx);
  const result = await transact(ctx, async ({ tx, audit }) => {
    const cur = await tx.collection('nominations').get(req.id);
    if (!cur) return refuse('FAILED_PRECONDITION', 'state_changed', 'the nomination is gone');
    const t = decideState(cur.state, level, req.decision, now, days);
    if (!t.ok) return refuse('FAILED_PRECONDITION', 'state_changed', t.reason);
    let consent = cur.consent;
    let consentVerified = false;
    if (req.decision === 'approve') {
      const checked = consentOnApproval(cur.consent, nominee, who.openid, req.consentChecked, now);
      if (!checked.ok) return consentRefusal(checked.why, checked.reason);
      consent = checked.consent;
      consentVerified = checked.verified;
    }
    const patch = {
      state: t.value.state,
      noticeEndsAt: t.value.noticeEndsAt,
      consent,
      updatedAt: now,
      timeline: [...cur.timeline, timelineEntry(req.decision, level, req.comment, now)],
    };
    await tx.collection('nominations').update(req.id, patch);
    audit({
      actor: who.openid,
      action: `nominations.decide.${req.decision}`,
      subject: { kind: 'nomination', id: req.id },
      before: { state: cur.state },
      after: { state: patch.state, level, comment: req.comment, ...(consentVerified ? { consentVerified: true } : {}) },
    });
    return { ...cur, ...patch };
  });
  if (isFailure(result)) return result;
  await tellNominator(ctx, result, { outcome: req.decision, level, comment: req.comment, at: now });
  await tellNextReviewers(ctx, result, now);
  return ok({ nomination: toQueueItem(await oneView(ctx, result), level) });
};
