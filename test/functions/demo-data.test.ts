/**
 * The content and identity functions over the whole demo data set (emulator/seed), the data a
 * developer sees: every list walks completely, every visible thing opens, nothing hidden
 * leaks, and no query needs an index we did not declare.
 */
import { PAGE_SIZE } from '@contract';
import type { Exemplar, Story } from '@contract';
import { cloudPathOf } from '../../emulator/env';
import { buildDemoData, buildDemoDocuments, DEFAULT_SEED_NOW, DEV_ADMIN_OPENIDS } from '../../emulator/seed';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { byNewest, png } from './fixtures';

const demo = buildDemoDocuments(DEFAULT_SEED_NOW);
const isPublicExemplar = (e: Exemplar) => e.state === 'published' && (e.kind === 'collective' || e.consent !== null);
const isPublicStory = (s: Story) => s.state === 'published' && s.publishedAt !== null;

/**
 * Every media file the documents reference. The demo's drawn illustrations are replaced by a
 * tiny PNG per path: under jest's transform drawing them takes minutes, and these tests are
 * about which files resolve, not what they show.
 */
function referencedPaths(): string[] {
  const ids = [
    ...demo.stories.flatMap((s) => [s.cover, ...s.blocks.map((b) => (b.type === 'image' ? b.file : null))]),
    ...demo.exemplars.map((e) => e.photo),
    ...demo.campaigns.map((c) => c.cover),
  ];
  return [...new Set(ids.flatMap((id) => (id ? [cloudPathOf(id)] : [])))].flatMap((p) => (p ? [p] : []));
}

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'demo',
    (db, storage) => {
      // Every collection the seed fills, under its collection name (as seedDemo writes them).
      for (const [name, items] of Object.entries(buildDemoData(DEFAULT_SEED_NOW).collections)) db.insertMany(name, items);
      const image = png(128);
      for (const p of referencedPaths()) storage.put(p, image);
    },
    { ADMIN_OPENIDS: DEV_ADMIN_OPENIDS.join(',') },
  );
});

afterAll(async () => {
  await t?.stop();
});

async function walk<T extends { _id: string }>(page: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const p = await page(cursor);
    ids.push(...p.items.map((i) => i._id));
    cursor = p.next;
  } while (cursor);
  return ids;
}

describe('over the demo data', () => {
  it('references media the seed actually provides', () => {
    expect(referencedPaths().length).toBeGreaterThan(10);
  });

  it('the feed walks every published story once, newest first', async () => {
    const expected = byNewest(demo.stories.filter(isPublicStory), (s) => s.publishedAt ?? 0).map((s) => s._id);
    expect(expected.length).toBeGreaterThan(PAGE_SIZE.feed);
    const ids = await walk((cursor) => t.call('content', 'feed', { cursor }).then(data));
    expect(ids).toEqual(expected);
  });

  it('both libraries list exactly their public exemplars by rank', async () => {
    for (const tier of ['major', 'reserve'] as const) {
      const expected = byNewest(demo.exemplars.filter((e) => e.tier === tier && isPublicExemplar(e)), (e) => e.rank).map((e) => e._id);
      expect(expected.length).toBeGreaterThan(0);
      const ids = await walk((cursor) => t.call('content', 'exemplars', { tier, cursor, limit: 7 }).then(data));
      expect(ids).toEqual(expected);
    }
  });

  it('every public exemplar’s profile opens, every other one is NOT_FOUND', async () => {
    for (const e of demo.exemplars) {
      const res = await t.call('content', 'profile', { id: e._id });
      if (isPublicExemplar(e)) {
        const profile = data(res);
        const honors = demo.honors.filter((h) => h.exemplarId === e._id);
        expect(profile.honorGroups.flatMap((g) => g.honors).length).toBe(honors.length);
      } else {
        expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
    }
  });

  it('every published story opens with all its images resolved; every other one is NOT_FOUND', async () => {
    for (const s of demo.stories) {
      const res = await t.call('content', 'story', { id: s._id });
      if (isPublicStory(s)) {
        const detail = data(res);
        expect(detail.blocks.filter((b) => b.type === 'image')).toHaveLength(s.blocks.filter((b) => b.type === 'image').length);
        if (s.cover) expect(detail.cover).not.toBeNull();
      } else {
        expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
    }
  });

  it('the dev admin is admin of the corps once, though both the grant and ADMIN_OPENIDS say so', async () => {
    const me = data(await t.call('identity', 'me', {}, 'dev-admin'));
    expect(me.roles.filter((r) => r.role === 'admin')).toHaveLength(1);
    expect(me.roles[0]?.unit.level).toBe('corps');
    const reader = data(await t.call('identity', 'me', {}, 'dev-reader'));
    expect(reader.reader).toBe(true);
  });

  it('needs no undeclared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
