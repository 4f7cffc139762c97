/**
 * The uploader for the local cloud: `npm run deploy -- --env local-dev` with WX_API_BASE at a
 * cloud started with `--fresh` sends each function's built folder to it
 * (`PUT /__local/functions/<name>`, emulator/functions-upload.ts) instead of to WeChat through
 * miniprogram-ci, so a whole deploy — collections, indexes, functions, triggers — runs against
 * the local cloud and the functions it then serves are the ones deploy uploaded. The local cloud
 * records timer triggers but has no scheduler. It has no mini-program versions: there is nothing
 * to upload or preview there (the h5 build is its client). What production does through SCF —
 * deleting triggers, setting environment variables — goes through the same code here (scf.ts,
 * getqcloudtoken's temporary credentials, TC3 signatures) against the local cloud's SCF at
 * <base>/__scf/, so those paths are exercised as they run in production.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_APPID, LOCAL_ENV_ID } from '../../emulator/env';
import type { Trigger } from './declared';
import { deleteTimerTriggers, updateFunctionEnvironment } from './scf';
import { UploadError, type Uploader } from './uploader';
import { WxApi } from './wx-api';

/** The local cloud's default AppSecret (emulator/server.ts `appSecret`). */
const LOCAL_APP_SECRET = 'local-app-secret';
/** Where the local cloud answers Tencent Cloud's SCF API (emulator/tcb-api/scf.ts). */
export const localScfEndpoint = (baseUrl: string): string => `${baseUrl.replace(/\/$/, '')}/__scf/`;

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(r);
      } else if (e.isFile() && !e.name.endsWith('.map')) out[r] = fs.readFileSync(path.join(dir, r)).toString('base64');
    }
  };
  walk('');
  return out;
}

export function localCloudUploader(o: { baseUrl: string; fetch?: typeof fetch; appId?: string; appSecret?: string }): Uploader {
  const doFetch = o.fetch ?? fetch;
  const base = o.baseUrl.replace(/\/$/, '');
  // The local cloud's updates take a moment (as SCF's do, only shorter): ask often.
  const scf = { region: 'ap-shanghai', endpoint: localScfEndpoint(base), fetch: o.fetch, pollMs: 25 };
  let api: WxApi | null = null;
  const wx = () => (api ??= new WxApi({ baseUrl: base, appId: o.appId ?? LOCAL_APPID, appSecret: o.appSecret ?? LOCAL_APP_SECRET, envId: LOCAL_ENV_ID, fetch: o.fetch }));
  async function call(method: 'GET' | 'PUT', route: string, body?: unknown): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await doFetch(`${base}/__local/functions${route}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (e) {
      throw new UploadError(`本地云不通：${base}（${e instanceof Error ? e.message : String(e)}）`);
    }
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new UploadError(`本地云拒绝了上传（HTTP ${res.status}）：${String(answer.error ?? '')}`);
    return answer;
  }
  const noMiniProgram = () => new UploadError('本地云没有小程序版本可上传或预览：本地用 h5 构建（npm start）');
  return {
    async uploadFunction(fn) {
      await call('PUT', `/${fn.name}`, { files: filesOf(fn.dir) });
    },
    async setTimerTriggers(fn) {
      await call('PUT', `/${fn.name}/triggers`, { triggers: fn.triggers });
    },
    async removeTimerTriggers(fn: { name: string; triggers: Trigger[] }) {
      await deleteTimerTriggers(wx(), { ...scf, functionName: fn.name, triggers: fn.triggers });
    },
    async setEnvironment(fn) {
      await updateFunctionEnvironment(wx(), { ...scf, functionName: fn.name, variables: fn.variables });
    },
    uploadMiniProgram() {
      return Promise.reject(noMiniProgram());
    },
    preview() {
      return Promise.reject(noMiniProgram());
    },
  };
}
