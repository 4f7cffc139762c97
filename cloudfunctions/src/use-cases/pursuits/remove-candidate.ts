/**
 * `workboard.removePursuitCandidate`: an admin over the pursuit's unit takes a candidate off. An
 * awarded one only after its outcome is reverted (which removes the honour, asked first on the
 * page), so no honour outlives its candidacy.
 */
import type { PursuitDoc } from '@contract';
import { isFailure } from '../../lib/guard';
import { ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { pursuitForWrite, pursuitInScope, pursuitView, writePursuit } from './shared';

export const removePursuitCandidate: UseCase<'workboard', 'removePursuitCandidate'> = async (req, ctx) => {
  const found = await pursuitInScope(ctx, req.pursuitId, 'admin');
  if (isFailure(found)) return found;
  const { who } = found;
  const now = ctx.now();
  const result = await transact(ctx, async ({ tx, audit }) => {
    const cur = await pursuitForWrite(tx, who, req.pursuitId);
    if (isFailure(cur)) return cur;
    const cand = cur.candidates.find((x) => x.exemplarId === req.exemplarId);
    if (!cand) return refuse('FAILED_PRECONDITION', 'candidate_unknown', `exemplar ${req.exemplarId} is not a candidate`);
    if (cand.outcome === 'awarded') return refuse('FAILED_PRECONDITION', 'candidate_awarded', 'revert the award first');
    const next: PursuitDoc = { ...cur, candidates: cur.candidates.filter((x) => x !== cand), updatedAt: now };
    await writePursuit(tx, next);
    audit({ actor: who.openid, action: 'pursuit.candidate.remove', subject: { kind: 'pursuit', id: cur._id }, before: { candidate: cand.name }, after: { name: cur.name } });
    return next;
  });
  if (isFailure(result)) return result;
  return ok(await pursuitView(ctx, who, result));
};
