/**
 * `workboard.putForward`: an admin or editor puts a candidate forward into an open round — an
 * individual exemplar of their subtree, or a person by name at a unit of it. The candidate takes
 * a place of the quota of the unit directly under the round's unit on their path; the round's
 * quota count is read and moved in the same transaction as the insert, so two concurrent
 * put-forwards cannot both take the last place (one conflicts, retries and is refused).
 */
import type { SelectionCandidateDoc } from '@contract';
import { candidateIdOf, quotaAllows, quotaUnitOf } from '../../domain/selections';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { PUT_FORWARD_ROLES, roundTitle, roundView } from './shared';

export const putForward: UseCase<'workboard', 'putForward'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const round = await c.collection('selection_rounds').doc(req.roundId).get();
  if (!round) return fail('NOT_FOUND', `no selection round ${req.roundId}`);

  // Who is put forward, and where they serve.
  let name: string;
  let unitId: string;
  let exemplarId: string | null = null;
  if ('exemplarId' in req.nominee) {
    const ex = await c.collection('exemplars').doc(req.nominee.exemplarId).select(['name', 'kind', 'unitId', 'tier']).get();
    if (!ex || ex.kind !== 'individual' || ex.tier === 'retired') return fail('NOT_FOUND', `no individual exemplar ${req.nominee.exemplarId} in a library`);
    name = ex.name;
    unitId = ex.unitId;
    exemplarId = ex._id;
  } else {
    name = req.nominee.name.trim();
    unitId = req.nominee.unitId;
  }
  const unit = await c.collection('units').doc(unitId).get();
  if (!unit) return fail('NOT_FOUND', `no unit ${unitId}`);
  const denied = requireRole(who, PUT_FORWARD_ROLES, unit.path);
  if (denied) return denied;

  const id = candidateIdOf(round._id, exemplarId ? { exemplarId } : { name, unitId }, ctx.hashHex);
  const now = ctx.now();
  const saved = await transact(ctx, async ({ tx, audit }) => {
    const r = await tx.collection('selection_rounds').get(round._id);
    if (!r) return fail('NOT_FOUND', `no selection round ${round._id}`);
    // Scope again, on the unit as this transaction reads it (a unit moved meanwhile is judged where it is now).
    const at = await tx.collection('units').get(unit._id);
    if (!at) return fail('NOT_FOUND', `no unit ${unit._id}`);
    const again = requireRole(who, PUT_FORWARD_ROLES, at.path);
    if (again) return again;
    const quotaUnit = quotaUnitOf(r.unitPath, at.path);
    if (!quotaUnit) return refuse('FAILED_PRECONDITION', 'selection_outside_round', `unit ${at._id} is outside the round's unit ${r.unitId}`);
    if (r.state !== 'open') return refuse('FAILED_PRECONDITION', 'selection_not_open', `round ${r._id} is ${r.state}`);
    if (await tx.collection('selection_candidates').get(id)) return refuse('CONFLICT', 'selection_already_candidate', `${name} is already a candidate`);
    if (!quotaAllows(r, quotaUnit)) return refuse('FAILED_PRECONDITION', 'selection_quota_full', `unit ${quotaUnit} has used its quota of ${r.quota}`);
    const doc: SelectionCandidateDoc = { _id: id, roundId: r._id, exemplarId, name, unitId: at._id, unitPath: at.path, quotaUnitId: quotaUnit, putForwardBy: who.openid, putForwardAt: now };
    const { _id: _omit, ...rest } = doc;
    await tx.collection('selection_candidates').set(id, rest);
    const quotaUsed = { ...r.quotaUsed, [quotaUnit]: (r.quotaUsed[quotaUnit] ?? 0) + 1 };
    await tx.collection('selection_rounds').update(r._id, { quotaUsed, candidateCount: r.candidateCount + 1, updatedAt: now });
    audit({ actor: who.openid, action: 'workboard.putForward', subject: { kind: 'selection_round', id: r._id }, before: null, after: { title: roundTitle(r), name, unitId: at._id, exemplarId } });
    return { ...r, quotaUsed, candidateCount: r.candidateCount + 1, updatedAt: now };
  });
  if (isFailure(saved)) return saved;
  return ok(await roundView(ctx, who, saved));
};
