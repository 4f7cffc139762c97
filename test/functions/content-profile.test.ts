/**
 * What readers find around a profile and a story, through the real wx-server-sdk against the
 * local cloud in strict index mode: the library's unit filter with its counts, a profile's
 * stories paged on, a station's members, the stories related to a story, and a profile's poster
 * code read back from its scan.
 */
import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { PAGE_SIZE } from '@contract';
import type { Exemplar, ExemplarCard, LibraryUnitsView, RequestOf, StoryCard } from '@contract';
import { countsOf, summaryAfter, WALL_SUMMARY_ID } from '../../cloudfunctions/src/domain/honours-wall';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { byNewest, campaign, consentOf, docs, exemplar, grant, NOW, story, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const north = unit('u-north', 'detachment', corps, 1);
const northBat = unit('u-north-b1', 'battalion', north, 2);
const northSt = unit('u-north-st', 'station', northBat, 3);
const northSt2 = unit('u-north-st2', 'station', north, 4);
const south = unit('u-south', 'detachment', corps, 5);
const southSt = unit('u-south-st', 'station', south, 6);
const empty = unit('u-empty', 'detachment', corps, 7);
const UNITS = [corps, north, northBat, northSt, northSt2, south, southSt, empty];

const person = (id: string, at: typeof corps, over: Partial<Exemplar> = {}) => exemplar(id, at, { kind: 'individual', consent: consentOf(`典型${id}`), ...over });

/** The station whose profile this is, and its people: public ones in both libraries, and the ones readers never see. */
const station = exemplar('st-north', northSt, { rank: 500, category: 'rescue' });
const members = [
  person('m-a', northSt, { rank: 90, category: 'rescue' }),
  person('m-b', northSt, { rank: 80, tier: 'reserve', category: 'law' }),
  person('m-c', northSt, { rank: 80, category: 'rescue' }),
  person('m-d', northSt, { rank: 70, tier: 'reserve', category: 'political' }),
  person('m-e', northSt, { rank: 60, category: 'logistics' }),
];
const hiddenMember = person('m-hidden', northSt, { rank: 95, consent: null });
const renamedMember = person('m-renamed', northSt, { rank: 94, consent: consentOf('改名前') });
const retiredMember = person('m-retired', northSt, { rank: 93, tier: 'retired' });
const draftMember = person('m-draft', northSt, { rank: 92, state: 'draft' });
const others = [
  person('p-st2', northSt2, { rank: 40, category: 'law' }),
  exemplar('c-bat', northBat, { rank: 300, tier: 'reserve', category: 'political' }),
  exemplar('c-south', southSt, { rank: 200, tier: 'reserve', category: 'political' }),
  person('p-south', southSt, { rank: 20, category: 'rescue' }),
];
const EXEMPLARS = [station, ...members, hiddenMember, renamedMember, retiredMember, draftMember, ...others];
const isPublic = (e: Exemplar) => e.state === 'published' && (e.kind === 'collective' || e.consent?.name === e.name);

const drive = campaign('k-drive', 1);
const other = campaign('k-other', 2);
/** The station's stories: more than a profile's first page, with ties in publishedAt. */
const stationStories = Array.from({ length: PAGE_SIZE.profileStories + 5 }, (_, i) =>
  story(`ss${String(i).padStart(2, '0')}`, northSt, { exemplarIds: ['st-north'], publishedAt: NOW - 100_000 - Math.floor(i / 2) * 1000 }),
);
const stationDraft = story('ss-draft', northSt, { exemplarIds: ['st-north'], state: 'draft', publishedAt: null });
const stationGone = story('ss-gone', northSt, { exemplarIds: ['st-north'], state: 'withdrawn', publishedAt: NOW });

/** The story whose end shows related ones: about m-a and the hidden person, in a campaign, at the south station. */
const main = story('r-main', southSt, { exemplarIds: ['m-a', 'm-hidden'], campaignId: 'k-drive', publishedAt: NOW - 50_000 });
const related = [
  story('r-person-1', northSt2, { exemplarIds: ['m-a'], publishedAt: NOW - 10_000 }),
  story('r-person-2', northSt2, { exemplarIds: ['m-a'], publishedAt: NOW - 20_000 }),
  story('r-person-draft', northSt2, { exemplarIds: ['m-a'], state: 'draft', publishedAt: null }),
  story('r-person-gone', northSt2, { exemplarIds: ['m-a'], state: 'withdrawn', publishedAt: NOW }),
  story('r-campaign-1', northSt2, { campaignId: 'k-drive', publishedAt: NOW - 5_000 }),
  story('r-unit-1', southSt, { campaignId: 'k-other', publishedAt: NOW - 1_000 }),
  story('r-unit-2', southSt, { publishedAt: NOW - 2_000 }),
  // Related only through a person readers may not see: never offered.
  story('r-hidden-only', northSt2, { exemplarIds: ['m-hidden'], publishedAt: NOW }),
];
const lonely = story('r-lonely', unit('u-lonely', 'station', corps, 9), { publishedAt: NOW - 70_000 });

const PUBLISHER = 'o-publisher';
let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'content-profile',
    (db) => {
      db.insertMany('units', docs([...UNITS, unit('u-lonely', 'station', corps, 9)]));
      db.insertMany('exemplars', docs(EXEMPLARS));
      db.insertMany('campaigns', docs([drive, other]));
      db.insertMany('stories', docs([...stationStories, stationDraft, stationGone, main, ...related, lonely]));
      db.insertMany('honours_summary', [{ _id: WALL_SUMMARY_ID, ...summaryAfter(null, countsOf(EXEMPLARS), 1) }]);
      db.insertMany('roles', docs([grant('g-pub', PUBLISHER, 'publisher', corps._id)]));
    },
    { POSTER_ENV_VERSION: 'develop', RECONCILE_SETTLE_MS: '0' },
  );
});

afterAll(async () => {
  await t?.stop();
});

type LibraryQuery = RequestOf<'content', 'exemplars'>;

async function walk<T>(page: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const p: { items: T[]; next: string | null } = await page(cursor);
    out.push(...p.items);
    cursor = p.next;
    if (!cursor) return out;
  }
  throw new Error('the list does not end');
}

const library = (q: LibraryQuery) => walk<ExemplarCard>(async (cursor) => data(await t.call('content', 'exemplars', { ...q, cursor, limit: 50 })));
const unitsOf = async (q: RequestOf<'content', 'libraryUnits'>): Promise<LibraryUnitsView> => data(await t.call('content', 'libraryUnits', q));
const countOf = (v: LibraryUnitsView, id: string) => v.items.find((u) => u._id === id)?.count ?? 0;

describe('the library’s unit filter', () => {
  it.each<RequestOf<'content', 'libraryUnits'>>([
    { tier: 'major' },
    { tier: 'reserve' },
    { tier: 'major', kind: 'individual' },
    { tier: 'reserve', kind: 'collective' },
    { tier: 'major', category: 'rescue' },
    { tier: 'reserve', kind: 'collective', category: 'political' },
  ])('counts what the library lists in each unit’s subtree under the same filters (%o)', async (q) => {
    const view = await unitsOf(q);
    expect(view.total).toBe((await library(q)).length);
    for (const u of UNITS) {
      const listed = (await library({ ...q, unitId: u._id })).length;
      expect([u._id, countOf(view, u._id)]).toEqual([u._id, listed]);
    }
  });

  it('offers only units with someone to find, with their ancestors, in tree order, named and nested', async () => {
    const view = await unitsOf({ tier: 'major' });
    expect(view.items.map((u) => u._id)).toEqual(['u-corps', 'u-north', 'u-north-b1', 'u-north-st', 'u-north-st2', 'u-south', 'u-south-st']);
    expect(view.items[3]).toEqual({ _id: 'u-north-st', name: northSt.name, shortName: 'u-north-st', level: 'station', parentId: 'u-north-b1', count: 4 });
    // A battalion with no major exemplar of its own still leads to its station's.
    expect(countOf(view, 'u-north-b1')).toBe(4);
    expect(view.items.some((u) => u._id === 'u-empty')).toBe(false);
  });

  it('never counts a person readers cannot see, a draft, or a retired exemplar', async () => {
    const view = await unitsOf({ tier: 'major', kind: 'individual' });
    const shown = EXEMPLARS.filter((e) => isPublic(e) && e.tier === 'major' && e.kind === 'individual' && e.unitPath.includes('u-north-st'));
    expect(countOf(view, 'u-north-st')).toBe(shown.length);
    expect(shown.map((e) => e._id).sort()).toEqual(['m-a', 'm-c', 'm-e']);
  });

  it('a library decision moves the counts in its own transaction', async () => {
    const before = await unitsOf({ tier: 'major' });
    data(await t.call('library', 'changeTier', { exemplarId: 'c-south', change: 'promote', reason: '年度评审晋升' }, PUBLISHER));
    const after = await unitsOf({ tier: 'major' });
    expect([countOf(after, 'u-south-st'), countOf(after, 'u-south'), countOf(after, 'u-corps')]).toEqual([
      countOf(before, 'u-south-st') + 1,
      countOf(before, 'u-south') + 1,
      countOf(before, 'u-corps') + 1,
    ]);
    expect(countOf(after, 'u-south')).toBe((await library({ tier: 'major', unitId: 'u-south' })).length);
    data(await t.call('library', 'changeTier', { exemplarId: 'c-south', change: 'demote', reason: '复核调整' }, PUBLISHER));
    expect(await unitsOf({ tier: 'major' })).toEqual(before);
  });

  it('before the figures exist the tree comes without counts, and the reconcile timer builds them', async () => {
    const counted = await unitsOf({ tier: 'reserve' });
    // A summary written before the section existed.
    t.cloud.db.patch('honours_summary', WALL_SUMMARY_ID, { libraryUnits: undefined });
    const uncounted = await unitsOf({ tier: 'reserve' });
    expect(uncounted.total).toBeNull();
    expect(uncounted.items.map((u) => [u._id, u.count])).toEqual([...UNITS, unit('u-lonely', 'station', corps, 9)].map((u) => [u._id, null]));
    const run = (await t.cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString() })) as { ok: boolean; data: { wall: { summary: string } } };
    expect(run.data.wall.summary).toBe('repaired');
    expect(await unitsOf({ tier: 'reserve' })).toEqual(counted);
  });
});

describe('a profile’s stories', () => {
  const expected = byNewest(stationStories, (s) => s.publishedAt ?? 0).map((s) => s._id);

  it('the profile shows the first page and the cursor; paging on lists every published story once, newest first', async () => {
    const profile = data(await t.call('content', 'profile', { id: 'st-north' }));
    expect(profile.stories.map((s) => s._id)).toEqual(expected.slice(0, PAGE_SIZE.profileStories));
    expect(profile.storiesNext).toEqual(expect.any(String));
    const rest = await walk<StoryCard>(async (cursor) => data(await t.call('content', 'exemplarStories', { exemplarId: 'st-north', cursor: cursor ?? profile.storiesNext, limit: 2 })));
    expect([...profile.stories, ...rest].map((s) => s._id)).toEqual(expected);
  });

  it('pages from the start by cursor alone, never a draft or a story taken down', async () => {
    const all = await walk<StoryCard>(async (cursor) => data(await t.call('content', 'exemplarStories', { exemplarId: 'st-north', cursor, limit: 4 })));
    expect(all.map((s) => s._id)).toEqual(expected);
  });

  it('a profile with all its stories on the first page has no cursor', async () => {
    expect(data(await t.call('content', 'profile', { id: 'm-a' })).storiesNext).toBeNull();
  });

  it.each([['a person readers cannot see', 'm-hidden'], ['a draft', 'm-draft'], ['no one', 'nobody'], ['a mangled id', 'bad id!']])('%s has no stories to list (NOT_FOUND)', async (_what, id) => {
    expect(await t.call('content', 'exemplarStories', { exemplarId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a cursor this server did not issue', async () => {
    expect(await t.call('content', 'exemplarStories', { exemplarId: 'st-north', cursor: '-0_ss01' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'cursor' }] } });
  });
});

describe('a station’s members', () => {
  it('lists the station’s people in the libraries by rank, once each, never hidden, draft or retired ones', async () => {
    const all = await walk<ExemplarCard>(async (cursor) => data(await t.call('content', 'stationMembers', { exemplarId: 'st-north', cursor, limit: 2 })));
    expect(all.map((e) => e._id)).toEqual(byNewest(members, (e) => e.rank).map((e) => e._id));
    expect(all[0]).toMatchObject({ _id: 'm-a', kind: 'individual', unit: { _id: 'u-north-st', level: 'station' } });
    expect(all[0]).not.toHaveProperty('consent');
  });

  it('pages by the default size', async () => {
    const first = data(await t.call('content', 'stationMembers', { exemplarId: 'st-north' }));
    expect(first.items).toHaveLength(Math.min(PAGE_SIZE.stationMembers, members.length));
  });

  it.each([
    ['a collective of a battalion', 'c-bat'],
    ['a person', 'm-a'],
    ['a person readers cannot see', 'm-hidden'],
    ['no one', 'nobody'],
  ])('%s is no station (NOT_FOUND)', async (_what, id) => {
    expect(await t.call('content', 'stationMembers', { exemplarId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('related stories', () => {
  it('offers the same person’s, then the campaign’s, then the unit’s, newest first, a few, never itself, drafts or stories taken down', async () => {
    const { items } = data(await t.call('content', 'related', { storyId: 'r-main' }));
    expect(items.map((s) => s._id)).toEqual(['r-person-1', 'r-person-2', 'r-campaign-1', 'r-unit-1']);
  });

  it('relates nothing through a person readers cannot see, nor names them on a card', async () => {
    const { items } = data(await t.call('content', 'related', { storyId: 'r-main' }));
    expect(items.map((s) => s._id)).not.toContain('r-hidden-only');
    for (const s of items) expect(s.exemplars.map((e) => e._id)).not.toContain('m-hidden');
  });

  it('a story with nothing related answers an empty list', async () => {
    expect(data(await t.call('content', 'related', { storyId: 'r-lonely' }))).toEqual({ items: [] });
  });

  it.each(['r-person-draft', 'r-person-gone', 'nope', 'bad id!'])('a story readers cannot open (%s) has no end to show them at (NOT_FOUND)', async (id) => {
    expect(await t.call('content', 'related', { storyId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('a profile’s poster code', () => {
  const code = (id: string) => createHash('sha256').update(`profile-poster:${id}`, 'utf8').digest('hex').slice(0, 16);
  function decode(png: Buffer): string | null {
    const img = PNG.sync.read(png);
    return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
  }

  it('draws the profile page’s code once, with a short code as scene, and the code reads back as the profile', async () => {
    const before = t.cloud.openapiLog().length;
    const first = data(await t.call('engagement', 'posterCode', { exemplarId: 'st-north' }, 'o-poster'));
    expect(first).toMatchObject({ scene: code('st-north'), page: 'pages/profile/index' });
    const res = await fetch(first.url);
    expect(decode(Buffer.from(await res.arrayBuffer()))).toBe(`pages/profile/index?scene=${code('st-north')}`);
    const second = data(await t.call('engagement', 'posterCode', { exemplarId: 'st-north' }, 'o-other'));
    expect(second.scene).toBe(first.scene);
    const calls = t.cloud.openapiLog().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ api: 'wxacode.getUnlimited', request: { scene: code('st-north'), page: 'pages/profile/index', check_path: false, env_version: 'develop' } });
    expect(data(await t.call('content', 'resolveProfileCode', { code: first.scene }))).toEqual({ exemplarId: 'st-north' });
  });

  it('a code of a profile whose consent was withdrawn since, or an unknown code, resolves to nothing', async () => {
    const scene = data(await t.call('engagement', 'posterCode', { exemplarId: 'm-e' }, 'o-poster')).scene;
    expect(data(await t.call('content', 'resolveProfileCode', { code: scene }))).toEqual({ exemplarId: 'm-e' });
    t.cloud.db.patch('exemplars', 'm-e', { consent: null });
    try {
      for (const c of [scene, '0123456789abcdef', 'NOT-A-CODE']) {
        expect(await t.call('content', 'resolveProfileCode', { code: c })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
    } finally {
      t.cloud.db.patch('exemplars', 'm-e', { consent: consentOf('典型m-e') });
    }
  });

  it('refuses a profile readers cannot see without calling WeChat, and asks for exactly one of a story and a profile', async () => {
    const before = t.cloud.openapiLog().length;
    for (const id of ['m-hidden', 'm-draft', 'nobody']) {
      expect(await t.call('engagement', 'posterCode', { exemplarId: id }, 'o-poster')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(t.cloud.openapiLog().length).toBe(before);
    for (const bad of [{}, { storyId: 'r-main', exemplarId: 'st-north' }]) {
      expect(await t.raw('engagement', { action: 'posterCode', data: bad }, 'o-poster')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });

  it('a busy WeChat answers UNAVAILABLE and records nothing', async () => {
    t.cloud.faults.failOpenApi('wxacode.getUnlimited', -1, 'system error', 1);
    expect(await t.call('engagement', 'posterCode', { exemplarId: 'm-a' }, 'o-poster')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(t.cloud.db.findById('profile_codes', code('m-a'))).toBeNull();
    expect(data(await t.call('engagement', 'posterCode', { exemplarId: 'm-a' }, 'o-poster')).scene).toBe(code('m-a'));
  });
});

it('every query was served by a declared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
