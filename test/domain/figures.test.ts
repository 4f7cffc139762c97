/**
 * The figures' counting rules (cloudfunctions/src/domain/figures.ts): exemplars are counted once
 * per level however many honours they received, national-or-regional once for both; a unit's row
 * is its subtree's total; periods include both days; staff figures count unpublished exemplars;
 * placements once per record; `keep` is no movement; overdue tasks are the unfinished ones due
 * before today. And the figure sentence reads as the corps reports it.
 */
import type { FiguresView, UnitFigures } from '@contract';
import { figuresSentence, periodPhrase } from '@contract';
import { countFigures, periodOf, shanghaiDate, shanghaiStart, yearsOfPeriod, type FigureRecords, type FigureUnit } from '../../cloudfunctions/src/domain/figures';

const unit = (id: string, parentId: string | null, path: string[], order = 0): FigureUnit => ({ _id: id, name: `单位${id}`, shortName: id, level: parentId === null ? 'corps' : path.length === 2 ? 'detachment' : 'station', parentId, order, path });

const UNITS: FigureUnit[] = [unit('c', null, ['c']), unit('d2', 'c', ['c', 'd2'], 2), unit('d1', 'c', ['c', 'd1'], 1), unit('s1', 'd1', ['c', 'd1', 's1']), unit('s2', 'd2', ['c', 'd2', 's2'])];

const base: FigureRecords = {
  units: UNITS,
  exemplars: [
    { _id: 'e-st1', kind: 'collective', tier: 'major', name: '一站', unitId: 's1', unitPath: ['c', 'd1', 's1'] },
    { _id: 'e-p1', kind: 'individual', tier: 'reserve', name: '张三', unitId: 's1', unitPath: ['c', 'd1', 's1'] },
    { _id: 'e-p2', kind: 'individual', tier: 'retired', name: '李四', unitId: 's2', unitPath: ['c', 'd2', 's2'] },
  ],
  honours: [
    { exemplarId: 'e-st1', level: 'national', date: '2023-01-01', title: '全国先进集体', awardedBy: 'x' },
    { exemplarId: 'e-st1', level: 'regional', date: '2023-05-01', title: '集体二等功', awardedBy: 'x' },
    { exemplarId: 'e-st1', level: 'regional', date: '2024-05-01', title: '自治区先进集体', awardedBy: 'x' },
    { exemplarId: 'e-p1', level: 'prefecture', date: '2023-12-31', title: '个人三等功', awardedBy: 'x' },
    { exemplarId: 'e-p2', level: 'county', date: '2022-12-31', title: '优秀消防员', awardedBy: 'x' },
    { exemplarId: 'e-p2', level: 'county', date: '2023-06-01', title: '优秀消防员', awardedBy: 'x' },
  ],
  placements: [
    { exemplarId: 'e-st1', date: '2023-03-01', level: 'central' },
    { exemplarId: 'e-p1', date: '2023-04-01' },
    { exemplarId: 'e-p2', date: '2024-01-01', level: 'county' },
    { exemplarId: 'e-unknown', date: '2023-04-01', level: 'county' },
  ],
  tierChanges: [
    { unitPath: ['c', 'd1', 's1'], kind: 'promote', date: '2023-02-01' },
    { unitPath: ['c', 'd1', 's1'], kind: 'keep', date: '2023-02-01' },
    { unitPath: ['c', 'd2', 's2'], kind: 'retire', date: '2022-02-01' },
  ],
  tasks: [
    { unitPath: ['c', 'd1'], due: '2023-03-01', status: 'done' },
    { unitPath: ['c', 'd1', 's1'], due: '2023-03-01', status: 'in_progress' },
    { unitPath: ['c', 'd2'], due: '2023-11-30', status: 'not_started' },
    { unitPath: ['c'], due: '2025-01-01', status: 'not_started' },
  ],
};

const P2023 = { from: '2023-01-01', to: '2023-12-31' };
const row = (rows: UnitFigures[], id: string): UnitFigures => rows.find((r) => r.unit._id === id) as UnitFigures;

describe('counting', () => {
  const out = countFigures('c', P2023, '2023-06-30', base);

  it('rows are the tree in order, each unit after its parent, siblings by order', () => {
    expect(out.rows.map((r) => [r.unit._id, r.depth])).toEqual([['c', 0], ['d1', 1], ['s1', 2], ['d2', 1], ['s2', 2]]);
  });

  it('an exemplar counts once per level, and once for national-or-regional however many honours it has', () => {
    const c = row(out.rows, 'c').honours;
    expect(c.nationalRegional).toEqual({ collectives: 1, individuals: 0 });
    expect(c.national).toEqual({ collectives: 1, individuals: 0 });
    expect(c.regional).toEqual({ collectives: 1, individuals: 0 });
    expect(c.prefecture).toEqual({ collectives: 0, individuals: 1 });
    // Both days of the period count; 2022-12-31 does not. A retired exemplar's honours still count.
    expect(c.county).toEqual({ collectives: 0, individuals: 1 });
    expect(c.awards).toBe(4);
  });

  it("a unit's row is its subtree's total; a sibling's records are not in it", () => {
    expect(row(out.rows, 'd1').honours.awards).toBe(3);
    expect(row(out.rows, 'd2').honours.awards).toBe(1);
    expect(row(out.rows, 's2').honours.county.individuals).toBe(1);
    expect(row(out.rows, 'd1').honours.county.individuals).toBe(0);
  });

  it('commended units are collectives with a merit citation; a person’s 三等功 is not a unit', () => {
    expect(row(out.rows, 'c').commendedUnits).toBe(1);
    expect(out.commendations.map((c) => [c.exemplarId, c.title])).toEqual([['e-st1', '集体二等功']]);
  });

  it('placements count once per record by outlet level, 未分级 without one, and only of exemplars in the subtree', () => {
    expect(row(out.rows, 'c').placements).toEqual({ central: 1, regional: 0, prefecture: 0, county: 0, unrated: 1, total: 2 });
  });

  it('libraries are sizes now (retired in none); movements are decisions in the period, keep is none', () => {
    const l = row(out.rows, 'c').library;
    expect([l.major, l.reserve]).toEqual([{ collectives: 1, individuals: 0 }, { collectives: 0, individuals: 1 }]);
    expect([l.promoted, l.retired]).toEqual([1, 0]);
  });

  it('plans: tasks due in the period, done of total, overdue = unfinished and due before today', () => {
    expect(row(out.rows, 'c').plans).toEqual({ total: 3, done: 1, overdue: 1 });
    expect(row(out.rows, 'd2').plans).toEqual({ total: 1, done: 0, overdue: 0 });
    expect(row(out.rows, 's1').plans).toEqual({ total: 1, done: 0, overdue: 1 });
  });

  it('per year: distinct exemplars per level and placements', () => {
    expect(out.byYear.map((y) => y.year)).toEqual([2023]);
    expect(out.byYear[0]?.levels.find((l) => l.level === 'regional')).toEqual({ level: 'regional', collectives: 1, individuals: 0 });
    expect(out.byYear[0]?.placements.total).toBe(2);
  });

  it('a subtree root has only its own subtree', () => {
    const d2 = countFigures('d2', P2023, '2023-06-30', { ...base, units: UNITS.filter((u) => u.path.includes('d2')) });
    expect(d2.rows.map((r) => r.unit._id)).toEqual(['d2', 's2']);
    expect(d2.rows[0]?.honours.awards).toBe(1);
  });
});

describe('periods and dates', () => {
  it('a year is its first day as from and its last as to; no to is today', () => {
    expect(periodOf(2022, undefined, '2026-12-02')).toEqual({ from: '2022-01-01', to: '2026-12-02' });
    expect(periodOf(2022, 2023, '2026-12-02')).toEqual({ from: '2022-01-01', to: '2023-12-31' });
    expect(periodOf('2022-07-01', '2023-06-30', '2026-12-02')).toEqual({ from: '2022-07-01', to: '2023-06-30' });
    expect(yearsOfPeriod({ from: '2022-07-01', to: '2024-01-01' })).toEqual([2022, 2023, 2024]);
  });

  it('dates are Asia/Shanghai: 17:00 UTC is already the next day', () => {
    expect(shanghaiDate(Date.UTC(2023, 11, 31, 16, 0))).toBe('2024-01-01');
    expect(shanghaiDate(Date.UTC(2023, 11, 31, 15, 59))).toBe('2023-12-31');
    expect(shanghaiStart('2024-01-01')).toBe(Date.UTC(2023, 11, 31, 16, 0));
  });
});

describe('the figure sentence', () => {
  const total = countFigures('c', { from: '2022-01-01', to: '2026-12-02' }, '2026-12-02', base).rows[0] as UnitFigures;
  const v = (from: string, to: string): Pick<FiguresView, 'from' | 'to' | 'today' | 'total'> => ({ from, to, today: '2026-12-02', total });

  it('reads as the corps reports it', () => {
    expect(figuresSentence(v('2022-01-01', '2026-12-02'))).toBe(
      '自2022年以来，单位c共有1个集体和0名个人获国家级或自治区（兵团）级表彰，0个集体和1名个人获地州级表彰，1个单位受到县级以上记功表彰，媒体刊发报道3篇（次）。',
    );
  });

  it('names whole years, one year, or the two dates', () => {
    expect(periodPhrase(v('2023-01-01', '2023-12-31'))).toBe('2023年');
    expect(periodPhrase(v('2022-01-01', '2024-12-31'))).toBe('2022年至2024年');
    expect(periodPhrase(v('2022-07-01', '2026-12-02'))).toBe('自2022年7月1日以来');
    expect(periodPhrase(v('2022-07-01', '2023-06-30'))).toBe('2022年7月1日至2023年6月30日');
  });
});
