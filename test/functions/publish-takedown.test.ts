/**
 * Taking a story down with its official-account article, through the real wx-server-sdk, the
 * local cloud (strict indexes) and the fake official account: the article is deleted exactly once
 * (freepublish/delete) by the publish job that made it, whatever fails on the way — a lost
 * answer, a crash between the intent and the call, a busy account, an error WeChat answers — and
 * the story no longer links it. And publish.preview: the article as it will go out, sending nothing.
 */
import type { CallResult, PublishJob, PublishPreview, Story } from '@contract';
import { data } from './cloud-fixture';
import { demoStories, startPublishCloud, type PublishCloud } from './publish-fixture';

let t: PublishCloud;
const stories = demoStories();
let next = 0;
function freshStory(): Story {
  const s = stories[next++];
  if (!s) throw new Error('out of demo stories');
  return s;
}

beforeAll(async () => {
  t = await startPublishCloud('publish-takedown', {}, {}, undefined, ['authoring', 'content']);
}, 120_000);
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => {
  t.oa.setFaults({});
});

async function settled(): Promise<void> {
  await t.oa.settle();
  await new Promise((r) => setTimeout(r, 100));
}

/** freepublish/delete calls that took effect (a dropped answer took effect too). */
function deletes(): number {
  return t.oa.calls().filter((c) => c.api === 'freepublish/delete' && c.errcode === 0).length;
}

/** Every freepublish/delete call, whatever it answered. */
function deleteCalls(): number {
  return t.oa.calls().filter((c) => c.api === 'freepublish/delete').length;
}

async function takeDown(storyId: string, deleteArticle: boolean, who = 'dev-admin'): Promise<CallResult<'authoring', 'takeDown'>> {
  return (await t.cloud.invoke('authoring', { action: 'takeDown', data: { storyId, reason: '经核实事迹有出入，先撤回', deleteArticle } }, { openid: who })) as CallResult<'authoring', 'takeDown'>;
}

/** Publish a fresh story through the pipeline; answers it with its published job. */
async function published(): Promise<{ story: Story; job: PublishJob }> {
  const story = freshStory();
  const view = data(await t.call('start', { storyId: story._id }));
  await settled();
  const job = t.job(view._id) as PublishJob;
  expect(job.state).toBe('published');
  expect(t.story(story._id)?.article).toEqual({ url: job.articleUrl, publishedAt: expect.any(Number) as unknown as number, revision: story.revision });
  return { story, job };
}

function onAccount(url: string | null): boolean {
  return t.oa.articles().some((a) => a.url === url);
}

describe('taking a story down with its article', () => {
  it('the job that published the article deletes it: 删除中 at once, then one freepublish/delete on the timer’s run; 已删除, the story links nothing, the account no longer lists it', async () => {
    const { story, job } = await published();
    const before = deletes();
    const res = data(await takeDown(story._id, true));
    expect(res).toEqual({ storyId: story._id, state: 'withdrawn', withdrawnAt: expect.any(Number) as unknown as number, articleJobs: [job._id] });
    expect(t.story(story._id)).toMatchObject({ state: 'withdrawn', withdrawal: { reason: '经核实事迹有出入，先撤回', by: 'dev-admin', deleteArticle: true } });
    const deleting = t.job(job._id) as PublishJob;
    expect(deleting).toMatchObject({ state: 'deleting', deleteRequested: { by: 'dev-admin' } });
    // Nothing deleted yet: the authoring function holds no official-account credentials' duty.
    expect(deletes() - before).toBe(0);

    const summary = await t.timer();
    expect(summary.deleting).toContain(job._id);
    expect(deletes() - before).toBe(1);
    const done = data(await t.call('job', { id: job._id }));
    expect(done.state).toBe('deleted');
    expect(done.history.map((h) => h.state).slice(-2)).toEqual(['deleting', 'deleted']);
    expect(done.canRetry).toBe(false);
    expect(t.story(story._id)?.article).toBeNull();
    expect(onAccount(job.articleUrl)).toBe(false);

    // Another run finds nothing to do; a retry is refused with its reason.
    await t.timer();
    expect(deletes() - before).toBe(1);
    const retried = await t.call('retry', { id: job._id });
    expect(retried.ok ? 'ok' : [retried.error.code, retried.error.reason]).toEqual(['FAILED_PRECONDITION', 'job_already_deleted']);
    // The publisher's list no longer offers the story.
    const candidates = data(await t.call('candidates', { limit: 50 }));
    expect(candidates.items.map((c) => c._id)).not.toContain(story._id);
  });

  it('a lost answer: the intent stays, the next run looks the article up (gone) and finishes without a second delete', async () => {
    const { story, job } = await published();
    const before = deletes();
    const calls = deleteCalls();
    data(await takeDown(story._id, true));
    t.oa.setFaults({ dropResponse: { 'freepublish/delete': 1 } });
    await t.timer();
    expect(deletes() - before).toBe(1);
    expect(onAccount(job.articleUrl)).toBe(false);
    const stuck = t.job(job._id) as PublishJob;
    expect(stuck.state).toBe('deleting');
    expect(stuck.deleteIntentAt).toEqual(expect.any(Number));
    expect(stuck.lastError?.code).toBe(-2);
    expect(t.story(story._id)?.article?.url).toBe(job.articleUrl);

    await t.timer();
    expect(deleteCalls() - calls).toBe(1);
    expect(t.job(job._id)?.state).toBe('deleted');
    expect(t.job(job._id)?.history?.at(-1)?.note).toBe('已确认上次删除已生效');
    expect(t.story(story._id)?.article).toBeNull();
  });

  it('a crash between the intent and the call: the article is still there, so the next run deletes it — once', async () => {
    const { story, job } = await published();
    const before = deletes();
    data(await takeDown(story._id, true));
    const article = t.oa.articles().find((a) => a.url === job.articleUrl);
    if (!article) throw new Error('article missing');
    // As a runner leaves it when it dies right after recording its intent.
    t.cloud.db.patch('publish_jobs', job._id, { articleId: article.articleId, deleteIntentAt: Date.now() - 60_000 });
    await t.timer();
    expect(deletes() - before).toBe(1);
    expect(t.job(job._id)?.state).toBe('deleted');
    expect(onAccount(job.articleUrl)).toBe(false);
  });

  it('a busy account: a short spell is waited out within the call, a long one leaves the job for the next run — one delete either way', async () => {
    const a = await published();
    const b = await published();
    const before = deletes();
    data(await takeDown(a.story._id, true));
    t.oa.setFaults({ busy: { 'freepublish/delete': 2 } });
    await t.timer();
    expect(t.job(a.job._id)?.state).toBe('deleted');
    expect(deletes() - before).toBe(1);

    data(await takeDown(b.story._id, true));
    // Four busy answers: the call and its three back-off retries.
    t.oa.setFaults({ busy: { 'freepublish/delete': 4 } });
    await t.timer();
    const waiting = t.job(b.job._id) as PublishJob;
    expect(waiting.state).toBe('deleting');
    expect(waiting.lastError?.code).toBe(-1);
    expect(onAccount(b.job.articleUrl)).toBe(true);
    await t.timer();
    expect(t.job(b.job._id)?.state).toBe('deleted');
    expect(deletes() - before).toBe(2);
  });

  it('an error WeChat answers fails the job with its reason and clears the intent; the publisher’s 重试 deletes it once', async () => {
    const { story, job } = await published();
    const before = deletes();
    data(await takeDown(story._id, true));
    t.oa.setFaults({ failAt: [{ api: 'freepublish/delete', errcode: 48001 }] });
    await t.timer();
    const failed = data(await t.call('job', { id: job._id }));
    expect(failed).toMatchObject({ state: 'failed', failure: { code: 48001 }, canRetry: true });
    expect(t.job(job._id)).toMatchObject({ failedStep: 'delete_article', deleteIntentAt: null });
    expect(onAccount(job.articleUrl)).toBe(true);
    t.oa.setFaults({});
    const retried = data(await t.call('retry', { id: job._id }));
    expect(retried.state).toBe('deleted');
    expect(deletes() - before).toBe(1);
    expect(onAccount(job.articleUrl)).toBe(false);
    expect(t.story(story._id)?.article).toBeNull();
  });

  it('taken down while its job is still on the way: once published the job goes straight on to delete the article, never linking it', async () => {
    t.oa.setFaults({ event: 'never' });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    expect(t.job(view._id)?.state).toBe('submitted');
    const before = deletes();
    const res = data(await takeDown(story._id, true));
    expect(res.articleJobs).toContain(view._id);
    expect(t.job(view._id)).toMatchObject({ state: 'submitted', deleteWhenPublished: true });
    // The poll learns it was published: the job moves on to deleting; the next run deletes.
    await t.timer();
    const moved = t.job(view._id) as PublishJob;
    expect(moved.history?.map((h) => h.state).slice(-2)).toEqual(['published', 'deleting']);
    expect(t.story(story._id)?.article?.url).not.toBe(moved.articleUrl);
    await t.timer();
    expect(t.job(view._id)?.state).toBe('deleted');
    expect(deletes() - before).toBe(1);
    expect(onAccount(moved.articleUrl)).toBe(false);
    expect(t.story(story._id)?.article).toBeNull();
  });

  it('taken down without the article: the article stays on the account and linked, its job stays 已发布, nothing is deleted', async () => {
    const { story, job } = await published();
    const before = deletes();
    const res = data(await takeDown(story._id, false));
    expect(res.articleJobs).toEqual([]);
    await t.timer();
    expect(deletes() - before).toBe(0);
    expect(t.job(job._id)?.state).toBe('published');
    expect(t.story(story._id)).toMatchObject({ state: 'withdrawn', article: { url: job.articleUrl } });
    expect(onAccount(job.articleUrl)).toBe(true);
  });

  it('a link no job of the story made is deleted by a job of its own, found in the published list by its URL; one not on the account ends 已删除 without a call', async () => {
    const { job } = await published();
    const other = freshStory();
    // A link recorded before jobs were (no revision), to an article that is on the account.
    t.cloud.db.patch('stories', other._id, { article: { url: job.articleUrl, publishedAt: Date.now() - 86_400_000 } });
    const before = deletes();
    const res = data(await takeDown(other._id, true));
    expect(res.articleJobs).toEqual([`${other._id}-r0`]);
    await t.timer();
    expect(t.job(`${other._id}-r0`)?.state).toBe('deleted');
    expect(deletes() - before).toBe(1);
    expect(onAccount(job.articleUrl)).toBe(false);
    expect(t.story(other._id)?.article).toBeNull();

    // The demo's links name articles this account never had: nothing to call.
    const legacy = freshStory();
    t.cloud.db.patch('stories', legacy._id, { article: { url: 'https://mp.weixin.qq.com/s/not-on-this-account', publishedAt: Date.now() - 86_400_000 } });
    data(await takeDown(legacy._id, true));
    await t.timer();
    expect(t.job(`${legacy._id}-r0`)).toMatchObject({ state: 'deleted' });
    expect(deletes() - before).toBe(1);
    expect(t.story(legacy._id)?.article).toBeNull();
  });
});

describe('publish.preview', () => {
  it('shows the article as draft/add will get it — the same markup but for image URLs and the drawn card — and sends nothing to the account', async () => {
    const story = freshStory();
    const calls = t.oa.calls().length;
    const preview: PublishPreview = data(await t.call('preview', { storyId: story._id }));
    expect(t.oa.calls()).toHaveLength(calls);
    expect(preview).toMatchObject({ storyId: story._id, revision: story.revision, title: story.title, problem: null });
    expect(preview.cover).toMatch(/^https?:\/\//);
    const html = preview.html ?? '';
    expect(html).not.toContain('mp-miniprogram');
    expect(html).toContain('小程序卡片');
    const srcs = [...html.matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1] as string);
    // Inline images and the card's image, each one a URL a staff page can load.
    expect(srcs.length).toBe(story.blocks.filter((b) => b.type === 'image').length + 1);
    for (const src of srcs) expect(src.startsWith(t.oa.url)).toBe(false);

    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    const article = t.oa.articles().find((a) => a.url === t.job(view._id)?.articleUrl);
    if (!article) throw new Error('not published');
    expect(article.title).toBe(preview.title);
    expect(article.author).toBe(preview.author);
    expect(article.digest).toBe(preview.digest);
    // Everything but the image addresses and the card is the same markup, byte for byte.
    const comparable = (s: string) => s.replace(/ src="[^"]*"/g, ' src=""').replace(/<section style="margin:24px 0 0;">.*<\/section><\/section>$/, '</section>');
    expect(comparable(html)).toBe(comparable(article.content));
  });

  it('a story taken down is not offered: story_not_published', async () => {
    const story = freshStory();
    data(await takeDown(story._id, false));
    const r = await t.call('preview', { storyId: story._id });
    expect(r.ok ? 'ok' : [r.error.code, r.error.reason]).toEqual(['FAILED_PRECONDITION', 'story_not_published']);
  });
});
