/**
 * `workboard.closeSelectionRound`: the round's admin closes it; the ranking is computed from
 * every member's sheet (domain/selections.ts rankCandidates, with the stated tie rule) and stored
 * on the round, in the same transaction that ends scoring — a score racing the close either
 * lands before it (and counts) or is refused after it.
 */
import type { SelectionSheetDoc } from '@contract';
import { rankCandidates, sheetIdOf } from '../../domain/selections';
import { isFailure, requireRole } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { candidatesOf, roundRunBy, roundTitle, roundView } from './shared';

export const closeSelectionRound: UseCase<'workboard', 'closeSelectionRound'> = async (req, ctx) => {
  const run = await roundRunBy(ctx, req.id);
  if (isFailure(run)) return run;
  const { who, round: first } = run;
  const candidates = await candidatesOf(ctx, first._id);
  const now = ctx.now();
  const saved = await transact(ctx, async ({ tx, audit }) => {
    const round = await tx.collection('selection_rounds').get(req.id);
    if (!round) return fail('NOT_FOUND', `no selection round ${req.id}`);
    const again = requireRole(who, 'admin', round.unitPath);
    if (again) return again;
    if (round.state !== 'open') return refuse('FAILED_PRECONDITION', 'selection_not_open', `round ${round._id} is ${round.state}`);
    // The count moves with every put-forward in a transaction: a mismatch means one landed after the read above.
    if (round.candidateCount !== candidates.length) return refuse('CONFLICT', 'state_changed', 'candidates changed meanwhile');
    if (candidates.length === 0) return refuse('FAILED_PRECONDITION', 'selection_no_candidates', 'nobody was put forward');
    // Every member's sheet, read by id in the transaction: a score written meanwhile conflicts at commit.
    const sheets: SelectionSheetDoc[] = [];
    for (const m of round.committee) {
      const sheet = await tx.collection('selection_scores').get(sheetIdOf(round._id, m, ctx.hashHex));
      if (sheet) sheets.push(sheet);
    }
    const results = rankCandidates(round, candidates, sheets);
    await tx.collection('selection_rounds').update(round._id, { state: 'closed', closedAt: now, updatedAt: now, results });
    const winners = results.filter((r) => r.winner).map((r) => candidates.find((x) => x._id === r.candidateId)?.name ?? '');
    audit({ actor: who.openid, action: 'workboard.closeSelectionRound', subject: { kind: 'selection_round', id: round._id }, before: { title: roundTitle(round), state: 'open' }, after: { title: roundTitle(round), state: 'closed', winners } });
    return { ...round, state: 'closed' as const, closedAt: now, updatedAt: now, results };
  });
  if (isFailure(saved)) return saved;
  return ok(await roundView(ctx, who, saved));
};
