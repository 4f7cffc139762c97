/**
 * reconcile through the real wx-server-sdk on the local cloud (strict indexes): it recounts
 * like and salute records, repairs counters that drifted (a corrupted counter, a like whose
 * `_.inc` never happened), reports each repair, leaves correct counters alone, walks more
 * targets than one batch, cleans expired rate windows and old views, and refuses user calls.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { likeId, shanghaiDay } from '../../cloudfunctions/src/domain/engagement';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';
import { docs, exemplar, story, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

// 250 stories: reconciliation must walk past its first batches to find the drift in r-230.
const many = Array.from({ length: 250 }, (_, i) => story(`r-${String(i).padStart(3, '0')}`, corps, { likeCount: i === 230 ? 2 : 0 }));
const corrupted = story('x-corrupt', corps, { likeCount: 7 });
const crashed = story('x-crash', corps);
const healthy = story('x-healthy', corps);
const saluted = exemplar('x-salute', corps, { saluteCount: 5 });
const day = shanghaiDay(Date.now());

let t: TestCloud;
let db: ReturnType<typeof import('wx-server-sdk')['database']>;

interface Report {
  checked: number;
  repaired: { kind: string; id: string; was: number; now: number }[];
  skipped: number;
  expiredWindows: number;
  oldViews: number;
}

beforeAll(async () => {
  t = await startTestCloud(
    'reconcile',
    (backend) => {
      backend.insertMany('units', docs([corps]));
      backend.insertMany('stories', docs([...many, corrupted, crashed, healthy]));
      backend.insertMany('exemplars', docs([saluted]));
      backend.insertMany('rate_limits', [
        { _id: 'rl_like_1_old', n: 3, expiresAt: Date.now() - 60_000 },
        { _id: 'rl_like_9_live', n: 3, expiresAt: Date.now() + 600_000 },
      ]);
      backend.insertMany('views', [
        { _id: 'vw_old', storyId: 'x-healthy', day: day - 5, at: Date.now() - 5 * 86_400_000 },
        { _id: 'vw_today', storyId: 'x-healthy', day, at: Date.now() },
      ]);
    },
    { RECONCILE_SETTLE_MS: '50' },
  );
  Object.assign(process.env, t.cloud.sdkEnv());
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  db = sdk.database();
});

afterAll(async () => {
  await t?.stop();
});

const run = async () => (await t.cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString() })) as { ok: boolean; data: Report };

it('the build declares the 03:00 timer trigger and a time limit for a full recount in config.json', () => {
  const dir = path.join(__dirname, '..', '..', 'cloudfunctions', 'dist', '.test', `reconcile-${process.pid}`, 'reconcile');
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { triggers?: unknown; timeout?: unknown; permissions?: unknown };
  expect(config.triggers).toEqual([{ name: 'reconcile', type: 'timer', config: '0 0 3 * * * *' }]);
  expect(config.timeout).toBe(60);
  expect(config.permissions).toEqual({ openapi: [] });
});

it('repairs drifted counters, reports each repair, and leaves correct ones alone', async () => {
  for (const u of ['o-a', 'o-b', 'o-c']) {
    data(await t.call('engagement', 'setLike', { target: { kind: 'story', id: 'x-crash' }, liked: true }, u));
  }
  for (const u of ['o-a', 'o-b']) {
    data(await t.call('engagement', 'setLike', { target: { kind: 'story', id: 'x-healthy' }, liked: true }, u));
  }
  // A like whose function died after writing the record and before its `_.inc`.
  await db.collection('likes').add({
    data: { _id: likeId({ kind: 'story', id: 'x-crash' }, 'o-d', sha), openid: 'o-d', target: { kind: 'story', id: 'x-crash' }, at: Date.now() },
  });

  const res = await run();
  expect(res.ok).toBe(true);
  expect(res.data.checked).toBe(many.length + 3 + 1);
  expect([...res.data.repaired].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
    { kind: 'story', id: 'r-230', was: 2, now: 0 },
    { kind: 'story', id: 'x-corrupt', was: 7, now: 0 },
    { kind: 'story', id: 'x-crash', was: 3, now: 4 },
    { kind: 'exemplar', id: 'x-salute', was: 5, now: 0 },
  ]);
  expect(res.data.skipped).toBe(0);
  expect(t.cloud.db.findById('stories', 'x-crash')?.likeCount).toBe(4);
  expect(t.cloud.db.findById('stories', 'x-corrupt')?.likeCount).toBe(0);
  expect(t.cloud.db.findById('stories', 'x-healthy')?.likeCount).toBe(2);
  expect(t.cloud.db.findById('exemplars', 'x-salute')?.saluteCount).toBe(0);

  // The user behind the half-done like sees it as liked and can unlike it cleanly.
  const state = data(await t.call('engagement', 'setLike', { target: { kind: 'story', id: 'x-crash' }, liked: false }, 'o-d'));
  expect(state).toEqual({ target: { kind: 'story', id: 'x-crash' }, liked: false, count: 3 });
});

it('cleans expired rate windows and view records older than yesterday, keeping live ones', async () => {
  expect(t.cloud.db.findById('rate_limits', 'rl_like_1_old')).toBeNull();
  expect(t.cloud.db.findById('rate_limits', 'rl_like_9_live')).not.toBeNull();
  expect(t.cloud.db.findById('views', 'vw_old')).toBeNull();
  expect(t.cloud.db.findById('views', 'vw_today')).not.toBeNull();
});

it('a second run finds nothing to repair', async () => {
  const res = await run();
  expect(res.data).toMatchObject({ checked: many.length + 4, repaired: [], skipped: 0 });
});

it('refuses a call carrying a user identity and changes nothing', async () => {
  await db.collection('stories').doc('x-healthy').update({ data: { likeCount: 50 } });
  const res = (await t.cloud.invoke('reconcile', {}, { openid: 'o-curious' })) as { ok: boolean; error?: { code: string } };
  expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  expect(t.cloud.db.findById('stories', 'x-healthy')?.likeCount).toBe(50);
});

it('every query was served by a declared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
