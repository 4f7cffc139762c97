/**
 * The local cloud's Tencent Cloud SCF (emulator/tcb-api/scf.ts) with getqcloudtoken's temporary
 * credentials, driven by deploy's own scf.ts — nothing stubbed: plan → apply → plan (empty) with
 * environment variables and a trigger removal; signatures checked with the issued secret; the
 * real error shapes; faults on purpose.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCloud, type Cloud } from '../../emulator/server';
import { ApplyError } from '../../scripts/deploy/apply';
import { localCloudUploader, localScfEndpoint } from '../../scripts/deploy/local-uploader';
import { describeStep } from '../../scripts/deploy/plan';
import { deleteTimerTriggers, ScfError, tc3Headers, updateFunctionEnvironment } from '../../scripts/deploy/scf';
import { WxApi } from '../../scripts/deploy/wx-api';
import { builtFunctionsDir, runDeploy } from './harness';

const started: Cloud[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
async function uploadingCloud(): Promise<Cloud> {
  const cloud = await startCloud({ port: 0, dataDir: tmp('scf-'), functionsDir: path.join(tmp('scf-fns-'), 'functions'), provision: false, strict: true, quiet: true, acceptFunctionUploads: true });
  started.push(cloud);
  return cloud;
}
const wxApi = (cloud: Cloud) => new WxApi({ baseUrl: cloud.tcbApi.baseUrl, appId: cloud.tcbApi.appid, appSecret: cloud.tcbApi.appSecret, envId: cloud.tcbApi.envId });
const listed = async (cloud: Cloud) => ((await (await fetch(`${cloud.tcbApi.baseUrl}/__local/functions`)).json()) as { functions: unknown[] }).functions;
const envFile = (functions: Record<string, Record<string, string>>) => ({ shared: {}, functions: new Map(Object.entries(functions)) });
/** The SCF calls that change something (GetFunction polls aside), with their answer. */
const scfCalls = (cloud: Cloud) =>
  cloud.tcbApi
    .calls()
    .filter((c) => c.api.startsWith('scf.') && c.api !== 'scf.GetFunction')
    .map((c) => `${c.api} ${c.scfCode || 'ok'}`);

test('plan → apply → plan (empty) against the local cloud: variables reach the function, a dropped trigger is deleted, over signed SCF calls', async () => {
  const cloud = await uploadingCloud();
  const functionsDir = builtFunctionsDir();
  fs.writeFileSync(path.join(functionsDir, 'alpha', 'index.js'), 'exports.main = async () => process.env.GREETING ?? null;\n');
  const uploader = localCloudUploader({ baseUrl: cloud.tcbApi.baseUrl, appId: cloud.tcbApi.appid, appSecret: cloud.tcbApi.appSecret });
  let functionEnv = envFile({ alpha: { GREETING: 'hello-1' } });

  const first = await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv });
  expect(first.plan.steps.map(describeStep)).toContain('⚙ 设置云函数 alpha 的环境变量：GREETING');
  await runDeploy(cloud, { functionsDir, uploader, functionEnv });
  await expect(cloud.invoke('alpha', {})).resolves.toBe('hello-1');
  expect(scfCalls(cloud)).toEqual(['scf.UpdateFunctionConfiguration ok']);
  expect((await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv })).plan.steps).toEqual([]);

  // A new value and a trigger dropped from config.json: one plan, applied, then nothing left.
  functionEnv = envFile({ alpha: { GREETING: 'hello-2' } });
  fs.writeFileSync(path.join(functionsDir, 'alpha', 'config.json'), JSON.stringify({ permissions: { openapi: ['security.msgSecCheck'] } }));
  const second = await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv });
  expect(second.plan.steps.map(describeStep)).toEqual([
    '↑ 上传云函数 alpha（开放接口权限：security.msgSecCheck）',
    '⚙ 设置云函数 alpha 的环境变量：GREETING',
    '- 删除定时触发器 alpha：alpha 0 0 3 * * * *',
  ]);
  expect(second.output.join('\n')).not.toContain('hello-2');
  await runDeploy(cloud, { functionsDir, uploader, functionEnv });
  // A warm instance of the old configuration is not reused: the next call reads the new value.
  await expect(cloud.invoke('alpha', {})).resolves.toBe('hello-2');
  expect(await listed(cloud)).toEqual([
    { name: 'alpha', triggers: [] },
    { name: 'beta', triggers: [] },
  ]);
  expect(scfCalls(cloud)).toEqual(['scf.UpdateFunctionConfiguration ok', 'scf.UpdateFunctionConfiguration ok', 'scf.DeleteTrigger ok']);
  expect((await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv })).plan.steps).toEqual([]);
  expect(scfCalls(cloud)).toHaveLength(3);
});

test('SCF checks the TC3 signature with the issued secret and answers Tencent Cloud\'s error shapes', async () => {
  const cloud = await uploadingCloud();
  const functionsDir = builtFunctionsDir();
  await runDeploy(cloud, { functionsDir, uploader: localCloudUploader({ baseUrl: cloud.tcbApi.baseUrl }) });
  const api = wxApi(cloud);
  const endpoint = localScfEndpoint(cloud.tcbApi.baseUrl);
  const cred = await api.tcb('getqcloudtoken', { lifespan: 600 });
  expect(cred).toMatchObject({ errcode: 0, secretid: expect.stringMatching(/^AKID/), secretkey: expect.any(String), token: expect.any(String), expired_time: expect.any(Number) });

  const call = async (o: { secretKey?: string; token?: string; secretId?: string; body?: Record<string, unknown>; tamper?: boolean; timestamp?: number; action?: string }) => {
    const payload = JSON.stringify(o.body ?? { FunctionName: 'alpha', Namespace: cloud.tcbApi.envId, Environment: { Variables: [] } });
    const headers = tc3Headers({
      secretId: o.secretId ?? String(cred.secretid),
      secretKey: o.secretKey ?? String(cred.secretkey),
      token: o.token ?? String(cred.token),
      host: new URL(endpoint).host,
      service: 'scf',
      action: o.action ?? 'UpdateFunctionConfiguration',
      version: '2018-04-16',
      region: 'ap-shanghai',
      payload,
      timestamp: o.timestamp ?? Math.floor(Date.now() / 1000),
    });
    const res = await fetch(endpoint, { method: 'POST', headers, body: o.tamper ? payload.replace('alpha', 'beta') : payload });
    return (await res.json()) as { Response: { Error?: { Code: string; Message: string }; RequestId: string; Status?: string } };
  };
  expect((await call({ secretKey: 'not-the-issued-one' })).Response.Error?.Code).toBe('AuthFailure.SignatureFailure');
  expect((await call({ tamper: true })).Response.Error?.Code).toBe('AuthFailure.SignatureFailure');
  expect((await call({ secretId: 'AKIDnever-issued' })).Response.Error?.Code).toBe('AuthFailure.SecretIdNotFound');
  expect((await call({ token: 'someone-elses' })).Response.Error?.Code).toBe('AuthFailure.TokenFailure');
  expect((await call({ timestamp: Math.floor(Date.now() / 1000) - 3600 })).Response.Error?.Code).toBe('AuthFailure.SignatureExpire');
  expect((await call({ body: { FunctionName: 'alpha', Namespace: 'other-env' } })).Response.Error?.Code).toBe('ResourceNotFound.Namespace');
  expect((await call({ body: { FunctionName: 'alpha', Namespace: cloud.tcbApi.envId, Environment: { Variables: [{ Key: '1x', Value: 'v' }] } } })).Response.Error?.Code).toBe('InvalidParameterValue');
  expect((await call({ action: 'CreateFunction' })).Response.Error?.Code).toBe('InvalidAction');
  // Temporary credentials end: a correct signature with expired ones is refused.
  const shortLived = await api.tcb('getqcloudtoken', { lifespan: 1 });
  await new Promise((r) => setTimeout(r, 1100));
  const late = await call({ secretId: String(shortLived.secretid), secretKey: String(shortLived.secretkey), token: String(shortLived.token) });
  expect(late.Response.Error?.Code).toBe('AuthFailure.TokenFailure');
  await expect(api.tcb('getqcloudtoken', { lifespan: 7201 })).rejects.toMatchObject({ errcode: 40097 });

  // Asynchronous as SCF is: Updating for a moment after a change, another change refused meanwhile.
  expect((await call({})).Response).toEqual({ RequestId: expect.any(String) });
  expect((await call({})).Response.Error).toEqual({ Code: 'FailedOperation.UpdateFunctionConfiguration', Message: '当前函数状态无法进行此操作，请在函数状态正常时重试。' });
  const get = { FunctionName: 'alpha', Namespace: cloud.tcbApi.envId };
  expect((await call({ action: 'GetFunction', body: get })).Response.Status).toBe('Updating');
  await new Promise((r) => setTimeout(r, 150));
  expect((await call({ action: 'GetFunction', body: get })).Response).toMatchObject({ Status: 'Active', Environment: { Variables: [] }, Triggers: [{ Type: 'timer', TriggerName: 'alpha' }] });

  // Through deploy's scf.ts: a missing function is ResourceNotFound.Function; a trigger already gone is no error.
  const missing = await updateFunctionEnvironment(api, { region: 'ap-shanghai', endpoint, functionName: 'nope', variables: { A: 'secret-a' } }).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(ScfError);
  expect((missing as ScfError).code).toBe('ResourceNotFound.Function');
  expect((missing as Error).message).toMatch(/^设置云函数 nope 的环境变量（A）：ResourceNotFound.Function 未找到指定的Function/);
  expect((missing as Error).message).not.toContain('secret-a');
  await deleteTimerTriggers(api, { region: 'ap-shanghai', endpoint, functionName: 'beta', triggers: [{ name: 'none', type: 'timer', config: '0 0 1 * * * *' }] });
  expect(cloud.tcbApi.calls().filter((c) => c.api === 'scf.DeleteTrigger').map((c) => c.scfCode)).toEqual(['ResourceNotFound.Trigger']);
});

test('a fault on UpdateFunctionConfiguration stops deploy at that step, naming keys not values; the next run sets it', async () => {
  const cloud = await uploadingCloud();
  const functionsDir = builtFunctionsDir();
  const uploader = localCloudUploader({ baseUrl: cloud.tcbApi.baseUrl });
  fs.writeFileSync(path.join(functionsDir, 'beta', 'index.js'), 'exports.main = async () => process.env.TOKEN ?? null;\n');
  const functionEnv = envFile({ beta: { TOKEN: 'tok-value-1' } });
  // Armed over HTTP, as by hand: one SCF call answers the cloud's error.
  const armed = await fetch(`${cloud.tcbApi.baseUrl}/__fake/tcb-faults`, { method: 'POST', body: JSON.stringify({ scfFail: [{ action: 'UpdateFunctionConfiguration', code: 'FailedOperation.UpdateFunctionConfiguration', message: '函数正在更新中' }] }) });
  expect(armed.status).toBe(200);
  const bad = await fetch(`${cloud.tcbApi.baseUrl}/__fake/tcb-faults`, { method: 'POST', body: JSON.stringify({ scfFail: [{ action: 'CreateFunction', code: 'X' }] }) });
  expect(((await bad.json()) as { error: string }).error).toBe('scfFail[].action must be one of DeleteTrigger, UpdateFunctionConfiguration, GetFunction');

  const err = await runDeploy(cloud, { functionsDir, uploader, functionEnv }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplyError);
  expect((err as Error).message).toContain('⚙ 设置云函数 beta 的环境变量：TOKEN\n  设置云函数 beta 的环境变量（TOKEN）：FailedOperation.UpdateFunctionConfiguration 函数正在更新中');
  expect((err as Error).message).not.toContain('tok-value-1');
  const rest = await runDeploy(cloud, { planOnly: true, functionsDir, uploader, functionEnv });
  expect(rest.plan.steps.map(describeStep)).toEqual(['⚙ 设置云函数 beta 的环境变量：TOKEN']);
  await runDeploy(cloud, { functionsDir, uploader, functionEnv });
  await expect(cloud.invoke('beta', {})).resolves.toBe('tok-value-1');
  expect(scfCalls(cloud)).toEqual(['scf.UpdateFunctionConfiguration FailedOperation.UpdateFunctionConfiguration', 'scf.UpdateFunctionConfiguration ok']);
});

test('npm run deploy -- --env local-dev reads the variables from the local file and names a missing one before any change', async () => {
  const cloud = await uploadingCloud();
  const root = path.resolve(__dirname, '..', '..');
  const functionsDir = builtFunctionsDir();
  const config = path.join(functionsDir, 'alpha', 'config.json');
  fs.writeFileSync(config, JSON.stringify({ ...(JSON.parse(fs.readFileSync(config, 'utf8')) as object), requiredEnv: ['OA_APPID', 'OA_SECRET'] }));
  const file = path.join(tmp('scf-cli-'), 'deploy.local.json');
  fs.writeFileSync(file, JSON.stringify({ appId: cloud.tcbApi.appid, appSecret: cloud.tcbApi.appSecret, functions: { alpha: { env: { OA_APPID: 'wxoa-cli' } } } }));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WX_')));
  const run = () =>
    promisify(execFile)(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'deploy', 'cli.ts'), '--env', 'local-dev', '--functions', functionsDir], {
      cwd: root,
      env: { ...env, DEPLOY_CREDENTIALS_FILE: file, WX_API_BASE: cloud.tcbApi.baseUrl },
    });
  const err = (await run().catch((e: unknown) => e)) as { code: number; stderr: string };
  expect(err.code).toBe(2);
  expect(err.stderr).toContain(`没有开始部署，什么都没有改动：\n  云函数 alpha 缺少环境变量 OA_SECRET：在 ${file} 的 "functions"`);
  expect(cloud.tcbApi.calls()).toEqual([]);

  fs.writeFileSync(file, JSON.stringify({ appId: cloud.tcbApi.appid, appSecret: cloud.tcbApi.appSecret, env: { OA_SECRET: 'shh-cli' }, functions: { alpha: { env: { OA_APPID: 'wxoa-cli' } } } }));
  const { stdout } = await run();
  expect(stdout).toContain('⚙ 设置云函数 alpha 的环境变量：OA_APPID、OA_SECRET');
  expect(stdout).not.toContain('shh-cli');
  expect(scfCalls(cloud)).toEqual(['scf.UpdateFunctionConfiguration ok']);
}, 40_000);
