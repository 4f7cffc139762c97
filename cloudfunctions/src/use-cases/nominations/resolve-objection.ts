/**
 * `nominations.resolveObjection`: the reviewer of the level that approved the notice (the last
 * level of the review ladder: the corps) decides what an objection to it means. Sustaining
 * rejects the nomination; dismissing the last open objection of a held nomination returns it to
 * the (over) notice, so the next timer run enrols it. The objection, the nomination and the audit
 * entry are written in one transaction.
 */
import * as machine from '../../domain/nomination';
import { REVIEW_LADDER } from '../../domain/review-ladder';
import { holdsRoleAt, isFailure, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { tellNominator } from '../../workflows/nominations/notify';
import { objectionView, timelineEntry } from './shared';

export const resolveObjection: UseCase<'nominations', 'resolveObjection'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const obj = await ctx.cloud().collection('objections').doc(req.id).get();
  if (!obj) return fail('NOT_FOUND', `objection ${req.id} not found`);
  const level = REVIEW_LADDER.objectionLevel;
  if (!holdsRoleAt(who, 'reviewer', REVIEW_LADDER.levelUnit(obj.unitPath, level))) {
    return requireRoleAnywhere(who, 'reviewer') ?? refuse('PERMISSION_DENIED', 'other_level', `objections are resolved at the ${level} level`);
  }
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const o = await tx.collection('objections').get(req.id);
    if (!o || o.state !== 'open') return refuse('FAILED_PRECONDITION', 'state_changed', 'the objection is no longer open');
    const n = await tx.collection('nominations').get(o.nominationId);
    if (!n) return refuse('FAILED_PRECONDITION', 'state_changed', 'the nomination is gone');
    const t = machine.resolveObjection(n.state, n.objections, req.outcome);
    if (!t.ok) return refuse('FAILED_PRECONDITION', 'state_changed', t.reason);
    const objState = req.outcome === 'sustain' ? ('sustained' as const) : ('dismissed' as const);
    const oPatch = { state: objState, resolvedBy: who.openid, resolvedAt: now, resolution: req.comment };
    await tx.collection('objections').update(o._id, oPatch);
    const nPatch = {
      state: t.value.state,
      objections: t.value.counts,
      updatedAt: now,
      timeline: [...n.timeline, timelineEntry(req.outcome === 'sustain' ? 'objection_sustained' : 'objection_dismissed', level, req.comment, now)],
    };
    await tx.collection('nominations').update(n._id, nPatch);
    audit({
      actor: who.openid,
      action: `nominations.objection.${req.outcome}`,
      subject: { kind: 'objection', id: req.id },
      before: { objection: 'open', nomination: n.state },
      after: { objection: objState, nomination: nPatch.state, comment: req.comment },
    });
    return { objection: { ...o, ...oPatch }, nomination: { ...n, ...nPatch } };
  });
  if (isFailure(result)) return result;
  if (req.outcome === 'sustain') await tellNominator(ctx, result.nomination, { outcome: 'objection_sustained', level, comment: req.comment, at: now });
  return ok({ objection: objectionView(result.objection), nominationState: result.nomination.state });
};
