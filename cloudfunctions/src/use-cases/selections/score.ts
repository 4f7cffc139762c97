/**
 * `workboard.scoreCandidate`: a committee member scores one candidate on every criterion
 * (a second call replaces their earlier scores). Members score independently: the sheet is the
 * member's own and no answer carries anyone else's scores before the round closes. Whoever put
 * a candidate forward leaves scoring them to the others (requireNotAuthor). The round is read
 * in the transaction, so a score racing the close conflicts and is refused once closed.
 */
import { scoresValid, sheetIdOf } from '../../domain/selections';
import { isFailure, requireNotAuthor, staffWith } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { roundTitle, roundView } from './shared';

export const scoreCandidate: UseCase<'workboard', 'scoreCandidate'> = async (req, ctx) => {
  const who = await staffWith(ctx, ['admin', 'editor', 'reviewer', 'publisher']);
  if (isFailure(who)) return who;
  const sheetId = sheetIdOf(req.roundId, who.openid, ctx.hashHex);
  const now = ctx.now();
  const saved = await transact(ctx, async ({ tx, audit }) => {
    const round = await tx.collection('selection_rounds').get(req.roundId);
    if (!round) return fail('NOT_FOUND', `no selection round ${req.roundId}`);
    if (!round.committee.includes(who.openid)) return refuse('PERMISSION_DENIED', 'selection_not_member', 'only committee members score');
    if (round.state !== 'open') return refuse('FAILED_PRECONDITION', 'selection_not_open', `round ${round._id} is ${round.state}`);
    const candidate = await tx.collection('selection_candidates').get(req.candidateId);
    if (!candidate || candidate.roundId !== round._id) return fail('NOT_FOUND', `no candidate ${req.candidateId} in this round`);
    const own = requireNotAuthor(who, [candidate.putForwardBy], 'candidate');
    if (own) return own;
    if (!scoresValid(round.criteria, req.scores)) {
      const message = `${round.criteria.length} whole-number scores, each within its criterion's maximum`;
      return refuse('INVALID_ARGUMENT', 'selection_score_invalid', message, [{ path: 'scores', message, reason: 'selection_score_invalid' }]);
    }
    const sheet = await tx.collection('selection_scores').get(sheetId);
    const before = sheet?.scores[candidate._id] ? 'scored' : null;
    if (sheet) await tx.collection('selection_scores').update(sheetId, { scores: { ...sheet.scores, [candidate._id]: req.scores }, updatedAt: now });
    else await tx.collection('selection_scores').set(sheetId, { roundId: round._id, member: who.openid, scores: { [candidate._id]: req.scores }, updatedAt: now });
    // The audit names who scored whom, never the scores: the log must not show them before the round closes.
    audit({ actor: who.openid, action: 'workboard.scoreCandidate', subject: { kind: 'selection_round', id: round._id }, before: before ? { title: roundTitle(round), candidate: candidate.name } : null, after: { title: roundTitle(round), candidate: candidate.name } });
    return round;
  });
  if (isFailure(saved)) return saved;
  return ok(await roundView(ctx, who, saved));
};
