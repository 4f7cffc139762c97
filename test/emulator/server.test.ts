/**
 * The /admin endpoint as node-sdk sees it (reply shapes, refusals), the database routed to the
 * real SQLite backend, seeding once per data dir, clean shutdown, and the CLI around it all.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Cloud } from '../../emulator/server';
import { FIXTURE_FUNCTIONS, adminPost, sdkFor, startTestCloud, tempDataDir } from './server-harness';

let cloud: Cloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud.stop();
});

test('an unknown action is refused with a requestId and a code, as production replies', async () => {
  const reply = await adminPost(cloud, { action: 'tcb.somethingElse' });
  expect(reply).toEqual({ requestId: expect.any(String), code: 'INVALID_ACTION', message: expect.stringContaining('tcb.somethingElse') });
});

test('a request for another env, without an action, or not JSON is refused', async () => {
  expect(await adminPost(cloud, { action: 'storage.batchDeleteFile', fileid_list: ['x'], envName: 'prod-123' })).toMatchObject({ code: 'INVALID_ENV' });
  expect(await adminPost(cloud, { path: 'x' })).toMatchObject({ code: 'INVALID_PARAM' });
  const res = await fetch(cloud.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
  expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', requestId: expect.any(String) });
  expect((await fetch(cloud.adminUrl)).status).toBe(405);
});

test('a request claiming to come from a function instance that does not exist is refused', async () => {
  expect(await adminPost(cloud, { action: 'functions.invokeFunction', function_name: 'whoami', request_data: '{}' }, '/deadbeef')).toMatchObject({
    code: 'INVALID_REQUEST_SOURCE',
  });
});

test('database actions reach the SQLite backend: what the SDK adds, it gets back; a missing collection is -502005', async () => {
  const sdk = sdkFor(cloud);
  const db = sdk.database();
  const added = (await db.collection('campaigns').add({ data: { _id: 'cp-test', title: '平凡榜样', order: 1 } })) as unknown as { _id: string };
  expect(added._id).toBe('cp-test');
  const got = (await db.collection('campaigns').doc('cp-test').get()) as unknown as { data: { title: string } };
  expect(got.data.title).toBe('平凡榜样');
  expect(cloud.db.count('campaigns')).toBe(1);
  await expect(db.collection('no_such_collection').get()).rejects.toMatchObject({ errCode: -502005 });
});

test('the seed hook runs on the first start of a data dir only, and its data survives a restart', async () => {
  const dataDir = tempDataDir('seed');
  let runs = 0;
  const seed = (db: Cloud['db'], storage: { put(p: string, b: Buffer): void }) => {
    runs += 1;
    db.insertMany('units', [{ _id: 'u-1', name: '总队', parentId: null, order: 0 }]);
    storage.put('seed/hello.txt', Buffer.from('hi'));
  };
  const first = await startTestCloud({ dataDir, seed });
  expect(runs).toBe(1);
  await first.stop();
  const second = await startTestCloud({ dataDir, seed });
  try {
    expect(runs).toBe(1);
    expect(second.db.findById('units', 'u-1')).toMatchObject({ name: '总队' });
    expect(second.storage.read('seed/hello.txt')?.toString()).toBe('hi');
  } finally {
    await second.stop();
  }
});

test('stop() ends function instances and releases the port', async () => {
  const c = await startTestCloud();
  await c.invoke('whoami', {}, { openid: 'o1' });
  const { port } = c;
  await c.stop();
  const refused = await new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });
  expect(refused).toBe(true);
  await expect(c.invoke('whoami', {})).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
});

test('the CLI prints its URLs and SDK env, serves, and exits 0 on SIGTERM', async () => {
  const dataDir = tempDataDir('cli');
  const root = path.join(__dirname, '..', '..');
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'emulator/cli.ts', '--port', '0', '--data', dataDir, '--no-seed', '--functions', FIXTURE_FUNCTIONS], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${out}`)), 20_000);
      child.stdout.on('data', () => {
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
        if (m && out.includes('Ctrl-C stops')) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    expect(out).toContain(`admin endpoint:  http://127.0.0.1:${port}/admin`);
    expect(out).toContain(`export TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:${port}/admin"}'`);
    const res = await fetch(`http://127.0.0.1:${port}/fn/whoami`, { method: 'POST', body: '{}', headers: { 'x-wx-openid': 'dev-admin' } });
    expect(((await res.json()) as { wx: { OPENID: string } }).wx.OPENID).toBe('dev-admin');
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  expect(code).toBe(0);
  expect(out).toContain('SIGTERM: stopping the local cloud');
});
