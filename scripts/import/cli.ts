/**
 * `npm run import -- --template [dir]`                         writes 身边典型-导入模板.xlsx (into dir, default .)
 * `npm run import -- <file.xlsx> --env <env-id> [--api-base URL]`  checks every row, then writes (import.ts)
 * `npm run import -- --export <out.xlsx> --env <env-id> [--api-base URL]`  the environment's data in the template's layout
 *
 * The environment is reached as deploy reaches it (scripts/deploy/cli.ts): AppID and AppSecret
 * from WX_APPID / WX_APPSECRET or deploy.local.json (DEPLOY_CREDENTIALS_FILE for another file),
 * WeChat's HTTP API at https://api.weixin.qq.com unless WX_API_BASE or --api-base says otherwise
 * (the local cloud prints the three to export). With `--env local-dev` (the local cloud's
 * environment) the local cloud's own AppID and AppSecret are the default, and its default port
 * when no base is given, so `npm run cloud` in one terminal and the import in another need
 * nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_APPID, LOCAL_ENV_ID } from '../../emulator/env';
import { CredentialsError, loadCredentials } from '../deploy/credentials';
import { DEFAULT_API_BASE, WxApi, WxApiError } from '../deploy/wx-api';
import { EnvironmentChangedError } from './environment';
import { exportWorkbook, importWorkbook } from './import';
import { writeWorkbook } from './workbook';

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE_NAME = '身边典型-导入模板.xlsx';
/** `npm run cloud` with no --port, and its AppSecret (emulator/server.ts). */
const LOCAL_CLOUD = 'http://127.0.0.1:8787';
const LOCAL_APP_SECRET = 'local-app-secret';
const USAGE = [
  '用法：',
  '  npm run import -- --template [目录]                      生成导入模板',
  '  npm run import -- <表格.xlsx> --env <云环境ID>             检查并导入',
  '  npm run import -- --export <导出.xlsx> --env <云环境ID>    把环境中的数据导出成模板格式',
  '  （可加 --api-base URL，指向本地云等）',
].join('\n');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      template: { type: 'boolean', default: false },
      export: { type: 'string' },
      // The name for it.
      'export-template': { type: 'string' },
      env: { type: 'string' },
      'api-base': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.template) {
    const dir = path.resolve(positionals[0] ?? '.');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, TEMPLATE_NAME);
    await writeWorkbook(file);
    console.log(`已生成导入模板：${file}（“说明”表逐列说明怎么填）`);
    return 0;
  }
  const exportTo = values.export ?? values['export-template'];
  const file = exportTo ?? positionals[0];
  if (!file) {
    console.error(`要导入哪个表格？\n${USAGE}`);
    return 2;
  }
  if (!exportTo && !fs.existsSync(file)) {
    console.error(`找不到文件：${path.resolve(file)}`);
    return 2;
  }
  const envId = values.env;
  if (!envId) {
    console.error(`缺少 --env：导入到哪个云开发环境？（本地云是 local-dev）\n${USAGE}`);
    return 2;
  }
  const local = envId === LOCAL_ENV_ID;
  let creds: { appId: string; appSecret: string };
  try {
    // deploy.local.json holds a real mini-program's credentials: never offered to the local cloud.
    creds = local ? { appId: process.env.WX_APPID || LOCAL_APPID, appSecret: process.env.WX_APPSECRET || LOCAL_APP_SECRET } : loadCredentials({ root: ROOT, file: process.env.DEPLOY_CREDENTIALS_FILE, need: ['appId', 'appSecret'] });
  } catch (e) {
    if (e instanceof CredentialsError) {
      console.error(`没有开始，什么都没有改动：\n  ${e.missing.join('\n  ')}`);
      return 2;
    }
    throw e;
  }
  const baseUrl = values['api-base'] ?? process.env.WX_API_BASE ?? (local ? LOCAL_CLOUD : DEFAULT_API_BASE);
  if (local) console.log(`本地云：${baseUrl}${baseUrl === LOCAL_CLOUD ? '（npm run cloud 的默认端口；别的端口用 --api-base）' : ''}`);
  const api = new WxApi({ baseUrl, appId: creds.appId, appSecret: creds.appSecret, envId });
  const out = (l: string) => console.log(l);
  try {
    if (exportTo) {
      await exportWorkbook({ file: path.resolve(exportTo), api, out });
      return 0;
    }
    const r = await importWorkbook({ file: path.resolve(file), api, out });
    return r.errors.length ? 1 : 0;
  } catch (e) {
    if (e instanceof WxApiError) {
      const hint = e.errcode === -502005 ? '（环境里还没有这个集合：先运行 npm run deploy）' : e.errcode === -1 && local ? '（本地云开着吗？npm run cloud）' : '';
      console.error(`${e.api} 返回 errcode ${e.errcode}：${e.errmsg}${hint}`);
    } else if (e instanceof EnvironmentChangedError) console.error(e.message);
    else throw e;
    console.error('导入没有完成；已写入的记录不会重复，改正后再运行一次即可。');
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
