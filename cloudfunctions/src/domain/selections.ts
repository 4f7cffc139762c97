/**
 * 岗位标兵 selection rules, pure: whose quota a candidate takes, whether a sheet's scores are
 * valid, who may see which scores, and the ranking a closed round publishes (with its stated
 * tie rule, SELECTION_TIE_RULE_TEXT).
 */
import type { Id, SelectionCandidateDoc, SelectionCriterion, SelectionResult, SelectionRoundDoc, SelectionSheetDoc, SelectionState } from '@contract';

/**
 * The unit whose quota a candidate takes: the unit directly under the round's unit on the
 * candidate's path (each detachment of a corps round has its own quota, whatever station the
 * person serves at), or the round's own unit for someone serving there. null: outside the round.
 */
export function quotaUnitOf(roundUnitPath: readonly Id[], candidateUnitPath: readonly Id[]): Id | null {
  const depth = roundUnitPath.length;
  for (let i = 0; i < depth; i++) if (candidateUnitPath[i] !== roundUnitPath[i]) return null;
  return candidateUnitPath[depth] ?? roundUnitPath[depth - 1] ?? null;
}

/** Whether one more candidate fits in the unit's quota. */
export function quotaAllows(round: Pick<SelectionRoundDoc, 'quota' | 'quotaUsed'>, quotaUnitId: Id): boolean {
  return (round.quotaUsed[quotaUnitId] ?? 0) < round.quota;
}

/** The candidate's id: one per person per round, so the same person cannot be put forward twice. */
export function candidateIdOf(roundId: Id, nominee: { exemplarId: Id } | { name: string; unitId: Id }, hashHex: (s: string) => string): Id {
  const key = 'exemplarId' in nominee ? `ex:${nominee.exemplarId}` : `new:${nominee.unitId}:${nominee.name.trim()}`;
  return `sc-${hashHex(`${roundId}\n${key}`).slice(0, 24)}`;
}

/** A member's sheet for a round, under an id derived from both (read by id, no query). */
export function sheetIdOf(roundId: Id, member: string, hashHex: (s: string) => string): Id {
  return `ss-${hashHex(`${roundId}\n${member}`).slice(0, 24)}`;
}

/** Scores are valid when there is one per criterion, each a whole number from 0 to its maximum. */
export function scoresValid(criteria: readonly SelectionCriterion[], scores: readonly number[]): boolean {
  return scores.length === criteria.length && scores.every((s, i) => Number.isInteger(s) && s >= 0 && s <= (criteria[i]?.maxScore ?? -1));
}

/**
 * Who may see a sheet: before the round is closed, only its own member (scoring is independent:
 * nobody, the round's admin included, reads another member's scores); once closed, the
 * aggregated results are shown instead of any sheet.
 */
export function sheetVisibleTo(state: SelectionState, sheet: Pick<SelectionSheetDoc, 'member'>, openid: string): boolean {
  return state === 'open' && sheet.member === openid;
}

/** Whether a member may score a candidate: the one who put them forward must leave it to the others. */
export function mayScore(candidate: Pick<SelectionCandidateDoc, 'putForwardBy'>, openid: string): boolean {
  return candidate.putForwardBy !== openid;
}

/** Candidates the member still has to score in an open round (those they put forward excluded). */
export function unscoredBy(candidates: readonly Pick<SelectionCandidateDoc, '_id' | 'putForwardBy'>[], sheet: Pick<SelectionSheetDoc, 'scores'> | null, openid: string): number {
  return candidates.filter((c) => mayScore(c, openid) && !sheet?.scores[c._id]).length;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The ranking of a closed round. A candidate's mean on a criterion is over the sheets that scored
 * it (a member leaves out the candidates they put forward, so a plain sum would punish those);
 * the total is Σ weight × mean / maxScore, scaled to 100 by Σ weight. Order: the higher total,
 * then (the stated tie rule) the higher mean on the first criterion, then the earlier put
 * forward (then the id, so the order is total). The first `places` are the winners.
 */
export function rankCandidates(
  round: Pick<SelectionRoundDoc, 'criteria' | 'places'>,
  candidates: readonly Pick<SelectionCandidateDoc, '_id' | 'putForwardAt'>[],
  sheets: readonly Pick<SelectionSheetDoc, 'scores'>[],
): SelectionResult[] {
  const weights = round.criteria.reduce((a, c) => a + c.weight, 0);
  const rows = candidates.map((cand) => {
    const given = sheets.map((s) => s.scores[cand._id]).filter((s): s is number[] => Array.isArray(s) && s.length === round.criteria.length);
    const exactMeans = round.criteria.map((_, i) => (given.length === 0 ? 0 : given.reduce((a, s) => a + (s[i] ?? 0), 0) / given.length));
    const exactTotal = weights === 0 ? 0 : (100 * round.criteria.reduce((a, c, i) => a + (c.weight * (exactMeans[i] ?? 0)) / c.maxScore, 0)) / weights;
    return { cand, sheets: given.length, exactMeans, exactTotal };
  });
  // Compared on the exact values to 1e-9: float noise must not decide a place, a real difference must.
  const cmp = (a: number, b: number) => (Math.abs(a - b) < 1e-9 ? 0 : b - a);
  rows.sort(
    (a, b) =>
      cmp(a.exactTotal, b.exactTotal) ||
      cmp(a.exactMeans[0] ?? 0, b.exactMeans[0] ?? 0) ||
      a.cand.putForwardAt - b.cand.putForwardAt ||
      (a.cand._id < b.cand._id ? -1 : a.cand._id > b.cand._id ? 1 : 0),
  );
  return rows.map((r, i) => ({
    candidateId: r.cand._id,
    rank: i + 1,
    total: round2(r.exactTotal),
    means: r.exactMeans.map(round2),
    sheets: r.sheets,
    // Nobody wins unscored: a place left without a scored candidate stays empty.
    winner: i < round.places && r.sheets > 0,
  }));
}
