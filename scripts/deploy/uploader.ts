/**
 * Uploads deploy cannot do over WeChat's HTTP API — a function's code, its timer triggers and
 * environment variables, the mini-program package — go through this seam. Production uses WeChat's own CI package, miniprogram-ci, loaded
 * only when something is actually uploaded (it is large and slow to load, and a plan never needs
 * it); tests give deploy a fake that records calls and can fail.
 */
import type { Trigger } from './declared';
import { deleteTimerTriggers, updateFunctionEnvironment } from './scf';
import { WxApi } from './wx-api';

export interface Uploader {
  uploadFunction(fn: { name: string; dir: string }): Promise<void>;
  setTimerTriggers(fn: { name: string; triggers: Trigger[] }): Promise<void>;
  /** Deletes these timer triggers of the function; one already gone is no error. */
  removeTimerTriggers(fn: { name: string; triggers: Trigger[] }): Promise<void>;
  /** Sets the function's environment variables to exactly these. */
  setEnvironment(fn: { name: string; variables: Record<string, string> }): Promise<void>;
  uploadMiniProgram(p: { version: string; desc: string }): Promise<void>;
  /** Uploads the built mini-program as a preview and writes WeChat's preview QR code (PNG) to qrcodeFile. */
  preview(p: { desc: string; qrcodeFile: string }): Promise<void>;
}

export class UploadError extends Error {
  override name = 'UploadError';
}

interface CiProjectOptions {
  appId: string;
  privateKeyPath: string;
  envId: string;
  /** The folder holding project.config.json (miniprogramRoot, cloudfunctionRoot). */
  projectPath: string;
  /** For deleting triggers and setting variables (scf.ts): the AppSecret, the HTTP API base, the environment's region (default ap-shanghai) and another SCF endpoint. */
  appSecret?: string;
  apiBase?: string;
  region?: string;
  scfEndpoint?: string;
}

/** What deploy uses of miniprogram-ci (its own typings ship with the package). */
interface MiniprogramCi {
  Project: new (o: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown;
  upload(o: { project: unknown; version: string; desc?: string; setting?: Record<string, boolean>; onProgressUpdate?: (t: unknown) => void }): Promise<unknown>;
  preview(o: { project: unknown; desc?: string; setting?: Record<string, boolean>; qrcodeFormat: 'image' | 'base64' | 'terminal'; qrcodeOutputDest: string; onProgressUpdate?: (t: unknown) => void }): Promise<unknown>;
  cloud: {
    uploadFunction(o: { project: unknown; env: string; name: string; path: string; remoteNpmInstall: boolean }): Promise<unknown>;
    createTimeTrigger(o: { project: unknown; envId: string; functionName: string; triggersConfig: Trigger[] }): Promise<string>;
  };
}

export function miniprogramCiUploader(opts: CiProjectOptions): Uploader {
  let loaded: Promise<{ ci: MiniprogramCi; project: unknown }> | null = null;
  const load = () =>
    (loaded ??= (async () => {
      let ci: MiniprogramCi;
      try {
        ci = (await import('miniprogram-ci')) as unknown as MiniprogramCi;
      } catch (e) {
        throw new UploadError(`无法加载 miniprogram-ci（npm ci 会安装它）：${e instanceof Error ? e.message : String(e)}`);
      }
      const project = new ci.Project({ appid: opts.appId, type: 'miniProgram', projectPath: opts.projectPath, privateKeyPath: opts.privateKeyPath, ignores: ['node_modules/**/*'] });
      return { ci, project };
    })());
  return {
    async uploadFunction(fn) {
      const { ci, project } = await load();
      // The cloud installs wx-server-sdk from each function's package.json (build.ts leaves it external).
      await ci.cloud.uploadFunction({ project, env: opts.envId, name: fn.name, path: fn.dir, remoteNpmInstall: true });
    },
    async setTimerTriggers(fn) {
      const { ci, project } = await load();
      const answer = await ci.cloud.createTimeTrigger({ project, envId: opts.envId, functionName: fn.name, triggersConfig: fn.triggers });
      if (answer !== '创建定时触发器成功') throw new UploadError(`定时触发器 ${fn.name}：${answer}`);
    },
    async removeTimerTriggers(fn) {
      if (!opts.appSecret) throw new UploadError(`删除定时触发器 ${fn.name} 需要 AppSecret`);
      const api = new WxApi({ baseUrl: opts.apiBase ?? 'https://api.weixin.qq.com', appId: opts.appId, appSecret: opts.appSecret, envId: opts.envId });
      await deleteTimerTriggers(api, { region: opts.region ?? 'ap-shanghai', endpoint: opts.scfEndpoint, functionName: fn.name, triggers: fn.triggers });
    },
    async setEnvironment(fn) {
      if (!opts.appSecret) throw new UploadError(`设置云函数 ${fn.name} 的环境变量需要 AppSecret`);
      const api = new WxApi({ baseUrl: opts.apiBase ?? 'https://api.weixin.qq.com', appId: opts.appId, appSecret: opts.appSecret, envId: opts.envId });
      await updateFunctionEnvironment(api, { region: opts.region ?? 'ap-shanghai', endpoint: opts.scfEndpoint, functionName: fn.name, variables: fn.variables });
    },
    async uploadMiniProgram(p) {
      const { ci, project } = await load();
      // The Taro build is already compiled for WeChat: upload it as it is.
      await ci.upload({ project, version: p.version, desc: p.desc, setting: { es6: false, es7: false, minify: false, autoPrefixWXSS: false } });
    },
    async preview(p) {
      const { ci, project } = await load();
      await ci.preview({ project, desc: p.desc, setting: { es6: false, es7: false, minify: false, autoPrefixWXSS: false }, qrcodeFormat: 'image', qrcodeOutputDest: p.qrcodeFile });
    },
  };
}
