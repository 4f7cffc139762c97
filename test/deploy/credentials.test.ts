/**
 * Credentials come from environment variables or deploy.local.json, and a missing one is named,
 * with where to give it, before deploy calls anything: the command line exits without a single
 * request to WeChat (here, to the local cloud standing in for it).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CredentialsError, loadCredentials } from '../../scripts/deploy/credentials';
import type { Cloud } from '../../emulator/server';
import { builtFunctionsDir, freshCloud } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-creds-'));

function missingOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof CredentialsError) return e.missing;
    throw e;
  }
  throw new Error('expected a CredentialsError');
}

test('every missing credential is named with its environment variable and its deploy.local.json key', () => {
  const missing = missingOf(() => loadCredentials({ root: tmp(), env: {}, need: ['appId', 'appSecret', 'uploadKeyPath'] }));
  expect(missing).toHaveLength(3);
  expect(missing[0]).toContain('WX_APPID');
  expect(missing[1]).toMatch(/AppSecret.*WX_APPSECRET.*deploy\.local\.json.*"appSecret"/);
  expect(missing[2]).toMatch(/WX_UPLOAD_KEY.*"uploadKeyPath"/);
});

test('deploy.local.json supplies what the environment does not; the environment wins; a key file must exist', () => {
  const root = tmp();
  fs.writeFileSync(path.join(root, 'private.wx1234.key'), 'KEY');
  fs.writeFileSync(path.join(root, 'deploy.local.json'), JSON.stringify({ appId: 'wx1234', appSecret: 'from-file', uploadKeyPath: 'private.wx1234.key' }));
  expect(loadCredentials({ root, env: { WX_APPSECRET: 'from-env' }, need: ['appId', 'appSecret', 'uploadKeyPath'] })).toEqual({
    appId: 'wx1234',
    appSecret: 'from-env',
    uploadKeyPath: path.join(root, 'private.wx1234.key'),
  });
  expect(missingOf(() => loadCredentials({ root, env: { WX_UPLOAD_KEY: 'nowhere.key' }, need: ['uploadKeyPath'] }))).toEqual([expect.stringContaining('代码上传密钥文件不存在')]);
  expect(missingOf(() => loadCredentials({ root, env: { WX_APPID: 'touristappid' }, need: ['appId'] }))).toEqual([expect.stringContaining('touristappid')]);
});

describe('the command line', () => {
  let cloud: Cloud;
  let functionsDir: string;
  beforeAll(async () => {
    cloud = await freshCloud();
    functionsDir = builtFunctionsDir();
  });
  afterAll(async () => {
    await cloud.stop();
  });

  function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WX_') && k !== 'DEPLOY_CREDENTIALS_FILE'));
    return new Promise((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'deploy', '--', '--env', 'local-dev', '--api-base', cloud.tcbApi.baseUrl, '--functions', functionsDir, '--no-miniprogram', ...args], {
        cwd: ROOT,
        env: { ...clean, DEPLOY_CREDENTIALS_FILE: path.join(tmp(), 'none.json'), ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  test('a missing AppSecret stops the plan before any request is made', async () => {
    const r = await cli(['--plan'], { WX_APPID: cloud.tcbApi.appid });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有开始部署，什么都没有改动');
    expect(r.stderr).toContain('WX_APPSECRET');
    expect(cloud.tcbApi.calls()).toEqual([]);
  });

  test('applying also needs the upload key, named before any request', async () => {
    const r = await cli([], { WX_APPID: cloud.tcbApi.appid, WX_APPSECRET: cloud.tcbApi.appSecret });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('WX_UPLOAD_KEY');
    expect(cloud.tcbApi.calls()).toEqual([]);
  });

  test('with its credentials, npm run deploy -- --plan prints the plan and changes nothing', async () => {
    const r = await cli(['--plan'], { WX_APPID: cloud.tcbApi.appid, WX_APPSECRET: cloud.tcbApi.appSecret });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`部署计划 · 环境 local-dev（${cloud.tcbApi.baseUrl}）`);
    expect(r.stdout).toContain('+ 新建集合 stories');
    expect(cloud.tcbApi.calls().map((c) => c.api)).toEqual(['stable_token', 'databasecollectionget']);
    expect(cloud.db.listCollections()).toEqual([]);
  });
});
