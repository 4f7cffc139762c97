/**
 * The publish pipeline's edges through the real functions, the strict local cloud and the fake
 * official account: a deployment without credentials, the timer's fallback polling inside the
 * shared freepublish/get daily budget, faults set over the fake's HTTP endpoint (as a person
 * does with `npm start`), and an encrypted (安全模式) push refused.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { PublishJob, Story } from '@contract';
import { data } from './cloud-fixture';
import { demoStories, startPublishCloud, type PublishCloud } from './publish-fixture';

const stories = demoStories();
let next = 0;
/** Each test publishes its own story (the clouds share the seed, so each takes a distinct one). */
function freshStory(): Story {
  const s = stories[next++];
  if (!s) throw new Error('out of demo stories');
  return s;
}

/** Asia/Shanghai calendar day, as WeChat's quotas count them (an independent computation). */
function shanghaiDay(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
  return parts;
}

function request(url: string, method: string, body: string, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'content-type': contentType } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function successes(t: PublishCloud, api: string): number {
  return t.oa.calls().filter((c) => c.api === api && c.errcode === 0).length;
}

function calls(t: PublishCloud, api: string): number {
  return t.oa.calls().filter((c) => c.api === api).length;
}

async function settled(t: PublishCloud): Promise<void> {
  await t.oa.settle();
  await new Promise((r) => setTimeout(r, 100));
}

describe('a deployment without official-account credentials', () => {
  let t: PublishCloud;
  beforeAll(async () => {
    t = await startPublishCloud('publish-nooa', {}, { OA_APPID: '', OA_SECRET: '' });
  }, 90_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('publish.start is FAILED_PRECONDITION naming the missing configuration, and nothing is written or called', async () => {
    const story = freshStory();
    const before = t.cloud.db.snapshot();
    const r = await t.call('start', { storyId: story._id });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FAILED_PRECONDITION');
    expect(r.error.reason).toBe('oa_not_configured');
    expect(r.error.message).toMatch(/OA_APPID/);
    expect(r.error.fields).toEqual([{ path: 'officialAccount', message: 'not_configured' }]);
    expect(t.cloud.db.snapshot()).toEqual(before);
    expect(t.job(`${story._id}-r${story.revision}`)).toBeNull();
    expect(t.oa.calls()).toHaveLength(0);
  });

  it('the timer says it skipped instead of failing', async () => {
    const summary = (await t.timer()) as { skipped?: string };
    expect(summary.skipped).toBe('official account not configured');
  });
});

describe('the timer polls freepublish/get within the shared daily budget', () => {
  let t: PublishCloud;
  const BUDGET = 2;
  beforeAll(async () => {
    // Every event is lost, so only the timer's poll can finish a job.
    t = await startPublishCloud('publish-budget', { faults: { event: 'never' } }, { PUBLISH_POLL_DAILY_BUDGET: String(BUDGET) });
  }, 90_000);
  afterAll(async () => {
    await t?.stop();
  });

  it("yesterday's spent budget does not hold today back; today's is spent after BUDGET polls and the timer stops and says so", async () => {
    const now = Date.now();
    const today = shanghaiDay(now);
    const yesterday = shanghaiDay(now - 24 * 3_600_000);
    t.cloud.db.insertMany('oa_quota', [{ _id: `freepublish_get-${yesterday}`, api: 'freepublish/get', day: yesterday, count: BUDGET }]);

    const jobs: string[] = [];
    for (let i = 0; i < BUDGET + 1; i++) jobs.push(data(await t.call('start', { storyId: freshStory()._id }))._id);
    await settled(t);
    for (const id of jobs) expect(t.job(id)?.state).toBe('submitted');

    const gets = calls(t, 'freepublish/get');
    const first = (await t.timer()) as { polled: string[]; pollStopped?: { day: string; reason: string; message: string } };
    expect(first.polled).toHaveLength(BUDGET);
    expect(calls(t, 'freepublish/get') - gets).toBe(BUDGET);
    expect(first.pollStopped).toEqual({ day: today, reason: 'budget', message: expect.stringContaining('resumes the next day') as unknown as string });
    expect(t.cloud.db.findById('oa_quota', `freepublish_get-${today}`)).toMatchObject({ count: BUDGET, day: today });
    const published = jobs.filter((id) => t.job(id)?.state === 'published');
    const waiting = jobs.filter((id) => t.job(id)?.state === 'submitted');
    expect(published).toHaveLength(BUDGET);
    expect(waiting).toHaveLength(1);
    // The job left waiting was not marked as polled: tomorrow it is first in line.
    const left = t.job(waiting[0] as string) as PublishJob;
    expect(left.lastPolledAt ?? null).toBeNull();

    const second = (await t.timer()) as { polled: string[]; pollStopped?: { reason: string } };
    expect(second.polled).toEqual([]);
    expect(second.pollStopped?.reason).toBe('budget');
    expect(calls(t, 'freepublish/get') - gets).toBe(BUDGET);
  });
});

describe('faults over the fake official account HTTP endpoint (npm start)', () => {
  let t: PublishCloud;
  beforeAll(async () => {
    t = await startPublishCloud('publish-faults');
  }, 90_000);
  afterAll(async () => {
    await t?.stop();
  });
  afterEach(() => {
    t.oa.setFaults({});
  });

  it('a one-shot 45009 at draft/add set by HTTP fails the job with its reason; cleared by HTTP, the retry publishes once', async () => {
    const set = await request(`${t.oa.url}/__fake/faults`, 'POST', JSON.stringify({ failAt: [{ api: 'draft/add', errcode: 45009 }] }));
    expect(set.status).toBe(200);
    expect(JSON.parse((await request(`${t.oa.url}/__fake/faults`, 'GET', '')).body)).toEqual({ failAt: [{ api: 'draft/add', errcode: 45009 }] });

    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).toBe('failed');
    expect(view.failure).toEqual({ code: 45009, message: '今日接口调用次数已达上限，请明天再试' });
    expect(view.canRetry).toBe(true);
    expect(t.oa.calls().some((c) => c.api === 'draft/add' && c.errcode === 45009)).toBe(true);
    // The one shot is used up, as the fake reports it.
    expect(JSON.parse((await request(`${t.oa.url}/__fake/faults`, 'GET', '')).body)).toEqual({ failAt: [{ api: 'draft/add', errcode: 45009, times: 0 }] });

    const cleared = await request(`${t.oa.url}/__fake/faults`, 'POST', '{}');
    expect(cleared.status).toBe(200);
    expect(JSON.parse((await request(`${t.oa.url}/__fake/faults`, 'GET', '')).body)).toEqual({});
    const drafts = successes(t, 'draft/add');
    data(await t.call('retry', { id: view._id }));
    await settled(t);
    const job = t.job(view._id) as PublishJob;
    expect(job.state).toBe('published');
    expect(successes(t, 'draft/add') - drafts).toBe(1);
    expect(t.story(story._id)?.article?.url).toBe(job.articleUrl);
    expect(t.oa.articles().filter((a) => a.url === job.articleUrl)).toHaveLength(1);
  });

  it('a body that is not a fault set is a 400 with the reason and changes nothing', async () => {
    await request(`${t.oa.url}/__fake/faults`, 'POST', JSON.stringify({ busy: { 'draft/add': 1 } }));
    for (const [body, reason] of [
      ['not json', /not JSON/],
      ['[]', /JSON object/],
      [JSON.stringify({ busy: { 'draft/nope': 1 } }), /unknown api draft\/nope/],
      [JSON.stringify({ failAt: [{ api: 'draft/add', errcode: 0 }] }), /non-zero/],
      [JSON.stringify({ slow: true }), /unknown fault slow/],
      [JSON.stringify({ event: 'sometimes' }), /event must be/],
    ] as const) {
      const r = await request(`${t.oa.url}/__fake/faults`, 'POST', body);
      expect(r.status).toBe(400);
      expect((JSON.parse(r.body) as { error: string }).error).toMatch(reason);
    }
    expect(JSON.parse((await request(`${t.oa.url}/__fake/faults`, 'GET', '')).body)).toEqual({ busy: { 'draft/add': 1 } });
  });

  it('WeChat answering 45009 to the poll (quota used elsewhere) stops polling for the day and says so', async () => {
    const story = freshStory();
    await request(`${t.oa.url}/__fake/faults`, 'POST', JSON.stringify({ event: 'never', quotaExhausted: ['freepublish/get'] }));
    const view = data(await t.call('start', { storyId: story._id }));
    await settled(t);
    expect(t.job(view._id)?.state).toBe('submitted');
    const gets = calls(t, 'freepublish/get');
    const first = (await t.timer()) as { polled: string[]; pollStopped?: { day: string; reason: string } };
    expect(calls(t, 'freepublish/get') - gets).toBe(1);
    expect(first.polled).toEqual([]);
    expect(first.pollStopped).toMatchObject({ day: shanghaiDay(Date.now()), reason: 'platform_quota' });
    expect(t.job(view._id)?.state).toBe('submitted');
    // The day is marked spent in the shared budget: no instance asks again today.
    const second = (await t.timer()) as { pollStopped?: { reason: string } };
    expect(calls(t, 'freepublish/get') - gets).toBe(1);
    expect(second.pollStopped?.reason).toBe('budget');
  });
});

describe('the message push in 安全模式 (encrypted)', () => {
  let t: PublishCloud;
  beforeAll(async () => {
    t = await startPublishCloud('publish-aes', { faults: { event: 'never' } });
  }, 90_000);
  afterAll(async () => {
    await t?.stop();
  });

  function signed(nonce: string): string {
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHash('sha1').update(['local-oa-push-token', ts, nonce].sort().join('')).digest('hex');
    return `signature=${sig}&timestamp=${ts}&nonce=${nonce}`;
  }

  /** The database without the push receipts (publish-event records each signature it took). */
  function withoutReceipts(snapshot: Record<string, Record<string, string>>) {
    const { oa_push_nonces: _receipts, ...rest } = snapshot;
    return rest;
  }

  it('an encrypted-only push is refused with a clear reason and changes nothing but spending its signature; a 兼容模式 push is read from its plaintext', async () => {
    const story = freshStory();
    const view = data(await t.call('start', { storyId: story._id }));
    await settled(t);
    const job = t.job(view._id) as PublishJob;
    expect(job.state).toBe('submitted');
    const before = t.cloud.db.snapshot();

    const encrypted = `<xml><ToUserName><![CDATA[gh_fake]]></ToUserName><Encrypt><![CDATA[${Buffer.from('opaque').toString('base64')}]]></Encrypt></xml>`;
    const query = `${signed('9')}&encrypt_type=aes&msg_signature=abc`;
    const refused = await request(`${t.cloud.gatewayUrl}/http/publish-event?${query}`, 'POST', encrypted, 'text/xml');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/明文模式/);
    const after = t.cloud.db.snapshot();
    expect(withoutReceipts(after)).toEqual(withoutReceipts(before));
    expect(Object.keys(after.oa_push_nonces ?? {})).toHaveLength(Object.keys(before.oa_push_nonces ?? {}).length + 1);
    // WeChat's retry of it is refused the same way; its signature cannot carry a plaintext body.
    expect((await request(`${t.cloud.gatewayUrl}/http/publish-event?${query}`, 'POST', encrypted, 'text/xml')).status).toBe(400);
    const forged = `<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>${job.publishId}</publish_id><publish_status>0</publish_status><article_url><![CDATA[${t.oa.url}/s/forged]]></article_url></PublishEventInfo></xml>`;
    expect(await request(`${t.cloud.gatewayUrl}/http/publish-event?${query}`, 'POST', forged, 'text/xml')).toEqual({ status: 200, body: 'success' });
    expect(t.cloud.db.snapshot()).toEqual(after);

    const plain = `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>${job.publishId}</publish_id><publish_status>0</publish_status><article_id>x</article_id><article_url><![CDATA[${t.oa.url}/s/compat]]></article_url></PublishEventInfo>`;
    const compat = `<xml><ToUserName><![CDATA[gh_fake]]></ToUserName>${plain}<Encrypt><![CDATA[b3BhcXVl]]></Encrypt></xml>`;
    const accepted = await request(`${t.cloud.gatewayUrl}/http/publish-event?${signed('10')}&encrypt_type=aes&msg_signature=abc`, 'POST', compat, 'text/xml');
    expect(accepted).toEqual({ status: 200, body: 'success' });
    expect(t.job(view._id)?.state).toBe('published');
    expect(t.story(story._id)?.article?.url).toBe(`${t.oa.url}/s/compat`);
  });
});
