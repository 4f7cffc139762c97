/**
 * The figures on the demo data, through the real wx-server-sdk on the strict local cloud: every
 * figure the dashboard and the workbook show equals a count made HERE from the raw collections
 * with plain loops (units found by walking parentId, not the stored paths; none of
 * domain/figures.ts), for the corps and a detachment, over years and over dates.
 *
 * The demo has no tier decisions or plan tasks, so the test adds some to the raw collections
 * (plan_tasks as the plans area stores them) and counts them the same independent way.
 */
import ExcelJS from 'exceljs';
import type { Exemplar, FiguresView, Honor, MediaPlacement, UnitFigures } from '@contract';
import { buildDemoData, buildDemoDocuments, DEFAULT_SEED_NOW, seedDemo } from '../../emulator/seed';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';

const DEMO = buildDemoDocuments(DEFAULT_SEED_NOW);
const DAY = 86_400_000;

/** Today in Asia/Shanghai, as the function judges "overdue" (the test runs on the real clock). */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const THIS_YEAR = Number(TODAY.slice(0, 4));
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

interface RawTierChange { _id: string; exemplarId: string; exemplarName: string; unitId: string; unitPath: string[]; kind: string; from: string | null; to: string; reason: string; actor: string; at: number; nextReviewAt: number | null }
interface RawTask { _id: string; planId: string; year: number; planUnitId: string; unitId: string; unitPath: string[]; title: string; responsible: string; due: string; status: 'not_started' | 'in_progress' | 'done'; doneAt: number | null; evidence: null; link: null; reopens: never[]; remindedFor: null; createdBy: string; createdAt: number; updatedAt: number }

const unitById = new Map(DEMO.units.map((u) => [u._id, u]));
/** The chain of units from the root down to `id`, by walking parents (not the stored paths). */
function chain(id: string): string[] {
  const out: string[] = [];
  for (let u = unitById.get(id); u; u = u.parentId ? unitById.get(u.parentId) : undefined) out.unshift(u._id);
  return out;
}

// Tier decisions of exemplars at various units and dates (one per kind, and a 'keep' that moves nothing).
const TIER_CHANGES: RawTierChange[] = DEMO.exemplars.slice(0, 12).map((e, i) => {
  const kinds = ['promote', 'demote', 'retire', 'reinstate', 'enrol', 'keep'];
  const at = Date.UTC(2022 + (i % 4), (i * 5) % 12, 3 + i, 2, 0, 0);
  return { _id: `tc-fig-${i}`, exemplarId: e._id, exemplarName: e.name, unitId: e.unitId, unitPath: chain(e.unitId), kind: kinds[i % kinds.length] as string, from: 'reserve', to: 'major', reason: '测试', actor: 'dev-publisher', at, nextReviewAt: null };
});

// Plan tasks of two years for several owner units: done, in progress and overdue, due before and after today.
const TASK_UNITS = ['u-xj', 'u-wlmq', 'u-wlmq-b1', 'u-wlmq-b1-s1', 'u-klmy', 'u-klmy-b2-s1', 'u-tlf'];
const TASKS: RawTask[] = [];
for (const [i, unitId] of TASK_UNITS.entries()) {
  for (let k = 0; k < 4; k++) {
    const year = k < 2 ? THIS_YEAR - 1 : THIS_YEAR;
    const due = k === 3 ? iso(Date.now() + (i + 3) * DAY) : `${year}-${String(((i + k * 3) % 12) + 1).padStart(2, '0')}-15`;
    const status = (['done', 'in_progress', 'not_started', 'not_started'] as const)[(i + k) % 4] as RawTask['status'];
    TASKS.push({
      _id: `pt-fig-${i}-${k}`, planId: `pl-fig-${year}`, year: Number(due.slice(0, 4)), planUnitId: 'u-xj', unitId, unitPath: chain(unitId), title: `任务${i}-${k}`, responsible: '张华', due, status,
      doneAt: status === 'done' ? Date.now() - DAY : null, evidence: null, link: null, reopens: [], remindedFor: null, createdBy: 'dev-admin', createdAt: Date.now() - 30 * DAY, updatedAt: Date.now() - DAY,
    });
  }
}

/** What the demo seeds of each, as raw documents (the plans area seeds tasks; none seeds tier decisions yet), with the test's own added. */
const RAW = buildDemoData(DEFAULT_SEED_NOW).collections;
const ALL_TASKS = [...((RAW.plan_tasks ?? []) as unknown as RawTask[]), ...TASKS];
const ALL_TIER_CHANGES = [...((RAW.tier_changes ?? []) as unknown as RawTierChange[]), ...TIER_CHANGES];

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('figures', (db, storage) => {
    seedDemo(db, storage);
    db.insertMany('tier_changes', TIER_CHANGES as unknown as Record<string, unknown>[]);
    db.insertMany('plan_tasks', TASKS as unknown as Record<string, unknown>[]);
  });
});

afterAll(async () => {
  await t?.stop();
});

// ------------------------------------------------------------------ the independent count

interface Expected {
  nr: [number, number];
  national: [number, number];
  regional: [number, number];
  prefecture: [number, number];
  county: [number, number];
  awards: number;
  commended: number;
  placements: Record<string, number>;
  major: [number, number];
  reserve: [number, number];
  moves: Record<string, number>;
  plans: { total: number; done: number; overdue: number };
}

function expectedFor(unitId: string, from: string, to: string): Expected {
  const inP = (d: string) => d >= from && d <= to;
  const mine = DEMO.exemplars.filter((e) => chain(e.unitId).includes(unitId));
  const ids = new Set(mine.map((e) => e._id));
  const honours = DEMO.honors.filter((h) => ids.has(h.exemplarId) && inP(h.date));
  const pair = (test: (h: Honor) => boolean): [number, number] => {
    const who = (kind: Exemplar['kind']) => mine.filter((e) => e.kind === kind && honours.some((h) => h.exemplarId === e._id && test(h))).length;
    return [who('collective'), who('individual')];
  };
  const placements: Record<string, number> = { central: 0, regional: 0, prefecture: 0, county: 0, unrated: 0, total: 0 };
  for (const p of DEMO.placements as MediaPlacement[]) {
    if (p.exemplarId === null || !ids.has(p.exemplarId) || !inP(p.date)) continue;
    const level = p.level ?? 'unrated';
    placements[level] = (placements[level] ?? 0) + 1;
    placements.total = (placements.total ?? 0) + 1;
  }
  const lib = (tier: string): [number, number] => [mine.filter((e) => e.tier === tier && e.kind === 'collective').length, mine.filter((e) => e.tier === tier && e.kind === 'individual').length];
  const moves: Record<string, number> = { promote: 0, demote: 0, retire: 0, reinstate: 0, enrol: 0 };
  for (const c of ALL_TIER_CHANGES) if (chain(c.unitId).includes(unitId) && inP(iso(c.at)) && c.kind in moves) moves[c.kind] = (moves[c.kind] ?? 0) + 1;
  const tasks = ALL_TASKS.filter((k) => chain(k.unitId).includes(unitId) && inP(k.due));
  return {
    nr: pair((h) => h.level === 'national' || h.level === 'regional'),
    national: pair((h) => h.level === 'national'),
    regional: pair((h) => h.level === 'regional'),
    prefecture: pair((h) => h.level === 'prefecture'),
    county: pair((h) => h.level === 'county'),
    awards: honours.length,
    commended: mine.filter((e) => e.kind === 'collective' && honours.some((h) => h.exemplarId === e._id && /[一二三]等功$/.test(h.title))).length,
    placements,
    major: lib('major'),
    reserve: lib('reserve'),
    moves,
    plans: { total: tasks.length, done: tasks.filter((k) => k.status === 'done').length, overdue: tasks.filter((k) => k.status !== 'done' && k.due < TODAY).length },
  };
}

function asExpected(r: UnitFigures): Expected {
  const p = (x: { collectives: number; individuals: number }): [number, number] => [x.collectives, x.individuals];
  const h = r.honours;
  const l = r.library;
  return {
    nr: p(h.nationalRegional),
    national: p(h.national),
    regional: p(h.regional),
    prefecture: p(h.prefecture),
    county: p(h.county),
    awards: h.awards,
    commended: r.commendedUnits,
    placements: { ...r.placements },
    major: p(l.major),
    reserve: p(l.reserve),
    moves: { promote: l.promoted, demote: l.demoted, retire: l.retired, reinstate: l.reinstated, enrol: l.enrolled },
    plans: { ...r.plans },
  };
}

// ------------------------------------------------------------------ the figures

const CASES = [
  { who: 'dev-admin', unitId: 'u-xj', from: 2022 as number | string, to: undefined as number | string | undefined, period: ['2022-01-01', TODAY] },
  { who: 'dev-admin', unitId: 'u-xj', from: 2023, to: 2023, period: ['2023-01-01', '2023-12-31'] },
  { who: 'dev-reviewer', unitId: 'u-wlmq', from: '2022-07-01', to: '2024-06-30', period: ['2022-07-01', '2024-06-30'] },
  { who: 'dev-reviewer', unitId: 'u-wlmq', from: 2020, to: undefined, period: ['2020-01-01', TODAY] },
];

it('the demo has something in every figure, including exemplars the public does not see', () => {
  const e = expectedFor('u-xj', '2022-01-01', TODAY);
  expect(e.nr[0] + e.nr[1]).toBeGreaterThan(0);
  expect(e.prefecture[0] + e.prefecture[1]).toBeGreaterThan(0);
  expect(e.commended).toBeGreaterThan(0);
  expect(e.placements.total).toBeGreaterThan(50);
  expect(e.plans.overdue).toBeGreaterThan(0);
  expect(e.plans.done).toBeGreaterThan(0);
  // Staff figures count the unpublished and the unconsented: the demo has honours of such exemplars.
  const hidden = new Set(DEMO.exemplars.filter((x) => x.state !== 'published' || (x.kind === 'individual' && !x.consent)).map((x) => x._id));
  expect(DEMO.honors.some((h) => hidden.has(h.exemplarId) && h.date >= '2022-01-01')).toBe(true);
});

it.each(CASES)('$unitId from $from to $to: the total and every child row equal the independent count', async (c) => {
  const v: FiguresView = data(await t.call('workboard', 'figures', { unitId: c.unitId, from: c.from, ...(c.to === undefined ? {} : { to: c.to }) }, c.who));
  expect([v.from, v.to]).toEqual(c.period);
  expect(asExpected(v.total)).toEqual(expectedFor(c.unitId, c.period[0] as string, c.period[1] as string));
  const children = DEMO.units.filter((u) => u.parentId === c.unitId).sort((a, b) => a.order - b.order);
  expect(v.children.map((r) => r.unit._id)).toEqual(children.map((u) => u._id));
  for (const row of v.children) expect([row.unit._id, asExpected(row)]).toEqual([row.unit._id, expectedFor(row.unit._id, c.period[0] as string, c.period[1] as string)]);
});

it('per year: distinct exemplars honoured at each level, and placements by outlet level', async () => {
  const v = data(await t.call('workboard', 'figures', { unitId: 'u-xj', from: 2022 }, 'dev-admin'));
  expect(v.byYear.map((y) => y.year)).toEqual(Array.from({ length: THIS_YEAR - 2021 }, (_, i) => 2022 + i));
  for (const y of v.byYear) {
    const e = expectedFor('u-xj', `${y.year}-01-01`, `${y.year}-12-31`);
    const levels = Object.fromEntries(y.levels.map((l) => [l.level, [l.collectives, l.individuals]]));
    expect([y.year, levels]).toEqual([y.year, { national: e.national, regional: e.regional, prefecture: e.prefecture, county: e.county }]);
    expect([y.year, { ...y.placements }]).toEqual([y.year, e.placements]);
  }
});

it('the commended collectives are listed with their citation, each counted unit at least once', async () => {
  const v = data(await t.call('workboard', 'figures', { unitId: 'u-xj', from: 2022 }, 'dev-admin'));
  const expected = DEMO.honors.filter((h) => h.date >= '2022-01-01' && /[一二三]等功$/.test(h.title) && DEMO.exemplars.find((e) => e._id === h.exemplarId)?.kind === 'collective');
  expect(v.commendations.map((c) => `${c.exemplarId}|${c.title}|${c.date}`).sort()).toEqual(expected.map((h) => `${h.exemplarId}|${h.title}|${h.date}`).sort());
  expect(new Set(v.commendations.map((c) => c.exemplarId)).size).toBe(v.total.commendedUnits);
});

it('the figure sentence says the corps-wide numbers', async () => {
  const v = data(await t.call('workboard', 'figures', { unitId: 'u-xj', from: 2022 }, 'dev-admin'));
  const e = expectedFor('u-xj', '2022-01-01', TODAY);
  const { figuresSentence } = await import('@contract');
  expect(figuresSentence(v)).toBe(
    `自2022年以来，新疆维吾尔自治区消防救援总队共有${e.nr[0]}个集体和${e.nr[1]}名个人获国家级或自治区（兵团）级表彰，${e.prefecture[0]}个集体和${e.prefecture[1]}名个人获地州级表彰，${e.commended}个单位受到县级以上记功表彰，媒体刊发报道${e.placements.total}篇（次）。`,
  );
});

// ------------------------------------------------------------------ the workbook

async function workbookOf(req: { unitId: string; from: number | string; to?: number | string }, who: string): Promise<{ wb: ExcelJS.Workbook; fileName: string }> {
  const x = data(await t.call('workboard', 'exportFigures', req, who));
  const res = await fetch(x.url);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return { wb, fileName: x.fileName };
}

/** The body rows of a sheet (below its title and two header rows), by the first cell's text. */
function rowsOf(ws: ExcelJS.Worksheet): Map<string, { values: (string | number)[]; indent: number }> {
  const out = new Map<string, { values: (string | number)[]; indent: number }>();
  ws.eachRow((row, n) => {
    if (n <= 3) return;
    const values = (row.values as (string | number)[]).slice(1);
    out.set(String(values[0]), { values: values.slice(1), indent: row.getCell(1).alignment?.indent ?? 0 });
  });
  return out;
}

it('the workbook has one sheet per table, and its numbers equal the independent count for every unit of the tree', async () => {
  const { wb, fileName } = await workbookOf({ unitId: 'u-xj', from: 2022 }, 'dev-admin');
  expect(fileName).toBe(`新疆总队推优树典数据统计_2022-01-01_${TODAY}.xlsx`.replace('新疆总队', DEMO.units.find((u) => u._id === 'u-xj')!.shortName));
  expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '荣誉表彰（按单位）', '荣誉表彰（按年度）', '单位记功', '记功单位名单', '媒体刊发（按单位）', '媒体刊发（按年度）', '典型库', '工作任务完成']);
  const honours = rowsOf(wb.getWorksheet('荣誉表彰（按单位）')!);
  const placements = rowsOf(wb.getWorksheet('媒体刊发（按单位）')!);
  const library = rowsOf(wb.getWorksheet('典型库')!);
  const plans = rowsOf(wb.getWorksheet('工作任务完成')!);
  const commended = rowsOf(wb.getWorksheet('单位记功')!);
  // Every unit of the corps is a row, indented by its depth in the tree.
  expect(honours.size).toBe(DEMO.units.length);
  for (const u of DEMO.units) {
    const e = expectedFor(u._id, '2022-01-01', TODAY);
    const h = honours.get(u.name);
    expect([u.name, h?.indent]).toEqual([u.name, (chain(u._id).length - 1) * 2]);
    expect([u.name, h?.values]).toEqual([u.name, [...e.nr, ...e.national, ...e.regional, ...e.prefecture, ...e.county, e.awards]]);
    expect([u.name, placements.get(u.name)?.values]).toEqual([u.name, [e.placements.central, e.placements.regional, e.placements.prefecture, e.placements.county, e.placements.unrated, e.placements.total]]);
    expect([u.name, library.get(u.name)?.values]).toEqual([u.name, [...e.major, ...e.reserve, e.moves.promote, e.moves.demote, e.moves.retire, e.moves.reinstate, e.moves.enrol]]);
    expect([u.name, commended.get(u.name)?.values]).toEqual([u.name, [e.commended]]);
    const p = plans.get(u.name)?.values;
    expect([u.name, p?.[0], p?.[1], p?.[3]]).toEqual([u.name, e.plans.total, e.plans.done, e.plans.overdue]);
  }
  const byYear = rowsOf(wb.getWorksheet('媒体刊发（按年度）')!);
  const e = expectedFor('u-xj', '2022-01-01', TODAY);
  expect(byYear.get('合计')?.values.at(-1)).toBe(e.placements.total);
  const summary = wb.getWorksheet('概况')!;
  expect(String(summary.getCell(7, 1).value)).toContain(`${e.nr[0]}个集体和${e.nr[1]}名个人获国家级或自治区（兵团）级表彰`);
});

it("a detachment's workbook holds only its own subtree", async () => {
  const { wb } = await workbookOf({ unitId: 'u-wlmq', from: '2022-07-01', to: '2024-06-30' }, 'dev-reviewer');
  const honours = rowsOf(wb.getWorksheet('荣誉表彰（按单位）')!);
  const mine = DEMO.units.filter((u) => chain(u._id).includes('u-wlmq'));
  expect([...honours.keys()].sort()).toEqual(mine.map((u) => u.name).sort());
  const e = expectedFor('u-wlmq', '2022-07-01', '2024-06-30');
  expect(honours.get(DEMO.units.find((u) => u._id === 'u-wlmq')!.name)?.values).toEqual([...e.nr, ...e.national, ...e.regional, ...e.prefecture, ...e.county, e.awards]);
});

it('every query was served by a declared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
