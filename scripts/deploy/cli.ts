/**
 * `npm run deploy -- --env <env-id> [--plan] [--no-miniprogram] [--api-base URL] [--functions dir]`
 * `npm run deploy -- --preview [--env <env-id>]`
 *
 * --plan prints what would be created or changed and changes nothing. Without it the plan is
 * applied: collections, indexes, functions (code, openapi permissions), timer triggers, and the
 * built mini-program (client/dist) as a new version. Credentials come from environment variables
 * or deploy.local.json (credentials.ts); a missing one stops the run before any call.
 * WX_API_BASE (or --api-base) points the HTTP API elsewhere, e.g. at the local cloud;
 * DEPLOY_CREDENTIALS_FILE reads another file than deploy.local.json.
 *
 * --preview uploads the built mini-program as a preview and prints its QR code (preview.ts); it
 * needs the AppID and the upload key, and changes nothing in any environment.
 * Against a local cloud started with --fresh (--env local-dev, the API base pointed at it)
 * functions are sent to the cloud itself (local-uploader.ts): no upload key, no mini-program upload.
 * WX_CLOUD_REGION names the environment's region for deleting triggers and setting functions'
 * environment variables (default ap-shanghai); WX_SCF_ENDPOINT another SCF endpoint. The
 * variables come from the same local file ("env", "functions": function-env.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_ENV_ID } from '../../emulator/env';
import { parseArgs } from 'node:util';
import { COLLECTIONS } from '../../cloudfunctions/database';
import { ApplyError } from './apply';
import { CredentialsError, LOCAL_FILE, loadCredentials, type Credentials } from './credentials';
import { FunctionEnvError, loadFunctionEnv, type FunctionEnvFile } from './function-env';
import { NotBuiltError } from './declared';
import { deploy, miniProgramBuild } from './deploy';
import { localCloudUploader } from './local-uploader';
import { preview } from './preview';
import { miniprogramCiUploader } from './uploader';
import { DEFAULT_API_BASE, WxApiError } from './wx-api';

const ROOT = path.resolve(__dirname, '..', '..');
const USAGE = `用法：npm run deploy -- --env <云环境ID> [--plan] [--no-miniprogram] [--api-base URL] [--functions 目录]
      npm run deploy -- --preview [--env <云环境ID>]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      plan: { type: 'boolean', default: false },
      preview: { type: 'boolean', default: false },
      'no-miniprogram': { type: 'boolean', default: false },
      'api-base': { type: 'string' },
      functions: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const envId = values.env;
  if (values.preview) return previewCommand(envId);
  if (!envId) {
    console.error(`缺少 --env：要部署到哪个云开发环境？\n${USAGE}`);
    return 2;
  }
  const planOnly = values.plan ?? false;
  const apiBase = values['api-base'] ?? process.env.WX_API_BASE ?? DEFAULT_API_BASE;
  // A local cloud started with --fresh takes functions itself: no upload key, no mini-program.
  const local = envId === LOCAL_ENV_ID && apiBase !== DEFAULT_API_BASE && (await takesUploads(apiBase));
  let creds: Partial<Credentials> & Pick<Credentials, 'appId' | 'appSecret'>;
  try {
    // A plan reads the environment (AppID and AppSecret); applying also uploads (the upload key).
    creds = loadCredentials({ root: ROOT, file: process.env.DEPLOY_CREDENTIALS_FILE, need: planOnly || local ? ['appId', 'appSecret'] : ['appId', 'appSecret', 'uploadKeyPath'] });
  } catch (e) {
    if (e instanceof CredentialsError) {
      console.error(`没有开始部署，什么都没有改动：\n  ${e.missing.join('\n  ')}`);
      return 2;
    }
    throw e;
  }
  let functionEnv: FunctionEnvFile;
  try {
    functionEnv = loadFunctionEnv(process.env.DEPLOY_CREDENTIALS_FILE ?? path.join(ROOT, LOCAL_FILE));
  } catch (e) {
    if (e instanceof FunctionEnvError) {
      console.error(`没有开始部署，什么都没有改动：\n  ${e.message}`);
      return 2;
    }
    throw e;
  }
  const functionsDir = path.resolve(values.functions ?? path.join(ROOT, 'cloudfunctions', 'dist'));

  let miniprogram = null;
  if (local && !values['no-miniprogram']) console.log('本地云没有小程序版本：这次不上传小程序（本地用 h5 构建，npm start）。');
  if (!values['no-miniprogram'] && !local) {
    const dir = path.join(ROOT, 'client', 'dist');
    miniprogram = miniProgramBuild(ROOT, dir);
    if (!miniprogram) console.log(`小程序还没有构建（${dir}）：这次不上传小程序。先运行 TARO_APP_ENV_ID=${envId} npm run build:weapp`);
    else if (!builtFor(dir, envId)) {
      console.log(`client/dist 不是为环境 ${envId} 构建的：这次不上传小程序。先运行 TARO_APP_ENV_ID=${envId} npm run build:weapp`);
      miniprogram = null;
    }
  }

  const uploader = local
    ? localCloudUploader({ baseUrl: apiBase, appId: creds.appId, appSecret: creds.appSecret })
    : miniprogramCiUploader({ appId: creds.appId, privateKeyPath: creds.uploadKeyPath ?? '', envId, projectPath: ROOT, appSecret: creds.appSecret, apiBase, region: process.env.WX_CLOUD_REGION, scfEndpoint: process.env.WX_SCF_ENDPOINT });
  try {
    const { plan } = await deploy({ envId, planOnly, apiBase, appId: creds.appId, appSecret: creds.appSecret, collections: COLLECTIONS, functionsDir, miniprogram, uploader, out: (l) => console.log(l), functionEnv, envFileName: process.env.DEPLOY_CREDENTIALS_FILE ?? LOCAL_FILE });
    return plan.missing.length ? 2 : 0;
  } catch (e) {
    if (e instanceof FunctionEnvError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof ApplyError || e instanceof NotBuiltError) console.error(e.message);
    else if (e instanceof WxApiError) console.error(`读取环境失败：${e.api} 返回 errcode ${e.errcode}：${e.errmsg}（什么都没有改动）`);
    else throw e;
    return 1;
  }
}

/** Whether the API base is a local cloud that takes function uploads (GET /__local/functions answers; reads nothing else). */
async function takesUploads(apiBase: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/__local/functions', apiBase), { signal: AbortSignal.timeout(3000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** `--preview`: credentials first, then the build, then the upload; nothing in any environment changes. */
async function previewCommand(envId: string | undefined): Promise<number> {
  let creds: Pick<Credentials, 'appId' | 'uploadKeyPath'>;
  try {
    creds = loadCredentials({ root: ROOT, file: process.env.DEPLOY_CREDENTIALS_FILE, need: ['appId', 'uploadKeyPath'] });
  } catch (e) {
    if (e instanceof CredentialsError) {
      console.error(`没有开始预览，什么都没有上传：\n  ${e.missing.join('\n  ')}`);
      return 2;
    }
    throw e;
  }
  const dir = path.join(ROOT, 'client', 'dist');
  const build = miniProgramBuild(ROOT, dir);
  const how = `TARO_APP_ENV_ID=${envId ?? '<云环境ID>'} npm run build:weapp`;
  if (!build) {
    console.error(`小程序还没有构建（${dir}）：先运行 ${how}`);
    return 2;
  }
  if (envId && !builtFor(dir, envId)) {
    console.error(`client/dist 不是为环境 ${envId} 构建的：先运行 ${how}`);
    return 2;
  }
  const uploader = miniprogramCiUploader({ appId: creds.appId, privateKeyPath: creds.uploadKeyPath, envId: envId ?? '', projectPath: ROOT });
  try {
    await preview({ uploader, build, qrcodeFile: path.join(ROOT, '.cache', 'deploy', 'preview-qrcode.png'), out: (l) => console.log(l) });
    return 0;
  } catch (e) {
    console.error(`预览失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/** Whether the weapp build calls this environment (Taro inlines TARO_APP_ENV_ID into the bundle). */
function builtFor(dir: string, envId: string): boolean {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.js') && fs.readFileSync(p, 'utf8').includes(envId)) return true;
    }
  }
  return false;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
