/**
 * Functions' environment variables from the deployer's local file: planned by key only, set
 * when they differ from what the ledger recorded (an HMAC, never the values), idempotent; a
 * required variable without a value is named before anything changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Cloud } from '../../emulator/server';
import { FunctionEnvError, loadFunctionEnv, type FunctionEnvFile } from '../../scripts/deploy/function-env';
import { describeStep } from '../../scripts/deploy/plan';
import { FakeUploader, builtFunctionsDir, freshCloud, runDeploy } from './harness';

const started: Cloud[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

const SECRET = 'oa-secret-value-never-printed';
const requireEnv = (dir: string, name: string, keys: string[]) => {
  const file = path.join(dir, name, 'config.json');
  fs.writeFileSync(file, JSON.stringify({ ...(JSON.parse(fs.readFileSync(file, 'utf8')) as object), requiredEnv: keys }));
};
const envFile = (o: { shared?: Record<string, string>; functions?: Record<string, Record<string, string>> }): FunctionEnvFile => ({
  shared: o.shared ?? {},
  functions: new Map(Object.entries(o.functions ?? {})),
});

test('variables are planned by key, set once, recorded as a digest, and set again only when a value changes', async () => {
  const cloud = await freshCloud();
  started.push(cloud);
  const functionsDir = builtFunctionsDir();
  requireEnv(functionsDir, 'alpha', ['ADMIN_OPENIDS', 'OA_SECRET']);
  // ADMIN_OPENIDS is shared: alpha requires it and gets it; beta does not and is left alone.
  let functionEnv = envFile({ shared: { ADMIN_OPENIDS: 'o-admin' }, functions: { alpha: { OA_SECRET: SECRET } } });
  const uploader = new FakeUploader();
  const plan = await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv });
  expect(plan.plan.steps.map(describeStep).filter((s) => s.includes('环境变量'))).toEqual(['⚙ 设置云函数 alpha 的环境变量：ADMIN_OPENIDS、OA_SECRET']);
  expect(plan.plan.missing).toEqual([]);
  expect(plan.output.join('\n')).not.toContain(SECRET);
  expect(plan.plan.manual.join('\n')).not.toContain('环境变量');

  const applied = await runDeploy(cloud, { functionsDir, uploader, functionEnv });
  expect(applied.output.join('\n')).not.toContain(SECRET);
  const order = uploader.calls.filter((c) => 'name' in c && c.name === 'alpha').map((c) => c.op);
  expect(order).toEqual(['function', 'env', 'triggers']);
  expect(uploader.calls.filter((c) => c.op === 'env')).toEqual([{ op: 'env', name: 'alpha', variables: { ADMIN_OPENIDS: 'o-admin', OA_SECRET: SECRET } }]);
  const entry = cloud.db.findById('deploy_ledger', 'function:alpha') as Record<string, unknown>;
  expect(entry.envDigest).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(cloud.db.findById('deploy_ledger', 'function:alpha'))).not.toContain(SECRET);
  expect(JSON.stringify(cloud.db.findById('deploy_ledger', 'function:alpha'))).not.toContain('o-admin');

  expect((await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv })).plan.steps).toEqual([]);
  const before = uploader.calls.length;
  await runDeploy(cloud, { functionsDir, uploader, functionEnv });
  expect(uploader.calls).toHaveLength(before);

  // A changed value (same keys) is set again; a new build of the code keeps the recorded variables.
  functionEnv = envFile({ shared: { ADMIN_OPENIDS: 'o-admin,o-second' }, functions: { alpha: { OA_SECRET: SECRET } } });
  fs.writeFileSync(path.join(functionsDir, 'alpha', 'index.js'), 'exports.main = async () => 11;\n');
  const changed = await runDeploy(cloud, { functionsDir, uploader, functionEnv });
  expect(changed.plan.steps.map(describeStep)).toEqual(['↑ 上传云函数 alpha（开放接口权限：security.msgSecCheck）', '⚙ 设置云函数 alpha 的环境变量：ADMIN_OPENIDS、OA_SECRET']);
  expect((await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv })).plan.steps).toEqual([]);
});

test('a required variable without a value is named: the plan says so and applying changes nothing', async () => {
  const cloud = await freshCloud();
  started.push(cloud);
  const functionsDir = builtFunctionsDir();
  requireEnv(functionsDir, 'alpha', ['OA_APPID', 'OA_SECRET']);
  requireEnv(functionsDir, 'beta', ['ADMIN_OPENIDS']);
  const functionEnv = envFile({ functions: { alpha: { OA_APPID: 'wxoa', OA_SECRET: ' ' } } });
  const uploader = new FakeUploader();
  const plan = await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv });
  expect(plan.plan.missing).toEqual([
    '云函数 alpha 缺少环境变量 OA_SECRET：在 deploy.local.json 的 "functions": {"alpha": {"env": {"OA_SECRET": "…"}}} 里写上，或写进 "env": {"OA_SECRET": "…"}（所有需要它的云函数共用）',
    '云函数 beta 缺少环境变量 ADMIN_OPENIDS：在 deploy.local.json 的 "functions": {"beta": {"env": {"ADMIN_OPENIDS": "…"}}} 里写上，或写进 "env": {"ADMIN_OPENIDS": "…"}（所有需要它的云函数共用）',
  ]);
  expect(plan.output).toContain('补上之前不会改动任何东西：');
  const callsAfterPlan = cloud.tcbApi.calls().length;

  const err = await runDeploy(cloud, { functionsDir, uploader, functionEnv }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FunctionEnvError);
  expect((err as Error).message).toMatch(/^没有开始部署，什么都没有改动：\n {2}云函数 alpha 缺少环境变量 OA_SECRET/);
  // Not one request, not one upload.
  expect(cloud.tcbApi.calls()).toHaveLength(callsAfterPlan);
  expect(uploader.calls).toEqual([]);
});

test('the local file: "env" and "functions" read, anything malformed named with where it is', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-env-'));
  const file = path.join(dir, 'deploy.local.json');
  const write = (v: unknown) => fs.writeFileSync(file, JSON.stringify(v));
  expect(loadFunctionEnv(path.join(dir, 'absent.json'))).toEqual({ shared: {}, functions: new Map() });
  write({ appId: 'wx1', env: { ADMIN_OPENIDS: 'a' }, functions: { publish: { env: { OA_APPID: 'x' } } } });
  expect(loadFunctionEnv(file)).toEqual({ shared: { ADMIN_OPENIDS: 'a' }, functions: new Map([['publish', { OA_APPID: 'x' }]]) });
  write({ functions: { publish: { env: { OA_APPID: 1 } } } });
  expect(() => loadFunctionEnv(file)).toThrow(`${file} 的 "functions"."publish"."env".OA_APPID 应是字符串`);
  write({ env: { '1BAD': 'x' } });
  expect(() => loadFunctionEnv(file)).toThrow('变量名 1BAD 应以字母开头');
  write({ functions: { publish: { OA_APPID: 'x' } } });
  expect(() => loadFunctionEnv(file)).toThrow('"functions"."publish" 缺少 "env"');
});
