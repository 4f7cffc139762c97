/**
 * Uploads deploy cannot do over HTTP — a function's code, its timer triggers, the mini-program
 * package — go through this seam. Production uses WeChat's own CI package, miniprogram-ci, loaded
 * only when something is actually uploaded (it is large and slow to load, and a plan never needs
 * it); tests give deploy a fake that records calls and can fail.
 */
import type { Trigger } from './declared';

export interface Uploader {
  uploadFunction(fn: { name: string; dir: string }): Promise<void>;
  setTimerTriggers(fn: { name: string; triggers: Trigger[] }): Promise<void>;
  uploadMiniProgram(p: { version: string; desc: string }): Promise<void>;
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
}

/** What deploy uses of miniprogram-ci (its own typings ship with the package). */
interface MiniprogramCi {
  Project: new (o: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown;
  upload(o: { project: unknown; version: string; desc?: string; setting?: Record<string, boolean>; onProgressUpdate?: (t: unknown) => void }): Promise<unknown>;
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
    async uploadMiniProgram(p) {
      const { ci, project } = await load();
      // The Taro build is already compiled for WeChat: upload it as it is.
      await ci.upload({ project, version: p.version, desc: p.desc, setting: { es6: false, es7: false, minify: false, autoPrefixWXSS: false } });
    },
  };
}
