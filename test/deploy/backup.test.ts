/**
 * `npm run backup` / `npm run restore` against the local cloud through WeChat Cloud's HTTP API:
 * the demo cloud backed up and restored into an empty environment gives the same collections;
 * a non-empty environment is refused (naming its collections) and left alone; a failed export
 * job is reported with its collection and reason and leaves no folder; a damaged backup is
 * refused before any request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/database';
import { buildDemoDocuments, DEFAULT_SEED_NOW } from '../../emulator/seed';
import { startCloud, type Cloud } from '../../emulator/server';
import { backup, BackupError, MANIFEST, readBackup, restore, shanghaiStamp, type Manifest } from '../../scripts/deploy/backup';
import { WxApi } from '../../scripts/deploy/wx-api';
import { WRITES } from './harness';

const NAMES = COLLECTIONS.map((c) => c.name);
const ROOT = path.resolve(__dirname, '..', '..');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** The demo's documents (its generated images aside: a backup is of the database), and one dated document. */
function seedDocuments(db: { insertMany(c: string, docs: Record<string, unknown>[]): void }): void {
  const d = buildDemoDocuments(DEFAULT_SEED_NOW);
  const all: Record<string, unknown> = {
    units: d.units,
    exemplars: d.exemplars,
    honors: d.honors,
    placements: d.placements,
    honours_summary: [d.honoursSummary],
    campaigns: d.campaigns,
    stories: d.stories,
    roles: d.roles,
    staff_profiles: d.staffProfiles,
  };
  for (const [name, docs] of Object.entries(all)) db.insertMany(name, docs as Record<string, unknown>[]);
  // The product stores instants as epoch ms; a Date still has to survive the round trip.
  db.insertMany('files', [{ _id: 'f-dated', at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), sizes: [1, 2.5], nested: { a: null } }]);
}

const started: Cloud[] = [];
async function cloudWith(seed: boolean): Promise<Cloud> {
  const cloud = await startCloud({
    port: 0,
    dataDir: tmp('backup-cloud-'),
    functionsDir: tmp('backup-nofns-'),
    strict: true,
    quiet: true,
    ...(seed ? { seed: seedDocuments } : {}),
  });
  started.push(cloud);
  return cloud;
}

/** One demo cloud and one backup of it for every test (the demo is left as it was by each). */
let demo: Cloud;
let demoBackup: { dir: string; manifest: Manifest; lines: string[] };
const AT = new Date(Date.UTC(2026, 11, 2, 15, 30, 5)); // 23:30:05 in Beijing

beforeAll(async () => {
  demo = await cloudWith(true);
  const lines: string[] = [];
  const r = await backup({ api: apiOf(demo), collections: NAMES, outDir: tmp('backups-'), root: ROOT, now: () => AT, out: (l) => lines.push(l), ...fast });
  demoBackup = { ...r, lines };
});

afterEach(async () => {
  demo.tcbApi.setFaults({});
  await Promise.all(started.splice(1).map((c) => c.stop()));
});

afterAll(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

const apiOf = (cloud: Cloud) => new WxApi({ baseUrl: cloud.tcbApi.baseUrl, appId: cloud.tcbApi.appid, appSecret: cloud.tcbApi.appSecret, envId: cloud.tcbApi.envId });
const fast = { pollMs: 5, jobTimeoutMs: 10_000 };

/** Every document of every declared collection, as the database holds them (EJSON text, by _id). */
async function contents(cloud: Cloud): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of NAMES) {
    const docs: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const r = await cloud.db.handle('database.getDocument', { collectionName: name, query: '{}', order: '{"_id":1}', offset, limit: 1000 });
      const list = ((r as { data: { list: string[] } }).data.list ?? []) as string[];
      docs.push(...list);
      if (list.length < 1000) break;
    }
    out[name] = docs.map((d) => JSON.stringify(JSON.parse(d))).sort();
  }
  return out;
}

test('backup of the demo cloud, restored into an empty environment, gives the same collections', async () => {
  const { dir, manifest, lines } = demoBackup;
  const outDir = path.dirname(dir);

  expect(path.basename(dir)).toBe('local-dev-20261202-233005');
  expect(shanghaiStamp(new Date(Date.UTC(2026, 11, 31, 16, 0, 0)))).toBe('20270101-000000');
  expect(fs.readdirSync(outDir)).toEqual([path.basename(dir)]); // no .partial left
  const onDisk = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  expect(onDisk).toEqual(manifest);
  expect(manifest.createdAtShanghai).toBe('2026-12-02 23:30:05（北京时间）');
  expect(manifest.git?.commit).toMatch(/^[0-9a-f]{40}$/);
  expect(manifest.collections.map((c) => c.name)).toEqual(NAMES);
  const demoContents = await contents(demo);
  for (const c of manifest.collections) expect(c.count).toBe(demoContents[c.name]!.length);
  expect(manifest.collections.find((c) => c.name === 'stories')!.count).toBeGreaterThan(10);
  expect(lines).toContain(`[${NAMES.indexOf('stories') + 1}/${NAMES.length}] stories：${manifest.collections.find((c) => c.name === 'stories')!.count} 条`);
  expect(demo.tcbApi.calls().filter((c) => WRITES.includes(c.api) || c.api === 'uploadfile')).toEqual([]); // a backup writes nothing

  const empty = await cloudWith(false);
  const restoredLines: string[] = [];
  const r = await restore({ api: apiOf(empty), dir, collections: NAMES, force: false, out: (l) => restoredLines.push(l), ...fast });
  expect(r.restored.reduce((n, c) => n + c.count, 0)).toBe(manifest.collections.reduce((n, c) => n + c.count, 0));
  expect(await contents(empty)).toEqual(demoContents);
  // A date came back as a date, not as a {$date} object.
  expect(empty.db.findById('files', 'f-dated')).toEqual({ _id: 'f-dated', at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), sizes: [1, 2.5], nested: { a: null } });

  // The demo holds data: restoring into it is refused, naming the collections, and changes nothing.
  const before = await contents(demo);
  const callsBefore = demo.tcbApi.calls().length;
  const refused = await restore({ api: apiOf(demo), dir, collections: NAMES, force: false, ...fast }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(BackupError);
  expect((refused as Error).message).toContain('环境 local-dev 不是空的，没有恢复，什么都没有改动');
  expect((refused as Error).message).toMatch(/stories（\d+ 条）/);
  expect((refused as Error).message).toContain('--force');
  const after = demo.tcbApi.calls().slice(callsBefore).map((c) => c.api);
  expect(after.filter((a) => WRITES.includes(a) || a === 'uploadfile')).toEqual([]);
  expect(await contents(demo)).toEqual(before);

  // With --force the same restore goes through and, by upsert, duplicates nothing.
  await restore({ api: apiOf(demo), dir, collections: NAMES, force: true, ...fast });
  expect(await contents(demo)).toEqual(before);
});

test('an export job that fails is reported with its collection and reason, and no backup folder is left', async () => {
  const outDir = tmp('backups-');
  // The second export is accepted (a job id comes back) and the job then fails in the cloud.
  const api = apiOf(demo);
  const tcb = api.tcb.bind(api);
  let asked = 0;
  api.tcb = async (name, body, q) => {
    if (name === 'databasemigrateexport' && ++asked === 2) demo.tcbApi.setFaults({ jobFail: [{ api: 'databasemigrateexport', errorMsg: '导出失败：数据库繁忙' }] });
    return tcb(name, body, q);
  };
  const lines: string[] = [];
  const err = await backup({ api, collections: NAMES, outDir, root: ROOT, out: (l) => lines.push(l), ...fast }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BackupError);
  expect((err as Error).message).toMatch(new RegExp(`^导出集合 ${NAMES[1]}：任务 \\d+ 失败（成功 0 条，失败 0 条）：导出失败：数据库繁忙$`));
  expect(lines).toHaveLength(1); // the first collection was exported before it
  expect(fs.readdirSync(outDir)).toEqual([]);

  // An export the API itself refuses is reported with WeChat's errcode.
  demo.tcbApi.setFaults({ failAt: [{ api: 'databasemigrateexport', errcode: -501001, errmsg: 'resource system error' }] });
  const refused = await backup({ api: apiOf(demo), collections: NAMES, outDir, root: ROOT, ...fast }).catch((e: unknown) => e);
  expect((refused as Error).message).toMatch(new RegExp(`^导出集合 ${NAMES[0]}：databasemigrateexport 返回 errcode -501001：resource system error`));
  expect(fs.readdirSync(outDir)).toEqual([]);
});

test('a damaged or incomplete backup is refused with every problem listed, before any request', async () => {
  const { dir } = demoBackup;
  const damaged = tmp('damaged-');
  fs.cpSync(dir, damaged, { recursive: true });
  fs.appendFileSync(path.join(damaged, 'stories.json'), '{"_id":"extra"}\nnot json\n');
  fs.rmSync(path.join(damaged, 'units.json'));
  const m = JSON.parse(fs.readFileSync(path.join(damaged, MANIFEST), 'utf8')) as Manifest;
  m.collections.push({ name: 'not_declared', file: 'not_declared.json', count: 0, sha256: '' });
  fs.writeFileSync(path.join(damaged, MANIFEST), JSON.stringify(m));
  let problems = '';
  try {
    readBackup(damaged, NAMES);
  } catch (e) {
    problems = (e as Error).message;
  }
  expect(problems).toContain('没有通过检查，什么都没有改动');
  expect(problems).toContain('stories.json 与 manifest 记录的 sha256 不符');
  expect(problems).toMatch(/stories\.json 有 \d+ 条，manifest 记录的是 \d+ 条/);
  expect(problems).toMatch(/stories\.json 第 \d+ 行不是一个 JSON 对象/);
  expect(problems).toContain('缺少文件 units.json（集合 units）');
  expect(problems).toContain('集合 not_declared 不在 cloudfunctions/database.ts 里');

  const empty = await cloudWith(false);
  await expect(restore({ api: apiOf(empty), dir: damaged, collections: NAMES, force: false, ...fast })).rejects.toThrow('没有通过检查');
  expect(empty.tcbApi.calls()).toEqual([]);
  fs.rmSync(path.join(damaged, MANIFEST));
  await expect(restore({ api: apiOf(empty), dir: damaged, collections: NAMES, force: false, ...fast })).rejects.toThrow(`里没有 ${MANIFEST}：不是一份完整的备份`);
});

test('restore into an environment deploy has not provisioned names the missing collections and changes nothing', async () => {
  const { dir } = demoBackup;
  const bare = await startCloud({ port: 0, dataDir: tmp('backup-bare-'), functionsDir: tmp('backup-nofns-'), provision: false, strict: true, quiet: true });
  started.push(bare);
  const err = await restore({ api: apiOf(bare), dir, collections: NAMES, force: false, ...fast }).catch((e: unknown) => e);
  expect((err as Error).message).toMatch(/^环境 local-dev 还没有这些集合：files、.*stories.*。先运行 npm run deploy -- --env local-dev 建好集合和索引/);
  expect(bare.tcbApi.calls().filter((c) => WRITES.includes(c.api) || c.api === 'uploadfile')).toEqual([]);
});

test('an import job that fails stops the restore with its collection, and says how to finish it', async () => {
  const empty = await cloudWith(false);
  empty.tcbApi.setFaults({ jobFail: [{ api: 'databasemigrateimport', errorMsg: 'line 3: duplicate key' }] });
  const first = demoBackup.manifest.collections.find((c) => c.count > 0)!.name;
  const err = await restore({ api: apiOf(empty), dir: demoBackup.dir, collections: NAMES, force: false, ...fast }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BackupError);
  expect((err as Error).message).toMatch(new RegExp(`^导入集合 ${first}：任务 \\d+ 失败（成功 0 条，失败 0 条）：line 3: duplicate key\\n  之前的 0 个集合已恢复。排除原因后加 --force 重新运行`));
  // Run again as told: everything arrives, nothing twice.
  await restore({ api: apiOf(empty), dir: demoBackup.dir, collections: NAMES, force: true, ...fast });
  expect(await contents(empty)).toEqual(await contents(demo));
});

test('the fake takes jobFail over HTTP, and a COS form upload with the wrong signature is refused', async () => {
  const base = demo.tcbApi.baseUrl;
  const post = (body: unknown) => fetch(`${base}/__fake/tcb-faults`, { method: 'POST', body: JSON.stringify(body) });
  expect((await post({ jobFail: [{ api: 'databasemigrateexport', errorMsg: 'x', times: 2 }] })).status).toBe(200);
  expect(demo.tcbApi.faults()).toEqual({ jobFail: [{ api: 'databasemigrateexport', errorMsg: 'x', times: 2 }] });
  const bad = await post({ jobFail: [{ api: 'databasequery', errorMsg: 'x' }] });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toBe('jobFail[].api must be databasemigrateimport or databasemigrateexport');
  await post({});

  const slot = await apiOf(demo).tcb('uploadfile', { path: 'restore/x.json' });
  expect(slot.file_id).toBe('cloud://local-dev.6c6f-local-dev-1300000000/restore/x.json');
  const form = new FormData();
  form.append('key', 'restore/x.json');
  form.append('Signature', 'forged');
  form.append('x-cos-security-token', String(slot.token));
  form.append('x-cos-meta-fileid', String(slot.cos_file_id));
  form.append('file', new Blob(['{}\n']));
  const res = await fetch(String(slot.url), { method: 'POST', body: form });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  expect(demo.storage.read('restore/x.json')).toBeNull();
});
