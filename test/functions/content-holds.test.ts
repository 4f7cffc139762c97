/**
 * Readers see only images that passed WeChat's image check (issue 8, item 11), through the real
 * wx-server-sdk against the local cloud in strict index mode. Every reader-facing image — feed and
 * campaign covers, a story's cover and inline images, exemplar photos on cards and profiles, the
 * covers on "my likes" — is withheld while its upload record says the check is pending or under
 * review, never shown once it was found risky (and removed), and shown once it passed. A file
 * without a record was imported with the deployment (seed data) and is shown.
 *
 * How a withheld image looks to a reader: a cover or photo is `null` (the page draws its
 * placeholder), and an inline image block is left out of the story's blocks, exactly like an
 * image whose file no longer resolves (renderBlocks): the story reads on without it.
 */
import { createHash } from 'node:crypto';
import type { ImageCheckState, StoryCard } from '@contract';
import { fileKey } from '../../cloudfunctions/src/lib/files';
import { localFileId } from '../../emulator/env';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { campaign, docs, exemplar, NOW, png, story, unit, uploadRecord } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const station = unit('u-st', 'station', corps, 1);

/** Storage paths; each file is in storage, so only its record can hide it. */
const files = {
  heldCover: 'uploads/o-editor/held-cover.png',
  heldInline: 'uploads/o-editor/held-inline.png',
  reviewCover: 'uploads/o-editor/review-cover.png',
  riskyCover: 'uploads/o-editor/risky-cover.png',
  importedCover: 'seed/imported-cover.png',
  campaignCover: 'uploads/o-admin/campaign-cover.png',
  photo: 'uploads/o-editor/photo.png',
} as const;
const id = (k: keyof typeof files) => localFileId(files[k]);
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const held = story('s-held', station, {
  publishedAt: NOW,
  cover: id('heldCover'),
  campaignId: 'c-held',
  blocks: [
    { type: 'paragraph', spans: [{ text: '出警之前' }] },
    { type: 'image', file: id('heldInline'), width: 4, height: 4, caption: '现场' },
    { type: 'paragraph', spans: [{ text: '出警之后' }] },
  ],
});
const underReview = story('s-review', station, { publishedAt: NOW - 1000, cover: id('reviewCover') });
const risky = story('s-risky', station, { publishedAt: NOW - 2000, cover: id('riskyCover') });
const imported = story('s-imported', station, { publishedAt: NOW - 3000, cover: id('importedCover') });
const heldCampaign = campaign('c-held', 1, { cover: id('campaignCover'), storyCount: 1 }); // readers see only campaigns with a published story
const pictured = exemplar('e-pictured', station, { photo: id('photo'), rank: 10 });

let t: TestCloud;
let db: ReturnType<typeof import('wx-server-sdk')['database']>;

beforeAll(async () => {
  t = await startTestCloud('content-holds', (backend, storage) => {
    Object.values(files).forEach((path, i) => storage.put(path, png(10 + i * 20)));
    backend.insertMany('units', docs([corps, station]));
    backend.insertMany('stories', docs([held, underReview, risky, imported]));
    backend.insertMany('campaigns', docs([heldCampaign]));
    backend.insertMany('exemplars', docs([pictured]));
    backend.insertMany(
      'files',
      docs([
        uploadRecord(id('heldCover'), 'o-editor', 'story', 'pending'),
        uploadRecord(id('heldInline'), 'o-editor', 'story', 'pending'),
        uploadRecord(id('reviewCover'), 'o-editor', 'story', 'review'),
        uploadRecord(id('riskyCover'), 'o-editor', 'story', 'risky', { removedAt: NOW - 100 }),
        uploadRecord(id('campaignCover'), 'o-admin', 'story', 'pending'),
        uploadRecord(id('photo'), 'o-editor', 'photo', 'pending'),
      ]),
    );
  });
  Object.assign(process.env, t.cloud.sdkEnv());
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  db = sdk.database();
});

afterAll(async () => {
  await t?.stop();
});

/** WeChat's verdict arrives (what media-check's event writes on the record). */
async function settle(key: keyof typeof files, check: ImageCheckState): Promise<void> {
  await db.collection('files').doc(fileKey(sha, id(key))).update({ data: { check, checkDecidedAt: NOW } });
}

async function covers(): Promise<Map<string, string | null>> {
  const page = data(await t.call('content', 'feed', { cursor: null, limit: 10 }));
  return new Map(page.items.map((c: StoryCard) => [c._id, c.cover]));
}

async function loads(url: string | null | undefined): Promise<boolean> {
  if (!url) return false;
  return (await fetch(url)).status === 200;
}

const readerSees = async () => {
  const detail = data(await t.call('content', 'story', { id: held._id }));
  const campaignFeed = data(await t.call('content', 'campaignFeed', { campaignId: heldCampaign._id, cursor: null }));
  const campaigns = data(await t.call('content', 'campaigns', {}));
  const library = data(await t.call('content', 'exemplars', { tier: 'major', cursor: null }));
  const profile = data(await t.call('content', 'profile', { id: pictured._id }));
  const myLikes = data(await t.call('engagement', 'myLikes', {}, 'o-fan'));
  return {
    feed: await covers(),
    detail,
    campaignCard: campaignFeed.campaign.cover,
    campaignFeedCover: campaignFeed.items.find((c) => c._id === held._id)?.cover,
    campaignsCover: campaigns.items.find((c) => c._id === heldCampaign._id)?.cover,
    libraryPhoto: library.items.find((e) => e._id === pictured._id)?.photo,
    profilePhoto: profile.photo,
    likedCover: myLikes.items.find((c) => c._id === held._id)?.cover,
  };
};

it('withholds images whose check is pending from every reader view, and shows imported files', async () => {
  data(await t.call('engagement', 'setLike', { target: { kind: 'story', id: held._id }, liked: true }, 'o-fan'));
  const seen = await readerSees();
  expect(seen.feed.get(held._id)).toBeNull();
  expect(seen.detail.cover).toBeNull();
  // The held inline image is left out; the text around it stays, in order.
  expect(seen.detail.blocks).toEqual([
    { type: 'paragraph', spans: [{ text: '出警之前' }] },
    { type: 'paragraph', spans: [{ text: '出警之后' }] },
  ]);
  expect(seen.campaignCard).toBeNull();
  expect(seen.campaignFeedCover).toBeNull();
  expect(seen.campaignsCover).toBeNull();
  expect(seen.libraryPhoto).toBeNull();
  expect(seen.profilePhoto).toBeNull();
  expect(seen.likedCover).toBeNull();
  // No upload record: the deployment imported it, so readers see it.
  expect(await loads(seen.feed.get(imported._id))).toBe(true);
});

it('never shows an image under review or found risky, even though the file is still in storage', async () => {
  const feed = await covers();
  expect(feed.get(underReview._id)).toBeNull();
  expect(feed.get(risky._id)).toBeNull();
  // Every story is still listed: only the image is withheld, not the story.
  expect([...feed.keys()].sort()).toEqual([held._id, imported._id, risky._id, underReview._id].sort());
});

it('shows the images once their check passed, everywhere', async () => {
  for (const key of ['heldCover', 'heldInline', 'campaignCover', 'photo'] as const) await settle(key, 'pass');
  const seen = await readerSees();
  expect(await loads(seen.feed.get(held._id))).toBe(true);
  expect(await loads(seen.detail.cover)).toBe(true);
  const image = seen.detail.blocks[1];
  expect(image).toMatchObject({ type: 'image', width: 4, height: 4, caption: '现场' });
  expect(await loads((image as { url?: string }).url)).toBe(true);
  expect(await loads(seen.campaignCard)).toBe(true);
  expect(await loads(seen.campaignFeedCover)).toBe(true);
  expect(await loads(seen.campaignsCover)).toBe(true);
  expect(await loads(seen.libraryPhoto)).toBe(true);
  expect(await loads(seen.profilePhoto)).toBe(true);
  expect(await loads(seen.likedCover)).toBe(true);
  // What stays held stays held.
  const feed = await covers();
  expect(feed.get(underReview._id)).toBeNull();
  expect(feed.get(risky._id)).toBeNull();
});

it('every query was served by a declared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
