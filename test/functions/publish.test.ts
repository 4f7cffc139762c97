/**
 * The official-account pipeline through the real wx-server-sdk, the local cloud (strict indexes)
 * and the fake official account: a story becomes exactly one published article whatever fails
 * on the way, and the story links to it.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AuditEntry, PublishJob, PublishJobView } from '@contract';
import { articleUrlAllowed, parseArticleHosts } from '../../cloudfunctions/src/workflows/publishing/push';
import { data } from './cloud-fixture';
import { demoStories, startPublishCloud, type PublishCloud } from './publish-fixture';
import type { OaApi } from '../../emulator/official-account';

let t: PublishCloud;
const stories = demoStories();
let next = 0;
/** Each test publishes its own story, so counts on the shared fake are per story. */
function freshStory() {
  const s = stories[next++];
  if (!s) throw new Error('out of demo stories');
  return s;
}

beforeAll(async () => {
  t = await startPublishCloud('publish');
}, 90_000);
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => {
  t.oa.setFaults({});
});

function successes(api: OaApi): number {
  return t.oa.calls().filter((c) => c.api === api && c.errcode === 0).length;
}

async function settled(): Promise<void> {
  await t.oa.settle();
  // The event's function call finishes shortly after the push was answered.
  await new Promise((r) => setTimeout(r, 100));
}

function counts() {
  return { drafts: successes('draft/add'), submits: successes('freepublish/submit'), articles: t.oa.articles().length };
}

function delta(before: ReturnType<typeof counts>) {
  const now = counts();
  return { drafts: now.drafts - before.drafts, submits: now.submits - before.submits, articles: now.articles - before.articles };
}

function expectPublishedOnce(storyId: string, jobId: string) {
  const job = t.job(jobId) as PublishJob;
  expect(job.state).toBe('published');
  const story = t.story(storyId);
  expect(story?.article?.url).toBe(job.articleUrl);
  const mine = t.oa.articles().filter((a) => a.url === job.articleUrl);
  expect(mine).toHaveLength(1);
  expect((job.history ?? []).filter((h) => h.state === 'published')).toHaveLength(1);
}

describe('publishing a story', () => {
  it('a publisher publishes a story: one article on the account with uploaded images and a card back to the story; the story links it', async () => {
    const story = freshStory();
    const before = counts();
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).toBe('submitted');
    expect(view.title).toBe(story.title);
    await settled();
    expectPublishedOnce(story._id, view._id);
    expect(delta(before)).toEqual({ drafts: 1, submits: 1, articles: 1 });
    const article = t.oa.articles().find((a) => a.url === t.story(story._id)?.article?.url);
    expect(article?.content).toContain(`data-miniprogram-path="pages/story/index?id=${story._id}&amp;rev=${story.revision}"`);
    const srcs = [...(article?.content ?? '').matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    const inline = story.blocks.filter((b) => b.type === 'image').length;
    expect(srcs).toHaveLength(inline);
    for (const src of srcs) expect(src?.startsWith(`${t.oa.url}/mmbiz/`)).toBe(true);
    const jobView = data(await t.call('job', { id: view._id }));
    expect(jobView.history.map((h) => h.state)).toEqual(['queued', 'images_uploaded', 'draft_created', 'submitted', 'published']);
    expect(jobView.articleUrl).toBe(article?.url);
    expect(jobView.canRetry).toBe(false);
  });

  it('publishing the same revision again returns the same job and publishes nothing more', async () => {
    const story = freshStory();
    const first = data(await t.call('start', { storyId: story._id }));
    await settled();
    const before = counts();
    const again = data(await t.call('start', { storyId: story._id }));
    const twice = await Promise.all([t.call('start', { storyId: story._id }), t.call('start', { storyId: story._id })]);
    await settled();
    expect(again._id).toBe(first._id);
    for (const r of twice) expect(data(r)._id).toBe(first._id);
    expect(delta(before)).toEqual({ drafts: 0, submits: 0, articles: 0 });
    expectPublishedOnce(story._id, first._id);
    // The job was made once, with its one audit entry; asking again audits nothing.
    expect(auditFor(story._id).map((e) => [e.action, e.actor])).toEqual([['publish.start', 'dev-publisher']]);
  });

  it('only publishers publish: a reader, an editor and a reviewer are refused and nothing is written', async () => {
    const story = freshStory();
    const before = counts();
    for (const who of ['dev-reader', 'dev-editor', 'dev-reviewer', 'dev-admin']) {
      const r = await t.call('start', { storyId: story._id }, who);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('PERMISSION_DENIED');
      const list = await t.call('jobs', {}, who);
      expect(list.ok ? 'ok' : list.error.code).toBe('PERMISSION_DENIED');
    }
    expect(t.cloud.db.findById('publish_jobs', `${story._id}-r${story.revision}`)).toBeNull();
    expect(delta(before)).toEqual({ drafts: 0, submits: 0, articles: 0 });
  });

  it('bad input gets typed errors: unknown story NOT_FOUND, malformed id INVALID_ARGUMENT, a story not published FAILED_PRECONDITION', async () => {
    const missing = await t.call('start', { storyId: 'no-such-story' });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
    const bad = await t.call('start', { storyId: '../x' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_ARGUMENT');
    const unpublished = buildUnpublished();
    if (unpublished) {
      const r = await t.call('start', { storyId: unpublished });
      expect(r.ok ? 'ok' : [r.error.code, r.error.reason]).toEqual(['FAILED_PRECONDITION', 'story_not_published']);
    }
    const retryMissing = await t.call('retry', { id: 'nope-r1' });
    expect(retryMissing.ok ? 'ok' : retryMissing.error.code).toBe('NOT_FOUND');
  });
});

function auditFor(subjectId: string): AuditEntry[] {
  return Object.values(t.cloud.db.snapshot().audit ?? {})
    .map((v) => JSON.parse(v.slice(v.indexOf(':') + 1)) as AuditEntry)
    .filter((e) => e.subject.id === subjectId);
}

function buildUnpublished(): string | null {
  const row = t.cloud.db.findById('stories', stories[stories.length - 1]!._id) as { _id: string } | null;
  if (!row) return null;
  // Withdraw a story directly in the database: only published stories may go out.
  t.cloud.db.insertMany('stories', [{ ...t.story(row._id), _id: 'withdrawn-story', code: 'WDRAWN01', state: 'withdrawn' } as unknown as Record<string, unknown>]);
  return 'withdrawn-story';
}

describe('the outcome event', () => {
  it('an event delivered twice publishes once', async () => {
    t.oa.setFaults({ event: 'twice' });
    const story = freshStory();
    const sent = t.oa.eventsSent();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    expect(t.oa.eventsSent() - sent).toBe(2);
    expectPublishedOnce(story._id, view._id);
  });

  it('an event never delivered: the timer polls freepublish/get and finishes the job', async () => {
    t.oa.setFaults({ event: 'never' });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    expect(t.job(view._id)?.state).toBe('submitted');
    const gets = successes('freepublish/get');
    const summary = await t.timer();
    expect(summary.polled).toContain(view._id);
    expect(successes('freepublish/get') - gets).toBe(1);
    expectPublishedOnce(story._id, view._id);
  });

  it('a platform rejection (publish_status 4) fails the job with a clear reason; a retry makes a new draft and publishes once', async () => {
    t.oa.setFaults({ publishStatus: 4 });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    const failed = data(await t.call('job', { id: view._id }));
    expect(failed.state).toBe('failed');
    expect(failed.failure).toEqual({ code: 4, message: '平台审核不通过' });
    expect(failed.canRetry).toBe(true);
    // The story keeps whatever link it had: a failed publish links nothing.
    expect(t.story(story._id)?.article).toEqual(story.article);
    t.oa.setFaults({});
    const before = counts();
    data(await t.call('retry', { id: view._id }));
    await settled();
    expect(delta(before)).toEqual({ drafts: 1, submits: 1, articles: 1 });
    expectPublishedOnce(story._id, view._id);
  });

  it('an article deleted after publication (publish_status 5) unlinks the story and says so', async () => {
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    expectPublishedOnce(story._id, view._id);
    const publishId = t.job(view._id)?.publishId;
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHash('sha1').update(['local-oa-push-token', ts, '7'].sort().join('')).digest('hex');
    const xml = `<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>${publishId}</publish_id><publish_status>5</publish_status></PublishEventInfo></xml>`;
    const res = await request(`${t.cloud.gatewayUrl}/http/publish-event?signature=${sig}&timestamp=${ts}&nonce=7`, 'POST', xml);
    expect(res).toEqual({ status: 200, body: 'success' });
    const after = data(await t.call('job', { id: view._id }));
    expect(after.state).toBe('failed');
    expect(after.failure).toEqual({ code: 5, message: '发布成功后用户已删除所有文章' });
    expect(t.story(story._id)?.article).toBeNull();
  });

  it('the push URL refuses unsigned or forged events and answers the URL handshake', async () => {
    const base = t.cloud.gatewayUrl;
    const post = await request(`${base}/http/publish-event?signature=bad&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1`, 'POST', '<xml></xml>');
    expect(post.status).toBe(401);
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHash('sha1').update(['local-oa-push-token', ts, '42'].sort().join('')).digest('hex');
    const hello = await request(`${base}/http/publish-event?signature=${sig}&timestamp=${ts}&nonce=42&echostr=hello123`, 'GET', '');
    expect(hello).toEqual({ status: 200, body: 'hello123' });
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const oldSig = createHash('sha1').update(['local-oa-push-token', old, '42'].sort().join('')).digest('hex');
    const replay = await request(`${base}/http/publish-event?signature=${oldSig}&timestamp=${old}&nonce=42`, 'POST', '<xml></xml>');
    expect(replay.status).toBe(401);
  });
});

/** The push token the local cloud gives publish-event and its fake account. */
const PUSH_TOKEN = 'local-oa-push-token';

/** A signed push query as WeChat sends it, with a fresh nonce (or the given one). */
function signedQuery(nonce = String(randomBytes(4).readUInt32BE(0))): string {
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = createHash('sha1').update([PUSH_TOKEN, ts, nonce].sort().join('')).digest('hex');
  return `signature=${sig}&timestamp=${ts}&nonce=${nonce}`;
}

function finishXml(publishId: string, status: number, articleUrl?: string, articleId?: string): string {
  const id = articleId ? `<article_id><![CDATA[${articleId}]]></article_id>` : '';
  const detail = articleUrl ? `<article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[${articleUrl}]]></article_url></item></article_detail>` : '';
  return (
    `<xml><ToUserName><![CDATA[gh_fake000000]]></ToUserName><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event>` +
    `<PublishEventInfo><publish_id>${publishId}</publish_id><publish_status>${status}</publish_status>${id}${detail}</PublishEventInfo></xml>`
  );
}

function push(query: string, body: string): Promise<{ status: number; body: string }> {
  return request(`${t.cloud.gatewayUrl}/http/publish-event?${query}`, 'POST', body);
}

/** The database without the push receipts publish-event records for each signature it takes. */
function withoutReceipts(): Record<string, Record<string, string>> {
  const { oa_push_nonces: _receipts, ...rest } = t.cloud.db.snapshot();
  return rest;
}

const SUCCESS = { status: 200, body: 'success' };

describe('a signed push is good once, and only for the account’s articles (issue 8 item 5)', () => {
  it('a captured push replayed with another body — unlinking an article, a forged URL on another story — is refused and changes nothing', async () => {
    t.oa.setFaults({ event: 'never' });
    const a = freshStory();
    const b = freshStory();
    const va = data(await t.call('start', { storyId: a._id }));
    const vb = data(await t.call('start', { storyId: b._id }));
    await settled();
    const ja = t.job(va._id) as PublishJob;
    const jb = t.job(vb._id) as PublishJob;
    expect([ja.state, jb.state]).toEqual(['submitted', 'submitted']);
    const articleA = t.oa.articles().find((x) => x.publishId === ja.publishId);
    if (!articleA) throw new Error('the fake published no article for the job');

    const captured = signedQuery();
    expect(await push(captured, finishXml(ja.publishId as string, 0, articleA.url, articleA.articleId))).toEqual(SUCCESS);
    expectPublishedOnce(a._id, va._id);

    const before = t.cloud.db.snapshot();
    // Within the signature's time window, with bodies it never covered.
    expect(await push(captured, finishXml(ja.publishId as string, 5))).toEqual(SUCCESS);
    expect(await push(captured, finishXml(jb.publishId as string, 0, `${t.oa.url}/s/forged`))).toEqual(SUCCESS);
    expect(t.cloud.db.snapshot()).toEqual(before);
    expect(t.story(a._id)?.article?.url).toBe(articleA.url);
    expect(t.story(b._id)?.article).toEqual(b.article);

    // The other job still finishes, with the URL WeChat's API gives.
    await t.timer();
    expectPublishedOnce(b._id, vb._id);
  });

  it('a pushed article URL outside the account’s article hosts is not applied; the timer’s poll reads the real one', async () => {
    t.oa.setFaults({ event: 'never' });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    const job = t.job(view._id) as PublishJob;
    expect(job.state).toBe('submitted');
    const before = withoutReceipts();
    const { host } = new URL(t.oa.url);
    for (const url of ['https://evil.example/s/1', `https://${host}.evil.example/s/1`, `https://${host}/s/1`, `http://someone@${host}/s/1`, 'not a url']) {
      expect(await push(signedQuery(), finishXml(job.publishId as string, 0, url))).toEqual(SUCCESS);
      expect(withoutReceipts()).toEqual(before);
    }
    await t.timer();
    expectPublishedOnce(story._id, view._id);
    expect(new URL(t.story(story._id)?.article?.url ?? '').origin).toBe(t.oa.url);

    // Production: only https://mp.weixin.qq.com unless OA_ARTICLE_HOSTS says otherwise.
    const prod = parseArticleHosts(undefined);
    expect(articleUrlAllowed('https://mp.weixin.qq.com/s?__biz=MzA5&mid=1&idx=1', prod)).toBe(true);
    expect(articleUrlAllowed('http://mp.weixin.qq.com/s/abc', prod)).toBe(false);
    expect(articleUrlAllowed('https://mp.weixin.qq.com.evil.example/s/abc', prod)).toBe(false);
  });

  it('a late success (publish_status 0) for a job that already failed does not link the story', async () => {
    t.oa.setFaults({ publishStatus: 4 });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    const job = t.job(view._id) as PublishJob;
    expect(job.state).toBe('failed');
    const before = withoutReceipts();
    expect(await push(signedQuery(), finishXml(job.publishId as string, 0, `${t.oa.url}/s/late`))).toEqual(SUCCESS);
    expect(withoutReceipts()).toEqual(before);
    expect(t.story(story._id)?.article).toEqual(story.article);
    expect(t.job(view._id)?.state).toBe('failed');
  });

  it('WeChat’s retry of a push that failed (500, same nonce) is processed; once applied, the same push changes nothing', async () => {
    // The submit's answer is lost: the job has no publish_id, so the push is matched through the article.
    t.oa.setFaults({ event: 'never', dropResponse: { 'freepublish/submit': 1 } });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    expect(t.job(view._id)?.publishId ?? null).toBeNull();
    const article = t.oa.articles().find((a) => a.content.includes(`id=${story._id}&amp;rev=${story.revision}`));
    if (!article) throw new Error('the fake published no article for the story');

    t.oa.setFaults({ failAt: [{ api: 'freepublish/getarticle', errcode: 40007, times: 1 }] });
    const query = signedQuery();
    const body = finishXml(article.publishId, 0, article.url, article.articleId);
    const before = t.cloud.db.snapshot();
    expect(await push(query, body)).toEqual({ status: 500, body: 'retry later' });
    expect(t.cloud.db.snapshot()).toEqual(before);

    expect(await push(query, body)).toEqual(SUCCESS);
    expectPublishedOnce(story._id, view._id);
    const applied = t.cloud.db.snapshot();
    expect(await push(query, body)).toEqual(SUCCESS);
    expect(t.cloud.db.snapshot()).toEqual(applied);
  });
});

describe('a retry and its audit entry commit together (issue 8 item 9)', () => {
  it('a retry refused — already published, or a runner still holds the job — writes nothing, no audit entry', async () => {
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled();
    expectPublishedOnce(story._id, view._id);
    const doc = t.job(view._id) as PublishJob;
    // Held for an hour: no timer run in this file touches them either.
    const held = { owner: 'another-runner', until: Date.now() + 3_600_000 };
    const failedHeld: PublishJob = { ...doc, _id: `${story._id}-held-failed`, state: 'failed', failure: { code: 45009, message: '今日接口调用次数已达上限，请明天再试', source: 'errcode' }, failedStep: 'create_draft', lease: held };
    const queuedHeld: PublishJob = { ...doc, _id: `${story._id}-held-queued`, state: 'queued', failure: null, lease: held, updatedAt: Date.now() - 3_600_000 };
    t.cloud.db.insertMany('publish_jobs', [failedHeld, queuedHeld] as unknown as Record<string, unknown>[]);

    const before = t.cloud.db.snapshot();
    const results = [];
    for (const id of [view._id, failedHeld._id, queuedHeld._id]) results.push(await t.call('retry', { id }));
    expect(t.cloud.db.snapshot()).toEqual(before);
    expect(results.map((r) => (r.ok ? 'ok' : [r.error.code, r.error.reason]))).toEqual([
      ['FAILED_PRECONDITION', 'job_already_published'],
      ['FAILED_PRECONDITION', 'job_running'],
      ['FAILED_PRECONDITION', 'job_running'],
    ]);
  });

  it('an accepted retry writes exactly one audit entry, with the job put back', async () => {
    t.oa.setFaults({ quotaExhausted: ['draft/add'] });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).toBe('failed');
    t.oa.setFaults({});
    data(await t.call('retry', { id: view._id }));
    await settled();
    expectPublishedOnce(story._id, view._id);
    const entries = auditFor(view._id);
    expect(entries.map((e) => [e.action, e.actor, e.subject.kind])).toEqual([['publish.retry', 'dev-publisher', 'publish_job']]);
    expect(entries[0]?.before).toMatchObject({ state: 'failed' });
    expect(entries[0]?.after).toEqual({ state: 'images_uploaded', attempts: 2 });
  });
});

function request(url: string, method: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'content-type': 'text/xml' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('faults at every step, then resume: exactly one draft, one publish, the story linked', () => {
  const steps: OaApi[] = ['media/uploadimg', 'material/add_material', 'draft/add', 'freepublish/submit'];

  it.each(steps)('the answer of %s is lost after it took effect (crash/timeout), then the timer resumes', async (api) => {
    t.oa.setFaults({ dropResponse: { [api]: 1 } });
    const story = freshStory();
    const before = counts();
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).not.toBe('published');
    expect(view.lastError?.code).toBe(-2);
    const summary = await t.timer();
    expect(summary.resumed).toContain(view._id);
    await settled();
    expectPublishedOnce(story._id, view._id);
    expect(delta(before)).toEqual({ drafts: 1, submits: 1, articles: 1 });
  });

  it.each(steps)('%s answers 45009 (quota): the job fails with the code and a Chinese reason; a retry publishes once', async (api) => {
    t.oa.setFaults({ quotaExhausted: [api] });
    const story = freshStory();
    const before = counts();
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).toBe('failed');
    expect(view.failure).toEqual({ code: 45009, message: '今日接口调用次数已达上限，请明天再试' });
    const retryTooSoon = await t.call('retry', { id: view._id }, 'dev-reader');
    expect(retryTooSoon.ok ? 'ok' : retryTooSoon.error.code).toBe('PERMISSION_DENIED');
    t.oa.setFaults({});
    data(await t.call('retry', { id: view._id }));
    await settled();
    expectPublishedOnce(story._id, view._id);
    expect(delta(before)).toEqual({ drafts: 1, submits: 1, articles: 1 });
    expect(t.job(view._id)?.attempts).toBe(2);
  });

  it('busy (-1) twice is waited out with back-off inside one run', async () => {
    t.oa.setFaults({ busy: { 'draft/add': 2 } });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).toBe('submitted');
    await settled();
    expectPublishedOnce(story._id, view._id);
  });

  it('busy beyond the back-off leaves the job waiting with the reason; the timer finishes it', async () => {
    t.oa.setFaults({ busy: { 'freepublish/submit': 10 } });
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).toBe('draft_created');
    expect(view.lastError).toEqual({ code: -1, message: '微信系统繁忙，稍后会自动重试' });
    t.oa.setFaults({});
    await t.timer();
    await settled();
    expectPublishedOnce(story._id, view._id);
  });

  it('the token is invalidated mid-job (40001): one re-fetch and the job goes on', async () => {
    const story = freshStory();
    t.oa.setFaults({ rotateTokenAt: ['draft/add'] });
    const fetches = t.oa.stableTokenCalls();
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).toBe('submitted');
    expect(t.oa.stableTokenCalls() - fetches).toBe(1);
    await settled();
    expectPublishedOnce(story._id, view._id);
  });
});

describe('the shared token', () => {
  it('20 concurrent publish jobs after a token expiry make exactly one token fetch', async () => {
    const batch = Array.from({ length: 20 }, () => freshStory());
    // WeChat expires the token while every instance still holds it cached: each call meets 42001.
    t.oa.expireToken();
    const fetches = t.oa.stableTokenCalls();
    const before = counts();
    const views = await Promise.all(batch.map((s) => t.call('start', { storyId: s._id })));
    expect(t.oa.stableTokenCalls() - fetches).toBe(1);
    await settled();
    for (const [i, r] of views.entries()) expectPublishedOnce((batch[i] as { _id: string })._id, (data(r) as PublishJobView)._id);
    expect(delta(before)).toEqual({ drafts: 20, submits: 20, articles: 20 });
  }, 120_000);
});
