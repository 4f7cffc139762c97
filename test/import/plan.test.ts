/**
 * The import plan on its own (no cloud): what a row may change on a record that exists, what it
 * leaves alone and says so, and the ids a new record gets.
 */
import type { Exemplar, Unit } from '@contract';
import { derivedId, planImport, type Environment, type SheetRowsIn } from '../../scripts/import/plan';

const corps: Unit = { _id: 'u-1', name: '示范消防救援总队', shortName: '示范总队', level: 'corps', parentId: null, path: ['u-1'], order: 0 };
const person: Exemplar = {
  _id: 'ex-1',
  kind: 'individual',
  tier: 'major',
  name: '张三',
  title: '站长',
  unitId: 'u-1',
  unitPath: ['u-1'],
  category: 'rescue',
  photo: null,
  summary: '旧简介',
  biography: '在小程序里写的事迹',
  consent: null,
  state: 'draft',
  honorCount: 0,
  storyCount: 0,
  saluteCount: 0,
  enteredTierAt: 1,
  nextReviewAt: 2,
  createdAt: 1,
  updatedAt: 1,
  rank: 7,
};
const env: Environment = { units: [corps], exemplars: [person], honors: [], placements: [] };

const rows = (typical: Record<string, string>[], units: Record<string, string>[] = []): SheetRowsIn => ({
  单位: units.map((values, i) => ({ row: i + 2, values })),
  典型: typical.map((values, i) => ({ row: i + 2, values })),
  荣誉: [],
  媒体报道: [],
});
const row = (over: Record<string, string> = {}) => ({ name: '张三', kind: '个人', unit: '示范总队', tier: '重大先进典型库', category: '灭火救援尖兵', title: '', summary: '', biography: '', rank: '', public: '否', consent: '', consentEvidence: '', ...over });

test('blank optional cells keep what an existing exemplar has; filled ones update it', () => {
  expect(planImport(rows([row()]), env, 10)).toMatchObject({ errors: [], writes: [], summary: { 典型: { created: 0, updated: 0, unchanged: 1 } } });
  const p = planImport(rows([row({ summary: '新简介', rank: '9' })]), env, 10);
  expect(p.summary['典型']).toEqual({ created: 0, updated: 1, unchanged: 0 });
  expect(p.writes).toEqual([{ collection: 'exemplars', id: 'ex-1', op: 'update', data: expect.objectContaining({ summary: '新简介', rank: 9, updatedAt: 10 }) }]);
  expect(p.writes[0]!.data).not.toHaveProperty('biography');
});

test('a tier, a publication or a unit short name that differ are left alone and said', () => {
  const p = planImport(rows([row({ tier: '后备典型库', public: '是' })], [{ parent: '', name: '示范消防救援总队', shortName: '示范', level: '总队', order: '' }]), env, 10);
  expect(p.errors).toEqual([]);
  expect(p.writes).toEqual([]);
  expect(p.notices).toEqual([
    '「单位」第 2 行“示范消防救援总队”与环境中的不同，未改动：简称（环境中是“示范总队”）。改名、调整请在小程序「单位管理」里做（会同步搜索）。',
    '「典型」第 2 行“张三”与环境中的不同，未改动：典型库（环境中是重大先进典型库，在小程序「典型库」里调整并写明理由）、公开（环境中未公开，在小程序里改）。',
  ]);
});

test('a new exemplar gets an id derived from its unit path and name, the same on every run', () => {
  const a = planImport(rows([row({ name: '李四' })]), env, 10);
  const b = planImport(rows([row({ name: '李四' })]), env, 99);
  expect(a.writes[0]).toMatchObject({ collection: 'exemplars', op: 'create', id: derivedId('e', '示范消防救援总队|李四') });
  expect(b.writes[0]!.id).toBe(a.writes[0]!.id);
  // An individual without consent is not public to readers, whatever the sheet says: the import says so.
  expect(planImport(rows([row({ name: '李四', public: '是' })]), env, 10).notices).toEqual(['「典型」第 2 行“李四”：个人典型没有本人同意，读者看不到，直到在小程序里记录同意。']);
});
