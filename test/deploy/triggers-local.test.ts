/**
 * Deploy removes the timer triggers a function no longer declares (or declares differently, or
 * whose function left the build), idempotently; and against the local cloud the local uploader
 * sends the functions to the cloud itself, which then serves what deploy uploaded.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCloud, type Cloud } from '../../emulator/server';
import { ApplyError } from '../../scripts/deploy/apply';
import { localCloudUploader } from '../../scripts/deploy/local-uploader';
import { describeStep } from '../../scripts/deploy/plan';
import { FakeUploader, builtFunctionsDir, freshCloud, runDeploy } from './harness';

const started: Cloud[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

const setConfig = (dir: string, name: string, config: Record<string, unknown>) => fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify(config));

test('a trigger no longer declared is planned as "trigger to remove", removed, and a second run changes nothing', async () => {
  const cloud = await freshCloud();
  started.push(cloud);
  const functionsDir = builtFunctionsDir();
  // gamma: a timed function that will leave the build altogether.
  fs.cpSync(path.join(functionsDir, 'beta'), path.join(functionsDir, 'gamma'), { recursive: true });
  setConfig(functionsDir, 'gamma', { permissions: { openapi: [] }, triggers: [{ name: 'sweep', type: 'timer', config: '0 */10 * * * * *' }] });
  const uploader = new FakeUploader();
  await runDeploy(cloud, { functionsDir, uploader });
  expect(uploader.calls.filter((c) => c.op === 'triggers').map((c) => 'name' in c && c.name)).toEqual(['alpha', 'gamma']);

  // alpha drops its trigger; gamma is gone from the build.
  setConfig(functionsDir, 'alpha', { permissions: { openapi: ['security.msgSecCheck'] } });
  fs.rmSync(path.join(functionsDir, 'gamma'), { recursive: true });
  const plan = await runDeploy(cloud, { planOnly: true, functionsDir, uploader });
  expect(plan.plan.steps.map(describeStep)).toEqual([
    '↑ 上传云函数 alpha（开放接口权限：security.msgSecCheck）',
    '- 删除定时触发器 alpha：alpha 0 0 3 * * * *',
    '- 删除定时触发器 gamma：sweep 0 */10 * * * * *',
  ]);
  expect(plan.plan.warnings).toEqual([expect.stringContaining('云函数 gamma 已不在 cloudfunctions/dist 里：部署从不删除云函数')]);
  expect(plan.output).toContain('  - 删除定时触发器 alpha：alpha 0 0 3 * * * *');
  const callsBefore = uploader.calls.length;
  await runDeploy(cloud, { functionsDir, uploader });
  expect(uploader.calls.slice(callsBefore)).toEqual([
    { op: 'function', name: 'alpha', dir: path.join(functionsDir, 'alpha') },
    { op: 'untrigger', name: 'alpha', triggers: [{ name: 'alpha', type: 'timer', config: '0 0 3 * * * *' }] },
    { op: 'untrigger', name: 'gamma', triggers: [{ name: 'sweep', type: 'timer', config: '0 */10 * * * * *' }] },
  ]);
  const again = await runDeploy(cloud, { planOnly: true, functionsDir, uploader });
  expect(again.plan.steps).toEqual([]);
  await runDeploy(cloud, { functionsDir, uploader });
  expect(uploader.calls).toHaveLength(callsBefore + 3);

  // A trigger whose schedule changed is removed and set afresh.
  setConfig(functionsDir, 'beta', { permissions: { openapi: [] }, triggers: [{ name: 'beta', type: 'timer', config: '0 0 1 * * * *' }] });
  await runDeploy(cloud, { functionsDir, uploader });
  setConfig(functionsDir, 'beta', { permissions: { openapi: [] }, triggers: [{ name: 'beta', type: 'timer', config: '0 30 1 * * * *' }] });
  const changed = await runDeploy(cloud, { planOnly: true, functionsDir, uploader });
  expect(changed.plan.steps.map(describeStep)).toEqual(['↑ 上传云函数 beta', '- 删除定时触发器 beta：beta 0 0 1 * * * *', '⏱ 设置定时触发器 beta：beta 0 30 1 * * * *']);
});

test('a failed trigger removal stops the run and is retried by the next one', async () => {
  const cloud = await freshCloud();
  started.push(cloud);
  const functionsDir = builtFunctionsDir();
  await runDeploy(cloud, { functionsDir, uploader: new FakeUploader() });
  setConfig(functionsDir, 'alpha', { permissions: { openapi: ['security.msgSecCheck'] } });
  const uploader = new FakeUploader();
  uploader.failOn = (c) => c.op === 'untrigger';
  const err = await runDeploy(cloud, { functionsDir, uploader }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplyError);
  expect((err as Error).message).toContain('- 删除定时触发器 alpha');
  const rest = await runDeploy(cloud, { planOnly: true, functionsDir, uploader });
  expect(rest.plan.steps.map(describeStep)).toEqual(['- 删除定时触发器 alpha：alpha 0 0 3 * * * *']);
});

test('against the local cloud, deploy uploads the functions into it and the cloud serves what was uploaded', async () => {
  const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
  const cloud = await startCloud({ port: 0, dataDir: tmp('local-up-'), functionsDir: path.join(tmp('local-up-fns-'), 'functions'), provision: false, strict: true, quiet: true, acceptFunctionUploads: true });
  started.push(cloud);
  const functionsDir = builtFunctionsDir();
  const uploader = localCloudUploader({ baseUrl: cloud.tcbApi.baseUrl });
  await expect(cloud.invoke('alpha', {})).rejects.toThrow(/ResourceNotFound|未找到/);

  await runDeploy(cloud, { functionsDir, uploader });
  await expect(cloud.invoke('alpha', {})).resolves.toBe(1);
  await expect(cloud.invoke('beta', {})).resolves.toBe(2);
  const listed = async () => ((await (await fetch(`${cloud.tcbApi.baseUrl}/__local/functions`)).json()) as { functions: unknown[] }).functions;
  expect(await listed()).toEqual([
    { name: 'alpha', triggers: [{ name: 'alpha', type: 'timer', config: '0 0 3 * * * *' }] },
    { name: 'beta', triggers: [] },
  ]);

  // A changed function is served as uploaded, by warm instances' successors; a dropped trigger is removed.
  fs.writeFileSync(path.join(functionsDir, 'beta', 'index.js'), 'exports.main = async () => 3;\n');
  setConfig(functionsDir, 'alpha', { permissions: { openapi: ['security.msgSecCheck'] } });
  await runDeploy(cloud, { functionsDir, uploader });
  await expect(cloud.invoke('beta', {})).resolves.toBe(3);
  expect(await listed()).toEqual([
    { name: 'alpha', triggers: [] },
    { name: 'beta', triggers: [] },
  ]);
  expect((await runDeploy(cloud, { planOnly: true, functionsDir, uploader })).plan.steps).toEqual([]);
});

test('a local cloud serving cloudfunctions/dist as built refuses uploads, and deploy says so', async () => {
  const cloud = await freshCloud();
  started.push(cloud);
  const err = await runDeploy(cloud, { functionsDir: builtFunctionsDir(), uploader: localCloudUploader({ baseUrl: cloud.tcbApi.baseUrl }) }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplyError);
  expect((err as Error).message).toContain('↑ 上传云函数 alpha');
  expect((err as Error).message).toContain('本地云拒绝了上传（HTTP 403）：this local cloud was not started with --fresh');
});

test('npm run deploy -- --env local-dev against a fresh local cloud needs no upload key and uploads into it', async () => {
  const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
  const cloud = await startCloud({ port: 0, dataDir: tmp('local-cli-'), functionsDir: path.join(tmp('local-cli-fns-'), 'functions'), provision: false, strict: true, quiet: true, acceptFunctionUploads: true });
  started.push(cloud);
  const root = path.resolve(__dirname, '..', '..');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WX_')));
  const { stdout } = await promisify(execFile)(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'deploy', 'cli.ts'), '--env', 'local-dev', '--functions', builtFunctionsDir()], {
    cwd: root,
    env: { ...env, DEPLOY_CREDENTIALS_FILE: path.join(tmp('none-'), 'none.json'), WX_API_BASE: cloud.tcbApi.baseUrl, WX_APPID: cloud.tcbApi.appid, WX_APPSECRET: cloud.tcbApi.appSecret },
  });
  expect(stdout).toContain('本地云没有小程序版本：这次不上传小程序');
  expect(stdout).toMatch(/部署完成：\d+ 项变更已生效。/);
  await expect(cloud.invoke('alpha', {})).resolves.toBe(1);
}, 30_000);
