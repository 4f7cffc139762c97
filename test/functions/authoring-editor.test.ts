/**
 * What the story and exemplar editors need to find and show their work again: a draft answers
 * temporary URLs for its images (the editor's thumbnails), and 本单位典型资料 lists every
 * exemplar of the editor's units — drafts too — last edited first, page by page.
 */
import type { Exemplar, UnitExemplarItem } from '@contract';
import { localFileId } from '../../emulator/env';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { byNewest, consentOf, docs, exemplar, grant, NOW, png, unit, uploadRecord } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-da', 'detachment', corps, 1);
const stA = unit('u-sa', 'station', detA, 2);
const stA2 = unit('u-sa2', 'station', detA, 3);
const detB = unit('u-db', 'detachment', corps, 4);
const stB = unit('u-sb', 'station', detB, 5);

const BODY = localFileId('stories/editor/body.png');
const GONE = localFileId('stories/editor/gone.png');
const COVER = localFileId('stories/editor/cover.png');

const at = (minutesAgo: number) => NOW - minutesAgo * 60_000;

/** Station A's exemplars in every state the list must show. */
const stationA: Exemplar[] = [
  exemplar('ea-public', stA, { name: '特勤站', kind: 'collective', state: 'published', updatedAt: at(50) }),
  exemplar('ea-draft', stA, { name: '王勇', kind: 'individual', tier: 'reserve', state: 'draft', consent: null, updatedAt: at(10) }),
  exemplar('ea-form', stA, { name: '李娜', kind: 'individual', tier: 'reserve', state: 'draft', consent: { ...consentOf('李娜'), method: 'signed_form', verifiedBy: null, verifiedAt: null }, updatedAt: at(30) }),
  exemplar('ea-ok', stA, { name: '赵刚', kind: 'individual', state: 'published', consent: consentOf('赵刚'), updatedAt: at(30) }),
];
const stationA2 = [exemplar('ea2-one', stA2, { name: '二站典型', state: 'draft', updatedAt: at(20) })];
const stationB = [exemplar('eb-one', stB, { name: '别的支队的典型', state: 'draft', updatedAt: at(5) })];

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('authoring-editor', (db, storage) => {
    db.insertMany('units', docs([corps, detA, stA, stA2, detB, stB]));
    db.insertMany('roles', docs([
      grant('g1', 'editor-a', 'editor', 'u-sa'),
      // Editor of two stations: both subtrees in one list.
      grant('g2', 'editor-two', 'editor', 'u-sa'),
      grant('g3', 'editor-two', 'editor', 'u-sa2'),
      grant('g4', 'reviewer-a', 'reviewer', 'u-da'),
    ]));
    db.insertMany('exemplars', docs([...stationA, ...stationA2, ...stationB]));
    for (const f of ['body', 'gone', 'cover']) storage.put(`stories/editor/${f}.png`, png(40));
    db.insertMany('files', docs([uploadRecord(BODY, 'editor-a', 'story'), uploadRecord(GONE, 'editor-a', 'story'), uploadRecord(COVER, 'editor-a', 'story')]));
  });
});

afterAll(async () => {
  await t?.stop();
});

describe('a draft answers its images’ URLs for the editor’s thumbnails', () => {
  it('each image of the Markdown and the cover has a URL; an image removed since has none', async () => {
    const saved = data(
      await t.call(
        'authoring',
        'saveDraft',
        {
          storyId: 's-thumbs',
          baseVersion: 0,
          title: '有图的稿子',
          summary: '',
          cover: COVER,
          campaignId: null,
          exemplarIds: [],
          unitId: 'u-sa',
          author: '宣传员',
          markdown: `第一段。\n\n![现场](${BODY} "4x4")\n\n![](${GONE} "4x4")`,
        },
        'editor-a',
      ),
    );
    expect(saved.version).toBe(1);
    // WeChat's check later rejects one image: it is removed and shown to nobody.
    t.cloud.db.patch('files', uploadRecord(GONE, 'editor-a', 'story')._id, { check: 'reject', removedAt: NOW });
    const view = data(await t.call('authoring', 'draft', { storyId: 's-thumbs' }, 'editor-a'));
    expect(Object.keys(view.imageUrls)).toEqual([BODY]);
    expect(view.imageUrls[BODY]).toMatch(/^https?:\/\//);
    expect(view.coverUrl).toMatch(/^https?:\/\//);
    // The Markdown itself is what the server stores: file ids, never URLs.
    expect(view.markdown).toContain(`![现场](${BODY} "4x4")`);
  });

  it('a story without images answers an empty map', async () => {
    data(
      await t.call(
        'authoring',
        'saveDraft',
        { storyId: 's-plain', baseVersion: 0, title: '', summary: '', cover: null, campaignId: null, exemplarIds: [], unitId: 'u-sa', author: '', markdown: '只有文字' },
        'editor-a',
      ),
    );
    const view = data(await t.call('authoring', 'draft', { storyId: 's-plain' }, 'editor-a'));
    expect(view.imageUrls).toEqual({});
    expect(view.coverUrl).toBeNull();
  });
});

describe('本单位典型资料 (authoring.unitExemplars)', () => {
  const ids = (items: UnitExemplarItem[]) => items.map((i) => i._id);

  it('lists the editor’s unit in every state, last edited first, with state and consent status', async () => {
    const page = data(await t.call('authoring', 'unitExemplars', {}, 'editor-a'));
    expect(ids(page.items)).toEqual(ids(byNewest(stationA, (e) => e.updatedAt) as unknown as UnitExemplarItem[]));
    expect(page.next).toBeNull();
    const byId = new Map(page.items.map((i) => [i._id, i]));
    expect(byId.get('ea-draft')).toMatchObject({ name: '王勇', state: 'draft', consent: 'missing', kind: 'individual', tier: 'reserve', unit: { _id: 'u-sa' } });
    expect(byId.get('ea-form')).toMatchObject({ state: 'draft', consent: 'awaits_check' });
    expect(byId.get('ea-ok')).toMatchObject({ state: 'published', consent: 'counts' });
    expect(byId.get('ea-public')).toMatchObject({ state: 'published', consent: 'not_needed' });
    // Another detachment's exemplars are not the editor's.
    expect(byId.has('eb-one')).toBe(false);
  });

  it('an exemplar just created (a draft the public library never shows) comes first', async () => {
    const created = data(
      await t.call(
        'authoring',
        'saveExemplar',
        { id: 'ea-new', kind: 'individual', name: '新来的班长', unitId: 'u-sa', category: 'rescue', title: '', summary: '', photo: null, biography: '' },
        'editor-a',
      ),
    );
    expect(created.state).toBe('draft');
    const page = data(await t.call('authoring', 'unitExemplars', {}, 'editor-a'));
    expect(page.items[0]).toMatchObject({ _id: 'ea-new', name: '新来的班长', state: 'draft', consent: 'missing' });
    const library = data(await t.call('content', 'exemplars', { tier: 'reserve', unitId: 'u-sa' }, 'editor-a'));
    expect(library.items.some((e) => e._id === 'ea-new')).toBe(false);
  });

  it('an editor of two units reads both subtrees merged, page by page, each exemplar once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: { items: UnitExemplarItem[]; next: string | null } = data(await t.call('authoring', 'unitExemplars', { cursor, limit: 2 }, 'editor-two'));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.items));
      cursor = page.next;
      if (!cursor) break;
    }
    const all = data(await t.call('authoring', 'unitExemplars', { limit: 50 }, 'editor-two'));
    expect(seen).toEqual(ids(all.items));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('ea2-one');
    expect(seen).toContain('ea-draft');
    expect(seen).not.toContain('eb-one');
  });

  it('someone who is not an editor is refused with the reason', async () => {
    const res = await t.call('authoring', 'unitExemplars', {}, 'reviewer-a');
    expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required' } });
  });

  it('a cursor this server did not issue is refused', async () => {
    const res = await t.raw('authoring', { action: 'unitExemplars', data: { cursor: '12_<script>' } }, 'editor-a');
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
