/**
 * `workboard.setPursuitOutcome`: an admin over the pursuit's unit records a candidate's outcome,
 * from the nomination deadline on. 已获评 writes the honour (the pursuit's name, level and awarding
 * body) onto the exemplar under an id derived from (pursuit, candidate), through the same honour
 * path as authoring.saveHonor (exemplars/honour-writes.ts): honorCount, the honours-wall tally,
 * search keys and the wall's summary move in this transaction, with the candidate's outcome and
 * the audit entry. Reverting (待定 / 未获评; the page asks first) removes that honour the same way.
 *
 * Exactly once: the pursuit is read and rewritten in the transaction, so a double tap's second
 * call either conflicts at commit and runs again on fresh data, or comes later and finds the
 * outcome already recorded — both write nothing more (and audit nothing).
 */
import type { PursuitDoc } from '@contract';
import { awardDate, awardHonour, decided, honourMove, outcomesOpen, pursuitHonourId } from '../../domain/pursuits';
import { isFailure } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { dropHonour, putHonour } from '../exemplars/honour-writes';
import { pursuitForWrite, pursuitInScope, pursuitView, todayOf, writePursuit } from './shared';

export const setPursuitOutcome: UseCase<'workboard', 'setPursuitOutcome'> = async (req, ctx) => {
  const found = await pursuitInScope(ctx, req.pursuitId, 'admin');
  if (isFailure(found)) return found;
  const { who } = found;
  const c = ctx.cloud();
  const now = ctx.now();
  const today = todayOf(ctx);
  const result = await transact(ctx, async ({ tx, audit }) => {
    const cur = await pursuitForWrite(tx, who, req.pursuitId);
    if (isFailure(cur)) return cur;
    const cand = cur.candidates.find((x) => x.exemplarId === req.exemplarId);
    if (!cand) return refuse('FAILED_PRECONDITION', 'candidate_unknown', `exemplar ${req.exemplarId} is not a candidate`);
    if (!outcomesOpen(cur, today)) return refuse('FAILED_PRECONDITION', 'pursuit_window_open', `outcomes open on ${cur.nominationDeadline}`);
    // Already so: a retry or a second tap writes nothing.
    if (cand.outcome === req.outcome) return cur;
    const honourId = cand.honourId ?? pursuitHonourId(cur._id, cand.exemplarId, ctx.hashHex);
    const awardedOn = awardDate(cur, today, req.awardedOn);
    const move = honourMove(cand.outcome, req.outcome);
    if (move !== 'none') {
      const ex = await tx.collection('exemplars').get(cand.exemplarId);
      if (!ex) return fail('NOT_FOUND', `exemplar ${cand.exemplarId} no longer exists`);
      if (move === 'write') {
        const put = await putHonour(tx, c, now, ex, honourId, awardHonour(cur, awardedOn));
        if (isFailure(put)) return put;
      } else {
        // Removed by hand on the profile meanwhile: nothing left to remove.
        const honour = await tx.collection('honors').get(honourId);
        if (honour && honour.exemplarId === ex._id) await dropHonour(tx, c, now, ex, honour);
      }
    }
    const next: PursuitDoc = { ...cur, candidates: cur.candidates.map((x) => (x === cand ? decided(x, req.outcome, honourId, awardedOn, who.openid, now) : x)), updatedAt: now };
    await writePursuit(tx, next);
    audit({
      actor: who.openid,
      action: req.outcome === 'awarded' ? 'pursuit.outcome.awarded' : req.outcome === 'not_awarded' ? 'pursuit.outcome.not_awarded' : 'pursuit.outcome.pending',
      subject: { kind: 'pursuit', id: cur._id },
      before: { candidate: cand.name, outcome: cand.outcome },
      after: { name: cur.name, candidate: cand.name, outcome: req.outcome, ...(req.outcome === 'awarded' ? { date: awardedOn } : {}) },
    });
    return next;
  });
  if (isFailure(result)) return result;
  return ok(await pursuitView(ctx, who, result));
};
