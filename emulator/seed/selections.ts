/**
 * Demo 岗位标兵 selections: an open 灭火救援尖兵 round at the corps with three candidates waiting
 * for its committee (张华, 李明 and 周洋 — the dev reviewers and publisher, so switching to any of
 * them shows the round on the 工作台), and a closed 优秀政治干部 round whose ranking the same
 * committee's sheets produced (domain/selections.ts), ready for the admin to publish.
 */
import { createHash } from 'node:crypto';
import type { Exemplar, SelectionCandidateDoc, SelectionCriterion, SelectionRoundDoc, SelectionSheetDoc, Unit } from '@contract';
import { SELECTION_TIE_RULE } from '@contract';
import { candidateIdOf, quotaUnitOf, rankCandidates, sheetIdOf } from '../../cloudfunctions/src/domain/selections';

const DAY = 86_400_000;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The committee of both rounds: named dev staff (dev-users.ts). */
export const DEMO_COMMITTEE = ['dev-corps-reviewer', 'dev-reviewer', 'dev-publisher'] as const;
export const DEMO_OPEN_ROUND = 'sr-demo-rescue-2025';
export const DEMO_CLOSED_ROUND = 'sr-demo-political-2024';

/** A demo candidate's id in the open round (e2e and the layout check open its score sheet). */
export function demoOpenCandidateId(exemplarId: string): string {
  return candidateIdOf(DEMO_OPEN_ROUND, { exemplarId }, sha);
}
/** The open round's candidates, in the order they were put forward. */
export const DEMO_OPEN_CANDIDATES = ['ex-i06', 'ex-i08', 'ex-i13'] as const;

const CRITERIA: SelectionCriterion[] = [
  { name: '业务能力', weight: 40, maxScore: 10 },
  { name: '工作实绩', weight: 40, maxScore: 10 },
  { name: '群众评价', weight: 20, maxScore: 10 },
];

interface Built {
  rounds: SelectionRoundDoc[];
  candidates: SelectionCandidateDoc[];
  sheets: SelectionSheetDoc[];
}

function round(id: string, category: SelectionRoundDoc['category'], period: string, corps: Unit, createdAt: number, over: Partial<SelectionRoundDoc>): SelectionRoundDoc {
  return {
    _id: id,
    category,
    period,
    unitId: corps._id,
    unitPath: corps.path,
    criteria: CRITERIA,
    quota: 2,
    places: 2,
    committee: [...DEMO_COMMITTEE],
    tieRule: SELECTION_TIE_RULE,
    state: 'open',
    quotaUsed: {},
    candidateCount: 0,
    createdBy: 'dev-admin',
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    publishedAt: null,
    campaignId: null,
    results: null,
    ...over,
  };
}

/** Candidates put forward by the corps admin, one day apart, each taking its detachment's quota. */
function putForward(r: SelectionRoundDoc, people: Exemplar[], at: number): SelectionCandidateDoc[] {
  return people.map((e, i) => ({
    _id: candidateIdOf(r._id, { exemplarId: e._id }, sha),
    roundId: r._id,
    exemplarId: e._id,
    name: e.name,
    unitId: e.unitId,
    unitPath: e.unitPath,
    quotaUnitId: quotaUnitOf(r.unitPath, e.unitPath) ?? r.unitId,
    putForwardBy: 'dev-admin',
    putForwardAt: at + i * DAY,
  }));
}

function withCandidates(r: SelectionRoundDoc, cands: SelectionCandidateDoc[]): SelectionRoundDoc {
  const quotaUsed: Record<string, number> = {};
  for (const c of cands) quotaUsed[c.quotaUnitId] = (quotaUsed[c.quotaUnitId] ?? 0) + 1;
  return { ...r, quotaUsed, candidateCount: cands.length };
}

export function buildSelections(now: number, units: Unit[], exemplars: Exemplar[]): Built {
  const corps = units.find((u) => u.parentId === null) as Unit;
  const byId = (id: string) => exemplars.find((e) => e._id === id) as Exemplar;

  const openCreated = now - 6 * DAY;
  const open0 = round(DEMO_OPEN_ROUND, 'rescue', '2025年度', corps, openCreated, {});
  const openCands = putForward(open0, DEMO_OPEN_CANDIDATES.map(byId), openCreated + DAY);

  const closedCreated = now - 60 * DAY;
  const closed0 = round(DEMO_CLOSED_ROUND, 'political', '2024年度', corps, closedCreated, {});
  const closedCands = putForward(closed0, ['ex-i12', 'ex-i17', 'ex-i03'].map(byId), closedCreated + DAY);
  const given: Record<string, number[][]> = {
    // Per member, per candidate in put-forward order (杨帆, 何文斌, 阿依古丽·吐尔逊).
    'dev-corps-reviewer': [[9, 8, 9], [8, 8, 7], [9, 9, 8]],
    'dev-reviewer': [[8, 9, 9], [7, 8, 8], [9, 8, 9]],
    'dev-publisher': [[9, 9, 8], [8, 7, 8], [8, 9, 9]],
  };
  const sheets: SelectionSheetDoc[] = DEMO_COMMITTEE.map((m) => ({
    _id: sheetIdOf(closed0._id, m, sha),
    roundId: closed0._id,
    member: m,
    scores: Object.fromEntries(closedCands.map((c, i) => [c._id, given[m]?.[i] ?? []])),
    updatedAt: closedCreated + 20 * DAY,
  }));
  const closedAt = closedCreated + 30 * DAY;
  const closed = { ...withCandidates(closed0, closedCands), state: 'closed' as const, closedAt, updatedAt: closedAt, results: rankCandidates(closed0, closedCands, sheets) };

  return { rounds: [withCandidates(open0, openCands), closed], candidates: [...openCands, ...closedCands], sheets };
}

/** The collections the demo adds (emulator/seed/index.ts spreads them into its own). */
export function selectionCollections(now: number, units: Unit[], exemplars: Exemplar[]): Record<string, Record<string, unknown>[]> {
  const b = buildSelections(now, units, exemplars);
  return {
    selection_rounds: b.rounds as unknown as Record<string, unknown>[],
    selection_candidates: b.candidates as unknown as Record<string, unknown>[],
    selection_scores: b.sheets as unknown as Record<string, unknown>[],
  };
}
