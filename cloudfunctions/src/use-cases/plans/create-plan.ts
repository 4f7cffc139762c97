/**
 * `workboard.createPlan`: an admin over a corps or detachment unit makes that unit's plan for a
 * year (one per unit per year: the id is derived, a second one is refused with plan_exists).
 * The unit's path is read again inside the transaction, so the scope judged is the one written.
 */
import { planIdOf, planLevelOf } from '../../domain/plans';
import { toUnitRef } from '../../domain/projections';
import { isFailure, requireRole, unitInScope } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { staffWith } from '../../lib/guard';
import { transact } from '../../lib/transaction';
import { PLAN_LEVEL_LABEL } from '@contract';
import { toSummary } from './shared';

export const createPlan: UseCase<'workboard', 'createPlan'> = async (req, ctx) => {
  const who = await staffWith(ctx, 'admin');
  if (isFailure(who)) return who;
  const unit = await unitInScope(ctx.cloud(), who, 'admin', req.unitId);
  if (isFailure(unit)) return unit;
  const level = planLevelOf(unit.level);
  if (!level) return refuse('FAILED_PRECONDITION', 'plan_level_invalid', `plans are made at the corps and detachments, not at a ${unit.level}`);
  const id = planIdOf(req.year, unit._id);
  const now = ctx.now();
  const title = req.title || `${unit.shortName}${req.year}年度推优树典工作计划`;
  const made = await transact(ctx, async ({ tx, audit }) => {
    const cur = await tx.collection('units').get(unit._id);
    if (!cur) return fail('NOT_FOUND', `unit ${unit._id} not found`);
    const denied = requireRole(who, 'admin', cur.path);
    if (denied) return denied;
    if (await tx.collection('plans').get(id)) return refuse('CONFLICT', 'plan_exists', `${unit._id} already has a plan for ${req.year}`);
    const doc = { year: req.year, unitId: unit._id, unitPath: cur.path, level, title, taskCount: 0, doneCount: 0, createdBy: who.openid, createdAt: now, updatedAt: now };
    await tx.collection('plans').set(id, doc);
    audit({ actor: who.openid, action: 'plan.create', subject: { kind: 'plan', id }, before: null, after: { title, year: req.year, unitId: unit._id, level: PLAN_LEVEL_LABEL[level] } });
    return { ...doc, _id: id };
  });
  if (isFailure(made)) return made;
  return ok({ plan: toSummary(made, toUnitRef({ ...unit, _id: unit._id }), 0, who) });
};
