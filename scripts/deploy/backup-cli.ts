/**
 * `npm run backup -- --env <env-id> [--out dir] [--api-base URL]`
 * `npm run restore -- --env <env-id> <dir> [--force] [--api-base URL]`
 *
 * Both need the AppID and AppSecret (credentials.ts: environment variables or deploy.local.json);
 * a missing one is named before any request. Backups go to `backups/` at the repository root
 * (git-ignored) unless --out says otherwise. WX_API_BASE (or --api-base) points the HTTP API
 * elsewhere, e.g. at the local cloud.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COLLECTIONS } from '../../cloudfunctions/database';
import { backup, BackupError, restore } from './backup';
import { CredentialsError, loadCredentials } from './credentials';
import { DEFAULT_API_BASE, WxApi, WxApiError } from './wx-api';

const ROOT = path.resolve(__dirname, '..', '..');
const USAGE = {
  backup: '用法：npm run backup -- --env <云环境ID> [--out 文件夹] [--api-base URL]',
  restore: '用法：npm run restore -- --env <云环境ID> <备份文件夹> [--force] [--api-base URL]',
};

async function main(): Promise<number> {
  const command = process.argv[2];
  if (command !== 'backup' && command !== 'restore') {
    console.error(`${USAGE.backup}\n${USAGE.restore}`);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: process.argv.slice(3),
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      'api-base': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE[command]);
    return 0;
  }
  if (!values.env) {
    console.error(`缺少 --env：${command === 'backup' ? '备份' : '恢复到'}哪个云开发环境？\n${USAGE[command]}`);
    return 2;
  }
  if (command === 'restore' && positionals.length !== 1) {
    console.error(`要恢复哪一份备份？给出备份文件夹（npm run backup 写的那个）。\n${USAGE.restore}`);
    return 2;
  }
  let creds: { appId: string; appSecret: string };
  try {
    creds = loadCredentials({ root: ROOT, file: process.env.DEPLOY_CREDENTIALS_FILE, need: ['appId', 'appSecret'] });
  } catch (e) {
    if (e instanceof CredentialsError) {
      console.error(`没有开始，什么都没有改动：\n  ${e.missing.join('\n  ')}`);
      return 2;
    }
    throw e;
  }
  const apiBase = values['api-base'] ?? process.env.WX_API_BASE ?? DEFAULT_API_BASE;
  const api = new WxApi({ baseUrl: apiBase, appId: creds.appId, appSecret: creds.appSecret, envId: values.env });
  const names = COLLECTIONS.map((c) => c.name);
  const out = (l: string) => console.log(l);
  try {
    if (command === 'backup') {
      console.log(`备份环境 ${values.env}（${apiBase}）：`);
      const r = await backup({ api, collections: names, outDir: path.resolve(values.out ?? path.join(ROOT, 'backups')), root: ROOT, out });
      const total = r.manifest.collections.reduce((n, c) => n + c.count, 0);
      console.log(`备份完成：${r.manifest.collections.length} 个集合，${total} 条文档 → ${r.dir}`);
    } else {
      const dir = path.resolve(positionals[0]!);
      console.log(`恢复 ${dir} → 环境 ${values.env}（${apiBase}）：`);
      const r = await restore({ api, dir, collections: names, force: values.force ?? false, out });
      const total = r.restored.reduce((n, c) => n + c.count, 0);
      console.log(`恢复完成：${r.restored.length} 个集合，${total} 条文档（备份于 ${r.manifest.createdAtShanghai}，环境 ${r.manifest.envId}）。`);
    }
    return 0;
  } catch (e) {
    if (e instanceof BackupError) console.error(e.message);
    else if (e instanceof WxApiError) console.error(`读取环境失败：${e.api} 返回 errcode ${e.errcode}：${e.errmsg}（什么都没有改动）`);
    else throw e;
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
