/**
 * The honours wall stays exact as the data changes, through the real wx-server-sdk on the local
 * cloud (strict indexes): after every write that can move a figure — an honour added, edited,
 * removed; a placement saved or removed; a profile published, unpublished, renamed; consent
 * withdrawn; a library decision — the wall equals an independent count of the database, and the
 * summary moved in the write's own transaction. Two honour saves at once stay exact; the
 * reconcile timer repairs a summary and a tally that drifted.
 */
import type { Exemplar, Honor, HonoursSummary, MediaPlacement, Unit } from '@contract';
import { parseStored } from '../../emulator/db/ejson';
import { countsOf, honourKeysOf, summaryAfter, wallOf, WALL_SUMMARY_ID } from '../../cloudfunctions/src/domain/honours-wall';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { consentOf, docs, exemplar, grant, honor, unit } from './fixtures';
import { independentWall } from './honours-independent';

const corps = unit('u-corps', 'corps', null, 0);
const d1 = unit('u-d1', 'detachment', corps, 1);
const s1 = unit('u-d1-s1', 'station', d1, 1);
const d2 = unit('u-d2', 'detachment', corps, 2);
const s2 = unit('u-d2-s1', 'station', d2, 1);
const UNITS = [corps, d1, s1, d2, s2];

const EDITOR = 'o-editor';
const ADMIN = 'o-admin';
const PUBLISHER = 'o-publisher';

const honours: Honor[] = [honor('h-c1-1', 'ex-c1', 'regional', '2023-05-04'), honor('h-i1-1', 'ex-i1', 'prefecture', '2024-03-01'), honor('h-i2-1', 'ex-i2', 'national', '2024-09-01')];
const placements: MediaPlacement[] = [
  { _id: 'pl-c1-1', exemplarId: 'ex-c1', storyId: null, outlet: '新疆日报', level: 'regional', title: '报道一', date: '2023-06-01', link: null, wallKeys: ['y:2023', 'l:regional:2023', 'o:新疆日报:2023'], day: 20230601 },
];
function withWall(e: Exemplar): Exemplar {
  const wall = wallOf(
    honours.filter((h) => h.exemplarId === e._id),
    placements.filter((p) => p.exemplarId === e._id),
  );
  return { ...e, wall, honourKeys: honourKeysOf(wall), honorCount: honours.filter((h) => h.exemplarId === e._id).length };
}
const EXEMPLARS = [
  exemplar('ex-c1', s1, { tier: 'major' }),
  exemplar('ex-c2', s2, { tier: 'reserve' }),
  exemplar('ex-i1', s1, { kind: 'individual', name: '典型ex-i1', consent: consentOf('典型ex-i1'), tier: 'reserve' }),
  // Consent counts, but not published yet: its national honour is not on the wall.
  exemplar('ex-i2', s2, { kind: 'individual', name: '典型ex-i2', consent: consentOf('典型ex-i2'), state: 'draft' }),
].map(withWall);

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'honours-writes',
    (db) => {
      db.insertMany('units', docs(UNITS));
      db.insertMany('exemplars', docs(EXEMPLARS));
      db.insertMany('honors', docs(honours));
      db.insertMany('placements', docs(placements));
      db.insertMany('honours_summary', [{ _id: WALL_SUMMARY_ID, ...summaryAfter(null, countsOf(EXEMPLARS), 1) }]);
      db.insertMany(
        'roles',
        docs([
          grant('g-ed', EDITOR, 'editor', corps._id),
          grant('g-ad', ADMIN, 'admin', corps._id),
          grant('g-pub', PUBLISHER, 'publisher', corps._id),
          grant('g-drev', 'o-det-reviewer', 'reviewer', d1._id),
          grant('g-crev', 'o-corps-reviewer', 'reviewer', corps._id),
        ]),
      );
    },
    { RECONCILE_SETTLE_MS: '0', NOTICE_DAYS: '3', NOTIFY_MINIPROGRAM_STATE: 'developer' },
  );
});

afterAll(async () => {
  await t?.stop();
});

function all<T>(collection: string): T[] {
  const snap = t.cloud.db.snapshot()[collection] ?? {};
  return Object.values(snap).map((v) => parseStored(v.slice(v.indexOf(':') + 1)) as T);
}

function summaryRevision(): number {
  return (t.cloud.db.findById('honours_summary', WALL_SUMMARY_ID) as unknown as HonoursSummary).revision;
}

/** The wall the function answers equals an independent count of what the database now holds, for every period. */
async function expectExact(): Promise<void> {
  const state = { exemplars: all<Exemplar>('exemplars'), honors: all<Honor>('honors'), placements: all<MediaPlacement>('placements'), units: all<Unit>('units') };
  for (const since of [undefined, 2022, 2023, 2024, 2025]) {
    const { updatedAt: _at, ...figures } = data(await t.call('content', 'honoursWall', since === undefined ? {} : { since }));
    expect([since, figures]).toEqual([since, independentWall(state, since)]);
  }
}

const national = (v: Awaited<ReturnType<typeof wall>>) => v.honoured.find((b) => b.band === 'national')!;
const wall = async (since?: number) => data(await t.call('content', 'honoursWall', since === undefined ? {} : { since }));

it('starts exact', async () => {
  await expectExact();
});

it('an honour added moves the figures in the same write; an edit moves them from the old level to the new; a removal takes them away', async () => {
  const before = summaryRevision();
  data(await t.call('authoring', 'saveHonor', { exemplarId: 'ex-c1', honor: { _id: 'h-c1-2', title: '全国消防救援先进集体', level: 'national', date: '2024-10-01', awardedBy: '应急管理部' } }, EDITOR));
  expect(summaryRevision()).toBe(before + 1);
  expect(national(await wall(2024)).collectives).toBe(1);
  await expectExact();

  data(await t.call('authoring', 'saveHonor', { exemplarId: 'ex-c1', honor: { _id: 'h-c1-2', title: '集体二等功', level: 'regional', date: '2024-10-01', awardedBy: '总队' } }, EDITOR));
  expect(national(await wall(2024)).collectives).toBe(0);
  expect((await wall(2024)).honoured.find((b) => b.band === 'merit')!.collectives).toBe(1);
  await expectExact();

  data(await t.call('authoring', 'removeHonor', { exemplarId: 'ex-c1', honorId: 'h-c1-2' }, EDITOR));
  expect((await wall(2024)).honoured.find((b) => b.band === 'merit')!.collectives).toBe(0);
  await expectExact();
});

it('a second honour of the same level and year counts the exemplar once, and removing one of the two keeps it counted', async () => {
  data(await t.call('authoring', 'saveHonor', { exemplarId: 'ex-c2', honor: { _id: 'h-c2-a', title: '县级先进集体', level: 'county', date: '2024-02-01', awardedBy: '县政府' } }, EDITOR));
  data(await t.call('authoring', 'saveHonor', { exemplarId: 'ex-c2', honor: { _id: 'h-c2-b', title: '县级文明单位', level: 'county', date: '2024-08-01', awardedBy: '县文明委' } }, EDITOR));
  const county = async () => (await wall(2024)).honoured.find((b) => b.band === 'county')!.collectives;
  expect(await county()).toBe(1);
  data(await t.call('authoring', 'removeHonor', { exemplarId: 'ex-c2', honorId: 'h-c2-a' }, EDITOR));
  expect(await county()).toBe(1);
  await expectExact();
});

it('publishing an individual brings their honours onto the wall and unpublishing takes them away', async () => {
  expect(national(await wall(2024)).individuals).toBe(0);
  data(await t.call('authoring', 'setExemplarState', { id: 'ex-i2', state: 'published' }, EDITOR));
  expect(national(await wall(2024)).individuals).toBe(1);
  await expectExact();
  data(await t.call('authoring', 'setExemplarState', { id: 'ex-i2', state: 'draft' }, EDITOR));
  expect(national(await wall(2024)).individuals).toBe(0);
  await expectExact();
});

it('withdrawing consent takes a person off the wall, libraries included', async () => {
  const reserveBefore = (await wall()).libraries.find((l) => l.tier === 'reserve')!.individuals;
  data(await t.call('authoring', 'withdrawConsent', { exemplarId: 'ex-i1', reason: '本人书面申请撤回' }, ADMIN));
  expect((await wall()).libraries.find((l) => l.tier === 'reserve')!.individuals).toBe(reserveBefore - 1);
  await expectExact();
});

it('renaming a published person voids their consent and takes them off the wall', async () => {
  data(await t.call('authoring', 'setExemplarState', { id: 'ex-i2', state: 'published' }, EDITOR));
  expect(national(await wall(2024)).individuals).toBe(1);
  const ex = t.cloud.db.findById('exemplars', 'ex-i2') as unknown as Exemplar;
  data(
    await t.call(
      'authoring',
      'saveExemplar',
      { id: 'ex-i2', kind: 'individual', name: '改了名字', unitId: ex.unitId, category: ex.category, title: ex.title, summary: ex.summary, photo: null, biography: ex.biography },
      EDITOR,
    ),
  );
  expect(national(await wall(2024)).individuals).toBe(0);
  await expectExact();
});

it('placements move the counts by outlet level, year and outlet, and their list follows', async () => {
  const p = { _id: 'pl-c2-1', outlet: '人民日报', level: 'central' as const, title: '特勤站的一天', date: '2025-01-10', link: null };
  data(await t.call('authoring', 'savePlacement', { exemplarId: 'ex-c2', placement: p }, EDITOR));
  expect((await wall(2025)).placements.byLevel.find((l) => l.level === 'central')!.n).toBe(1);
  await expectExact();
  const listed = data(await t.call('content', 'placements', { level: 'central', year: 2025 }));
  expect(listed.items.map((x) => [x._id, x.exemplar?._id])).toEqual([['pl-c2-1', 'ex-c2']]);

  // Moved to another level; a client from before levels keeps the level when it edits.
  data(await t.call('authoring', 'savePlacement', { exemplarId: 'ex-c2', placement: { ...p, level: 'regional' } }, EDITOR));
  data(await t.call('authoring', 'savePlacement', { exemplarId: 'ex-c2', placement: { _id: p._id, outlet: p.outlet, title: '特勤站的一天（修订）', date: p.date, link: null } }, EDITOR));
  const v = await wall(2025);
  expect([v.placements.byLevel.find((l) => l.level === 'central')!.n, v.placements.byLevel.find((l) => l.level === 'regional')!.n]).toEqual([0, 1]);
  expect(data(await t.call('content', 'placements', { level: 'central', year: 2025 })).items).toEqual([]);
  await expectExact();

  data(await t.call('authoring', 'removePlacement', { exemplarId: 'ex-c2', placementId: p._id }, EDITOR));
  expect((await wall(2025)).placements.total).toBe(0);
  await expectExact();
});

it('a placement of an exemplar the public cannot see is neither counted nor listed', async () => {
  data(await t.call('authoring', 'savePlacement', { exemplarId: 'ex-i2', placement: { _id: 'pl-i2-1', outlet: '天山网', level: 'regional', title: '报道', date: '2025-02-01', link: null } }, EDITOR));
  expect((await wall(2025)).placements.total).toBe(0);
  expect(data(await t.call('content', 'placements', { year: 2025 })).items).toEqual([]);
  await expectExact();
});

it('a library decision moves the library sizes', async () => {
  const sizes = async () => (await wall()).libraries.map((l) => l.collectives);
  const [major, reserve] = await sizes();
  data(await t.call('library', 'changeTier', { exemplarId: 'ex-c2', change: 'promote', reason: '年度评审晋升' }, PUBLISHER));
  expect(await sizes()).toEqual([major! + 1, reserve! - 1]);
  data(await t.call('library', 'changeTier', { exemplarId: 'ex-c2', change: 'retire', reason: '单位撤并' }, PUBLISHER));
  expect(await sizes()).toEqual([major, reserve! - 1]);
  await expectExact();
});

it('a station enrolled after its public notice enters the library sizes in the enrolment’s own transaction', async () => {
  const sizes = async () => (await wall()).libraries.find((l) => l.tier === 'major')!.collectives;
  const before = await sizes();
  const deeds = '在山火扑救中连续奋战三十六小时，全站转移群众二百余人，无一伤亡。';
  const n = data(
    await t.call('nominations', 'submit', { requestKey: 'wall-enrol-0001', nominatingUnitId: s1._id, nominee: { new: { kind: 'collective', name: '新建特勤站', unitId: s1._id } }, category: 'rescue', targetTier: 'major', deeds, attachments: [] }, EDITOR),
  ).nomination;
  data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', consentChecked: true }, 'o-det-reviewer'));
  data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', comment: '同意公示' }, 'o-corps-reviewer'));
  Object.assign(process.env, t.cloud.sdkEnv());
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  await sdk.database().collection('nominations').doc(n._id).update({ data: { noticeEndsAt: Date.now() - 1000 } });
  const run = (await t.cloud.invoke('nomination-timer', { Type: 'Timer', TriggerName: 'enrol' })) as { ok: boolean; data: { enrolled: string[] } };
  expect(run.data.enrolled).toEqual([n._id]);
  expect(await sizes()).toBe(before + 1);
  await expectExact();
});

it('a write that moves no figure leaves the summary alone', async () => {
  const before = summaryRevision();
  data(await t.call('authoring', 'saveHonor', { exemplarId: 'ex-c1', honor: { _id: 'h-c1-1', title: '自治区先进集体（更正名称）', level: 'regional', date: '2023-05-04', awardedBy: '自治区人民政府' } }, EDITOR));
  expect(summaryRevision()).toBe(before);
});

it('two honour saves for one exemplar at once both count, exactly once each', async () => {
  const save = (id: string, level: Honor['level'], date: string) =>
    t.call('authoring', 'saveHonor', { exemplarId: 'ex-c1', honor: { _id: id, title: `荣誉${id}`, level, date, awardedBy: '机关' } }, EDITOR);
  const results = await Promise.all([save('h-c1-p1', 'national', '2025-03-01'), save('h-c1-p2', 'prefecture', '2025-03-02'), save('h-c1-p3', 'national', '2025-04-01')]);
  for (const r of results) expect(r).toMatchObject({ ok: true });
  const ex = t.cloud.db.findById('exemplars', 'ex-c1') as unknown as Exemplar;
  const own = all<Honor>('honors').filter((h) => h.exemplarId === 'ex-c1');
  expect(ex.honorCount).toBe(own.length);
  expect(ex.wall).toEqual(wallOf(own, all<MediaPlacement>('placements').filter((p) => p.exemplarId === 'ex-c1')));
  expect(national(await wall(2025)).collectives).toBe(1);
  expect((await wall(2025)).awards).toBe(3);
  await expectExact();
});

it('the reconcile timer repairs a drifted summary and a drifted tally, and reports them', async () => {
  // A hand edit in the console: a tally lost, and a summary that lost its figures.
  t.cloud.db.patch('exemplars', 'ex-c1', { wall: { honours: [], placements: [] }, honourKeys: [] });
  t.cloud.db.patch('honours_summary', WALL_SUMMARY_ID, { honoured: [], latest: [], placements: [] });
  expect(national(await wall(2025)).collectives).toBe(0);

  const run = (await t.cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString() })) as { ok: boolean; data: { wall: { retallied: string[]; summary: string; drift: number; skipped: number } } };
  expect(run.ok).toBe(true);
  expect(run.data.wall.retallied).toEqual(['ex-c1']);
  expect(run.data.wall.summary).toBe('repaired');
  expect(run.data.wall.drift).toBeGreaterThan(0);
  expect(national(await wall(2025)).collectives).toBe(1);
  await expectExact();
  // The lists read the repaired keys.
  expect(data(await t.call('content', 'honoured', { band: 'national', year: 2025 })).items.map((e) => e._id)).toEqual(['ex-c1']);

  const again = (await t.cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString() })) as { data: { wall: { retallied: string[]; summary: string; rekeyed: number } } };
  // Nothing left to repair means nothing written: placements whose keys are right are not rewritten.
  expect(again.data.wall).toMatchObject({ retallied: [], summary: 'unchanged', rekeyed: 0 });
});

it('the reconcile timer builds the summary where there is none yet (a deployment before the wall)', async () => {
  const revision = summaryRevision();
  Object.assign(process.env, t.cloud.sdkEnv());
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  await sdk.database().collection('honours_summary').doc(WALL_SUMMARY_ID).remove();
  const missing = await wall();
  expect([missing.since, missing.updatedAt]).toEqual([null, null]);
  const run = (await t.cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString() })) as { data: { wall: { summary: string } } };
  expect(run.data.wall.summary).toBe('built');
  expect(summaryRevision()).toBeGreaterThan(0);
  expect(revision).toBeGreaterThan(0);
  await expectExact();
});

it('every query was served by a declared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
