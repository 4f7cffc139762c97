/**
 * `npm run deploy` against the local cloud through WeChat Cloud's HTTP API: a plan changes
 * nothing; applying it makes the environment what cloudfunctions/database.ts and the built
 * functions say, and a second plan is empty; an index that differs is planned as a change and
 * fixed; a failure part-way stops with WeChat's errcode, and the next run finishes the rest.
 */
import type { CollectionSpec } from '../../cloudfunctions/database';
import { COLLECTIONS } from '../../cloudfunctions/database';
import { ApplyError } from '../../scripts/deploy/apply';
import { describeStep } from '../../scripts/deploy/plan';
import type { Cloud } from '../../emulator/server';
import { FakeUploader, WRITES, builtFunctionsDir, declared, environment, freshCloud, runDeploy } from './harness';

let cloud: Cloud;
let functionsDir: string;

beforeEach(async () => {
  cloud = await freshCloud();
  functionsDir = builtFunctionsDir();
});

afterEach(async () => {
  await cloud.stop();
});

const writesSoFar = () => cloud.tcbApi.calls().filter((c) => WRITES.includes(c.api));

test('plan → apply → plan: a new environment gets every collection, index, function and trigger, and then nothing is left to do', async () => {
  const uploader = new FakeUploader();
  const plan = await runDeploy(cloud, { planOnly: true, functionsDir, uploader });
  const lines = plan.plan.steps.map(describeStep);
  expect(lines[0]).toBe('+ 新建集合 deploy_ledger（部署记录）');
  expect(lines).toContain('+ 新建集合 stories');
  expect(lines).toContain('+ 新建索引 stories.feed [state ↑, publishedAt ↓, _id ↓]');
  expect(lines).toContain('+ 新建索引 stories.code [code ↑] 唯一');
  expect(lines).toContain('↑ 上传云函数 alpha（开放接口权限：security.msgSecCheck）');
  expect(lines).toContain('⏱ 设置定时触发器 alpha：alpha 0 0 3 * * * *');
  expect(lines.some((l) => l.includes('by_id'))).toBe(false); // the cloud's own _id index is never created
  expect(plan.plan.manual[0]).toMatch(/^新建集合的安全规则（云开发控制台 → 数据库 → 集合 → 数据权限 → 自定义安全规则）填 \{"read":false,"write":false\}：deploy_ledger、files、units、.*、stories、/);
  expect(plan.plan.manual.some((m) => m.startsWith('存储的安全规则'))).toBe(true);
  expect(plan.output.join('\n')).toContain(`共 ${lines.length} 项变更。`);
  // Planning read the environment and changed nothing.
  expect(writesSoFar()).toEqual([]);
  expect(cloud.db.listCollections()).toEqual([]);
  expect(uploader.calls).toEqual([]);

  const applied = await runDeploy(cloud, { functionsDir, uploader });
  expect(applied.applied).toBe(lines.length);
  expect(environment(cloud)).toEqual(declared());
  expect(uploader.calls.map((c) => `${c.op}:${'name' in c ? c.name : c.version}`)).toEqual(['function:alpha', 'triggers:alpha', 'function:beta']);

  const again = await runDeploy(cloud, { planOnly: true, functionsDir, uploader });
  expect(again.plan.steps).toEqual([]);
  expect(again.plan.warnings).toEqual([]);
  expect(again.plan.manual).toEqual([]);
  expect(again.output).toContain('  与仓库一致：没有要变更的。');
  // Applying an empty plan calls nothing that writes and uploads nothing.
  const before = writesSoFar().length;
  await runDeploy(cloud, { functionsDir, uploader });
  expect(writesSoFar().length).toBe(before);
  expect(uploader.calls).toHaveLength(3);
});

test('strict queries the product makes are served once deploy has created the indexes', async () => {
  await runDeploy(cloud, { functionsDir, uploader: new FakeUploader() });
  Object.assign(process.env, cloud.sdkEnv());
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: 'local-dev' });
  const db = sdk.database();
  await expect(db.collection('stories').where({ state: 'published' }).orderBy('publishedAt', 'desc').orderBy('_id', 'desc').limit(10).get()).resolves.toMatchObject({ data: [] });
  // A range walk on _id rides the cloud's own _id index (deploy never declares one).
  await expect(db.collection('stories').where({ _id: db.command.gt('a') }).orderBy('_id', 'asc').get()).resolves.toMatchObject({ data: [] });
});

test('an index that differs from the declaration is planned as a change and fixed; one no longer declared is dropped', async () => {
  // The environment as an older declaration left it: stories.feed without _id, an index since removed, no code index.
  const older: CollectionSpec[] = COLLECTIONS.map((c) =>
    c.name !== 'stories'
      ? c
      : {
          ...c,
          indexes: [
            ...c.indexes.filter((ix) => ix.name !== 'code' && ix.name !== 'feed'),
            { name: 'feed', fields: [['state', 1], ['publishedAt', -1]] },
            { name: 'old_author', fields: [['authorId', 1]] },
          ],
        },
  );
  await runDeploy(cloud, { functionsDir, uploader: new FakeUploader(), collections: older });
  expect(environment(cloud).stories).toContain('feed:state+,publishedAt-');

  const plan = await runDeploy(cloud, { planOnly: true, functionsDir, uploader: new FakeUploader() });
  expect(plan.plan.steps.map(describeStep)).toEqual([
    '~ 修改索引 stories.feed [state ↑, publishedAt ↓] → [state ↑, publishedAt ↓, _id ↓]',
    '+ 新建索引 stories.code [code ↑] 唯一',
    '- 删除索引 stories.old_author [authorId ↑]',
  ]);
  await runDeploy(cloud, { functionsDir, uploader: new FakeUploader() });
  expect(environment(cloud)).toEqual(declared());
  expect((await runDeploy(cloud, { planOnly: true, functionsDir, uploader: new FakeUploader() })).plan.steps).toEqual([]);
});

test('an API failure part-way stops with its errcode; what was done stays done and the next run completes the rest', async () => {
  const uploader = new FakeUploader();
  // The first index creation fails: collections before it exist, nothing after it ran.
  cloud.tcbApi.setFaults({ failAt: [{ api: 'updateindex', errcode: -501003, errmsg: 'exceed request limit' }] });
  const failed = runDeploy(cloud, { functionsDir, uploader });
  await expect(failed).rejects.toBeInstanceOf(ApplyError);
  const err = (await failed.catch((e: unknown) => e)) as ApplyError;
  expect(err.message).toContain('updateindex 返回 errcode -501003：exceed request limit');
  expect(err.message).toMatch(/^第 3\/\d+ 步失败：\+ 新建索引 files\.trace \[traceId ↑\]/);
  expect(err.message).toContain('重新运行 npm run deploy');
  expect(cloud.db.listCollections().map((c) => c.name)).toEqual(['deploy_ledger', 'files']);
  expect(uploader.calls).toEqual([]);

  // The next plan is the rest of the work, not the whole of it again.
  const rest = await runDeploy(cloud, { planOnly: true, functionsDir, uploader });
  expect(rest.plan.steps.map(describeStep).slice(0, 2)).toEqual(['+ 新建索引 files.trace [traceId ↑]', '+ 新建索引 files.pending [check ↑, checkRequestedAt ↑]']);
  await runDeploy(cloud, { functionsDir, uploader });
  expect(environment(cloud)).toEqual(declared());
  expect((await runDeploy(cloud, { planOnly: true, functionsDir, uploader })).plan.steps).toEqual([]);
});

test('a failed upload stops the run; the functions uploaded before it are not uploaded again', async () => {
  const uploader = new FakeUploader();
  uploader.failOn = (c) => c.op === 'function' && c.name === 'beta';
  await expect(runDeploy(cloud, { functionsDir, uploader })).rejects.toThrow('上传失败（模拟）：beta');
  expect(uploader.calls.map((c) => c.op)).toEqual(['function', 'triggers']);
  await runDeploy(cloud, { functionsDir, uploader });
  expect(uploader.calls.map((c) => `${c.op}:${'name' in c ? c.name : ''}`)).toEqual(['function:alpha', 'triggers:alpha', 'function:beta']);
});

test('a changed function is uploaded again; the mini-program is uploaded once per build', async () => {
  const uploader = new FakeUploader();
  const build = { dir: '/tmp/x', hash: 'h1', version: '0.1.0+abc1234', desc: '部署测试' };
  await runDeploy(cloud, { functionsDir, uploader, miniprogram: build });
  expect(uploader.calls.at(-1)).toEqual({ op: 'miniprogram', version: '0.1.0+abc1234', desc: '部署测试' });
  const fs = await import('node:fs');
  fs.writeFileSync(`${functionsDir}/beta/index.js`, 'exports.main = async () => 3;\n');
  const plan = await runDeploy(cloud, { planOnly: true, functionsDir, uploader, miniprogram: build });
  expect(plan.plan.steps.map(describeStep)).toEqual(['↑ 上传云函数 beta']);
  await runDeploy(cloud, { functionsDir, uploader, miniprogram: { ...build, hash: 'h2', version: '0.1.0+def5678' } });
  expect(uploader.calls.slice(-2).map((c) => `${c.op}:${'name' in c ? c.name : c.version}`)).toEqual(['function:beta', 'miniprogram:0.1.0+def5678']);
});

test('indexes changed by hand after a deploy are reported, never silently trusted', async () => {
  await runDeploy(cloud, { functionsDir, uploader: new FakeUploader() });
  cloud.db.updateIndexes('campaigns', [{ name: 'by_hand', fields: [['title', 1]] }], []);
  const plan = await runDeploy(cloud, { planOnly: true, functionsDir, uploader: new FakeUploader() });
  expect(plan.plan.steps).toEqual([]);
  expect(plan.plan.warnings).toEqual([expect.stringContaining('集合 campaigns 在环境里有 3 个索引，部署建的是 2 个（含 _id）：有人在控制台改过索引')]);
});

test('an environment made by hand before deploy is adopted: matching indexes are kept, a differing one stops the run by name', async () => {
  // As the README's manual steps left it: every collection, its indexes typed in by hand, one of them wrong.
  for (const c of COLLECTIONS) {
    cloud.db.addCollection(c.name);
    const indexes = c.indexes.filter((ix) => !(ix.fields.length === 1 && ix.fields[0]![0] === '_id'));
    cloud.db.updateIndexes(c.name, indexes.map((ix) => (c.name === 'roles' && ix.name === 'unit' ? { ...ix, fields: [['unitId', 1]] } : ix)), []);
  }
  const plan = await runDeploy(cloud, { planOnly: true, functionsDir, uploader: new FakeUploader() });
  expect(plan.plan.warnings).toContainEqual(expect.stringContaining('集合 roles 已存在但不是部署建的'));
  const err = (await runDeploy(cloud, { functionsDir, uploader: new FakeUploader() }).catch((e: unknown) => e)) as ApplyError;
  expect(err).toBeInstanceOf(ApplyError);
  expect(err.message).toContain('新建索引 roles.unit [unitId ↑, grantedAt ↓]');
  expect(err.message).toContain('errcode -502001');
  expect(err.message).toContain('already exists with different options');
  // The deployer deletes the hand-made index in the console, as the plan said; the next run finishes.
  cloud.db.updateIndexes('roles', [], ['unit']);
  await runDeploy(cloud, { functionsDir, uploader: new FakeUploader() });
  expect(environment(cloud)).toEqual(declared());
  expect((await runDeploy(cloud, { planOnly: true, functionsDir, uploader: new FakeUploader() })).plan.steps).toEqual([]);
});

test('a token that expires during a run is fetched again once, and the run goes on', async () => {
  const uploader = new FakeUploader();
  // The token expires while the first function uploads; recording that upload needs a new one.
  uploader.onCall = (c) => {
    if (c.op === 'function' && c.name === 'alpha') cloud.tcbApi.expireToken();
  };
  await runDeploy(cloud, { functionsDir, uploader });
  expect(uploader.calls).toHaveLength(3);
  expect(cloud.tcbApi.calls().filter((c) => c.api === 'stable_token').length).toBeGreaterThanOrEqual(2);
  expect(cloud.tcbApi.calls().some((c) => c.errcode === 42001)).toBe(true);
  expect(environment(cloud)).toEqual(declared());
});
