/**
 * 留言 through the real wx-server-sdk on the local cloud (strict indexes): a reader's message
 * is theirs alone until a reviewer of the story's unit features it, then everyone's with the
 * author's reply under it; risky text is refused and text WeChat wants a human to see is held
 * and flagged; posting is rate limited and idempotent; a reviewer hides with a reason; the
 * writer deletes their own (featured too) and nobody else can; a story taken down takes its
 * messages with it.
 */
import type { CommentView, Result } from '@contract';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { docs, grant, story, unit } from './fixtures';

const RISKY = '违禁测试';
const HOLD = '待审测试';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-det-a', 'detachment', corps, 1);
const stationA = unit('u-st-a', 'station', detA, 1);
const detB = unit('u-det-b', 'detachment', corps, 2);
const stationB = unit('u-st-b', 'station', detB, 1);
// A battalion moved from detachment A to B by an admin in 'a unit move', with its station.
const battalionM = unit('u-bn-m', 'battalion', detA, 2);
const stationM = unit('u-st-m', 'station', battalionM, 1);

const STORY = story('s-a', stationA);
const OTHER = story('s-b', stationB);
const PAGED = story('s-paged', stationA);
const DOWN = story('s-down', stationA);
const DRAFT = story('s-draft', stationA, { state: 'draft', publishedAt: null });
const MOVED = story('s-moved', stationM);

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'comments',
    (db) => {
      db.insertMany('units', docs([corps, detA, stationA, detB, stationB, battalionM, stationM]));
      db.insertMany('stories', docs([STORY, OTHER, PAGED, DOWN, DRAFT, MOVED]));
      db.insertMany(
        'roles',
        docs([
          grant('g-rev-a', 'reviewer-a', 'reviewer', detA._id),
          grant('g-rev-a2', 'reviewer-a2', 'reviewer', detA._id),
          grant('g-rev-b', 'reviewer-b', 'reviewer', detB._id),
          grant('g-rev-corps', 'reviewer-corps', 'reviewer', corps._id),
          grant('g-rev-corps-a', 'reviewer-corps', 'reviewer', detA._id),
          grant('g-ed-a', 'editor-a', 'editor', stationA._id),
          grant('g-admin', 'admin-1', 'admin', corps._id),
        ]),
      );
    },
    {},
    { secWords: [RISKY], reviewWords: [HOLD] },
  );
});

afterAll(async () => {
  await t?.stop();
});

let keys = 0;
const key = () => `k-test-${++keys}-${Date.now().toString(36)}`;
const post = (storyId: string, text: string, openid: string, requestKey = key()) => t.call('comments', 'post', { storyId, text, requestKey }, openid);
const listFor = (storyId: string, openid: string, cursor?: string | null) => t.call('comments', 'listForStory', { storyId, cursor }, openid);
const queue = (openid: string, tab: 'pending' | 'featured' = 'pending', cursor?: string | null) => t.call('comments', 'queue', { tab, cursor }, openid);

/** The audit entries the snapshot holds for `action`, parsed. */
function audits(action: string): { actor: string; action: string; subject: { kind: string; id: string }; before: Record<string, unknown>; after: Record<string, unknown> }[] {
  return Object.values(t.cloud.db.snapshot().audit ?? {})
    .map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as ReturnType<typeof audits>[number])
    .filter((e) => e.action === action);
}

const texts = (items: readonly CommentView[]) => items.map((c) => c.text);

describe('a message: written, featured by a reviewer, answered, seen by everyone', () => {
  it('is the writer’s alone until featured, then public with the author’s reply under it', async () => {
    const written = data(await post(STORY._id, '  向逆行者致敬！  ', 'reader-1'));
    expect(written.created).toBe(true);
    expect(written.comment).toMatchObject({ text: '向逆行者致敬！', state: 'pending', mine: true, byline: '我', reply: null });
    const id = written.comment._id;

    // Nobody else sees it yet; its writer sees it flagged as theirs on the story's first page.
    expect(data(await listFor(STORY._id, 'reader-2'))).toEqual({ items: [], next: null, mine: [] });
    const own = data(await listFor(STORY._id, 'reader-1'));
    expect(own.items).toEqual([]);
    expect(own.mine.map((c) => [c._id, c.state, c.mine])).toEqual([[id, 'pending', true]]);
    expect(data(await t.call('comments', 'mine', {}, 'reader-1')).items).toEqual([expect.objectContaining({ _id: id, state: 'pending', story: { _id: STORY._id, title: STORY.title } })]);

    // The detachment reviewer finds it waiting, counted.
    const q = data(await queue('reviewer-a'));
    expect(q.counts.pending).toBeGreaterThanOrEqual(1);
    const item = q.items.find((i) => i._id === id);
    expect(item).toMatchObject({ text: '向逆行者致敬！', state: 'pending', contentHeld: false, story: { _id: STORY._id, title: STORY.title, published: true }, unit: { _id: stationA._id } });

    const featured = data(await t.call('comments', 'feature', { id }, 'reviewer-a')).comment;
    expect(featured).toMatchObject({ state: 'featured', featured: { by: { name: '未署名人员' } } });
    const replied = data(await t.call('comments', 'reply', { id, text: '感谢关注，我们会继续讲好消防故事。' }, 'reviewer-a')).comment;
    expect(replied.reply).toMatchObject({ text: '感谢关注，我们会继续讲好消防故事。' });

    // Now every reader sees it, with the reply, under a tag that is not the writer's id.
    const seen = data(await listFor(STORY._id, 'reader-2'));
    expect(seen.items).toEqual([
      { _id: id, storyId: STORY._id, text: '向逆行者致敬！', byline: expect.stringMatching(/^读者 [0-9a-f]{4}$/) as unknown as string, createdAt: expect.any(Number) as unknown as number, state: 'featured', mine: false, reply: { text: '感谢关注，我们会继续讲好消防故事。', at: expect.any(Number) as unknown as number } },
    ]);
    expect(JSON.stringify(seen)).not.toContain('reader-1');
    // Signed out (a card opened in Moments), the featured ones still read.
    const anonymous = (await t.cloud.invoke('comments', { action: 'listForStory', data: { storyId: STORY._id } })) as Result<{ items: CommentView[] }>;
    expect(anonymous.ok && texts(anonymous.data.items)).toEqual(['向逆行者致敬！']);
    // The writer sees it once, among the featured, as theirs.
    const writer = data(await listFor(STORY._id, 'reader-1'));
    expect([writer.items.map((c) => [c._id, c.mine, c.byline]), writer.mine]).toEqual([[[id, true, '我']], []]);

    // Both acts audited in their transactions, under the story (the log names it by its title), without the reader's words.
    expect(audits('comments.feature')).toEqual([
      expect.objectContaining({ actor: 'reviewer-a', subject: { kind: 'story', id: STORY._id }, before: expect.objectContaining({ commentState: 'pending' }), after: expect.objectContaining({ commentState: 'featured', title: STORY.title, commentId: id }) }),
    ]);
    expect(audits('comments.reply')).toEqual([expect.objectContaining({ actor: 'reviewer-a', after: expect.objectContaining({ reply: '感谢关注，我们会继续讲好消防故事。' }) })]);
    expect(JSON.stringify(t.cloud.db.snapshot().audit)).not.toContain('向逆行者致敬');

    // Featuring it again changes nothing and audits nothing.
    expect(data(await t.call('comments', 'feature', { id }, 'reviewer-a2')).comment.state).toBe('featured');
    expect(audits('comments.feature')).toHaveLength(1);
  });

  it('a featured story page reads newest first, ten at a time, without repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = data(await post(PAGED._id, `第${i + 1}条留言`, `paging-reader-${i}`)).comment;
      ids.push(c._id);
      data(await t.call('comments', 'feature', { id: c._id }, 'reviewer-a'));
    }
    const first = data(await listFor(PAGED._id, 'reader-2'));
    expect(texts(first.items)).toEqual(Array.from({ length: 10 }, (_, i) => `第${12 - i}条留言`));
    expect(first.next).not.toBeNull();
    const second = data(await listFor(PAGED._id, 'reader-2', first.next));
    expect([texts(second.items), second.next, second.mine]).toEqual([['第2条留言', '第1条留言'], null, []]);
  });
});

describe('content security', () => {
  it('risky text is refused and nothing is stored', async () => {
    const before = t.cloud.db.count('comments');
    const r = await post(STORY._id, `这里有${RISKY}内容`, 'reader-3');
    expect(r).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', reason: 'content_risky' } });
    expect(t.cloud.db.count('comments')).toBe(before);
  });

  it('text WeChat wants a person to see is kept as the writer’s, flagged for the reviewers', async () => {
    const c = data(await post(STORY._id, `我想说${HOLD}的事`, 'reader-3')).comment;
    expect(c.state).toBe('pending');
    const item = data(await queue('reviewer-a')).items.find((i) => i._id === c._id);
    expect(item).toMatchObject({ contentHeld: true, state: 'pending' });
    expect(data(await listFor(STORY._id, 'reader-2')).items.map((i) => i._id)).not.toContain(c._id);
  });

  it('a reply must pass outright: risky and held replies are refused and the message is unchanged', async () => {
    const c = data(await post(STORY._id, '期待更多报道', 'reader-4')).comment;
    const risky = await t.call('comments', 'reply', { id: c._id, text: `回复${RISKY}` }, 'reviewer-a');
    expect(risky).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', reason: 'content_risky' } });
    const held = await t.call('comments', 'reply', { id: c._id, text: `回复${HOLD}` }, 'reviewer-a');
    expect(held).toMatchObject({ ok: false, error: { code: 'CONTENT_HELD', reason: 'content_held' } });
    expect(t.cloud.db.findById('comments', c._id)).toMatchObject({ reply: null, state: 'pending' });
  });
});

describe('posting', () => {
  it('a retried post (same requestKey) is the same message; the key with another text is refused', async () => {
    const k = key();
    const first = data(await post(STORY._id, '同一条留言', 'reader-5', k));
    const again = data(await post(STORY._id, '同一条留言', 'reader-5', k));
    expect([first.created, again.created, again.comment._id]).toEqual([true, false, first.comment._id]);
    expect(await post(STORY._id, '另一条留言', 'reader-5', k)).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'request_key_reused' } });
    // The same key from another reader is another reader's message.
    expect(data(await post(STORY._id, '同一条留言', 'reader-6', k)).comment._id).not.toBe(first.comment._id);
  });

  it('five messages in ten minutes, then RATE_LIMITED; a retry of one already posted still answers it', async () => {
    // A fixed ten-minute window: if the run straddles a window's end, run it again with a fresh reader.
    for (let attempt = 0; attempt < 2; attempt++) {
      const reader = `reader-burst-${attempt}`;
      const start = Date.now();
      const k = key();
      const answers = [await post(STORY._id, '第一条', reader, k)];
      for (let i = 2; i <= 6; i++) answers.push(await post(STORY._id, `第${i}条`, reader));
      const retry = await post(STORY._id, '第一条', reader, k);
      if (Math.floor(start / 600_000) !== Math.floor(Date.now() / 600_000)) continue;
      expect(answers.map((a) => a.ok)).toEqual([true, true, true, true, true, false]);
      expect(answers[5]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', reason: 'rate_limited' } });
      expect(retry).toMatchObject({ ok: true, data: { created: false } });
      return;
    }
    throw new Error('two runs straddled a rate window');
  });

  it('only under published stories, only signed in', async () => {
    expect(await post(DRAFT._id, '草稿下留言', 'reader-7')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await post('no-such-story', '留言', 'reader-7')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const anonymous = await t.cloud.invoke('comments', { action: 'post', data: { storyId: STORY._id, text: '匿名', requestKey: key() } });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', reason: 'not_signed_in' } });
    expect(await post(STORY._id, '   ', 'reader-7')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await post(STORY._id, '长'.repeat(301), 'reader-7')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('moderation', () => {
  it('hiding takes a featured message back; its writer reads it as not featured, the reason stays with the staff', async () => {
    const c = data(await post(STORY._id, '先精选后隐藏', 'reader-8')).comment;
    data(await t.call('comments', 'feature', { id: c._id }, 'reviewer-a'));
    const hidden = data(await t.call('comments', 'hide', { id: c._id, reason: '与事迹无关' }, 'reviewer-a')).comment;
    expect(hidden).toMatchObject({ state: 'hidden', featured: null, hidden: { reason: '与事迹无关' } });
    expect(data(await listFor(STORY._id, 'reader-2')).items.map((i) => i._id)).not.toContain(c._id);
    const own = data(await listFor(STORY._id, 'reader-8'));
    expect(own.mine.map((m) => [m._id, m.state])).toEqual([[c._id, 'hidden']]);
    expect(JSON.stringify(own)).not.toContain('与事迹无关');
    expect(data(await t.call('comments', 'mine', {}, 'reader-8')).items.map((m) => m.state)).toEqual(['hidden']);
    expect(audits('comments.hide')).toEqual([expect.objectContaining({ actor: 'reviewer-a', before: expect.objectContaining({ commentState: 'featured' }), after: expect.objectContaining({ commentState: 'hidden', reason: '与事迹无关' }) })]);
    // The featured tab no longer lists it; a hidden message can be featured after all.
    expect(data(await queue('reviewer-a', 'featured')).items.map((i) => i._id)).not.toContain(c._id);
    expect(data(await t.call('comments', 'feature', { id: c._id }, 'reviewer-a')).comment).toMatchObject({ state: 'featured', hidden: null });
  });

  it('only reviewers over the story’s unit moderate; nobody features their own message', async () => {
    const c = data(await post(STORY._id, '请审核员处理', 'reader-9')).comment;
    const before = t.cloud.db.snapshot();
    for (const [who, reason] of [
      ['reviewer-b', 'outside_scope'],
      ['editor-a', 'role_required'],
      ['reader-2', 'role_required'],
    ] as const) {
      for (const r of [
        await t.call('comments', 'feature', { id: c._id }, who),
        await t.call('comments', 'hide', { id: c._id, reason: '越权' }, who),
        await t.call('comments', 'reply', { id: c._id, text: '越权回复' }, who),
      ]) {
        expect([who, r]).toEqual([who, { ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED', reason }) }]);
      }
    }
    expect(await queue('reader-2')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required' } });
    expect(t.cloud.db.snapshot()).toEqual(before);
    // The other detachment's reviewer does not even see it queued.
    expect(data(await queue('reviewer-b')).items.map((i) => i._id)).not.toContain(c._id);

    const mine = data(await post(STORY._id, '审核员自己的留言', 'reviewer-a')).comment;
    expect(await t.call('comments', 'feature', { id: mine._id }, 'reviewer-a')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'own_work' } });
    expect(data(await t.call('comments', 'feature', { id: mine._id }, 'reviewer-a2')).comment.state).toBe('featured');
  });

  it('a reviewer over the corps and one of its detachments counts and lists each message once; pending oldest first, featured newest first', async () => {
    const corpsQueue = data(await queue('reviewer-corps'));
    const detQueue = data(await queue('reviewer-a'));
    expect(corpsQueue.counts.pending).toBe(detQueue.counts.pending);
    const ids = corpsQueue.items.map((i) => i._id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = corpsQueue.items.map((i) => i.createdAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The featured tab, five at a time: every featured message once, newest first across pages.
    const walked: { _id: string; createdAt: number }[] = [];
    let cursor: string | null = null;
    let count = 0;
    do {
      const page: { items: { _id: string; createdAt: number }[]; counts: { featured: number }; next: string | null } = data(await t.call('comments', 'queue', { tab: 'featured', cursor, limit: 5 }, 'reviewer-corps'));
      walked.push(...page.items);
      count = page.counts.featured;
      cursor = page.next;
    } while (cursor);
    expect(count).toBeGreaterThanOrEqual(12);
    expect(new Set(walked.map((i) => i._id)).size).toBe(count);
    const ftimes = walked.map((i) => i.createdAt);
    expect(ftimes).toEqual([...ftimes].sort((a, b) => b - a));
  });
});

describe('the writer deletes their own', () => {
  it('a featured message disappears for everyone, its text erased; nobody else can delete it; the reviewers can no longer act on it', async () => {
    const c = data(await post(STORY._id, '我要删掉这条', 'reader-10')).comment;
    data(await t.call('comments', 'feature', { id: c._id }, 'reviewer-a'));
    data(await t.call('comments', 'reply', { id: c._id, text: '谢谢' }, 'reviewer-a'));

    const before = t.cloud.db.snapshot();
    expect(await t.call('comments', 'remove', { id: c._id }, 'reader-2')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('comments', 'remove', { id: c._id }, 'reviewer-a')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(t.cloud.db.snapshot()).toEqual(before);

    expect(data(await t.call('comments', 'remove', { id: c._id }, 'reader-10'))).toEqual({ removed: true });
    expect(data(await t.call('comments', 'remove', { id: c._id }, 'reader-10'))).toEqual({ removed: true });
    expect(t.cloud.db.findById('comments', c._id)).toMatchObject({ state: 'deleted', text: '', reply: null });
    expect(data(await listFor(STORY._id, 'reader-2')).items.map((i) => i._id)).not.toContain(c._id);
    expect(data(await t.call('comments', 'mine', {}, 'reader-10')).items).toEqual([]);
    expect(data(await queue('reviewer-a', 'featured')).items.map((i) => i._id)).not.toContain(c._id);
    expect(await t.call('comments', 'feature', { id: c._id }, 'reviewer-a')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'comment_deleted' } });
    expect(await t.call('comments', 'reply', { id: c._id, text: '再回复' }, 'reviewer-a')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'comment_deleted' } });
    // A late retry of the same post does not bring it back.
    const k = t.cloud.db.findById('comments', c._id)?.requestKey as string;
    const retry = data(await post(STORY._id, '我要删掉这条', 'reader-10', k));
    expect([retry.created, t.cloud.db.findById('comments', c._id)?.state]).toEqual([false, 'deleted']);
  });
});

describe('a story taken down', () => {
  it('takes its messages with it: the list answers 已撤回, nobody can post, and the writer’s own list no longer names the story', async () => {
    const c = data(await post(DOWN._id, '会随事迹撤回消失', 'reader-11')).comment;
    data(await t.call('comments', 'feature', { id: c._id }, 'reviewer-a'));
    expect(texts(data(await listFor(DOWN._id, 'reader-2')).items)).toEqual(['会随事迹撤回消失']);

    data(await t.call('authoring', 'takeDown', { storyId: DOWN._id, reason: '事迹需核实', deleteArticle: false }, 'reviewer-a'));
    expect(await listFor(DOWN._id, 'reader-2')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'story_withdrawn' } });
    expect(await post(DOWN._id, '还想留言', 'reader-11')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'story_withdrawn' } });
    const mine = data(await t.call('comments', 'mine', {}, 'reader-11')).items;
    expect(mine.map((m) => [m._id, m.story])).toEqual([[c._id, null]]);
    // The writer can still delete it (their words, their right).
    expect(data(await t.call('comments', 'remove', { id: c._id }, 'reader-11'))).toEqual({ removed: true });
  });
});

describe('a unit move', () => {
  it('takes the messages of its stations along: the new detachment’s reviewer queues, counts and features them, the old one no longer sees them', async () => {
    const waiting = data(await post(MOVED._id, '搬家前的留言', 'reader-12')).comment;
    const shown = data(await post(MOVED._id, '已精选的留言', 'reader-13')).comment;
    data(await t.call('comments', 'feature', { id: shown._id }, 'reviewer-a'));
    const before = { a: data(await queue('reviewer-a')), b: data(await queue('reviewer-b')) };
    expect(before.a.items.map((i) => i._id)).toContain(waiting._id);
    expect(before.b.items.map((i) => i._id)).not.toContain(waiting._id);

    data(await t.call('admin', 'moveUnit', { unitId: battalionM._id, parentId: detB._id }, 'admin-1'));

    const after = { a: data(await queue('reviewer-a')), b: data(await queue('reviewer-b')) };
    expect(after.b.items.map((i) => i._id)).toContain(waiting._id);
    expect(after.b.counts.pending).toBe(before.b.counts.pending + 1);
    expect(after.b.counts.featured).toBe(before.b.counts.featured + 1);
    expect(data(await queue('reviewer-b', 'featured')).items.map((i) => i._id)).toContain(shown._id);
    expect(after.a.items.map((i) => i._id)).not.toContain(waiting._id);
    expect(after.a.counts.pending).toBe(before.a.counts.pending - 1);
    expect(data(await queue('reviewer-a', 'featured')).items.map((i) => i._id)).not.toContain(shown._id);
    // 工作台 counts follow the queue.
    expect(data(await t.call('identity', 'todo', {}, 'reviewer-b')).counts.comment_review).toBe(after.b.counts.pending);
    // The new detachment's reviewer decides; the old one is outside the story's unit now.
    expect(data(await t.call('comments', 'feature', { id: waiting._id }, 'reviewer-b')).comment.state).toBe('featured');
    expect(await t.call('comments', 'hide', { id: waiting._id, reason: '不再归我管' }, 'reviewer-a')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'outside_scope' } });
  });
});

describe('indexes', () => {
  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
