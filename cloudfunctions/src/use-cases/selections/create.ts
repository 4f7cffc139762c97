/**
 * `workboard.createSelectionRound`: an admin opens a 岗位标兵 round at a unit they hold admin
 * over — its category and period, weighted criteria, the quota of each unit under it, the
 * winners' places and the committee, chosen by name (grant refs from selectionPeople). The
 * committee's grants are re-read inside the transaction: a grant revoked meanwhile seats nobody.
 */
import type { SelectionRoundDoc } from '@contract';
import { SELECTION_LIMITS, SELECTION_TIE_RULE } from '@contract';
import { newId } from '../../lib/context';
import { isFailure, staffCaller, unitInScope } from '../../lib/guard';
import { ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { roundCard, roundTitle } from './shared';

export const createSelectionRound: UseCase<'workboard', 'createSelectionRound'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const unit = await unitInScope(c, who, 'admin', req.unitId);
  if (isFailure(unit)) return unit;
  const id = newId(ctx, 'sr');
  const now = ctx.now();
  const invalid = (message: string) => refuse('INVALID_ARGUMENT', 'selection_committee_invalid', message, [{ path: 'committee', message, reason: 'selection_committee_invalid' }]);
  const saved = await transact(ctx, async ({ tx, audit }) => {
    // The scope is checked again with the write: the unit read in this transaction still lies under a unit the caller administers.
    const at = await tx.collection('units').get(unit._id);
    if (!at || !who.held.some((h) => h.role === 'admin' && at.path.includes(h.unitId))) return refuse('PERMISSION_DENIED', 'outside_scope', `no longer an admin over ${unit._id}`);
    const committee: string[] = [];
    for (const ref of new Set(req.committee)) {
      const grant = await tx.collection('roles').get(ref);
      if (!grant || grant.revokedAt !== null) return invalid(`grant ${ref} is not active`);
      const grantUnit = await tx.collection('units').get(grant.unitId);
      if (!grantUnit || !grantUnit.path.includes(unit._id)) return invalid(`grant ${ref} is outside unit ${unit._id}`);
      if (!committee.includes(grant.openid)) committee.push(grant.openid);
    }
    if (committee.length < SELECTION_LIMITS.committeeMin) return invalid(`a committee needs at least ${SELECTION_LIMITS.committeeMin} different people`);
    const doc: SelectionRoundDoc = {
      _id: id,
      category: req.category,
      period: req.period,
      unitId: unit._id,
      unitPath: at.path,
      criteria: req.criteria,
      quota: req.quota,
      places: req.places,
      committee,
      tieRule: SELECTION_TIE_RULE,
      state: 'open',
      quotaUsed: {},
      candidateCount: 0,
      createdBy: who.openid,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      publishedAt: null,
      campaignId: null,
      results: null,
    };
    const { _id: _omit, ...rest } = doc;
    await tx.collection('selection_rounds').set(id, rest);
    audit({
      actor: who.openid,
      action: 'workboard.createSelectionRound',
      subject: { kind: 'selection_round', id },
      before: null,
      after: { title: roundTitle(doc), category: doc.category, period: doc.period, unitId: doc.unitId, quota: doc.quota, places: doc.places, criteria: doc.criteria.map((k) => k.name), committeeSize: doc.committee.length },
    });
    return doc;
  });
  if (isFailure(saved)) return saved;
  return ok(roundCard(saved, { _id: unit._id, name: unit.name, shortName: unit.shortName, level: unit.level }, who, false));
};
