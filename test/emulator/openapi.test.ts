/**
 * openapi fakes, called the way functions call them: `cloud.openapi.*` in a fixture function,
 * through the real SDK's protobuf envelope and the function's declared permissions.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
  decodeCommApiData,
  decodeCommOpenApiResp,
  encodeCommApiData,
  encodeCommOpenApiResp,
} from '../../emulator/openapi/protobuf';
import type { Cloud } from '../../emulator/server';
import { sdkFor, startTestCloud } from './server-harness';

type Outcome = { ok: true; res: Record<string, unknown> } | { ok: false; errCode: number; errMsg: string };
type Image = { ok: true; contentType: string; base64: string } | { ok: false; errCode: number; errMsg: string };

let cloud: Cloud;
const user = { openid: 'o-writer' };
const call = (api: string, params: Record<string, unknown>, fn = 'openapi') => cloud.invoke(fn, { api, params }, user);
const check = (params: Record<string, unknown>) => call('security.msgSecCheck', params) as Promise<Outcome>;

beforeAll(async () => {
  cloud = await startTestCloud({ secWords: ['违禁词'], reviewWords: ['待定词'] });
});

afterAll(async () => {
  await cloud.stop();
});

afterEach(() => cloud.faults.clear());

describe('the protobuf envelope', () => {
  test('CommApiData and CommOpenApiResp survive a round trip, including a negative errorCode', () => {
    const msg = { apiType: 0, pairs: [{ key: 'scene', value: Buffer.from('"abc"') }, { key: 'img', value: Buffer.from([1, 2, 3]), contentType: 'image/png', filename: 'img.png' }], appid: 'wx1' };
    expect(decodeCommApiData(encodeCommApiData(msg))).toEqual(msg);
    const resp = { respData: Buffer.from('{}'), contentType: 'application/json', errorCode: -604101, httpCode: 200 };
    expect(decodeCommOpenApiResp(encodeCommOpenApiResp(resp))).toEqual(resp);
  });

  test('a truncated envelope is refused rather than half-read', () => {
    const buf = encodeCommApiData({ apiType: 0, pairs: [{ key: 'content', value: Buffer.from('"hello"') }] });
    expect(() => decodeCommApiData(buf.subarray(0, buf.length - 3))).toThrow(/truncated/);
  });
});

describe('security.msgSecCheck v2', () => {
  test('ordinary text passes', async () => {
    const out = await check({ content: '消防员连夜救援', version: 2, scene: 2, openid: 'o-writer' });
    expect(out).toMatchObject({ ok: true, res: { result: { suggest: 'pass', label: 100 }, errCode: 0 } });
    expect(out.ok && out.res.traceId).toEqual(expect.any(String));
  });

  test('a word on the risky list is risky, with the keyword in the detail', async () => {
    const out = await check({ content: '这里有违禁词出现', version: 2, scene: 3, openid: 'o-writer' });
    expect(out).toMatchObject({ ok: true, res: { result: { suggest: 'risky' } } });
    expect(out.ok && out.res.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '违禁词', suggest: 'risky' })]));
  });

  test('a word on the review list is held for review', async () => {
    const out = await check({ content: '一个待定词', version: 2, scene: 1, openid: 'o-writer' });
    expect(out).toMatchObject({ ok: true, res: { result: { suggest: 'review' } } });
  });

  test('content longer than 2500 characters is refused with an errcode', async () => {
    const out = await check({ content: '火'.repeat(2501), version: 2, scene: 2, openid: 'o-writer' });
    expect(out).toMatchObject({ ok: false, errCode: 87014 });
    const edge = await check({ content: '火'.repeat(2500), version: 2, scene: 2, openid: 'o-writer' });
    expect(edge).toMatchObject({ ok: true });
  });

  test('a scene outside 1-4 fails with 40129', async () => {
    for (const scene of [0, 5, 1.5, '2']) {
      expect(await check({ content: 'hi', version: 2, scene, openid: 'o-writer' })).toMatchObject({ ok: false, errCode: 40129 });
    }
  });

  test('a missing openid fails with 40003, missing content with 44002', async () => {
    expect(await check({ content: 'hi', version: 2, scene: 2 })).toMatchObject({ ok: false, errCode: 40003 });
    expect(await check({ version: 2, scene: 2, openid: 'o-writer' })).toMatchObject({ ok: false, errCode: 44002 });
  });

  test('a fault set on purpose makes the next call fail with that errcode, then it recovers', async () => {
    cloud.faults.failOpenApi('security.msgSecCheck', -1, 'system error', 1);
    expect(await check({ content: 'hi', version: 2, scene: 2, openid: 'o-writer' })).toMatchObject({ ok: false, errCode: -1 });
    expect(await check({ content: 'hi', version: 2, scene: 2, openid: 'o-writer' })).toMatchObject({ ok: true });
  });

  test('every call is logged with its request, response and calling function', async () => {
    await check({ content: 'logged text', version: 2, scene: 4, openid: 'o-writer' });
    const last = cloud.openapiLog().at(-1);
    expect(last).toMatchObject({
      api: 'security.msgSecCheck',
      caller: 'openapi',
      request: { content: 'logged text', version: 2, scene: 4, openid: 'o-writer' },
      response: { errcode: 0, result: { suggest: 'pass' } },
    });
  });
});

function decodeQr(base64: string): string | null {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('wxacode.getUnlimited', () => {
  test('returns a PNG whose code reads <page>?scene=<scene>', async () => {
    const out = (await call('wxacode.getUnlimited', { scene: 's=Ab3xZ9', page: 'pages/story/index', width: 430 })) as Image;
    expect(out).toMatchObject({ ok: true, contentType: 'image/png' });
    if (!out.ok) throw new Error(out.errMsg);
    const png = PNG.sync.read(Buffer.from(out.base64, 'base64'));
    expect(png.width).toBe(430);
    expect(decodeQr(out.base64)).toBe('pages/story/index?scene=s=Ab3xZ9');
  });

  test('width outside 280-1280 is clamped, as WeChat does', async () => {
    const out = (await call('wxacode.getUnlimited', { scene: 'x1', page: 'pages/index/index', width: 100 })) as Image;
    if (!out.ok) throw new Error(out.errMsg);
    expect(PNG.sync.read(Buffer.from(out.base64, 'base64')).width).toBe(280);
  });

  test('a scene over 32 characters or with non-ASCII fails with 40169', async () => {
    for (const scene of ['x'.repeat(33), '故事1', '', 'a b']) {
      expect(await call('wxacode.getUnlimited', { scene, page: 'pages/story/index' })).toMatchObject({ ok: false, errCode: 40169 });
    }
  });

  test('a page with a leading slash fails with 41030', async () => {
    expect(await call('wxacode.getUnlimited', { scene: 'abc', page: '/pages/story/index' })).toMatchObject({ ok: false, errCode: 41030 });
  });
});

describe('function permissions (config.json permissions.openapi)', () => {
  test('a function calling an API it did not declare gets -604101 and nothing is produced', async () => {
    const before = cloud.openapiLog().length;
    const out = (await call('wxacode.getUnlimited', { scene: 'abc', page: 'pages/story/index' }, 'noperm')) as Image;
    expect(out).toMatchObject({ ok: false, errCode: -604101 });
    const entries = cloud.openapiLog().slice(before);
    expect(entries).toEqual([{ api: 'wxacode.getUnlimited', caller: 'noperm', request: null, response: { errorCode: -604101 } }]);
  });

  test('the same function may call what it declared', async () => {
    const out = await call('security.msgSecCheck', { content: 'hi', version: 2, scene: 2, openid: 'o-writer' }, 'noperm');
    expect(out).toMatchObject({ ok: true });
  });

  test('an API a function did not declare is refused before anything else, even one the local cloud does not fake', async () => {
    expect(await call('security.imgSecCheck', { media: 'x' }, 'openapi')).toMatchObject({ ok: false, errCode: -604101 });
  });
});

describe('calls from outside any function (an admin script with the SDK)', () => {
  test('run without a permission list, like a developer tool', async () => {
    const sdk = sdkFor(cloud);
    const res = await sdk.openapi.security.msgSecCheck({ content: '违禁词', version: 2, scene: 2, openid: 'o-admin' });
    expect(res).toMatchObject({ errCode: 0, result: { suggest: 'risky' } });
    expect(cloud.openapiLog().at(-1)).toMatchObject({ caller: null });
  });

  test('an API the local cloud does not fake answers -604100 (API not found), never a made-up result', async () => {
    const sdk = sdkFor(cloud);
    await expect(sdk.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from([1]) } })).rejects.toMatchObject({ errCode: -604100 });
  });
});
