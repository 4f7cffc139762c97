/**
 * security.mediaCheckAsync (v2) and its `wxa_media_check` message push, called the way product
 * functions call it: `cloud.openapi.security.mediaCheckAsync({ mediaUrl, ... })` in a fixture
 * function through the real SDK, the verdict pushed later to the `media-check` fixture function,
 * which returns what it received (kept in the push log).
 */
import { createHash } from 'node:crypto';
import type { MediaCheckEvent, MediaCheckRecord } from '../../emulator/openapi/media-check';
import type { Cloud } from '../../emulator/server';
import { startTestCloud } from './server-harness';

type Outcome = { ok: true; res: Record<string, unknown> } | { ok: false; errCode: number; errMsg: string };
interface Received {
  event: MediaCheckEvent & { userInfo?: unknown };
  wx: { OPENID: string; APPID: string };
}

let cloud: Cloud;
const user = 'o-writer';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const call = (params: Record<string, unknown>, fn = 'media-checker', c = cloud) =>
  c.invoke(fn, { api: 'security.mediaCheckAsync', params }, { openid: user }) as Promise<Outcome>;
const imageParams = (mediaUrl: string) => ({ mediaUrl, mediaType: 2, version: 2, scene: 2, openid: user });

let fileNo = 0;
/** A file in local storage and its temp URL, as a function gets it from getTempFileURL. */
function stored(bytes: Buffer, c = cloud): string {
  fileNo += 1;
  const cloudPath = `media/test-${fileNo}.png`;
  c.storage.put(cloudPath, bytes);
  return c.storage.tempUrl(cloudPath);
}

async function traceOf(out: Outcome): Promise<string> {
  if (!out.ok) throw new Error(`mediaCheckAsync failed: ${out.errCode} ${out.errMsg}`);
  return out.res.traceId as string;
}

function recordOf(traceId: string, c = cloud): MediaCheckRecord {
  const r = c.mediaChecks.log().find((x) => x.traceId === traceId);
  if (!r) throw new Error(`no media check ${traceId}`);
  return r;
}

/** Submits, waits for the push and returns the record. */
async function checked(bytes: Buffer): Promise<MediaCheckRecord> {
  const traceId = await traceOf(await call(imageParams(stored(bytes))));
  await cloud.mediaChecks.settled();
  return recordOf(traceId);
}

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud.stop();
});

afterEach(async () => {
  await cloud.mediaChecks.settled();
  cloud.faults.clear();
  cloud.mediaChecks.reset();
});

describe('the call', () => {
  test('answers only the trace id; the function sees it as the SDK converts it (traceId, errCode, errMsg)', async () => {
    const out = await call(imageParams(stored(Buffer.from('any picture'))));
    expect(out).toEqual({
      ok: true,
      res: { traceId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/), errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok' },
    });
    // On the wire: snake_case parameters in, WeChat's JSON out.
    const entry = cloud.openapiLog().at(-1);
    expect(entry).toMatchObject({
      api: 'security.mediaCheckAsync',
      caller: 'media-checker',
      request: { media_url: expect.stringContaining('/storage/media/'), media_type: 2, version: 2, scene: 2, openid: user },
      response: { errcode: 0, errmsg: 'ok', trace_id: await traceOf(out) },
    });
    expect(Object.keys(entry?.response as object).sort()).toEqual(['errcode', 'errmsg', 'trace_id']);
  });

  test('invalid parameters fail with WeChat errcodes and schedule nothing', async () => {
    const url = stored(Buffer.from('x'));
    const cases: [Record<string, unknown>, number][] = [
      [{ ...imageParams(url), version: 1 }, 47001],
      [{ mediaUrl: url, mediaType: 2, scene: 2, openid: user }, 47001],
      [{ ...imageParams(url), mediaUrl: '' }, 47001],
      [{ ...imageParams(url), mediaUrl: 42 }, 47001],
      [{ ...imageParams(url), mediaType: 3 }, 40004],
      [{ ...imageParams(url), mediaType: '2' }, 40004],
      [{ ...imageParams(url), openid: undefined }, 40003],
      [{ ...imageParams(url), openid: 'not an openid!' }, 40003],
      [{ ...imageParams(url), scene: 0 }, 40129],
      [{ ...imageParams(url), scene: 5 }, 40129],
      [{ ...imageParams(url), scene: 1.5 }, 40129],
      [{ ...imageParams(url), scene: '2' }, 40129],
    ];
    const before = cloud.mediaChecks.log().length;
    for (const [params, errCode] of cases) {
      expect([params, await call(params)]).toEqual([params, expect.objectContaining({ ok: false, errCode })]);
    }
    expect(cloud.mediaChecks.log()).toHaveLength(before);
    expect(cloud.mediaChecks.pending()).toBe(0);
  });

  test('a fault set on purpose fails the next call with its errcode and schedules nothing, then it recovers', async () => {
    const url = stored(Buffer.from('fault'));
    const before = cloud.mediaChecks.log().length;
    cloud.faults.failOpenApi('security.mediaCheckAsync', -1, 'system error', 1);
    expect(await call(imageParams(url))).toMatchObject({ ok: false, errCode: -1 });
    expect(cloud.mediaChecks.log()).toHaveLength(before);
    cloud.faults.failOpenApi('security.mediaCheckAsync', 45009, 'reach max api daily quota limit', 2);
    expect(await call(imageParams(url))).toMatchObject({ ok: false, errCode: 45009 });
    expect(await call(imageParams(url))).toMatchObject({ ok: false, errCode: 45009 });
    expect(await call(imageParams(url))).toMatchObject({ ok: true });
    expect(cloud.mediaChecks.log()).toHaveLength(before + 1);
  });

  test('a function that did not declare the API gets -604101 and nothing is checked', async () => {
    const before = cloud.mediaChecks.log().length;
    expect(await call(imageParams(stored(Buffer.from('p'))), 'openapi')).toMatchObject({ ok: false, errCode: -604101 });
    expect(cloud.openapiLog().at(-1)).toEqual({ api: 'security.mediaCheckAsync', caller: 'openapi', request: null, response: { errorCode: -604101 } });
    expect(cloud.mediaChecks.log()).toHaveLength(before);
  });
});

describe('the verdict, pushed to the media-check function', () => {
  test('an ordinary file passes; the event reaches the function as the user, in the v2 shape', async () => {
    const r = await checked(Buffer.from('消防站的照片'));
    expect(r).toMatchObject({ status: 'delivered', verdict: 'pass', sha256: sha(Buffer.from('消防站的照片')), target: 'media-check' });
    expect(r.deliveries).toHaveLength(1);
    const got = r.deliveries[0]?.result as Received;
    expect(got.wx).toMatchObject({ OPENID: user });
    expect(got.event).toEqual({
      ToUserName: expect.stringMatching(/^gh_/),
      FromUserName: user,
      CreateTime: expect.any(Number),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: got.wx.APPID,
      trace_id: r.traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: expect.any(Number) }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: 100 },
      userInfo: expect.anything(),
    });
    expect(Math.abs(got.event.CreateTime - Date.now() / 1000)).toBeLessThan(60);
  });

  test('a file whose hash is on the risky list is risky, on the review list review', async () => {
    const bad = Buffer.from('a risky picture');
    const unsure = Buffer.from('a doubtful picture');
    cloud.mediaChecks.setRules({ risky: [sha(bad)], review: [sha(unsure).toUpperCase()] });
    const risky = await checked(bad);
    expect(risky).toMatchObject({ status: 'delivered', verdict: 'risky' });
    expect((risky.deliveries[0]?.result as Received).event).toMatchObject({
      result: { suggest: 'risky', label: expect.any(Number) },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky' }],
    });
    expect((risky.deliveries[0]?.result as Received).event.result?.label).not.toBe(100);
    const review = await checked(unsure);
    expect(review).toMatchObject({ status: 'delivered', verdict: 'review' });
    expect((review.deliveries[0]?.result as Received).event.result?.suggest).toBe('review');
    // The same bytes under another name get the same verdict: it is the content that counts.
    expect(await checked(Buffer.from('a risky picture'))).toMatchObject({ verdict: 'risky' });
    expect(await checked(Buffer.from('a risky picture.'))).toMatchObject({ verdict: 'pass' });
  });

  test('media that cannot be downloaded is pushed as errcode -1008 with no result', async () => {
    cloud.storage.put('media/expiring.png', Buffer.from('soon gone'));
    const good = stored(Buffer.from('fine'));
    const urls = {
      otherHost: 'https://example.com/picture.png',
      expired: cloud.storage.tempUrl('media/expiring.png', 0),
      badSignature: good.replace(/sign=[0-9a-f]+/, 'sign=' + '0'.repeat(32)),
      missing: cloud.storage.tempUrl('media/never-uploaded.png'),
      localTempPath: 'wxfile://tmp_1234.png',
    };
    for (const [what, url] of Object.entries(urls)) {
      const out = await call(imageParams(url));
      expect([what, out]).toEqual([what, expect.objectContaining({ ok: true })]);
      await cloud.mediaChecks.settled();
      const r = recordOf(await traceOf(out));
      expect([what, r]).toEqual([what, expect.objectContaining({ status: 'delivered', verdict: 'download_error', sha256: null, downloadError: expect.any(String) })]);
      const event = (r.deliveries[0]?.result as Received).event;
      expect(event).toMatchObject({ Event: 'wxa_media_check', trace_id: r.traceId, version: 2, errcode: -1008, detail: [] });
      expect(event.errmsg).toContain('下载错误');
      expect(event).not.toHaveProperty('result');
    }
  });

  test('the media is fetched when the check runs, not when it is requested', async () => {
    cloud.mediaChecks.setPush({ delayMs: 1500 });
    const url = cloud.storage.tempUrl('media/late.png');
    const traceId = await traceOf(await call(imageParams(url)));
    cloud.storage.put('media/late.png', Buffer.from('uploaded after the call'));
    await cloud.mediaChecks.settled();
    expect(recordOf(traceId)).toMatchObject({ status: 'delivered', verdict: 'pass', sha256: sha(Buffer.from('uploaded after the call')) });
  });
});

describe('push modes', () => {
  test('never: the check runs but the event is lost', async () => {
    cloud.mediaChecks.setPush('never');
    const r = await checked(Buffer.from('lost'));
    expect(r).toMatchObject({ status: 'lost', verdict: 'pass', deliveries: [] });
    expect(r.event).toMatchObject({ trace_id: r.traceId });
  });

  test('twice: the same event is delivered two times', async () => {
    cloud.mediaChecks.setPush('twice');
    const r = await checked(Buffer.from('twice'));
    expect(r.status).toBe('delivered');
    expect(r.deliveries).toHaveLength(2);
    const [a, b] = r.deliveries.map((d) => (d.result as Received).event);
    expect(a).toEqual(b);
    expect(a?.trace_id).toBe(r.traceId);
  });

  test('a delay holds the push back for that long', async () => {
    cloud.mediaChecks.setPush({ delayMs: 800 });
    const traceId = await traceOf(await call(imageParams(stored(Buffer.from('slow')))));
    expect(recordOf(traceId)).toMatchObject({ status: 'scheduled', deliveries: [] });
    expect(cloud.mediaChecks.pending()).toBe(1);
    await cloud.mediaChecks.settled();
    const r = recordOf(traceId);
    expect(r.status).toBe('delivered');
    expect(r.deliveries[0]!.at - r.submittedAt).toBeGreaterThanOrEqual(800);
    expect(cloud.mediaChecks.pending()).toBe(0);
  });

  test('settings are validated: a bad hash or push mode is refused and changes nothing', () => {
    expect(() => cloud.mediaChecks.setRules({ risky: ['abc'] })).toThrow(/SHA-256/);
    expect(() => cloud.mediaChecks.setPush({ delayMs: -1 })).toThrow(/push/);
    expect(() => cloud.mediaChecks.setPush('sometimes' as never)).toThrow(/push/);
    expect(cloud.mediaChecks.settings()).toEqual({ risky: [], review: [], push: 'normal' });
  });
});

describe('the push target', () => {
  test('CloudOptions.mediaCheckFunction names the function; a missing one gets nothing, the check is still logged', async () => {
    const other = await startTestCloud({ mediaCheckFunction: 'whoami' });
    const missing = await startTestCloud({ mediaCheckFunction: 'no-such-function' });
    try {
      const t1 = await traceOf(await call(imageParams(stored(Buffer.from('to whoami'), other)), 'media-checker', other));
      await other.mediaChecks.settled();
      const r1 = recordOf(t1, other);
      expect(r1).toMatchObject({ target: 'whoami', status: 'delivered' });
      expect(r1.deliveries[0]?.result).toMatchObject({ wx: { OPENID: user } });

      const t2 = await traceOf(await call(imageParams(stored(Buffer.from('to nobody'), missing)), 'media-checker', missing));
      await missing.mediaChecks.settled();
      expect(recordOf(t2, missing)).toMatchObject({ target: 'no-such-function', status: 'no_function', verdict: 'pass', deliveries: [] });
    } finally {
      await other.stop();
      await missing.stop();
    }
  });
});

describe('admin route /__fake/media-check', () => {
  const route = () => `${cloud.gatewayUrl}/__fake/media-check`;
  const post = (body: string) => fetch(route(), { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  test('POST replaces the settings, GET shows them with the recent pushes', async () => {
    const h = sha(Buffer.from('from the route'));
    const res = await post(JSON.stringify({ risky: [h], push: { delayMs: 10 } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, settings: { risky: [h], review: [], push: { delayMs: 10 } } });
    const r = await checked(Buffer.from('from the route'));
    expect(r.verdict).toBe('risky');
    const shown = (await (await fetch(route())).json()) as { settings: unknown; pending: number; pushes: MediaCheckRecord[] };
    expect(shown.settings).toEqual({ risky: [h], review: [], push: { delayMs: 10 } });
    expect(shown.pending).toBe(0);
    expect(shown.pushes.at(-1)).toMatchObject({ traceId: r.traceId, verdict: 'risky', status: 'delivered' });
    // `{}` puts everything back to the defaults.
    expect(await (await post('{}')).json()).toEqual({ ok: true, settings: { risky: [], review: [], push: 'normal' } });
  });

  test('a malformed body is a 400 naming the reason, and nothing changes', async () => {
    const h = sha(Buffer.from('kept'));
    cloud.mediaChecks.setRules({ review: [h] });
    cloud.mediaChecks.setPush('twice');
    const before = cloud.mediaChecks.settings();
    const bad: [string, RegExp][] = [
      ['{not json', /not JSON/],
      ['[]', /JSON object/],
      [JSON.stringify({ risky: ['xyz'] }), /SHA-256/],
      [JSON.stringify({ risky: h }), /list/],
      [JSON.stringify({ push: 'always' }), /push must be/],
      [JSON.stringify({ push: { delayMs: 99_999_999 } }), /push must be/],
      [JSON.stringify({ review: [h], verdict: 'pass' }), /unknown setting verdict/],
    ];
    for (const [body, reason] of bad) {
      const res = await post(body);
      expect([body, res.status]).toEqual([body, 400]);
      const answer = (await res.json()) as { ok: boolean; error: string };
      expect(answer.ok).toBe(false);
      expect(answer.error).toMatch(reason);
      expect(cloud.mediaChecks.settings()).toEqual(before);
    }
    expect((await fetch(route(), { method: 'DELETE' })).status).toBe(405);
  });
});

describe('stop()', () => {
  test('cancels pending pushes and clears their timers', async () => {
    const c = await startTestCloud();
    const delayMs = 1_234_567;
    const setSpy = jest.spyOn(global, 'setTimeout');
    const clearSpy = jest.spyOn(global, 'clearTimeout');
    try {
      c.mediaChecks.setPush({ delayMs });
      const traceId = await traceOf(await call(imageParams(stored(Buffer.from('never pushed'), c)), 'media-checker', c));
      expect(c.mediaChecks.pending()).toBe(1);
      const i = setSpy.mock.calls.findIndex((args) => args[1] === delayMs);
      expect(i).toBeGreaterThanOrEqual(0);
      const timer = setSpy.mock.results[i]?.value as NodeJS.Timeout;
      expect(clearSpy).not.toHaveBeenCalledWith(timer);
      await c.stop();
      expect(clearSpy).toHaveBeenCalledWith(timer);
      expect(c.mediaChecks.pending()).toBe(0);
      expect(recordOf(traceId, c)).toMatchObject({ status: 'cancelled', deliveries: [], verdict: null });
      await c.mediaChecks.settled(100);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
      await c.stop();
    }
  });
});
