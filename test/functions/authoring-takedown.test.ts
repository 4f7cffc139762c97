/**
 * Taking a published story down (撤回) through the real wx-server-sdk on the strict local cloud:
 * one transaction withdraws it, moves its counts back and audits it; readers lose it at once
 * everywhere they could meet it, and its links say 已撤回; refusals write nothing; a new revision
 * approved later publishes it again. (Its official-account article: publish-takedown.test.ts.)
 */
import type { AuditEntry, Like, Story, StoryRevision } from '@contract';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { campaign, docs, exemplar, grant, NOW, story, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-da', 'detachment', corps, 1);
const stA = unit('u-sa', 'station', detA, 2);
const detB = unit('u-db', 'detachment', corps, 3);
const stB = unit('u-sb', 'station', detB, 4);

const DOWN = story('s-down', stA, { campaignId: 'c1', exemplarIds: ['e1'], publishedAt: NOW - 3_600_000, likeCount: 1, revision: 2 });
const KEEP = story('s-keep', stA, { campaignId: 'c1', exemplarIds: ['e1'], publishedAt: NOW - 7_200_000 });
const ADMIN_DOWN = story('s-admin', stB, { publishedAt: NOW - 10_800_000 });

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('authoring-takedown', (db) => {
    db.insertMany('units', docs([corps, detA, stA, detB, stB]));
    db.insertMany(
      'roles',
      docs([
        grant('g1', 'editor-a', 'editor', 'u-sa'),
        grant('g2', 'reviewer-a', 'reviewer', 'u-da'),
        grant('g3', 'reviewer-b', 'reviewer', 'u-db'),
        grant('g4', 'admin-b', 'admin', 'u-db'),
      ]),
    );
    db.insertMany('campaigns', docs([campaign('c1', 1, { storyCount: 2 })]));
    db.insertMany('exemplars', docs([exemplar('e1', stA, { storyCount: 2 }), exemplar('e-hidden', stA, { state: 'draft' })]));
    db.insertMany('stories', docs([DOWN, KEEP, ADMIN_DOWN]));
    const like: Like = { _id: 'like-reader-down', openid: 'reader-1', target: { kind: 'story', id: DOWN._id }, at: NOW - 60_000 };
    db.insertMany('likes', docs([like]));
    const rev: StoryRevision = {
      _id: 'd-never',
      revision: 1,
      version: 1,
      title: '从未发布的稿件',
      summary: '',
      cover: null,
      campaignId: 'c1',
      exemplarIds: ['e1', 'e-hidden'],
      unitId: 'u-sa',
      unitPath: stA.path,
      author: '宣传员',
      authorOpenid: 'editor-a',
      contributors: ['editor-a'],
      markdown: '正文',
      blocks: [{ type: 'paragraph', spans: [{ text: '正文' }] }],
      state: 'in_review',
      secCheck: 'pass',
      history: [],
      submittedAt: NOW - 1000,
      createdAt: NOW - 2000,
      updatedAt: NOW - 1000,
    };
    db.insertMany('story_revisions', docs([rev]));
  });
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

function audits(subjectId: string): AuditEntry[] {
  return Object.values(t.cloud.db.snapshot().audit ?? {})
    .map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as AuditEntry)
    .filter((e) => e.subject.id === subjectId);
}

const storyDoc = (id: string) => t.cloud.db.findById('stories', id) as Story | null;
const count = (collection: string, id: string) => (t.cloud.db.findById(collection, id) as { storyCount: number } | null)?.storyCount;

describe('taking a published story down', () => {
  it('a reviewer of its unit takes it down with a reason: withdrawn with who, when and why, counts moved back, one audit entry — in one step', async () => {
    const res = data(await t.call('authoring', 'takeDown', { storyId: DOWN._id, reason: '  事迹细节与实际不符  ', deleteArticle: false }, 'reviewer-a'));
    expect(res).toEqual({ storyId: DOWN._id, state: 'withdrawn', withdrawnAt: expect.any(Number) as unknown as number, articleJobs: [] });
    expect(storyDoc(DOWN._id)).toMatchObject({
      state: 'withdrawn',
      revision: 2,
      publishedAt: DOWN.publishedAt,
      likeCount: 1,
      withdrawal: { reason: '事迹细节与实际不符', by: 'reviewer-a', at: res.withdrawnAt, deleteArticle: false },
    });
    expect(count('campaigns', 'c1')).toBe(1);
    expect(count('exemplars', 'e1')).toBe(1);
    expect(audits(DOWN._id).map((e) => [e.action, e.actor, e.after])).toEqual([
      ['story.take_down', 'reviewer-a', { state: 'withdrawn', reason: '事迹细节与实际不符', deleteArticle: false, articleJobs: [] }],
    ]);
  });

  it('readers lose it at once: not in the feed, its campaign, its exemplar’s profile or the liker’s 我的点赞', async () => {
    const feed = data(await t.call('content', 'feed', {}));
    expect(feed.items.map((s) => s._id)).toEqual([KEEP._id, ADMIN_DOWN._id]);
    const campaignFeed = data(await t.call('content', 'campaignFeed', { campaignId: 'c1' }));
    expect(campaignFeed.items.map((s) => s._id)).toEqual([KEEP._id]);
    const profile = data(await t.call('content', 'profile', { id: 'e1' }));
    expect(profile.stories.map((s) => s._id)).toEqual([KEEP._id]);
    const likes = data(await t.call('engagement', 'myLikes', {}, 'reader-1'));
    expect(likes.items).toEqual([]);
  });

  it('its links say 已撤回 (story_withdrawn) and show nothing of it; a draft never published stays plain NOT_FOUND', async () => {
    const r = await t.call('content', 'story', { id: DOWN._id });
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', reason: 'story_withdrawn', message: expect.any(String) as unknown as string } });
    const code = await t.call('content', 'resolveCode', { code: DOWN.code });
    expect(code.ok ? 'ok' : [code.error.code, code.error.reason]).toEqual(['NOT_FOUND', 'story_withdrawn']);
    const poster = await t.call('engagement', 'posterCode', { storyId: DOWN._id });
    expect(poster.ok ? 'ok' : poster.error.code).toBe('NOT_FOUND');
    const like = await t.call('engagement', 'setLike', { target: { kind: 'story', id: DOWN._id }, liked: true }, 'reader-2');
    expect(like.ok ? 'ok' : like.error.code).toBe('NOT_FOUND');
    const draft = await t.call('content', 'story', { id: 'd-never' });
    expect(draft.ok ? 'ok' : [draft.error.code, draft.error.reason]).toEqual(['NOT_FOUND', undefined]);
  });

  it('refusals write nothing: again (story_already_withdrawn), no reason, an editor, a reviewer of another detachment, an unknown story', async () => {
    const before = t.cloud.db.snapshot();
    const again = await t.call('authoring', 'takeDown', { storyId: DOWN._id, reason: '再撤一次', deleteArticle: false }, 'reviewer-a');
    expect(again.ok ? 'ok' : [again.error.code, again.error.reason]).toEqual(['FAILED_PRECONDITION', 'story_already_withdrawn']);
    const blank = await t.call('authoring', 'takeDown', { storyId: KEEP._id, reason: '   ', deleteArticle: false }, 'reviewer-a');
    expect(blank.ok ? 'ok' : [blank.error.code, blank.error.fields?.[0]?.path]).toEqual(['INVALID_ARGUMENT', 'reason']);
    const editor = await t.call('authoring', 'takeDown', { storyId: KEEP._id, reason: '编辑想撤回', deleteArticle: false }, 'editor-a');
    expect(editor.ok ? 'ok' : [editor.error.code, editor.error.reason]).toEqual(['PERMISSION_DENIED', 'role_required']);
    const other = await t.call('authoring', 'takeDown', { storyId: KEEP._id, reason: '外支队审核员', deleteArticle: false }, 'reviewer-b');
    expect(other.ok ? 'ok' : [other.error.code, other.error.reason]).toEqual(['PERMISSION_DENIED', 'outside_scope']);
    const missing = await t.call('authoring', 'takeDown', { storyId: 'no-such-story', reason: '不存在', deleteArticle: false }, 'reviewer-a');
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
    expect(t.cloud.db.snapshot()).toEqual(before);
  });

  it('an admin over the unit takes a story down too', async () => {
    data(await t.call('authoring', 'takeDown', { storyId: ADMIN_DOWN._id, reason: '本人申请撤回', deleteArticle: true }, 'admin-b'));
    expect(storyDoc(ADMIN_DOWN._id)).toMatchObject({ state: 'withdrawn', withdrawal: { by: 'admin-b', deleteArticle: true } });
  });

  it('approving a new revision of a story taken down publishes it again: back in its place in the feed, counted again, the withdrawal gone', async () => {
    const draft = data(await t.call('authoring', 'draft', { storyId: DOWN._id }, 'editor-a'));
    expect(draft.revision).toBe(3);
    const saved = data(
      await t.call(
        'authoring',
        'saveDraft',
        { storyId: DOWN._id, baseVersion: 0, title: '核实后的事迹', summary: '', cover: null, campaignId: 'c1', exemplarIds: ['e1'], unitId: 'u-sa', author: '宣传员', markdown: '核实后的正文。' },
        'editor-a',
      ),
    );
    data(await t.call('authoring', 'submit', { storyId: DOWN._id, version: saved.version }, 'editor-a'));
    const approved = data(await t.call('authoring', 'review', { storyId: DOWN._id, version: saved.version + 1, decision: 'approve', comment: '' }, 'reviewer-a'));
    expect(approved).toMatchObject({ decision: 'approve', revision: 3, published: true });
    const after = storyDoc(DOWN._id) as Story;
    expect(after).toMatchObject({ state: 'published', revision: 3, title: '核实后的事迹', publishedAt: DOWN.publishedAt, likeCount: 1 });
    expect(after.withdrawal).toBeUndefined();
    expect(count('campaigns', 'c1')).toBe(2);
    expect(count('exemplars', 'e1')).toBe(2);
    const feed = data(await t.call('content', 'feed', {}));
    expect(feed.items.map((s) => s._id)).toEqual([DOWN._id, KEEP._id]);
    expect(data(await t.call('content', 'story', { id: DOWN._id })).title).toBe('核实后的事迹');
  });
});

describe('authoring.storyContext', () => {
  it('says what readers will see around a revision — campaign, exemplars (a hidden one flagged), unit — and that it was never published', async () => {
    const ctx = data(await t.call('authoring', 'storyContext', { storyId: 'd-never' }, 'reviewer-a'));
    expect(ctx).toEqual({
      storyId: 'd-never',
      campaign: { _id: 'c1', name: '专题c1' },
      exemplars: [
        { _id: 'e1', name: '典型e1', kind: 'collective', shown: true },
        { _id: 'e-hidden', name: '典型e-hidden', kind: 'collective', shown: false },
      ],
      unit: { _id: 'u-sa', name: 'u-sa全称', shortName: 'u-sa', level: 'station' },
      current: null,
    });
  });

  it('says a story was taken down and why; outside the unit it is refused', async () => {
    const ctx = data(await t.call('authoring', 'storyContext', { storyId: ADMIN_DOWN._id }, 'reviewer-b'));
    expect(ctx.current).toEqual({ state: 'withdrawn', revision: 1, article: null, withdrawal: { reason: '本人申请撤回', at: expect.any(Number) as unknown as number } });
    const refused = await t.call('authoring', 'storyContext', { storyId: ADMIN_DOWN._id }, 'reviewer-a');
    expect(refused.ok ? 'ok' : [refused.error.code, refused.error.reason]).toEqual(['PERMISSION_DENIED', 'outside_scope']);
  });
});
