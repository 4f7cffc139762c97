/**
 * The review ladder is one table: a hypothetical ladder with a battalion step before the
 * detachment drives the same functions the production ladder does — where a nomination starts,
 * which level it waits for, who decides it, what each decision leads to, the queue's lanes, who
 * is told next and the labels — with nothing else to change.
 */
import { REVIEW_LEVEL_LABEL } from '@contract';
import { REVIEW_LADDER, reviewLadder, type LadderEndState, type LadderStep } from '../../cloudfunctions/src/domain/review-ladder';

type Level = 'battalion' | 'detachment' | 'corps';
type State = 'submitted' | 'battalion_approved' | 'detachment_approved' | LadderEndState;

const STEPS: LadderStep<Level, State>[] = [
  { level: 'battalion', unitDepth: 2, waitsIn: 'submitted', approvedTo: 'battalion_approved' },
  { level: 'detachment', unitDepth: 1, waitsIn: 'battalion_approved', approvedTo: 'detachment_approved' },
  { level: 'corps', unitDepth: 0, waitsIn: 'detachment_approved', approvedTo: 'in_notice' },
];
const LABELS: Record<Level, string> = { battalion: '大队', detachment: '支队', corps: '总队' };
const ladder = reviewLadder(STEPS, LABELS);

const NOW = Date.UTC(2026, 11, 1, 7, 0, 0);
const DAY = 86_400_000;
const STATION = ['c', 'd', 'b', 's'];

describe('a ladder with a battalion step before the detachment', () => {
  it('a station or battalion nomination starts at the battalion; a detachment’s own skips it; the corps’ own starts at the corps', () => {
    expect(ladder.initialState(STATION)).toBe('submitted');
    expect(ladder.initialState(['c', 'd', 'b'])).toBe('submitted');
    expect(ladder.initialState(['c', 'd'])).toBe('battalion_approved');
    expect(ladder.initialState(['c'])).toBe('detachment_approved');
  });

  it('each waiting state names its level and the unit of the path that decides it; objections wait for the corps', () => {
    expect(ladder.waitingFor('submitted')).toBe('battalion');
    expect(ladder.waitingFor('battalion_approved')).toBe('detachment');
    expect(ladder.waitingFor('detachment_approved')).toBe('corps');
    expect(ladder.waitingFor('objection_review')).toBe('corps');
    for (const s of ['returned', 'rejected', 'in_notice'] as const) expect(ladder.waitingFor(s)).toBeNull();
    expect([ladder.levelUnit(STATION, 'battalion'), ladder.levelUnit(STATION, 'detachment'), ladder.levelUnit(STATION, 'corps')]).toEqual(['b', 'd', 'c']);
    expect(ladder.levelUnit(['c', 'd'], 'battalion')).toBeNull();
    expect(ladder.objectionLevel).toBe('corps');
  });

  it('approvals climb the ladder one level at a time and the last one opens the notice', () => {
    let state: State = ladder.initialState(STATION);
    const walked: string[] = [];
    for (const level of ['battalion', 'detachment', 'corps'] as const) {
      const r = ladder.decide(state, level, 'approve', NOW, 5);
      if (!r.ok) throw new Error(r.reason);
      walked.push(`${level}→${r.value.state}`);
      state = r.value.state;
      if (level === 'corps') expect(r.value.noticeEndsAt).toBe(NOW + 5 * DAY);
      else expect(r.value.noticeEndsAt).toBeNull();
    }
    expect(walked).toEqual(['battalion→battalion_approved', 'detachment→detachment_approved', 'corps→in_notice']);
  });

  it('a level decides only its own step; reject and return end the climb at any level', () => {
    expect(ladder.decide('submitted', 'detachment', 'approve', NOW, 5)).toMatchObject({ ok: false, reason: expect.stringMatching(/submitted waits for the battalion level/) });
    expect(ladder.decide('battalion_approved', 'battalion', 'approve', NOW, 5).ok).toBe(false);
    expect(ladder.decide('in_notice', 'corps', 'approve', NOW, 5)).toMatchObject({ ok: false, reason: expect.stringMatching(/in_notice takes no review decision/) });
    expect(ladder.decide('battalion_approved', 'detachment', 'reject', NOW, 5)).toEqual({ ok: true, value: { state: 'rejected', noticeEndsAt: null } });
    expect(ladder.decide('submitted', 'battalion', 'return', NOW, 5)).toEqual({ ok: true, value: { state: 'returned', noticeEndsAt: null } });
  });

  it('the queue lanes follow: a battalion reviewer reads its subtree’s submitted nominations, the detachment the battalion-approved ones', () => {
    const units = [
      { _id: 'c', path: ['c'] },
      { _id: 'd', path: ['c', 'd'] },
      { _id: 'b', path: ['c', 'd', 'b'] },
      { _id: 's', path: STATION },
    ];
    expect(ladder.lanes(units)).toEqual([
      { unitId: 'c', state: 'detachment_approved', level: 'corps' },
      { unitId: 'c', state: 'objection_review', level: 'corps' },
      { unitId: 'd', state: 'battalion_approved', level: 'detachment' },
      { unitId: 'b', state: 'submitted', level: 'battalion' },
    ]);
    // The same grants under the production ladder: the battalion reviews nothing.
    expect(REVIEW_LADDER.lanes(units)).toEqual([
      { unitId: 'c', state: 'detachment_approved', level: 'corps' },
      { unitId: 'c', state: 'objection_review', level: 'corps' },
      { unitId: 'd', state: 'submitted', level: 'detachment' },
    ]);
  });

  it('who is told next follows: after the battalion approves, the detachment’s reviewers of the nomination’s path', () => {
    const r = ladder.decide('submitted', 'battalion', 'approve', NOW, 5);
    if (!r.ok) throw new Error(r.reason);
    const next = ladder.stepWaitingIn(r.value.state);
    expect(next?.level).toBe('detachment');
    expect(ladder.levelUnit(STATION, next!.level)).toBe('d');
    // Nobody is told once the notice opens.
    expect(ladder.stepWaitingIn('in_notice')).toBeNull();
  });

  it('labels follow, and a level without a label does not compile', () => {
    expect(STEPS.map((s) => `${ladder.label(s.level)}审核`)).toEqual(['大队审核', '支队审核', '总队审核']);
    // @ts-expect-error — the battalion has no label: the label table is keyed by the ladder's levels.
    const missing: Record<Level, string> = { detachment: '支队', corps: '总队' };
    expect(Object.keys(missing)).toHaveLength(2);
    expect(REVIEW_LADDER.steps.map((s) => REVIEW_LADDER.label(s.level))).toEqual([REVIEW_LEVEL_LABEL.detachment, REVIEW_LEVEL_LABEL.corps]);
  });
});

describe('a malformed ladder fails when it is built', () => {
  const base = STEPS;
  it('an approval must lead to the next level’s waiting state, and the last one to the notice', () => {
    expect(() => reviewLadder([{ ...base[0]!, approvedTo: 'detachment_approved' }, base[1]!, base[2]!], LABELS)).toThrow(/approval at battalion must lead to battalion_approved/);
    expect(() => reviewLadder([base[0]!, base[1]!, { ...base[2]!, approvedTo: 'detachment_approved' }], LABELS)).toThrow(/must lead to in_notice/);
  });

  it('levels go from the deepest unit to the root, each waiting in a state of its own', () => {
    expect(() => reviewLadder([base[1]!, base[0]!, base[2]!], LABELS)).toThrow(/shallower unit/);
    expect(() => reviewLadder([{ ...base[0]!, waitsIn: 'returned' }, base[1]!, base[2]!], LABELS)).toThrow(/state of its own/);
    expect(() => reviewLadder([], LABELS)).toThrow(/at least one level/);
  });
});

describe('the production ladder', () => {
  it('is 支队 then 总队: a detachment at depth 1 waiting in submitted, the corps at the root waiting in detachment_approved', () => {
    expect(REVIEW_LADDER.steps.map((s) => [s.level, s.unitDepth, s.waitsIn, s.approvedTo])).toEqual([
      ['detachment', 1, 'submitted', 'detachment_approved'],
      ['corps', 0, 'detachment_approved', 'in_notice'],
    ]);
  });
});
