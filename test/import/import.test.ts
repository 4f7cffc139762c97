/**
 * `npm run import` against the local cloud through WeChat Cloud's HTTP API (strict indexes):
 * the template is the layout import reads; the demo exported as the template and imported into
 * an empty cloud gives the same libraries, honours wall and profiles; importing again (there, or
 * the export into the demo itself) changes nothing; a workbook with bad rows lists every problem
 * with its sheet, row and column, and writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ExemplarCard, ExemplarProfile, HonoursWallView, LibraryUnitsView, Page, SearchResult } from '@contract';
import { seedDemo } from '../../emulator/seed';
import { startCloud, type Cloud } from '../../emulator/server';
import { WxApi } from '../../scripts/deploy/wx-api';
import { exportWorkbook, importWorkbook } from '../../scripts/import/import';
import { COLUMNS, DATA_SHEETS, HELP_SHEET } from '../../scripts/import/sheets';
import { readWorkbook, writeWorkbook } from '../../scripts/import/workbook';
import { builtFunctions } from '../functions/cloud-fixture';

let functions: Awaited<ReturnType<typeof builtFunctions>>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'import-test-'));
let demo: Cloud;
let empty: Cloud;

const start = (name: string, seed?: Parameters<typeof startCloud>[0]['seed']) =>
  // RECONCILE_SETTLE_MS 0: the demo's counters drift from its records (no like records are seeded), and reconcile would wait 2 s to believe it.
  startCloud({ port: 0, dataDir: fs.mkdtempSync(path.join(tmp, `${name}-`)), functionsDir: functions.dir, strict: true, quiet: true, poolSize: 2, functionEnv: { RECONCILE_SETTLE_MS: '0' }, ...(seed ? { seed } : {}) });

const apiOf = (c: Cloud) => new WxApi({ baseUrl: c.tcbApi.baseUrl, appId: c.tcbApi.appid, appSecret: c.tcbApi.appSecret, envId: c.tcbApi.envId });

beforeAll(async () => {
  // The run's shared build, or only what the checks read (content) and what import runs (reconcile).
  functions = await builtFunctions('import', ['content', 'reconcile']);
  [demo, empty] = await Promise.all([start('demo', (db, storage) => seedDemo(db, storage)), start('empty')]);
}, 60_000);

afterAll(async () => {
  await Promise.all([demo?.stop(), empty?.stop()]);
  fs.rmSync(tmp, { recursive: true, force: true });
  functions?.release();
});

/**
 * `collection/id` of every document added, removed or changed between two snapshots. By content,
 * not write version: reconcile (run by every import) rewrites each placement with the keys it
 * already has — its key comparison sorts one side only — so versions move where nothing changed.
 */
function changedDocs(a: Record<string, Record<string, string>>, b: Record<string, Record<string, string>>, ignore: readonly string[] = []): string[] {
  const doc = (v: string | undefined) => {
    if (v === undefined) return undefined;
    const d = JSON.parse(v.slice(v.indexOf(':') + 1)) as Record<string, unknown>;
    for (const f of ignore) delete d[f];
    return JSON.stringify(d);
  };
  const out: string[] = [];
  for (const c of new Set([...Object.keys(a), ...Object.keys(b)])) {
    for (const id of new Set([...Object.keys(a[c] ?? {}), ...Object.keys(b[c] ?? {})])) if (doc(a[c]?.[id]) !== doc(b[c]?.[id])) out.push(`${c}/${id}`);
  }
  return out;
}

const WRITES = ['databaseadd', 'databaseupdate', 'databasedelete', 'databasemigrateimport', 'databasecollectionadd', 'updateindex'];

async function call<T>(c: Cloud, action: string, data: unknown): Promise<T> {
  const r = (await c.invoke('content', { action, data }, { openid: 'reader-1' })) as { ok: boolean; data: T; error?: unknown };
  if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r.error)}`);
  return r.data;
}

/** A card or profile as the spreadsheet carries it: no ids, photos, stories or salutes (made in the app, not imported). */
function facts(card: ExemplarCard | ExemplarProfile): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...card };
  for (const k of ['_id', 'photo', 'storyCount', 'saluteCount', 'stories', 'storiesNext', 'unit']) delete rest[k];
  const unit = card.unit;
  const groups = (rest.honorGroups as ExemplarProfile['honorGroups'] | undefined)?.map((g) => ({ level: g.level, honors: g.honors.map(({ _id: _h, ...h }) => h).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) }));
  return { ...rest, ...(groups ? { honorGroups: groups } : {}), unit: unit ? { name: unit.name, shortName: unit.shortName, level: unit.level } : null };
}

async function library(c: Cloud, tier: 'major' | 'reserve'): Promise<ExemplarCard[]> {
  const out: ExemplarCard[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: Page<ExemplarCard> = await call(c, 'exemplars', { tier, cursor, limit: 50 });
    out.push(...page.items);
    cursor = page.next;
    if (!cursor) break;
  }
  return out;
}

const byFacts = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(a).localeCompare(JSON.stringify(b));

async function wall(c: Cloud, since?: number): Promise<unknown> {
  const v: HonoursWallView = await call(c, 'honoursWall', since === undefined ? {} : { since });
  return { ...v, updatedAt: null, units: { ...v.units, detachments: v.units.detachments.map((d) => ({ ...d, unit: d.unit.name })) } };
}

test('the template has the four sheets with Chinese headers, a 说明 sheet for every column, and drop-down lists', async () => {
  const file = path.join(tmp, 'template.xlsx');
  await writeWorkbook(file);
  const { rows, errors } = await readWorkbook(file);
  expect(errors).toEqual([]);
  for (const s of DATA_SHEETS) expect(rows[s]).toEqual([]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual([HELP_SHEET, ...DATA_SHEETS]);
  const help = wb.getWorksheet(HELP_SHEET)!;
  const described = new Set<string>();
  help.eachRow((r) => described.add(`${String(r.getCell(1).value)}/${String(r.getCell(2).value)}`));
  for (const s of DATA_SHEETS) for (const c of COLUMNS[s]) expect(described).toContain(`${s}/${c.header}`);
  const ex = wb.getWorksheet('典型')!;
  expect(ex.getRow(1).values).toEqual([undefined, ...COLUMNS['典型'].map((c) => c.header)]);
  const kindCol = COLUMNS['典型'].findIndex((c) => c.key === 'kind') + 1;
  expect(ex.getCell(500, kindCol).dataValidation).toMatchObject({ type: 'list', formulae: ['"个人,集体"'] });
});

const CORPS = { parent: '', name: '示范消防救援总队', shortName: '示范总队', level: '总队', order: '' };

test('bad rows: every problem is listed with its sheet, row and column, and nothing is written, not even the good rows', async () => {
  const file = path.join(tmp, 'bad.xlsx');
  await writeWorkbook(file, {
    单位: [
      CORPS, // 2: fine
      { parent: '示范总队', name: '一支队', shortName: '一支队', level: '支队', order: '1' }, // 3: fine
      { parent: '示范总队/二支队', name: '某大队', shortName: '某大队', level: '大队', order: '' }, // 4: no such parent
      { parent: '示范总队', name: '', shortName: '某', level: '中队', order: 'x' }, // 5: name, level, order
      { parent: '示范总队', name: '一支队', shortName: '一支队', level: '支队', order: '' }, // 6: the same unit as row 3
      { parent: '示范总队/一支队', name: '二站', shortName: '二站', level: '支队', order: '' }, // 7: not below its parent
    ],
    典型: [
      { name: '张三', kind: '个人', unit: '示范总队/一支队', tier: '后备典型库', category: '灭火救援尖兵', title: '', summary: '', biography: '', rank: '', public: '是', consent: '是', consentEvidence: '档案 1' }, // 2: fine
      { name: '李四', kind: '', unit: '示范总队/三支队', tier: '普通库', category: '灭火救援尖兵', title: '', summary: '', biography: '', rank: '1.5', public: '是', consent: '', consentEvidence: '' }, // 3: kind, unit, tier, rank
      { name: '王'.repeat(33), kind: '个人', unit: '示范总队', tier: '重大先进典型库', category: '后勤', title: '', summary: '', biography: '', rank: '', public: '', consent: '是', consentEvidence: '' }, // 4: name, category, public, evidence
      { name: '张三', kind: '个人', unit: '示范总队/一支队', tier: '后备典型库', category: '灭火救援尖兵', title: '', summary: '', biography: '', rank: '', public: '否', consent: '', consentEvidence: '' }, // 5: same as row 2
    ],
    荣誉: [
      { exemplar: '张三', unit: '示范总队/一支队', title: '全国青年岗位能手', level: '国家级', date: '2024-05-04', awardedBy: '共青团中央' }, // 2: fine
      { exemplar: '赵六', unit: '示范总队/一支队', title: '某荣誉', level: '省级', date: '2024年5月4日', awardedBy: '' }, // 3: exemplar, level, date
      { exemplar: '张三', unit: '示范总队/一支队', title: '全国青年岗位能手', level: '国家级', date: '2024-11-30', awardedBy: '' }, // 4: same honour as row 2 (year and level)
    ],
    媒体报道: [
      { exemplar: '张三', unit: '示范总队/一支队', outlet: '新疆日报', level: '自治区媒体', date: '2024-06-01', title: '火场上的张三', link: 'https://example.com/a' }, // 2: fine
      { exemplar: '张三', unit: '示范总队/一支队', outlet: '', level: '外媒', date: '2024-02-30', title: '某报道', link: 'javascript:alert(1)' }, // 3: outlet, level, date, link
    ],
  });
  const before = empty.db.snapshot();
  const calls = empty.tcbApi.calls().length;
  const out: string[] = [];
  const r = await importWorkbook({ file, api: apiOf(empty), out: (l) => out.push(l) });
  const where = r.errors.map((e) => `${e.sheet}:${e.row}:${e.column}`);
  expect(where.sort()).toEqual(
    [
      '单位:4:上级单位',
      '单位:5:单位名称',
      '单位:5:层级',
      '单位:5:排序',
      '单位:6:单位名称',
      '单位:7:层级',
      '典型:3:个人或集体',
      '典型:3:所属单位',
      '典型:3:典型库',
      '典型:3:排序值',
      '典型:4:姓名或名称',
      '典型:4:岗位类别',
      '典型:4:公开',
      '典型:4:同意凭据',
      '典型:5:姓名或名称',
      '荣誉:3:典型姓名或名称',
      '荣誉:3:级别',
      '荣誉:3:授予日期',
      '荣誉:4:荣誉名称',
      '媒体报道:3:媒体名称',
      '媒体报道:3:媒体级别',
      '媒体报道:3:刊发日期',
      '媒体报道:3:链接',
    ].sort(),
  );
  // Said in Chinese, one line each, with where and why.
  expect(out[0]).toBe(`检查出 ${r.errors.length} 处问题，什么都没有写入。改好后再导入：`);
  expect(out).toContain('  「单位」第 4 行「上级单位」：“示范消防救援总队”下没有“二支队”（有：一支队）');
  expect(out).toContain('  「典型」第 5 行「姓名或名称」：与第 2 行是同一个典型（同名、同单位）');
  expect(out).toContain('  「荣誉」第 3 行「授予日期」：日期要写成 年-月-日，如 2024-05-04');
  expect(out).toContain('  「媒体报道」第 3 行「刊发日期」：没有这一天');
  expect(r.written).toBe(0);
  expect(empty.tcbApi.calls().slice(calls).map((c) => c.api).filter((a) => WRITES.includes(a) || a === 'invokecloudfunction')).toEqual([]);
  expect(changedDocs(before, empty.db.snapshot())).toEqual([]);
});

test('a workbook of the wrong shape is refused before the environment is read', async () => {
  const file = path.join(tmp, 'shape.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('单位').addRow(['单位名称', '简称', '层级', '备注']);
  await wb.xlsx.writeFile(file);
  const calls = empty.tcbApi.calls().length;
  const r = await importWorkbook({ file, api: apiOf(empty), out: () => {} });
  expect(r.errors.map((e) => `${e.sheet}:${e.row}:${e.column}`)).toEqual(['单位:1:上级单位', '单位:1:排序', '单位:1:备注', '典型:null:null', '荣誉:null:null', '媒体报道:null:null']);
  expect(empty.tcbApi.calls().length).toBe(calls);
});

test('round trip: the demo exported as the template and imported into an empty cloud has the same libraries, honours wall and profiles; a second import changes nothing', async () => {
  const file = path.join(tmp, 'demo-export.xlsx');
  const lines: string[] = [];
  await exportWorkbook({ file, api: apiOf(demo), out: (l) => lines.push(l) });
  expect(lines.join('\n')).toMatch(/典型 \d+ 行/);

  const out: string[] = [];
  const first = await importWorkbook({ file, api: apiOf(empty), out: (l) => out.push(l) });
  expect(first.errors).toEqual([]);
  expect(first.reconcile?.summary).toBe('built');
  expect(first.plan!.summary['典型'].created).toBeGreaterThan(20);
  expect(first.plan!.summary['荣誉'].created).toBeGreaterThan(20);

  for (const tier of ['major', 'reserve'] as const) {
    const [a, b] = await Promise.all([library(demo, tier), library(empty, tier)]);
    expect(b.length).toBeGreaterThan(0);
    expect(b.map(facts).sort(byFacts)).toEqual(a.map(facts).sort(byFacts));
  }
  for (const since of [undefined, 2023, 2025]) expect(await wall(empty, since)).toEqual(await wall(demo, since));
  // The library's unit filter, counted from the same summary (units by name: their ids differ).
  for (const tier of ['major', 'reserve'] as const) {
    const units = async (c: Cloud) => {
      const v: LibraryUnitsView = await call(c, 'libraryUnits', { tier });
      return { total: v.total, items: v.items.map((u) => `${u.name}:${u.count}`) };
    };
    const got = await units(empty);
    expect(got.total).toBeGreaterThan(0);
    expect(got).toEqual(await units(demo));
  }

  // Every public profile of the demo, found in the imported cloud by its name and unit.
  const publicCards = [...(await library(demo, 'major')), ...(await library(demo, 'reserve'))];
  const imported = new Map([...(await library(empty, 'major')), ...(await library(empty, 'reserve'))].map((c) => [`${c.unit?.name}|${c.name}`, c._id]));
  for (const card of publicCards) {
    const id = imported.get(`${card.unit?.name}|${card.name}`);
    expect(id).toBeDefined();
    const [a, b] = await Promise.all([call<ExemplarProfile>(demo, 'profile', { id: card._id }), call<ExemplarProfile>(empty, 'profile', { id: id! })]);
    expect(facts(b)).toEqual(facts(a));
  }

  // Again, into the cloud it just filled: nothing is written, every row is unchanged.
  const before = empty.db.snapshot();
  const writesBefore = empty.tcbApi.calls().filter((c) => WRITES.includes(c.api)).length;
  const again = await importWorkbook({ file, api: apiOf(empty), out: () => {} });
  expect(again.errors).toEqual([]);
  expect(again.written).toBe(0);
  for (const s of DATA_SHEETS) expect(again.plan!.summary[s]).toMatchObject({ created: 0, updated: 0 });
  expect(again.reconcile?.summary).toBe('unchanged');
  expect(empty.tcbApi.calls().filter((c) => WRITES.includes(c.api)).length).toBe(writesBefore);
  expect(changedDocs(before, empty.db.snapshot())).toEqual([]);

  // And the export imported into the demo it came from: the demo's own documents are matched by their natural keys.
  const demoBefore = demo.db.snapshot();
  const demoWrites = demo.tcbApi.calls().filter((c) => WRITES.includes(c.api)).length;
  const home = await importWorkbook({ file, api: apiOf(demo), out: () => {} });
  expect(home.errors).toEqual([]);
  expect(home.written).toBe(0);
  for (const s of DATA_SHEETS) expect(home.plan!.summary[s]).toMatchObject({ created: 0, updated: 0 });
  expect(demo.tcbApi.calls().filter((c) => WRITES.includes(c.api)).length).toBe(demoWrites);
  // The demo's like and salute counters have no like records behind them, so reconcile's recount
  // (which import runs) sets them to what the records say; nothing else moves.
  expect(changedDocs(demoBefore, demo.db.snapshot(), ['likeCount', 'saluteCount'])).toEqual([]);
  // ~15 s on a quiet machine; the machine the suite runs on is shared.
}, 90_000);

test('an edited workbook imported again updates what the sheet owns, adds the new honour to the profile, the wall and search, and leaves the tier alone', async () => {
  // The cloud the round trip filled, and its export.
  const file = path.join(tmp, 'edited.xlsx');
  await exportWorkbook({ file, api: apiOf(empty), out: () => {} });
  const { rows } = await readWorkbook(file);
  const major = await library(empty, 'major');
  const person = major.find((c) => c.kind === 'individual')!;
  const unitOf = (r: Record<string, string>) => (r.unit ?? '').split('/').pop();
  const row = rows['典型'].find((r) => r.values.name === person.name && unitOf(r.values) === person.unit?.name)!.values;
  row.summary = '导入时改写的一句话简介';
  row.tier = '后备典型库';
  const honour: Record<string, string> = { exemplar: row.name!, unit: row.unit!, title: '测试导入荣誉', level: '国家级', date: '2021-03-01', awardedBy: '测试单位' };
  await writeWorkbook(file, {
    单位: rows['单位'].map((r) => r.values),
    典型: rows['典型'].map((r) => r.values),
    荣誉: [...rows['荣誉'].map((r) => r.values), honour],
    媒体报道: rows['媒体报道'].map((r) => r.values),
  });
  const out: string[] = [];
  const r = await importWorkbook({ file, api: apiOf(empty), out: (l) => out.push(l) });
  expect(r.errors).toEqual([]);
  expect(r.plan!.summary['典型']).toMatchObject({ created: 0, updated: 1 });
  expect(r.plan!.summary['荣誉']).toMatchObject({ created: 1, updated: 0 });
  expect(out.some((l) => l.startsWith('注意：「典型」') && l.includes(person.name) && l.includes('典型库'))).toBe(true);
  // reconcile retallied the exemplar, moving the summary by the new honour in the same transaction (so its final check finds nothing left).
  expect(r.reconcile).toEqual({ summary: 'unchanged', retallied: 1 });

  const profile = await call<ExemplarProfile>(empty, 'profile', { id: person._id });
  expect(profile).toMatchObject({ tier: 'major', summary: '导入时改写的一句话简介', honorCount: person.honorCount + 1 });
  expect(profile.honorGroups.find((g) => g.level === 'national')!.honors).toContainEqual(expect.objectContaining({ title: '测试导入荣誉', date: '2021-03-01' }));
  const v: HonoursWallView = await call(empty, 'honoursWall', { since: 2021 });
  expect(v.byYear.find((y) => y.year === 2021)!.levels.find((l) => l.level === 'national')).toMatchObject({ individuals: 1 });
  // Found by its new honour: import rewrote its search keys.
  const found: SearchResult = await call(empty, 'search', { q: '测试导入荣誉' });
  expect(found.exemplars!.items.map((e) => e.card._id)).toEqual([person._id]);
});
