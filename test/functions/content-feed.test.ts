/**
 * The feed, campaign feeds and story detail, through the real wx-server-sdk against the local
 * cloud in strict index mode.
 */
import { PAGE_SIZE } from '@contract';
import type { StoryCard } from '@contract';
import { localFileId } from '../../emulator/env';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { byNewest, campaign, consentOf, docs, exemplar, NOW, png, story, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const det = unit('u-det', 'detachment', corps, 1);
const station = unit('u-st', 'station', det, 2);

const coverFile = 'covers/story.png';
const campaignCoverFile = 'covers/campaign.png';
const bodyImageFile = 'story/body.png';

const collective = exemplar('e-col', station);
const consenting = exemplar('e-ind', station, { kind: 'individual', consent: consentOf('典型e-ind') });
const noConsent = exemplar('e-noconsent', station, { kind: 'individual', consent: null });
const draftExemplar = exemplar('e-draft', station, { state: 'draft' });

const c1 = campaign('c1', 1, { cover: localFileId(campaignCoverFile), endsAt: null, archived: false });
// Saved before periods and archiving existed: neither field (the fixture leaves them out).
const c2 = campaign('c2', 2);
/** Live, but no story published under it yet. */
const empty = campaign('c3', 3, { endsAt: null, archived: false });
/** Over: it has stories, and old share links still open its page. */
const archived = campaign('c4', 4, { endsAt: NOW - 86_400_000, archived: true });

/** 37 published stories in groups of four sharing an instant, ids deliberately not in time order. */
const published = Array.from({ length: 37 }, (_, i) =>
  story(`s${String((i * 17) % 37).padStart(2, '0')}x`, station, {
    publishedAt: NOW - Math.floor(i / 4) * 60_000,
    campaignId: i % 3 === 0 ? 'c1' : i % 3 === 1 ? 'c2' : i % 6 === 2 ? 'c4' : null,
    exemplarIds: i % 2 === 0 ? ['e-col', 'e-noconsent', 'e-ind'] : ['e-draft'],
    cover: i === 0 ? localFileId(coverFile) : null,
  }),
);
/** Not public, each placed where it would sort among the published ones. */
const hidden = [
  story('draft-a', station, { state: 'draft', publishedAt: null, campaignId: 'c1' }),
  story('review-b', station, { state: 'in_review', publishedAt: null }),
  story('withdrawn-c', station, { state: 'withdrawn', publishedAt: NOW - 60_000, campaignId: 'c1' }),
  story('returned-d', station, { state: 'returned', publishedAt: NOW }),
];
// As the review use case keeps them: the published stories filed under each campaign.
for (const c of [c1, c2, empty, archived]) c.storyCount = published.filter((s) => s.campaignId === c._id).length;
// The newest story, alone at its instant, is the one the detail and card tests read.
const detailStory = published[0]!;
detailStory.publishedAt = NOW + 60_000;
detailStory.blocks = [
  { type: 'heading', level: 2, text: '火场' },
  { type: 'image', file: localFileId(bodyImageFile), width: 750, height: 500, caption: '现场' },
  { type: 'paragraph', spans: [{ text: '他冲了进去', bold: true }] },
];
detailStory.author = '特勤站宣传员';

const expectedFeed = byNewest(published, (s) => s.publishedAt ?? 0).map((s) => s._id);

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('content-feed', (db, storage) => {
    storage.put(coverFile, png(10));
    storage.put(campaignCoverFile, png(20));
    storage.put(bodyImageFile, png(30));
    db.insertMany('units', docs([corps, det, station]));
    db.insertMany('exemplars', docs([collective, consenting, noConsent, draftExemplar]));
    db.insertMany('campaigns', docs([c1, c2, empty, archived]));
    db.insertMany('stories', docs([...published, ...hidden]));
  });
});

afterAll(async () => {
  await t?.stop();
});

async function walkFeed(limit: number, campaignId?: string): Promise<{ pages: StoryCard[][] }> {
  const pages: StoryCard[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: StoryCard[]; next: string | null } = campaignId
      ? data(await t.call('content', 'campaignFeed', { campaignId, cursor, limit }))
      : data(await t.call('content', 'feed', { cursor, limit }));
    pages.push(page.items);
    cursor = page.next;
    if (pages.length > 100) throw new Error('the feed does not end');
  } while (cursor);
  return { pages };
}

describe('feed', () => {
  it('pages walk every published story exactly once, newest first, even when publishedAt ties', async () => {
    for (const limit of [5, 4, 1]) {
      const { pages } = await walkFeed(limit);
      const ids = pages.flat().map((s) => s._id);
      expect(ids).toEqual(expectedFeed);
      expect(new Set(ids).size).toBe(ids.length);
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    }
  });

  it('answers the default page size without a limit, and the whole feed with a large one', async () => {
    const first = data(await t.call('content', 'feed', {}));
    expect(first.items.map((s) => s._id)).toEqual(expectedFeed.slice(0, PAGE_SIZE.feed));
    const all = data(await t.call('content', 'feed', { limit: 50 }));
    expect(all.items).toHaveLength(37);
    expect(all.next).toBeNull();
  });

  it('never shows drafts, stories in review, returned or withdrawn ones', async () => {
    const { pages } = await walkFeed(10);
    const ids = new Set(pages.flat().map((s) => s._id));
    for (const h of hidden) expect(ids.has(h._id)).toBe(false);
  });

  it('cards carry a loadable cover URL, the campaign, the unit, and only public exemplars', async () => {
    const page = data(await t.call('content', 'feed', { limit: 1 }));
    const card = page.items[0]!;
    expect(card._id).toBe(detailStory._id);
    expect(card.campaign).toEqual({ _id: 'c1', name: c1.name });
    expect(card.unit).toEqual({ _id: 'u-st', name: station.name, shortName: 'u-st', level: 'station' });
    expect(card.exemplars.map((e) => e._id)).toEqual(['e-col', 'e-ind']);
    expect(card.cover).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const res = await fetch(card.cover!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png(10))).toBe(true);
    expect(card).not.toHaveProperty('blocks');
    expect(card).not.toHaveProperty('unitPath');
    expect(card).not.toHaveProperty('state');
  });

  it('a story referring only to a hidden exemplar shows no exemplars', async () => {
    const all = data(await t.call('content', 'feed', { limit: 50 })).items;
    const odd = all.find((s) => s._id === published[1]!._id);
    expect(odd?.exemplars).toEqual([]);
  });

  it.each([
    ['a non-canonical number', '0017_s01x'],
    ['an impossible sort value', '9999999999999999_s01x'],
    ['garbage', 'not-a-cursor'],
    ['a number only', '12345'],
  ])('rejects a tampered cursor (%s) with INVALID_ARGUMENT on the cursor field', async (_label, cursor) => {
    const res = await t.call('content', 'feed', { cursor });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'cursor' }] } });
  });

  it('rejects a limit out of range and unknown request keys', async () => {
    await expect(t.raw('content', { action: 'feed', data: { limit: 51 } })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'limit' }] } });
    await expect(t.raw('content', { action: 'feed', data: { skip: 100 } })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('a cursor past the oldest story gives an empty last page', async () => {
    const page = data(await t.call('content', 'feed', { cursor: `${NOW - 10 * 60_000}_zzz` }));
    expect(page).toEqual({ items: [], next: null });
  });

  it('answers an unknown action with INVALID_ARGUMENT', async () => {
    await expect(t.raw('content', { action: 'deleteEverything', data: {} })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'action' }] } });
  });
});

describe('campaign feed', () => {
  it('walks exactly the campaign’s published stories in feed order, with the campaign card', async () => {
    const expected = byNewest(published.filter((s) => s.campaignId === 'c1'), (s) => s.publishedAt ?? 0).map((s) => s._id);
    const { pages } = await walkFeed(3, 'c1');
    expect(pages.flat().map((s) => s._id)).toEqual(expected);
    const first = data(await t.call('content', 'campaignFeed', { campaignId: 'c1' }));
    expect(first.campaign).toMatchObject({ _id: 'c1', name: c1.name, slug: 'c1', storyCount: c1.storyCount, endsAt: null, archived: false });
    expect(first.campaign.cover).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('is NOT_FOUND for an unknown or malformed campaign id', async () => {
    await expect(t.call('content', 'campaignFeed', { campaignId: 'c-none' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(t.call('content', 'campaignFeed', { campaignId: 'c1/../c2' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lists campaigns in their order with resolved covers', async () => {
    const res = data(await t.call('content', 'campaigns', {}));
    expect(res.items.map((c) => c._id)).toEqual(['c1', 'c2']);
    expect(res.items[0]!.cover).toMatch(/^http/);
    expect(res.items[1]!.cover).toBeNull();
  });

  it('lists for readers only campaigns with a published story that are not archived (one saved before archiving existed is live)', async () => {
    expect([empty.storyCount, archived.storyCount > 0, c2.storyCount > 0]).toEqual([0, true, true]);
    const res = data(await t.call('content', 'campaigns', {}));
    expect(res.items.map((c) => c._id)).not.toContain('c3');
    expect(res.items.map((c) => c._id)).not.toContain('c4');
    expect(res.items.find((c) => c._id === 'c2')).toMatchObject({ endsAt: null, archived: false });
  });

  it('an archived campaign’s page still opens from an old link, says it is archived, and lists its stories', async () => {
    const page = data(await t.call('content', 'campaignFeed', { campaignId: 'c4', limit: 50 }));
    expect(page.campaign).toMatchObject({ _id: 'c4', archived: true, endsAt: NOW - 86_400_000, startedAt: archived.startedAt });
    expect(page.items.map((s) => s._id).sort()).toEqual(published.filter((s) => s.campaignId === 'c4').map((s) => s._id).sort());
  });
});

describe('story detail', () => {
  it('shows a published story with its rendered body and image URLs', async () => {
    const detail = data(await t.call('content', 'story', { id: detailStory._id }));
    expect(detail.title).toBe(detailStory.title);
    expect(detail.author).toBe('特勤站宣传员');
    expect(detail.blocks).toHaveLength(3);
    const image = detail.blocks[1];
    expect(image).toMatchObject({ type: 'image', width: 750, height: 500, caption: '现场' });
    const res = await fetch((image as { url: string }).url);
    expect(Buffer.from(await res.arrayBuffer()).equals(png(30))).toBe(true);
    expect(detail.exemplars.map((e) => e._id)).toEqual(['e-col', 'e-ind']);
    expect(detail).not.toHaveProperty('unitPath');
  });

  it.each([
    ['a draft', 'draft-a'],
    ['a withdrawn story', 'withdrawn-c'],
    ['a story in review', 'review-b'],
    ['an unknown id', 'no-such-story'],
    ['a malformed id', '../../etc/passwd'],
    ['an over-long id', 'x'.repeat(65)],
  ])('is NOT_FOUND for %s, answered the same way', async (_label, id) => {
    const res = await t.call('content', 'story', { id });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('NOT_FOUND');
    expect(res.error).not.toHaveProperty('fields');
  });
});

describe('strict index mode', () => {
  it('every query the content function made was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
