/**
 * `workboard.addPursuitCandidate`: an admin over the pursuit's unit puts an exemplar forward — one
 * of the unit's subtree, public, in a library (domain/pursuits.ts candidateRefusal). The pursuit
 * and the exemplar are read in the transaction that writes, the role checked there, with the
 * audit entry. Putting forward one already a candidate writes nothing (a retried tap).
 */
import type { PursuitDoc } from '@contract';
import { PURSUIT_LIMITS } from '@contract';
import { candidateRefusal } from '../../domain/pursuits';
import { isFailure } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { pursuitForWrite, pursuitInScope, pursuitView, writePursuit } from './shared';

export const addPursuitCandidate: UseCase<'workboard', 'addPursuitCandidate'> = async (req, ctx) => {
  const found = await pursuitInScope(ctx, req.pursuitId, 'admin');
  if (isFailure(found)) return found;
  const { who } = found;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const cur = await pursuitForWrite(tx, who, req.pursuitId);
    if (isFailure(cur)) return cur;
    if (cur.candidates.some((x) => x.exemplarId === req.exemplarId)) return cur;
    if (cur.candidates.length >= PURSUIT_LIMITS.candidates) return refuse('FAILED_PRECONDITION', 'pursuit_candidates_full', `at most ${PURSUIT_LIMITS.candidates} candidates`);
    const ex = await tx.collection('exemplars').get(req.exemplarId);
    if (!ex) return fail('NOT_FOUND', `exemplar ${req.exemplarId} not found`);
    const why = candidateRefusal(ex, cur.unitId);
    if (why) return refuse('FAILED_PRECONDITION', why, `exemplar ${ex._id} cannot be put forward (${why})`);
    const next: PursuitDoc = {
      ...cur,
      candidates: [...cur.candidates, { exemplarId: ex._id, name: ex.name, kind: ex.kind, unitId: ex.unitId, outcome: 'pending', honourId: null, awardedOn: null, addedBy: who.openid, addedAt: now, decidedBy: null, decidedAt: null }],
      updatedAt: now,
    };
    await writePursuit(tx, next);
    audit({ actor: who.openid, action: 'pursuit.candidate.add', subject: { kind: 'pursuit', id: cur._id }, before: null, after: { name: cur.name, candidate: ex.name } });
    return next;
  });
  if (isFailure(result)) return result;
  return ok(await pursuitView(ctx, who, result));
};
