/**
 * The authoring function through the real wx-server-sdk on the strict local cloud: story drafts,
 * review, revisions readers do not see until approved, counts, content security, exemplar
 * editing with honors and placements, and the PIPL consent rule. Refusals write nothing.
 */
import type { Story } from '@contract';
import { localFileId } from '../../emulator/env';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { campaign, docs, exemplar, grant, NOW, png, story, unit, uploadRecord } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-da', 'detachment', corps, 1);
const stA = unit('u-sa', 'station', detA, 2);
const detB = unit('u-db', 'detachment', corps, 3);
const stB = unit('u-sb', 'station', detB, 4);

const IMG = localFileId('stories/new/body.png');
const RISKY = '违禁词';
const HOLD = '待复核词';

const published: Story = story('s-pub', stA, { title: '第一版标题', campaignId: 'c1', exemplarIds: ['e1'], publishedAt: NOW - 3_600_000, revision: 1, likeCount: 5 });

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'authoring',
    (db, storage) => {
      db.insertMany('units', docs([corps, detA, stA, detB, stB]));
      db.insertMany('roles', docs([
        grant('g1', 'editor-a', 'editor', 'u-sa'),
        grant('g2', 'reviewer-a', 'reviewer', 'u-da'),
        grant('g3', 'editor-b', 'editor', 'u-sb'),
        grant('g4', 'reviewer-b', 'reviewer', 'u-db'),
      ]));
      db.insertMany('campaigns', docs([campaign('c1', 1, { storyCount: 1 }), campaign('c2', 2)]));
      db.insertMany('exemplars', docs([exemplar('e1', stA, { storyCount: 1 }), exemplar('e2', stA), exemplar('e-b', stB)]));
      db.insertMany('stories', docs([published, story('s-old', stB, { publishedAt: NOW - 7_200_000 })]));
      storage.put('stories/new/body.png', png(60));
      // editor-a uploaded the story image (lib/files.ts records every upload).
      db.insertMany('files', docs([uploadRecord(IMG, 'editor-a', 'story')]));
    },
    {},
    { secWords: [RISKY], reviewWords: [HOLD] },
  );
});

afterAll(async () => {
  await t?.stop();
});

const base = {
  title: '火场逆行者',
  summary: '',
  cover: null,
  campaignId: 'c2',
  exemplarIds: ['e2'],
  unitId: 'u-sa',
  author: '特勤站宣传员',
  markdown: `## 那一夜\n\n他**第一个**冲进*浓烟*。\n\n![现场](${IMG} "4x4")`,
};

function doc<T>(collection: string, id: string): T | null {
  return t.cloud.db.findById(collection, id) as T | null;
}

/** Runs `act` and proves the database did not change at all (document versions included). */
async function writesNothing(act: () => Promise<unknown>): Promise<unknown> {
  const before = t.cloud.db.snapshot();
  const res = await act();
  expect(t.cloud.db.snapshot()).toEqual(before);
  return res;
}

describe('story drafts', () => {
  it('an editor saves a new draft, the server compiles the Markdown and versions every save', async () => {
    const first = data(await t.call('authoring', 'saveDraft', { storyId: 's-new', baseVersion: 0, ...base }, 'editor-a'));
    expect(first.version).toBe(1);
    expect(first.issues).toEqual([]);
    const second = data(await t.call('authoring', 'saveDraft', { storyId: 's-new', baseVersion: 1, ...base, title: '火场逆行者（改）' }, 'editor-a'));
    expect(second.version).toBe(2);
    const draft = data(await t.call('authoring', 'draft', { storyId: 's-new' }, 'editor-a'));
    expect(draft).toMatchObject({ storyId: 's-new', version: 2, revision: 1, state: 'draft', title: '火场逆行者（改）', publishedRevision: null, markdown: base.markdown });
    const stored = doc<{ blocks: unknown[] }>('story_revisions', 's-new');
    expect(stored?.blocks).toEqual([
      { type: 'heading', level: 2, text: '那一夜' },
      { type: 'paragraph', spans: [{ text: '他' }, { text: '第一个', bold: true }, { text: '冲进' }, { text: '浓烟', italic: true }, { text: '。' }] },
      { type: 'image', file: IMG, width: 4, height: 4, caption: '现场' },
    ]);
    // The draft is not a story: readers cannot find it.
    expect(doc('stories', 's-new')).toBeNull();
    expect(await t.call('content', 'story', { id: 's-new' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a save from a stale version is a CONFLICT and changes nothing (two devices cannot overwrite each other)', async () => {
    const res = await writesNothing(() => t.call('authoring', 'saveDraft', { storyId: 's-new', baseVersion: 1, ...base, title: '旧设备' }, 'editor-a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const lost = await writesNothing(() => t.call('authoring', 'saveDraft', { storyId: 's-gone', baseVersion: 3, ...base }, 'editor-a'));
    expect(lost).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('an editor outside the unit subtree, a reviewer and a reader are refused and nothing is written', async () => {
    for (const who of ['editor-b', 'reviewer-a', 'reader-1']) {
      const res = await writesNothing(() => t.call('authoring', 'saveDraft', { storyId: 's-x', baseVersion: 0, ...base }, who));
      expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    // Nor can an outside editor take over another unit's published story by moving it into their unit.
    const takeover = await writesNothing(() => t.call('authoring', 'saveDraft', { storyId: 's-pub', baseVersion: 0, ...base, unitId: 'u-sb' }, 'editor-b'));
    expect(takeover).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await t.call('authoring', 'draft', { storyId: 's-new' }, 'editor-b')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('bad input answers typed errors and writes nothing: wrong types, unknown campaign, unknown exemplar, foreign image ids', async () => {
    const cases: [unknown, string][] = [
      [{ storyId: 's-y', baseVersion: 0, ...base, title: 42 }, 'INVALID_ARGUMENT'],
      [{ storyId: 's-y', baseVersion: -1, ...base }, 'INVALID_ARGUMENT'],
      [{ storyId: 's-y', baseVersion: 0, ...base, cover: 'https://evil.example/x.png' }, 'INVALID_ARGUMENT'],
      [{ storyId: 's-y', baseVersion: 0, ...base, markdown: 'x'.repeat(20_001) }, 'INVALID_ARGUMENT'],
      [{ storyId: 's-y', baseVersion: 0, ...base, campaignId: 'c-none' }, 'INVALID_ARGUMENT'],
      [{ storyId: 's-y', baseVersion: 0, ...base, exemplarIds: ['e-none'] }, 'INVALID_ARGUMENT'],
      [{ storyId: 's-y', baseVersion: 0, ...base, unitId: 'u-none' }, 'INVALID_ARGUMENT'],
      [{ storyId: 's-y', baseVersion: 0, ...base, openid: 'editor-a' }, 'INVALID_ARGUMENT'],
    ];
    for (const [payload, code] of cases) {
      const res = await writesNothing(() => t.raw('authoring', { action: 'saveDraft', data: payload }, 'editor-a'));
      expect(res).toMatchObject({ ok: false, error: { code } });
    }
  });

  it('preview answers the blocks the published page will render, images resolved, with issues', async () => {
    const res = data(await t.call('authoring', 'preview', { markdown: `# 标题\n\n![](${IMG} "4x4")\n\n![](https://x.cn/a.png)` }, 'editor-a'));
    expect(res.blocks[0]).toEqual({ type: 'heading', level: 2, text: '标题' });
    expect(res.blocks[1]).toMatchObject({ type: 'image', width: 4, height: 4, url: expect.stringMatching(/^http/) });
    expect(res.blocks).toHaveLength(2);
    expect(res.issues).toHaveLength(1);
    expect(await t.call('authoring', 'preview', { markdown: 'x' }, 'reader-1')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('my drafts lists the caller’s working revisions only', async () => {
    expect(data(await t.call('authoring', 'myDrafts', {}, 'editor-a')).items.map((d) => d.storyId)).toEqual(['s-new']);
    expect(data(await t.call('authoring', 'myDrafts', {}, 'editor-b')).items).toEqual([]);
  });
});

describe('review', () => {
  it('submit puts the draft in the subtree reviewer’s queue only; it is frozen while in review', async () => {
    const card = data(await t.call('authoring', 'submit', { storyId: 's-new', version: 2 }, 'editor-a'));
    expect(card).toMatchObject({ storyId: 's-new', state: 'in_review', secCheck: 'pass' });
    expect(data(await t.call('authoring', 'reviewQueue', {}, 'reviewer-a')).items.map((d) => d.storyId)).toEqual(['s-new']);
    expect(data(await t.call('authoring', 'reviewQueue', {}, 'reviewer-b')).items).toEqual([]);
    expect(await t.call('authoring', 'reviewQueue', {}, 'editor-a')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const frozen = await writesNothing(() => t.call('authoring', 'saveDraft', { storyId: 's-new', baseVersion: 3, ...base }, 'editor-a'));
    expect(frozen).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('only a reviewer over the story’s unit decides; a return needs a comment', async () => {
    for (const who of ['editor-a', 'reviewer-b']) {
      const res = await writesNothing(() => t.call('authoring', 'review', { storyId: 's-new', version: 3, decision: 'approve', comment: '' }, who));
      expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    const noComment = await writesNothing(() => t.call('authoring', 'review', { storyId: 's-new', version: 3, decision: 'return', comment: '  ' }, 'reviewer-a'));
    expect(noComment).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'comment' }] } });
  });

  it('a returned draft carries the comment back to the editor, who fixes and resubmits', async () => {
    data(await t.call('authoring', 'review', { storyId: 's-new', version: 3, decision: 'return', comment: '请补充时间地点' }, 'reviewer-a'));
    const draft = data(await t.call('authoring', 'draft', { storyId: 's-new' }, 'editor-a'));
    expect(draft).toMatchObject({ state: 'returned', comment: '请补充时间地点', version: 4 });
    data(await t.call('authoring', 'saveDraft', { storyId: 's-new', baseVersion: 4, ...base, summary: '2024年冬夜' }, 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 's-new', version: 5 }, 'editor-a'));
  });

  it('approval publishes the story at the top of the feed and moves campaign and exemplar counts', async () => {
    const res = data(await t.call('authoring', 'review', { storyId: 's-new', version: 6, decision: 'approve', comment: '' }, 'reviewer-a'));
    expect(res).toEqual({ storyId: 's-new', decision: 'approve', revision: 1, published: true });
    expect(doc('story_revisions', 's-new')).toBeNull();
    const feed = data(await t.call('content', 'feed', {}));
    expect(feed.items[0]).toMatchObject({ _id: 's-new', title: '火场逆行者', summary: '2024年冬夜', campaign: { _id: 'c2' } });
    const detail = data(await t.call('content', 'story', { id: 's-new' }));
    expect(detail.blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'image']);
    expect(doc<{ storyCount: number }>('campaigns', 'c2')?.storyCount).toBe(1);
    expect(doc<{ storyCount: number }>('exemplars', 'e2')?.storyCount).toBe(1);
    expect(data(await t.call('authoring', 'reviewQueue', {}, 'reviewer-a')).items).toEqual([]);
  });
});

describe('revisions of a published story', () => {
  it('editing starts from the published blocks as Markdown at version 0', async () => {
    const draft = data(await t.call('authoring', 'draft', { storyId: 's-pub' }, 'editor-a'));
    expect(draft).toMatchObject({ version: 0, revision: 2, publishedRevision: 1, title: '第一版标题', markdown: 's-pub正文' });
  });

  it('readers keep seeing v1 while v2 is written and reviewed; approval swaps atomically and moves counts', async () => {
    const v2 = { ...base, title: '第二版标题', campaignId: 'c2', exemplarIds: ['e2'], markdown: '新的正文' };
    data(await t.call('authoring', 'saveDraft', { storyId: 's-pub', baseVersion: 0, ...v2 }, 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 's-pub', version: 1 }, 'editor-a'));
    const during = data(await t.call('content', 'story', { id: 's-pub' }));
    expect(during).toMatchObject({ title: '第一版标题', revision: 1 });
    expect(data(await t.call('content', 'feed', {})).items.find((s) => s._id === 's-pub')?.title).toBe('第一版标题');

    data(await t.call('authoring', 'review', { storyId: 's-pub', version: 2, decision: 'approve', comment: '' }, 'reviewer-a'));
    const after = data(await t.call('content', 'story', { id: 's-pub' }));
    expect(after).toMatchObject({ title: '第二版标题', revision: 2, likeCount: 5, code: published.code, publishedAt: published.publishedAt });
    expect(after.blocks).toEqual([{ type: 'paragraph', spans: [{ text: '新的正文' }] }]);
    expect(doc<{ storyCount: number }>('campaigns', 'c1')?.storyCount).toBe(0);
    expect(doc<{ storyCount: number }>('campaigns', 'c2')?.storyCount).toBe(2);
    expect(doc<{ storyCount: number }>('exemplars', 'e1')?.storyCount).toBe(0);
    expect(doc<{ storyCount: number }>('exemplars', 'e2')?.storyCount).toBe(2);
  });

  it('a stale approval (the editor withdrew and changed it meanwhile) is a CONFLICT', async () => {
    data(await t.call('authoring', 'saveDraft', { storyId: 's-pub', baseVersion: 0, ...base, title: '第三版' }, 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 's-pub', version: 1 }, 'editor-a'));
    data(await t.call('authoring', 'withdraw', { storyId: 's-pub', version: 2 }, 'editor-a'));
    const res = await writesNothing(() => t.call('authoring', 'review', { storyId: 's-pub', version: 2, decision: 'approve', comment: '' }, 'reviewer-a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(data(await t.call('content', 'story', { id: 's-pub' })).title).toBe('第二版标题');
  });

  it('every step was audited with its actor', async () => {
    const snapshot = t.cloud.db.snapshot().audit ?? {};
    const entries = Object.keys(snapshot).map((id) => doc<{ actor: string; action: string; subject: { id: string } }>('audit', id));
    const of = (id: string) => entries.filter((e) => e?.subject.id === id).map((e) => `${e?.actor}:${e?.action}`);
    // Ids carry no order and steps can share a millisecond: compare the set of steps.
    expect(of('s-new').sort()).toEqual(['editor-a:story.draft.create', 'editor-a:story.submit', 'editor-a:story.submit', 'reviewer-a:story.approve', 'reviewer-a:story.return']);
  });
});

describe('content security', () => {
  it('risky text is rejected at submission and the draft stays a draft', async () => {
    data(await t.call('authoring', 'saveDraft', { storyId: 's-risky', baseVersion: 0, ...base, markdown: `正文含${RISKY}` }, 'editor-a'));
    const res = await writesNothing(() => t.call('authoring', 'submit', { storyId: 's-risky', version: 1 }, 'editor-a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
  });

  it('text needing a human goes to review flagged, so the reviewer looks closely', async () => {
    data(await t.call('authoring', 'saveDraft', { storyId: 's-hold', baseVersion: 0, ...base, title: `标题${HOLD}` }, 'editor-a'));
    const card = data(await t.call('authoring', 'submit', { storyId: 's-hold', version: 1 }, 'editor-a'));
    expect(card).toMatchObject({ state: 'in_review', secCheck: 'review' });
    const calls = t.cloud.openapiLog().filter((e) => e.api === 'security.msgSecCheck');
    expect(calls.at(-1)?.request).toMatchObject({ version: 2, scene: 3, openid: 'editor-a' });
  });

  it('a risky or held exemplar profile is not saved', async () => {
    const ex = { id: 'e2', kind: 'collective' as const, name: '典型e2', unitId: 'u-sa', category: 'rescue' as const, title: '', summary: '', photo: null, biography: '' };
    expect(await writesNothing(() => t.call('authoring', 'saveExemplar', { ...ex, biography: RISKY }, 'editor-a'))).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await writesNothing(() => t.call('authoring', 'saveExemplar', { ...ex, biography: HOLD }, 'editor-a'))).toMatchObject({ ok: false, error: { code: 'CONTENT_HELD' } });
  });
});

describe('exemplar editor and consent', () => {
  const person = { id: 'p-new', kind: 'individual' as const, name: '王勇', unitId: 'u-sa', category: 'rescue' as const, title: '一级消防士', summary: '冲在最前', photo: null, biography: '生平' };

  it('an editor creates an individual as a draft; a retried create does not make two', async () => {
    const v = data(await t.call('authoring', 'saveExemplar', person, 'editor-a'));
    expect(v).toMatchObject({ _id: 'p-new', state: 'draft', tier: 'reserve', consent: null, honorCount: 0 });
    data(await t.call('authoring', 'saveExemplar', person, 'editor-a'));
    expect(t.cloud.db.count('exemplars')).toBe(4);
  });

  it('an editor outside the subtree cannot edit or read it, and nothing changes', async () => {
    const res = await writesNothing(() => t.call('authoring', 'saveExemplar', { ...person, name: '改名' }, 'editor-b'));
    expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await t.call('authoring', 'exemplar', { id: 'p-new' }, 'editor-b')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const honor = await writesNothing(() => t.call('authoring', 'saveHonor', { exemplarId: 'p-new', honor: { _id: 'h-x', title: '称号', level: 'national', date: '2024-05-01', awardedBy: '部' } }, 'editor-b'));
    expect(honor).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('an individual cannot be published without consent', async () => {
    const res = await writesNothing(() => t.call('authoring', 'setExemplarState', { id: 'p-new', state: 'published' }, 'editor-a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('the person confirms with their own WeChat; the editor who asked cannot confirm for them', async () => {
    const { code, path } = data(await t.call('authoring', 'requestConsent', { exemplarId: 'p-new' }, 'editor-a'));
    expect(path).toBe(`pages-staff/consent/index?code=${code}`);
    expect(await writesNothing(() => t.call('authoring', 'confirmConsent', { code }, 'editor-a'))).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(data(await t.call('authoring', 'consentInfo', { code }, 'o-wangyong'))).toMatchObject({ name: '王勇', confirmed: false, unitName: stA.name });
    expect(data(await t.call('authoring', 'confirmConsent', { code }, 'o-wangyong'))).toEqual({ confirmed: true });
    expect(await t.call('authoring', 'confirmConsent', { code }, 'o-someone-else')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(data(await t.call('authoring', 'exemplar', { id: 'p-new' }, 'editor-a')).consent).toMatchObject({ method: 'in_app' });
    expect(doc<{ consent: { evidence: string } }>('exemplars', 'p-new')?.consent.evidence).toBe('o-wangyong');
    data(await t.call('authoring', 'setExemplarState', { id: 'p-new', state: 'published' }, 'editor-a'));
    expect(data(await t.call('content', 'profile', { id: 'p-new' })).name).toBe('王勇');
  });

  it('a signed form image also records consent (counting once a reviewer checked it); collectives need none', async () => {
    data(await t.call('authoring', 'saveExemplar', { ...person, id: 'p-two', name: '李娜' }, 'editor-a'));
    const scan = data(await t.call('authoring', 'uploadImage', { purpose: 'consent', base64: png(33).toString('base64') }, 'editor-a'));
    const v = data(await t.call('authoring', 'recordSignedConsent', { exemplarId: 'p-two', file: scan.fileId }, 'editor-a'));
    expect(v.consent).toMatchObject({ method: 'signed_form', counts: false, awaitsCheck: true });
    const checked = data(await t.call('authoring', 'verifyConsent', { exemplarId: 'p-two', decision: 'confirm', comment: '' }, 'reviewer-a'));
    expect(checked.consent).toMatchObject({ method: 'signed_form', counts: true, awaitsCheck: false });
    expect(await t.call('authoring', 'requestConsent', { exemplarId: 'e2' }, 'editor-a')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('honors: add, edit, remove keep honorCount equal to the honors stored', async () => {
    const h = (id: string, title: string) => ({ exemplarId: 'p-new', honor: { _id: id, title, level: 'regional' as const, date: '2023-09-01', awardedBy: '自治区人民政府' } });
    data(await t.call('authoring', 'saveHonor', h('h-1', '自治区道德模范'), 'editor-a'));
    data(await t.call('authoring', 'saveHonor', h('h-2', '青年五四奖章'), 'editor-a'));
    const edited = data(await t.call('authoring', 'saveHonor', h('h-2', '新疆青年五四奖章'), 'editor-a'));
    expect(edited.honorCount).toBe(2);
    expect(edited.honors.map((x) => x.title).sort()).toEqual(['新疆青年五四奖章', '自治区道德模范']);
    const removed = data(await t.call('authoring', 'removeHonor', { exemplarId: 'p-new', honorId: 'h-1' }, 'editor-a'));
    expect(removed.honorCount).toBe(1);
    expect(await writesNothing(() => t.call('authoring', 'removeHonor', { exemplarId: 'p-new', honorId: 'h-1' }, 'editor-a'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await writesNothing(() => t.call('authoring', 'saveHonor', { ...h('h-2', 'x'), exemplarId: 'e2' }, 'editor-a'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const profile = data(await t.call('content', 'profile', { id: 'p-new' }));
    expect(profile.honorCount).toBe(1);
    expect(profile.honorGroups.flatMap((g) => g.honors.map((x) => x.title))).toEqual(['新疆青年五四奖章']);
  });

  it('media placements: add with a link, remove; a non-http link is refused', async () => {
    const p = { exemplarId: 'p-new', placement: { _id: 'pl-1', outlet: '人民日报', title: '天山脚下的逆行者', date: '2024-03-02', link: 'https://paper.people.com.cn/x' } };
    // Saved without an outlet level (as clients from before levels do): it reads as 未分级.
    expect(data(await t.call('authoring', 'savePlacement', p, 'editor-a')).placements).toEqual([{ ...p.placement, level: 'unrated' }]);
    const bad = await writesNothing(() => t.raw('authoring', { action: 'savePlacement', data: { ...p, placement: { ...p.placement, link: 'javascript:alert(1)' } } }, 'editor-a'));
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(data(await t.call('authoring', 'removePlacement', { exemplarId: 'p-new', placementId: 'pl-1' }, 'editor-a')).placements).toEqual([]);
  });

  it('uploadImage stores a compressed PNG under the caller and answers its size; other bytes and readers are refused', async () => {
    const b64 = png(90).toString('base64');
    const up = data(await t.call('authoring', 'uploadImage', { purpose: 'story', base64: b64 }, 'editor-a'));
    expect(up).toMatchObject({ width: 4, height: 4, fileId: expect.stringMatching(/^cloud:\/\/.+\/authoring\/story\/[0-9a-f]{16}\/[0-9a-f]{32}\.png$/) });
    const again = data(await t.call('authoring', 'uploadImage', { purpose: 'story', base64: b64 }, 'editor-a'));
    expect(again.fileId).toBe(up.fileId);
    const preview = data(await t.call('authoring', 'preview', { markdown: `![](${up.fileId} "${up.width}x${up.height}")` }, 'editor-a'));
    expect(preview.blocks[0]).toMatchObject({ type: 'image', url: expect.stringMatching(/^http/) });
    const svg = await writesNothing(() => t.call('authoring', 'uploadImage', { purpose: 'story', base64: Buffer.from('<svg onload=alert(1)>').toString('base64') }, 'editor-a'));
    expect(svg).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const reader = await writesNothing(() => t.call('authoring', 'uploadImage', { purpose: 'story', base64: b64 }, 'reader-1'));
    expect(reader).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('no query of the suite needed an undeclared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
