/**
 * The deployer's secrets: the mini-program's AppID and AppSecret (for the access token WeChat
 * Cloud's HTTP API wants) and the path of its code-upload private key (miniprogram-ci). They come
 * from environment variables or from `deploy.local.json` at the repository root, which git
 * ignores; never from the repository. Every missing one is named, with both places it may be
 * given, before anything is called or changed.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Credentials {
  appId: string;
  appSecret: string;
  uploadKeyPath: string;
}

export type CredentialName = keyof Credentials;

/** Where each credential may come from: an environment variable, or a key of deploy.local.json. */
export const CREDENTIAL_SOURCES: Record<CredentialName, { env: string; key: string; what: string }> = {
  appId: { env: 'WX_APPID', key: 'appId', what: '小程序 AppID（小程序后台 → 开发管理 → 开发设置）' },
  appSecret: { env: 'WX_APPSECRET', key: 'appSecret', what: '小程序 AppSecret（同一页面，生成后只显示一次）' },
  uploadKeyPath: { env: 'WX_UPLOAD_KEY', key: 'uploadKeyPath', what: '代码上传密钥文件的路径（同一页面 → 小程序代码上传 → 生成密钥）' },
};

export const LOCAL_FILE = 'deploy.local.json';

export class CredentialsError extends Error {
  override name = 'CredentialsError';
  constructor(readonly missing: string[]) {
    super(missing.join('\n'));
  }
}

export interface LoadOptions<N extends CredentialName> {
  /** Which credentials this run needs (a plan needs no upload key). */
  need: N[];
  env?: NodeJS.ProcessEnv;
  /** The repository root: deploy.local.json is looked for there, and relative key paths start there. */
  root: string;
  /** Another file instead of <root>/deploy.local.json. */
  file?: string;
}

function readLocalFile(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) return {};
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new CredentialsError([`${file} 无法读取：${e instanceof Error ? e.message : String(e)}`]);
  }
}

export function loadCredentials<N extends CredentialName>(opts: LoadOptions<N>): Pick<Credentials, N> {
  const env = opts.env ?? process.env;
  const file = opts.file ?? path.join(opts.root, LOCAL_FILE);
  const local = readLocalFile(file);
  const out: Partial<Credentials> = {};
  const missing: string[] = [];
  for (const name of opts.need) {
    const src = CREDENTIAL_SOURCES[name];
    const fromEnv = env[src.env];
    const fromFile = local[src.key];
    const value = fromEnv && fromEnv.trim() ? fromEnv.trim() : typeof fromFile === 'string' && fromFile.trim() ? fromFile.trim() : '';
    if (!value) {
      missing.push(`缺少 ${src.what}：设置环境变量 ${src.env}，或在 ${LOCAL_FILE} 里写 "${src.key}"`);
      continue;
    }
    if (name === 'uploadKeyPath') {
      const keyFile = path.resolve(opts.root, value);
      if (!fs.existsSync(keyFile)) {
        missing.push(`代码上传密钥文件不存在：${keyFile}（来自 ${fromEnv ? src.env : `${LOCAL_FILE} 的 "${src.key}"`}）`);
        continue;
      }
      out.uploadKeyPath = keyFile;
    } else out[name] = value;
  }
  if (out.appId === 'touristappid') missing.push(`AppID 是占位的 touristappid：填写你的小程序 AppID（${CREDENTIAL_SOURCES.appId.env}）`);
  if (missing.length) throw new CredentialsError(missing);
  return out as Pick<Credentials, N>;
}
