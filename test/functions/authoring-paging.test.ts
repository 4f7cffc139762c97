/**
 * The authoring staff lists page by cursor on the strict local cloud: my drafts (last edited
 * first), the story review queue and the consent-check queue (oldest first, merged over every
 * subtree the caller reviews) each walk all their items exactly once — nothing silently stops at
 * 50 — and leave out what the caller must not decide (their own stories, their own uploads).
 */
import type { ConsentRecord, StoryRevision, StoryRevisionState, Unit } from '@contract';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { byNewest, docs, exemplar, grant, NOW, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-da', 'detachment', corps, 1);
const stA = unit('u-sa', 'station', detA, 1);
const detB = unit('u-db', 'detachment', corps, 2);
const stB = unit('u-sb', 'station', detB, 1);

// Times repeat every 6 items (ties across subtrees); ids are not in time order.
const time = (i: number) => NOW - 86_400_000 + (i % 6) * 1000;
const scatter = (i: number, n: number) => String((i * 37) % n).padStart(3, '0');

function revision(_id: string, at: Unit, state: StoryRevisionState, authorOpenid: string, t: number): StoryRevision {
  return {
    _id,
    revision: 1,
    version: 1,
    title: `事迹${_id}`,
    summary: '',
    cover: null,
    campaignId: null,
    exemplarIds: [],
    unitId: at._id,
    unitPath: at.path,
    author: '宣传员',
    authorOpenid,
    contributors: [authorOpenid],
    markdown: '正文',
    blocks: [{ type: 'paragraph', spans: [{ text: '正文' }] }],
    state,
    secCheck: state === 'in_review' ? 'pass' : null,
    history: state === 'in_review' ? [{ action: 'submit', by: authorOpenid, at: t, comment: '' }] : [],
    submittedAt: state === 'in_review' ? t : null,
    createdAt: t - 1000,
    updatedAt: t,
  };
}

function signedForm(recordedBy: string, name: string, t: number, verifiedBy: string | null = null): ConsentRecord {
  return { method: 'signed_form', evidence: `cloud://env.bucket/consent/${name}.png`, recordedAt: t, recordedBy, name, verifiedBy, verifiedAt: verifiedBy ? t + 1 : null };
}

// 63 drafts of editor-a (some in review), 4 of editor-b.
const drafts = Array.from({ length: 63 }, (_, i) => revision(`d-${scatter(i, 63)}`, stA, i % 5 ? 'draft' : 'returned', 'editor-a', time(i)));
const othersDrafts = Array.from({ length: 4 }, (_, i) => revision(`d-b-${i}`, stB, 'draft', 'editor-b', time(i)));
// 70 in review over both detachments, 6 written by the reviewer themself, 3 drafts (not in review).
const inReview = Array.from({ length: 70 }, (_, i) => revision(`r-${scatter(i, 70)}`, i % 2 ? stA : stB, 'in_review', 'editor-c', time(i)));
const ownInReview = Array.from({ length: 6 }, (_, i) => revision(`r-own-${i}`, stA, 'in_review', 'both-rev', time(i)));
const notInReview = Array.from({ length: 3 }, (_, i) => revision(`r-draft-${i}`, stB, 'draft', 'editor-b', time(i)));
// 61 signed forms waiting over both detachments, 5 uploaded by the reviewer, 4 already checked.
const waiting = Array.from({ length: 61 }, (_, i) => exemplar(`p-${scatter(i, 61)}`, i % 3 ? stA : stB, { kind: 'individual', name: `待核对${i}`, consent: signedForm('editor-a', `待核对${i}`, time(i)) }));
const ownForms = Array.from({ length: 5 }, (_, i) => exemplar(`p-own-${i}`, stA, { kind: 'individual', name: `本人上传${i}`, consent: signedForm('both-rev', `本人上传${i}`, time(i)) }));
const checked = Array.from({ length: 4 }, (_, i) => exemplar(`p-ok-${i}`, stB, { kind: 'individual', name: `已核对${i}`, consent: signedForm('editor-a', `已核对${i}`, time(i), 'reviewer-x') }));

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('authoring-paging', (db) => {
    db.insertMany('units', docs([corps, detA, stA, detB, stB]));
    db.insertMany(
      'roles',
      docs([
        grant('g1', 'editor-a', 'editor', 'u-sa'),
        grant('g2', 'editor-b', 'editor', 'u-sb'),
        grant('g3', 'reviewer-a', 'reviewer', 'u-da'),
        // Nested grants: every item of detA is in two of this reviewer's subtrees.
        grant('g4', 'both-rev', 'reviewer', 'u-corps'),
        grant('g5', 'both-rev', 'reviewer', 'u-da'),
        grant('g6', 'both-rev', 'editor', 'u-sa'),
      ]),
    );
    db.insertMany('story_revisions', docs([...drafts, ...othersDrafts, ...inReview, ...ownInReview, ...notInReview]));
    db.insertMany('exemplars', docs([...waiting, ...ownForms, ...checked]));
  });
});

afterAll(async () => {
  await t?.stop();
});

function oldestFirst<T extends { _id: string }>(items: T[], key: (x: T) => number): string[] {
  return [...items].sort((a, b) => key(a) - key(b) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)).map((x) => x._id);
}

/** Every page of a list, following `next` until it ends. */
async function walk<T>(page: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>, id: (item: T) => string) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const res = await page(cursor);
    pages.push(res.items.map(id));
    cursor = res.next;
    if (pages.length > 100) throw new Error('runaway paging');
  } while (cursor);
  return { sizes: pages.map((p) => p.length), all: pages.flat() };
}

const req = (cursor: string | null, limit?: number) => ({ ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });

describe('my drafts page by cursor, last edited first', () => {
  it('63 drafts: 50, then 13 — none twice, none missing, nobody else’s', async () => {
    const { sizes, all } = await walk(async (c) => data(await t.call('authoring', 'myDrafts', req(c), 'editor-a')), (d) => d.storyId);
    expect(sizes).toEqual([50, 13]);
    expect(all).toEqual(byNewest(drafts, (d) => d.updatedAt).map((d) => d._id));
  });

  it('in pages of 8 as well', async () => {
    const { all } = await walk(async (c) => data(await t.call('authoring', 'myDrafts', req(c, 8), 'editor-a')), (d) => d.storyId);
    expect(all).toEqual(byNewest(drafts, (d) => d.updatedAt).map((d) => d._id));
  });
});

describe('the story review queue pages by cursor, oldest submission first', () => {
  it('merged over nested grants, every revision in review once, without the reviewer’s own', async () => {
    for (const limit of [undefined, 9]) {
      const { sizes, all } = await walk(async (c) => data(await t.call('authoring', 'reviewQueue', req(c, limit), 'both-rev')), (d) => d.storyId);
      expect([limit, all]).toEqual([limit, oldestFirst(inReview, (r) => r.submittedAt ?? 0)]);
      expect(sizes.slice(0, -1).every((n) => n === (limit ?? 50))).toBe(true);
    }
  });

  it('a detachment reviewer pages through its own subtree only', async () => {
    const { all } = await walk(async (c) => data(await t.call('authoring', 'reviewQueue', req(c, 10), 'reviewer-a')), (d) => d.storyId);
    expect(all).toEqual(oldestFirst([...inReview, ...ownInReview].filter((r) => r.unitId === 'u-sa'), (r) => r.submittedAt ?? 0));
  });
});

describe('the consent-check queue pages by cursor, oldest upload first', () => {
  it('merged over nested grants, every waiting form once, without the reviewer’s own uploads or checked forms', async () => {
    for (const limit of [undefined, 7]) {
      const { sizes, all } = await walk(async (c) => data(await t.call('authoring', 'consentQueue', req(c, limit), 'both-rev')), (i) => i.exemplarId);
      expect([limit, all]).toEqual([limit, oldestFirst(waiting, (e) => e.consent?.recordedAt ?? 0)]);
      expect(sizes.slice(0, -1).every((n) => n === (limit ?? 50))).toBe(true);
    }
  });
});

describe('cursors', () => {
  it('a cursor this server did not issue is INVALID_ARGUMENT, on every list', async () => {
    for (const action of ['myDrafts', 'reviewQueue', 'consentQueue'] as const) {
      expect(await t.raw('authoring', { action, data: { cursor: '01_d-001' } }, 'both-rev')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
