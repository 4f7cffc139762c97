/**
 * Honour pursuits (争创荣誉) through the real wx-server-sdk on the strict local cloud: an admin
 * makes a pursuit at their unit, puts forward public library exemplars of its subtree (the rest
 * refused with their reason), and from the nomination deadline on records outcomes. 已获评 writes
 * the honour onto the exemplar exactly once — a retry and a double tap still leave one — and the
 * public profile and the honours wall follow; reverting removes it again. Deadlines within 30
 * days reach the deadline list and the admin's 工作台.
 */
import type { AuditEntry, Exemplar, Honor, HonoursWallView, MediaPlacement, PursuitView, Unit } from '@contract';
import { parseStored } from '../../emulator/db/ejson';
import { countsOf, honourKeysOf, summaryAfter, wallOf, WALL_SUMMARY_ID } from '../../cloudfunctions/src/domain/honours-wall';
import { shanghaiDate } from '../../cloudfunctions/src/domain/pursuits';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { consentOf, docs, exemplar, grant, honor, unit } from './fixtures';
import { independentWall } from './honours-independent';

const corps = unit('u-corps', 'corps', null, 0);
const d1 = unit('u-d1', 'detachment', corps, 1);
const b1 = unit('u-d1-b1', 'battalion', d1, 1);
const s1 = unit('u-d1-s1', 'station', b1, 1);
const d2 = unit('u-d2', 'detachment', corps, 2);
const s2 = unit('u-d2-s1', 'station', d2, 1);
const UNITS = [corps, d1, b1, s1, d2, s2];

const ADMIN = 'o-admin';
const DET_ADMIN = 'o-det-admin';
const OTHER_DET_ADMIN = 'o-det2-admin';
const REVIEWER = 'o-det-reviewer';
const EDITOR = 'o-editor';

const HONOURS: Honor[] = [honor('h-c1-1', 'ex-c1', 'prefecture', '2023-05-04')];
function withWall(e: Exemplar): Exemplar {
  const wall = wallOf(
    HONOURS.filter((h) => h.exemplarId === e._id),
    [],
  );
  return { ...e, wall, honourKeys: honourKeysOf(wall), honorCount: HONOURS.filter((h) => h.exemplarId === e._id).length };
}
const EXEMPLARS = [
  exemplar('ex-c1', s1, { tier: 'major', name: '天山特勤站' }),
  exemplar('ex-i1', s1, { kind: 'individual', name: '艾力', consent: consentOf('艾力'), tier: 'reserve' }),
  // A person without consent: not public, cannot be put forward.
  exemplar('ex-i2', s1, { kind: 'individual', name: '王强', consent: null }),
  exemplar('ex-r1', s1, { tier: 'retired', name: '退出的站' }),
  exemplar('ex-c2', s2, { name: '另一支队的站' }),
].map(withWall);

const DAY = 86_400_000;
const day = (d: number) => shanghaiDate(Date.now() + d * DAY);

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'pursuits',
    (db) => {
      db.insertMany('units', docs(UNITS));
      db.insertMany('exemplars', docs(EXEMPLARS));
      db.insertMany('honors', docs(HONOURS));
      db.insertMany('honours_summary', [{ _id: WALL_SUMMARY_ID, ...summaryAfter(null, countsOf(EXEMPLARS), 1) }]);
      db.insertMany(
        'roles',
        docs([
          grant('g-ad', ADMIN, 'admin', corps._id),
          grant('g-dad', DET_ADMIN, 'admin', d1._id),
          grant('g-dad2', OTHER_DET_ADMIN, 'admin', d2._id),
          grant('g-rev', REVIEWER, 'reviewer', d1._id),
          grant('g-ed', EDITOR, 'editor', s1._id),
        ]),
      );
    },
    {},
  );
});

afterAll(async () => {
  await t?.stop();
});

function all<T>(collection: string): T[] {
  const snap = t.cloud.db.snapshot()[collection] ?? {};
  return Object.values(snap).map((v) => parseStored(v.slice(v.indexOf(':') + 1)) as T);
}

let keys = 0;
/** A pursuit of `unitId` made by `by`, with its nomination deadline `deadline` days from today. */
async function makePursuit(by: string, unitId: string, deadline: number, over: Record<string, unknown> = {}): Promise<PursuitView> {
  return data(
    await t.call(
      'workboard',
      'savePursuit',
      {
        requestKey: `test-key-${++keys}-${Date.now()}`,
        unitId,
        name: `自治区青年五四奖章${keys}`,
        level: 'regional',
        awardedBy: '共青团新疆维吾尔自治区委员会',
        opensOn: day(deadline - 30),
        nominationDeadline: day(deadline),
        resultOn: day(deadline + 20),
        keyDates: [{ label: '党委书记向团区委汇报', date: day(deadline - 2) }],
        note: '',
        ...over,
      },
      by,
    ),
  );
}

describe('making a pursuit', () => {
  it('an admin over a detachment makes one there; a retried create with the same requestKey makes one, and the audit names it', async () => {
    const req = { requestKey: 'retry-key-0001', unitId: d1._id, name: '乌鲁木齐市青年五四奖章', level: 'prefecture' as const, awardedBy: '共青团乌鲁木齐市委', opensOn: day(-5), nominationDeadline: day(10), resultOn: day(40), keyDates: [], note: '限报一人' };
    const first = data(await t.call('workboard', 'savePursuit', req, DET_ADMIN));
    const again = data(await t.call('workboard', 'savePursuit', req, DET_ADMIN));
    expect(again._id).toBe(first._id);
    expect(first).toMatchObject({ name: '乌鲁木齐市青年五四奖章', unit: { _id: d1._id }, phase: 'open', canManage: true, outcomesOpen: false, candidates: [] });
    expect(all<{ name: string }>('pursuits').filter((p) => p.name === '乌鲁木齐市青年五四奖章')).toHaveLength(1);
    expect(all<AuditEntry>('audit').filter((a) => a.subject.id === first._id).map((a) => a.action)).toEqual(['pursuit.create', 'pursuit.update']);
  });

  it('refuses dates out of order, a unit below a detachment, and another detachment', async () => {
    const base = { requestKey: 'refused-key-01', name: '荣誉', level: 'county' as const, awardedBy: '县委', opensOn: day(0), nominationDeadline: day(10), resultOn: day(20), keyDates: [], note: '' };
    expect(await t.call('workboard', 'savePursuit', { ...base, unitId: d1._id, resultOn: day(5) }, DET_ADMIN)).toMatchObject({ ok: false, error: { reason: 'pursuit_dates_invalid' } });
    expect(await t.call('workboard', 'savePursuit', { ...base, unitId: s1._id }, DET_ADMIN)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'pursuit_unit_level' } });
    expect(await t.call('workboard', 'savePursuit', { ...base, unitId: d2._id }, DET_ADMIN)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope' } });
    expect(await t.call('workboard', 'savePursuit', { ...base, unitId: d1._id }, REVIEWER)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required' } });
  });
});

describe('candidates', () => {
  it('are public library exemplars of the unit’s subtree; others are refused with their reason and offered nowhere', async () => {
    const p = await makePursuit(DET_ADMIN, d1._id, 10);
    const options = data(await t.call('workboard', 'pursuitOptions', { pursuitId: p._id }, DET_ADMIN));
    expect(options.items.map((o) => o.name).sort()).toEqual(['天山特勤站', '艾力'].sort());
    const add = (exemplarId: string) => t.call('workboard', 'addPursuitCandidate', { pursuitId: p._id, exemplarId }, DET_ADMIN);
    expect(await add('ex-c2')).toMatchObject({ ok: false, error: { reason: 'candidate_outside_pursuit' } });
    expect(await add('ex-i2')).toMatchObject({ ok: false, error: { reason: 'candidate_not_public' } });
    expect(await add('ex-r1')).toMatchObject({ ok: false, error: { reason: 'candidate_retired' } });
    const added = data(await add('ex-i1'));
    expect(added.candidates).toEqual([expect.objectContaining({ exemplarId: 'ex-i1', name: '艾力', outcome: 'pending', public: true, unit: expect.objectContaining({ _id: s1._id }) })]);
    // A second tap adds nothing.
    expect(data(await add('ex-i1')).candidates).toHaveLength(1);
    expect(data(await t.call('workboard', 'pursuitOptions', { pursuitId: p._id }, DET_ADMIN)).items.map((o) => o.name)).toEqual(['天山特勤站']);
    // Outcomes wait for the nomination deadline.
    expect(await t.call('workboard', 'setPursuitOutcome', { pursuitId: p._id, exemplarId: 'ex-i1', outcome: 'awarded' }, DET_ADMIN)).toMatchObject({ ok: false, error: { reason: 'pursuit_window_open' } });
    // Readers of the detachment see it; the station's editor does not (its subtree does not hold the detachment).
    expect(data(await t.call('workboard', 'pursuit', { id: p._id }, REVIEWER))).toMatchObject({ canManage: false, candidateCount: 1 });
    expect(await t.call('workboard', 'pursuit', { id: p._id }, EDITOR)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await t.call('workboard', 'addPursuitCandidate', { pursuitId: p._id, exemplarId: 'ex-c1' }, OTHER_DET_ADMIN)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope' } });
    const removed = data(await t.call('workboard', 'removePursuitCandidate', { pursuitId: p._id, exemplarId: 'ex-i1' }, DET_ADMIN));
    expect(removed.candidates).toEqual([]);
  });
});

describe('outcomes', () => {
  const state = () => ({ exemplars: all<Exemplar>('exemplars'), honors: all<Honor>('honors'), placements: all<MediaPlacement>('placements'), units: all<Unit>('units') });
  const withoutTime = ({ updatedAt: _at, ...figures }: HonoursWallView) => figures;
  const wall = async (): Promise<HonoursWallView> => data(await t.call('content', 'honoursWall', {}, 'reader-1'));
  const profileHonours = async (id: string) => data(await t.call('content', 'profile', { id }, 'reader-1')).honorGroups.flatMap((g) => g.honors.map((h) => `${g.level}:${h.title}`));

  it('已获评 writes the honour once (retry and double tap included): profile, honorCount and the honours wall follow, in step with an independent count', async () => {
    const p = await makePursuit(ADMIN, corps._id, -3, { name: '新疆青年五四奖章集体（争创）' });
    data(await t.call('workboard', 'addPursuitCandidate', { pursuitId: p._id, exemplarId: 'ex-c1' }, ADMIN));
    const wallBefore = await wall();
    const regionalBefore = wallBefore.honoured.find((b) => b.band === 'regional');
    const set = () => t.call('workboard', 'setPursuitOutcome', { pursuitId: p._id, exemplarId: 'ex-c1', outcome: 'awarded' }, ADMIN);
    // A double tap: two calls at once.
    const [a, b] = await Promise.all([set(), set()]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    // And a retry later.
    const view = data(await set());
    expect(view.candidates[0]).toMatchObject({ outcome: 'awarded', awardedOn: p.resultOn <= view.today ? p.resultOn : view.today, decidedBy: expect.objectContaining({ name: expect.any(String) }) });

    const written = all<Honor>('honors').filter((h) => h.exemplarId === 'ex-c1' && h.title === '新疆青年五四奖章集体（争创）');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 'regional', awardedBy: '共青团新疆维吾尔自治区委员会' });
    expect(written[0]?._id).toMatch(/^hn-pu-[0-9a-f]{32}$/);
    expect(all<Exemplar>('exemplars').find((e) => e._id === 'ex-c1')?.honorCount).toBe(2);
    expect(all<AuditEntry>('audit').filter((e) => e.subject.id === p._id && e.action === 'pursuit.outcome.awarded')).toHaveLength(1);

    expect(await profileHonours('ex-c1')).toContain('regional:新疆青年五四奖章集体（争创）');
    const wallAfter = await wall();
    expect(wallAfter.awards).toBe(wallBefore.awards + 1);
    expect(wallAfter.honoured.find((x) => x.band === 'regional')?.collectives).toBe((regionalBefore?.collectives ?? 0) + 1);
    expect(withoutTime(wallAfter)).toEqual(independentWall(state()));

    // The honour carries the name, level and awarding body: they stay while the award stands.
    const edit = await t.call('workboard', 'savePursuit', { id: p._id, unitId: corps._id, name: '改名', level: 'regional', awardedBy: p.awardedBy, opensOn: p.opensOn, nominationDeadline: p.nominationDeadline, resultOn: p.resultOn, keyDates: [], note: '' }, ADMIN);
    expect(edit).toMatchObject({ ok: false, error: { reason: 'pursuit_has_awards' } });
    expect(await t.call('workboard', 'removePursuitCandidate', { pursuitId: p._id, exemplarId: 'ex-c1' }, ADMIN)).toMatchObject({ ok: false, error: { reason: 'candidate_awarded' } });

    // Reverting removes that honour the same way, and the figures go back.
    const reverted = data(await t.call('workboard', 'setPursuitOutcome', { pursuitId: p._id, exemplarId: 'ex-c1', outcome: 'not_awarded' }, ADMIN));
    expect(reverted.candidates[0]).toMatchObject({ outcome: 'not_awarded', awardedOn: null });
    expect(all<Honor>('honors').filter((h) => h.exemplarId === 'ex-c1')).toHaveLength(1);
    expect(all<Exemplar>('exemplars').find((e) => e._id === 'ex-c1')?.honorCount).toBe(1);
    expect(await profileHonours('ex-c1')).not.toContain('regional:新疆青年五四奖章集体（争创）');
    const wallBack = await wall();
    expect(wallBack.awards).toBe(wallBefore.awards);
    expect(withoutTime(wallBack)).toEqual(independentWall(state()));
  });
});

describe('deadlines', () => {
  it('lists the dates within 30 days of the caller’s subtrees, soonest first, and counts them on the admin’s 工作台', async () => {
    const soon = await makePursuit(ADMIN, corps._id, 6, { name: '全国青年岗位能手', keyDates: [{ label: '总队党委书记向团中央汇报', date: day(4) }] });
    await makePursuit(ADMIN, corps._id, 90, { name: '远期项目', keyDates: [] });
    const mine = data(await t.call('workboard', 'pursuitDeadlines', {}, ADMIN));
    const ofSoon = mine.items.filter((d) => d.pursuitId === soon._id);
    expect(ofSoon.map((d) => [d.label, d.daysLeft])).toEqual([
      ['总队党委书记向团中央汇报', 4],
      ['推荐截止', 6],
      ['结果公布', 26],
    ]);
    expect(mine.items.some((d) => d.pursuitName === '远期项目')).toBe(false);
    expect(mine.items.map((d) => d.daysLeft)).toEqual([...mine.items.map((d) => d.daysLeft)].sort((x, y) => x - y));
    // The detachment's admin reads only its subtree: the corps' pursuits are not theirs.
    const det = data(await t.call('workboard', 'pursuitDeadlines', {}, DET_ADMIN));
    expect(det.items.every((d) => d.unit?._id === d1._id)).toBe(true);
    expect(await t.call('workboard', 'pursuitDeadlines', {}, 'reader-1')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const todo = data(await t.call('identity', 'todo', {}, ADMIN));
    expect(todo.counts.pursuit_deadline).toBe(mine.items.length);
    expect(todo.items.filter((i) => i.kind === 'pursuit_deadline').length).toBeGreaterThan(0);
  });

  it('the list shows one year of the caller’s subtrees, by nomination deadline', async () => {
    const year = Number(day(0).slice(0, 4));
    const list = data(await t.call('workboard', 'pursuits', { year }, ADMIN));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.map((p) => p.nominationDeadline)).toEqual([...list.items.map((p) => p.nominationDeadline)].sort());
    expect(list.canCreate.map((u) => u._id)).toEqual([corps._id]);
    const det = data(await t.call('workboard', 'pursuits', { year }, REVIEWER));
    expect(det.items.every((p) => p.unit?._id === d1._id)).toBe(true);
    expect(det.canCreate).toEqual([]);
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
