/**
 * Deploy against the local cloud: a fresh environment (nothing provisioned, strict index
 * checks), a small folder of built functions, a fake uploader in place of miniprogram-ci, and
 * a deploy run with the cloud's own AppID/AppSecret and the HTTP API pointed at it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CollectionSpec } from '../../cloudfunctions/database';
import { COLLECTIONS } from '../../cloudfunctions/database';
import type { Trigger } from '../../scripts/deploy/declared';
import { deploy, type DeployResult } from '../../scripts/deploy/deploy';
import type { FunctionEnvFile } from '../../scripts/deploy/function-env';
import type { MiniProgramBuild } from '../../scripts/deploy/plan';
import type { Uploader } from '../../scripts/deploy/uploader';
import { startCloud, type Cloud } from '../../emulator/server';

export async function freshCloud(): Promise<Cloud> {
  return startCloud({
    port: 0,
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-cloud-')),
    functionsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-nofns-')),
    provision: false,
    strict: true,
    quiet: true,
  });
}

/** Two built functions as build.ts writes them: `alpha` with a timer trigger and an openapi permission, `beta` without. */
export function builtFunctionsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-dist-'));
  const write = (name: string, code: string, config: Record<string, unknown>) => {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'index.js'), code);
    fs.writeFileSync(path.join(dir, name, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2' } }));
    fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify(config));
  };
  write('alpha', 'exports.main = async () => 1;\n', { permissions: { openapi: ['security.msgSecCheck'] }, triggers: [{ name: 'alpha', type: 'timer', config: '0 0 3 * * * *' }] });
  write('beta', 'exports.main = async () => 2;\n', { permissions: { openapi: [] } });
  // Leftovers of function tests under a dot-folder are never deployed.
  fs.mkdirSync(path.join(dir, '.test', 'x'), { recursive: true });
  return dir;
}

export type UploadCall =
  | { op: 'function'; name: string; dir: string }
  | { op: 'triggers'; name: string; triggers: Trigger[] }
  | { op: 'untrigger'; name: string; triggers: Trigger[] }
  | { op: 'env'; name: string; variables: Record<string, string> }
  | { op: 'miniprogram'; version: string; desc: string };

/** Records every upload; `failOn` makes the next matching call throw, as a failed upload would. */
export class FakeUploader implements Uploader {
  readonly calls: UploadCall[] = [];
  failOn: ((c: UploadCall) => boolean) | null = null;
  /** Runs at each upload, e.g. to make something happen in the cloud mid-run. */
  onCall: ((c: UploadCall) => void) | null = null;

  private async record(c: UploadCall): Promise<void> {
    this.onCall?.(c);
    if (this.failOn?.(c)) {
      this.failOn = null;
      throw new Error(`上传失败（模拟）：${c.op === 'miniprogram' ? c.version : c.name}`);
    }
    this.calls.push(c);
  }

  uploadFunction(fn: { name: string; dir: string }): Promise<void> {
    return this.record({ op: 'function', name: fn.name, dir: fn.dir });
  }

  setTimerTriggers(fn: { name: string; triggers: Trigger[] }): Promise<void> {
    return this.record({ op: 'triggers', name: fn.name, triggers: fn.triggers });
  }

  removeTimerTriggers(fn: { name: string; triggers: Trigger[] }): Promise<void> {
    return this.record({ op: 'untrigger', name: fn.name, triggers: fn.triggers });
  }

  setEnvironment(fn: { name: string; variables: Record<string, string> }): Promise<void> {
    return this.record({ op: 'env', name: fn.name, variables: { ...fn.variables } });
  }

  uploadMiniProgram(p: { version: string; desc: string }): Promise<void> {
    return this.record({ op: 'miniprogram', version: p.version, desc: p.desc });
  }

  /** Previews made; each writes a QR code of `previewUrl` where miniprogram-ci would write WeChat's. */
  readonly previews: { desc: string; qrcodeFile: string }[] = [];
  previewUrl = 'https://open.weixin.qq.com/sns/getexpappinfo?appid=wx0000000000local&path=pages%2Findex%2Findex.html#wechat-redirect';

  async preview(p: { desc: string; qrcodeFile: string }): Promise<void> {
    const QRCode = await import('qrcode');
    await QRCode.toFile(p.qrcodeFile, this.previewUrl, { type: 'png' });
    this.previews.push({ ...p });
  }
}

export interface RunOptions {
  planOnly?: boolean;
  collections?: CollectionSpec[];
  functionsDir: string;
  uploader: Uploader;
  miniprogram?: MiniProgramBuild | null;
  /** Functions' environment variables, as deploy.local.json gives them. */
  functionEnv?: FunctionEnvFile;
}

export async function runDeploy(cloud: Cloud, o: RunOptions): Promise<DeployResult & { output: string[] }> {
  const output: string[] = [];
  const result = await deploy({
    envId: cloud.tcbApi.envId,
    planOnly: o.planOnly ?? false,
    apiBase: cloud.tcbApi.baseUrl,
    appId: cloud.tcbApi.appid,
    appSecret: cloud.tcbApi.appSecret,
    collections: o.collections ?? COLLECTIONS,
    functionsDir: o.functionsDir,
    miniprogram: o.miniprogram ?? null,
    uploader: o.uploader,
    out: (l) => output.push(l),
    functionEnv: o.functionEnv,
  });
  return { ...result, output };
}

/** The collections and indexes the environment really has (ledger aside), as the cloud reports them. */
export function environment(cloud: Cloud): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of cloud.db.listCollections()) {
    if (c.name === 'deploy_ledger') continue;
    out[c.name] = c.indexes.map((ix) => `${ix.name}:${ix.fields.map(([f, d]) => `${f}${d === 1 ? '+' : '-'}`).join(',')}${ix.unique ? ':unique' : ''}`).sort();
  }
  return out;
}

/** What cloudfunctions/database.ts declares, in the same form (indexes on _id alone are the cloud's own). */
export function declared(specs: CollectionSpec[] = COLLECTIONS): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of [...specs].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    out[c.name] = c.indexes
      .filter((ix) => !(ix.fields.length === 1 && ix.fields[0]![0] === '_id'))
      .map((ix) => `${ix.name}:${ix.fields.map(([f, d]) => `${f}${d === 1 ? '+' : '-'}`).join(',')}${ix.unique ? ':unique' : ''}`)
      .sort();
  }
  return out;
}

/** The HTTP APIs that change something. */
export const WRITES = ['databasecollectionadd', 'databasecollectiondelete', 'updateindex', 'databaseadd', 'databaseupdate', 'databasedelete', 'databasemigrateimport'];
