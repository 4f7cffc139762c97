/**
 * `npm run deploy -- --env <env-id> [--plan] [--no-miniprogram] [--api-base URL] [--functions dir]`
 *
 * --plan prints what would be created or changed and changes nothing. Without it the plan is
 * applied: collections, indexes, functions (code, openapi permissions), timer triggers, and the
 * built mini-program (client/dist) as a new version. Credentials come from environment variables
 * or deploy.local.json (credentials.ts); a missing one stops the run before any call.
 * WX_API_BASE (or --api-base) points the HTTP API elsewhere, e.g. at the local cloud;
 * DEPLOY_CREDENTIALS_FILE reads another file than deploy.local.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COLLECTIONS } from '../../cloudfunctions/database';
import { ApplyError } from './apply';
import { CredentialsError, loadCredentials, type Credentials } from './credentials';
import { NotBuiltError } from './declared';
import { deploy, miniProgramBuild } from './deploy';
import { miniprogramCiUploader } from './uploader';
import { DEFAULT_API_BASE, WxApiError } from './wx-api';

const ROOT = path.resolve(__dirname, '..', '..');
const USAGE = `用法：npm run deploy -- --env <云环境ID> [--plan] [--no-miniprogram] [--api-base URL] [--functions 目录]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      plan: { type: 'boolean', default: false },
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
  if (!envId) {
    console.error(`缺少 --env：要部署到哪个云开发环境？\n${USAGE}`);
    return 2;
  }
  const planOnly = values.plan ?? false;
  let creds: Partial<Credentials> & Pick<Credentials, 'appId' | 'appSecret'>;
  try {
    // A plan reads the environment (AppID and AppSecret); applying also uploads (the upload key).
    creds = loadCredentials({ root: ROOT, file: process.env.DEPLOY_CREDENTIALS_FILE, need: planOnly ? ['appId', 'appSecret'] : ['appId', 'appSecret', 'uploadKeyPath'] });
  } catch (e) {
    if (e instanceof CredentialsError) {
      console.error(`没有开始部署，什么都没有改动：\n  ${e.missing.join('\n  ')}`);
      return 2;
    }
    throw e;
  }
  const apiBase = values['api-base'] ?? process.env.WX_API_BASE ?? DEFAULT_API_BASE;
  const functionsDir = path.resolve(values.functions ?? path.join(ROOT, 'cloudfunctions', 'dist'));

  let miniprogram = null;
  if (!values['no-miniprogram']) {
    const dir = path.join(ROOT, 'client', 'dist');
    miniprogram = miniProgramBuild(ROOT, dir);
    if (!miniprogram) console.log(`小程序还没有构建（${dir}）：这次不上传小程序。先运行 TARO_APP_ENV_ID=${envId} npm run build:weapp`);
    else if (!builtFor(dir, envId)) {
      console.log(`client/dist 不是为环境 ${envId} 构建的：这次不上传小程序。先运行 TARO_APP_ENV_ID=${envId} npm run build:weapp`);
      miniprogram = null;
    }
  }

  const uploader = miniprogramCiUploader({ appId: creds.appId, privateKeyPath: creds.uploadKeyPath ?? '', envId, projectPath: ROOT });
  try {
    await deploy({ envId, planOnly, apiBase, appId: creds.appId, appSecret: creds.appSecret, collections: COLLECTIONS, functionsDir, miniprogram, uploader, out: (l) => console.log(l) });
    return 0;
  } catch (e) {
    if (e instanceof ApplyError || e instanceof NotBuiltError) console.error(e.message);
    else if (e instanceof WxApiError) console.error(`读取环境失败：${e.api} 返回 errcode ${e.errcode}：${e.errmsg}（什么都没有改动）`);
    else throw e;
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
