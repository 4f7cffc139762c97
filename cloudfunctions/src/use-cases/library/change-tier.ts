/**
 * `library.changeTier`: a publisher's decision on an exemplar (promote, demote, retire,
 * reinstate, or keep after a review). The exemplar's tier and next review date, its tier-history
 * record and the audit entry commit together.
 */
import type { TierChange } from '@contract';
import { decideTierChange } from '../../domain/tiers';
import { newId } from '../../lib/context';
import { isFailure, requireRole, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { peopleByOpenid } from '../../lib/people';
import { transact } from '../../lib/transaction';
import { moveWall } from '../../workflows/honours-wall/summary';
import { changeView, libraryItem, unitRefs } from './views';

export const changeTier: UseCase<'library', 'changeTier'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const anywhere = requireRoleAnywhere(who, 'publisher');
  if (anywhere) return anywhere;
  const c = ctx.cloud();
  const found = await c.collection('exemplars').doc(req.exemplarId).select(['unitPath']).get();
  if (!found) return fail('NOT_FOUND', `no exemplar ${req.exemplarId}`);
  const denied = requireRole(who, 'publisher', found.unitPath);
  if (denied) return denied;
  const now = ctx.now();
  const changeId = newId(ctx, 'tc');
  const outcome = await transact(ctx, async ({ tx, audit }) => {
    const e = await tx.collection('exemplars').get(req.exemplarId);
    if (!e) return fail('NOT_FOUND', `no exemplar ${req.exemplarId}`);
    const decision = decideTierChange(e.tier, req.change, now);
    // The field message stays the domain's sentence, as before; pages read the reason.
    if (!decision.ok) return refuse('FAILED_PRECONDITION', 'tier_change_not_allowed', decision.reason, [{ path: 'change', message: decision.reason, reason: 'tier_change_not_allowed' }]);
    const moved = decision.to !== decision.from;
    const patch = {
      tier: decision.to,
      enteredTierAt: moved ? now : e.enteredTierAt,
      // A retired exemplar keeps its last review date: it is out of every review list.
      nextReviewAt: decision.nextReviewAt ?? e.nextReviewAt,
      updatedAt: now,
    };
    const change: Omit<TierChange, '_id'> = {
      exemplarId: req.exemplarId,
      exemplarName: e.name,
      unitId: e.unitId,
      unitPath: e.unitPath,
      kind: req.change,
      from: decision.from,
      to: decision.to,
      reason: req.reason,
      actor: who.openid,
      at: now,
      nextReviewAt: decision.nextReviewAt,
    };
    await tx.collection('exemplars').update(req.exemplarId, patch);
    // The honours wall's library sizes follow the tier.
    await moveWall(tx, now, e, { ...e, ...patch });
    await tx.collection('tier_changes').set(changeId, change);
    audit({
      actor: who.openid,
      action: `library.${req.change}`,
      subject: { kind: 'exemplar', id: req.exemplarId },
      before: { tier: e.tier, nextReviewAt: e.nextReviewAt },
      after: { tier: patch.tier, nextReviewAt: patch.nextReviewAt, reason: req.reason },
      at: now,
    });
    return { after: { ...e, ...patch, _id: req.exemplarId }, change };
  });
  if (isFailure(outcome)) return outcome;
  const [units, people] = await Promise.all([unitRefs(c, [outcome.after.unitId]), peopleByOpenid(ctx, [who.openid])]);
  return ok({ exemplar: libraryItem(outcome.after, units, now), change: changeView({ _id: changeId, ...outcome.change }, people) });
};
