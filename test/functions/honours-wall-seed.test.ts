/**
 * The honours wall on the demo data, through the real wx-server-sdk on the local cloud (strict
 * indexes): every figure equals an independent count made here from the seeded documents, and
 * the list behind each figure holds exactly the exemplars (or placements) the figure counts.
 */
import type { Exemplar, ExemplarCard, HonourBand, Page, PlacementCard } from '@contract';
import { buildDemoDocuments, DEFAULT_SEED_NOW, seedDemo } from '../../emulator/seed';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { independentHonoured, independentWall, type WallDocs } from './honours-independent';

const DEMO = buildDemoDocuments(DEFAULT_SEED_NOW);
const DOCS: WallDocs = { exemplars: DEMO.exemplars, honors: DEMO.honors, placements: DEMO.placements, units: DEMO.units };

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('honours-seed', (db, storage) => seedDemo(db, storage));
});

afterAll(async () => {
  await t?.stop();
});

async function allHonoured(req: { band: HonourBand; since?: number; year?: number; kind?: Exemplar['kind']; unitId?: string }): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<ExemplarCard> = data(await t.call('content', 'honoured', { ...req, cursor, limit: 7 }));
    ids.push(...page.items.map((e) => e._id));
    cursor = page.next;
    if (!cursor) break;
  }
  return ids;
}

async function allPlacements(req: { since?: number; year?: number; level?: PlacementCard['level']; outlet?: string }): Promise<PlacementCard[]> {
  const items: PlacementCard[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 40; i++) {
    const page: Page<PlacementCard> = data(await t.call('content', 'placements', { ...req, cursor, limit: 9 }));
    items.push(...page.items);
    cursor = page.next;
    if (!cursor) break;
  }
  return items;
}

it('the demo has something to show on every part of the wall', () => {
  const v = independentWall(DOCS, 2022);
  expect(v.honoured.find((b) => b.band === 'national_regional')!.individuals).toBeGreaterThan(0);
  expect(v.honoured.find((b) => b.band === 'merit')!.collectives).toBeGreaterThan(0);
  expect(v.placements.total).toBeGreaterThan(50);
  expect(new Set(v.placements.byLevel.filter((l) => l.n > 0).map((l) => l.level)).size).toBe(4);
  // Some honours and placements belong to exemplars the public does not see: the wall must leave them out.
  const hidden = DEMO.exemplars.filter((e) => e.state !== 'published').map((e) => e._id);
  expect(DEMO.honors.some((h) => hidden.includes(h.exemplarId))).toBe(true);
});

it.each([undefined, 2022, 2023, 2024, 2025])('every figure since %s equals an independent count of the seeded documents', async (since) => {
  const v = data(await t.call('content', 'honoursWall', since === undefined ? {} : { since }));
  const { updatedAt, ...figures } = v;
  expect(figures).toEqual(independentWall(DOCS, since));
  expect(updatedAt).toBe(DEFAULT_SEED_NOW);
});

it('a reader needs no sign-in to see the wall', async () => {
  const res = await t.raw('content', { action: 'honoursWall', data: {} }, '');
  expect(res).toMatchObject({ ok: true });
});

it.each([
  ['national_regional', 'collective'],
  ['national_regional', 'individual'],
  ['prefecture', 'individual'],
  ['merit', 'collective'],
  ['any', undefined],
] as const)('the list behind %s (%s) since 2022 holds exactly the exemplars the figure counts', async (band, kind) => {
  const v = data(await t.call('content', 'honoursWall', { since: 2022 }));
  const figure = v.honoured.find((b) => b.band === band)!;
  const listed = await allHonoured({ band, since: 2022, ...(kind ? { kind } : {}) });
  expect(listed.length).toBe(kind === 'collective' ? figure.collectives : kind === 'individual' ? figure.individuals : figure.individuals + figure.collectives);
  expect(new Set(listed).size).toBe(listed.length);
  expect([...listed].sort()).toEqual(independentHonoured(DOCS, band, 2022, kind));
});

it('the list behind a year’s bar holds the exemplars honoured at that level that year', async () => {
  const v = data(await t.call('content', 'honoursWall', {}));
  const year = v.byYear.find((y) => y.levels.some((l) => l.level === 'regional' && l.individuals > 0))!;
  const bar = year.levels.find((l) => l.level === 'regional')!;
  const listed = await allHonoured({ band: 'regional', year: year.year, kind: 'individual' });
  expect(listed.length).toBe(bar.individuals);
});

it('the list behind a detachment’s bar holds the honoured exemplars of its subtree', async () => {
  const v = data(await t.call('content', 'honoursWall', { since: 2022 }));
  const top = v.units.detachments[0]!;
  const listed = await allHonoured({ band: 'any', since: 2022, unitId: top.unit._id });
  expect(listed.length).toBe(top.exemplars);
  expect([...listed].sort()).toEqual(independentHonoured(DOCS, 'any', 2022, undefined, top.unit._id));
});

it('the lists behind the placement figures hold exactly the placements counted, newest first', async () => {
  const v = data(await t.call('content', 'honoursWall', { since: 2023 }));
  const all = await allPlacements({ since: 2023 });
  expect(all.length).toBe(v.placements.total);
  expect(all.every((p) => p.exemplar !== null && p.date >= '2023-01-01')).toBe(true);
  const days = all.map((p) => p.date);
  expect(days).toEqual([...days].sort().reverse());
  const central = v.placements.byLevel.find((l) => l.level === 'central')!;
  expect((await allPlacements({ since: 2023, level: 'central' })).length).toBe(central.n);
  const outlet = v.placements.outlets[0]!;
  const ofOutlet = await allPlacements({ since: 2023, outlet: outlet.outlet });
  expect([ofOutlet.length, ofOutlet.every((p) => p.outlet === outlet.outlet)]).toEqual([outlet.n, true]);
  const year = v.placements.byYear[0]!;
  expect((await allPlacements({ year: year.year })).length).toBe(year.n);
});

it('a list request names exactly one of year and since', async () => {
  const res = await t.call('content', 'honoured', { band: 'any' });
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  const both = await t.call('content', 'placements', { year: 2023, since: 2022 });
  expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
});

it('every query was served by a declared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
