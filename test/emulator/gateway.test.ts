/**
 * The h5 gateway as the browser build uses it: POST /fn/<name> with the dev identity header,
 * the identity list, health, and the static build with its caching rules.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEV_USERS } from '../../emulator/seed/dev-users';
import type { Cloud } from '../../emulator/server';
import { startTestCloud, tempDataDir } from './server-harness';

let cloud: Cloud;
let staticDir: string;

beforeAll(async () => {
  staticDir = tempDataDir('h5');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>身边典型</title>');
  fs.mkdirSync(path.join(staticDir, 'js'));
  fs.writeFileSync(path.join(staticDir, 'js', 'app.3f9a1c2b.js'), 'console.log(1)');
  fs.writeFileSync(path.join(staticDir, 'logo.svg'), '<svg/>');
  cloud = await startTestCloud({ staticDir });
});

afterAll(async () => {
  await cloud.stop();
});

const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${cloud.gatewayUrl}/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

test('a call answers the function return value as JSON, run as the x-wx-openid user', async () => {
  const res = await post('whoami', { action: 'ping', data: { a: 1 } }, { 'x-wx-openid': 'dev-editor' });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await res.json()) as { wx: { OPENID: string; SOURCE: string }; echo: unknown; userInfo: unknown };
  expect(body.wx).toMatchObject({ OPENID: 'dev-editor', SOURCE: 'wx_client' });
  expect(body.echo).toEqual({ a: 1 });
  expect(body.userInfo).toEqual({ appId: 'wx0000000000local', openId: 'dev-editor' });
});

test('without the header the caller is dev-reader', async () => {
  const body = (await (await post('whoami', {})).json()) as { wx: { OPENID: string } };
  expect(body.wx.OPENID).toBe('dev-reader');
});

test('an invalid identity is refused with 400 and the function is not run', async () => {
  for (const openid of ['has space', 'x'.repeat(65), 'semi;colon', '']) {
    const res = await post('whoami', {}, { 'x-wx-openid': openid });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errCode: 40003 });
  }
});

test('an unknown function answers 404 JSON', async () => {
  const res = await post('no_such_fn', {});
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ errCode: -501000 });
});

test('a body that is not a JSON object answers 400; one over the size limit answers 413', async () => {
  expect((await post('whoami', '{not json')).status).toBe(400);
  expect((await post('whoami', '[1,2]')).status).toBe(400);
  const big = { data: 'x'.repeat(1024 * 1024 + 10) };
  expect((await post('whoami', big)).status).toBe(413);
});

test('a function that throws answers 500 with the errCode wx.cloud.callFunction would give', async () => {
  const res = await post('thrower', {});
  expect(res.status).toBe(500);
  expect(await res.json()).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('boom from thrower') });
});

test('CORS: preflight is answered and calls carry allow-origin, for an h5 dev server on another port', async () => {
  const pre = await fetch(`${cloud.gatewayUrl}/fn/whoami`, {
    method: 'OPTIONS',
    headers: { origin: 'http://127.0.0.1:10086', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-wx-openid' },
  });
  expect(pre.status).toBe(204);
  expect(pre.headers.get('access-control-allow-headers')).toContain('x-wx-openid');
  const res = await post('whoami', {});
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
});

test('GET /dev/identities lists the seeded dev users; /healthz answers ok', async () => {
  const ids = await (await fetch(`${cloud.gatewayUrl}/dev/identities`)).json();
  expect(ids).toEqual(JSON.parse(JSON.stringify(DEV_USERS)));
  const health = await (await fetch(`${cloud.gatewayUrl}/healthz`)).json();
  expect(health).toMatchObject({ ok: true, env: 'local-dev' });
});

test('the static build: hashed assets are immutable, index.html revalidates, routes fall back to index.html', async () => {
  const asset = await fetch(`${cloud.gatewayUrl}/js/app.3f9a1c2b.js`);
  expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(asset.headers.get('cache-control')).toContain('immutable');
  const index = await fetch(`${cloud.gatewayUrl}/`);
  expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(index.headers.get('cache-control')).toBe('no-cache');
  expect(await index.text()).toContain('身边典型');
  const route = await fetch(`${cloud.gatewayUrl}/pages/story/index`);
  expect(await route.text()).toContain('身边典型');
  expect((await fetch(`${cloud.gatewayUrl}/logo.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  expect((await fetch(`${cloud.gatewayUrl}/missing.js`)).status).toBe(404);
});

test('the static build is sent compressed when the client accepts it: brotli first, then gzip, else as stored', async () => {
  const js = `const story = ${JSON.stringify('天山脚下的守护者'.repeat(200))};`;
  fs.writeFileSync(path.join(staticDir, 'js', 'big.1a2b3c4d.js'), js);
  // Raw requests: fetch would decode (and choose the encodings) by itself.
  const get = (urlPath: string, acceptEncoding?: string) =>
    new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: cloud.port, path: urlPath, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
        })
        .on('error', reject);
    });
  const br = await get('/js/big.1a2b3c4d.js', 'gzip, deflate, br');
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers.vary).toBe('accept-encoding');
  expect(Number(br.headers['content-length'])).toBe(br.body.length);
  expect(br.body.length).toBeLessThan(Buffer.byteLength(js) / 5);
  expect(zlib.brotliDecompressSync(br.body).toString()).toBe(js);
  const gz = await get('/js/big.1a2b3c4d.js', 'gzip;q=1, br;q=0');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).toString()).toBe(js);
  const plain = await get('/js/big.1a2b3c4d.js');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toBe(js);
  // The page itself too; images are left alone.
  expect((await get('/', 'gzip')).headers['content-encoding']).toBe('gzip');
  fs.writeFileSync(path.join(staticDir, 'cover.9f8e7d6c.png'), Buffer.alloc(4096, 1));
  expect((await get('/cover.9f8e7d6c.png', 'gzip, br')).headers['content-encoding']).toBeUndefined();
});

test('the static server never serves files outside its folder', async () => {
  // Raw request: fetch would normalise the dots away before sending.
  const status = await new Promise<number>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: cloud.port, path: '/..%2f..%2f..%2fetc%2fpasswd' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
  expect(status).toBe(403);
});
