/**
 * Deleting a function's timer trigger, which neither miniprogram-ci (it only creates triggers)
 * nor WeChat's tcb HTTP API offers. WeChat's `tcb/getqcloudtoken` hands the mini-program's
 * account temporary Tencent Cloud credentials, and with them the cloud's own SCF API
 * (`DeleteTrigger`, version 2018-04-16, the environment id as namespace) does it, signed with
 * TC3-HMAC-SHA256. A trigger already gone (ResourceNotFound) counts as deleted, so a repeated
 * removal changes nothing. The same credentials and signer set a function's environment
 * variables (`UpdateFunctionConfiguration`), which miniprogram-ci cannot either.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Trigger } from './declared';
import type { WxApi } from './wx-api';

export const SCF_ENDPOINT = 'https://scf.tencentcloudapi.com';

export class ScfError extends Error {
  override name = 'ScfError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();

/** The TC3-HMAC-SHA256 headers of one POST to a Tencent Cloud API (JSON body). */
export function tc3Headers(o: { secretId: string; secretKey: string; token?: string; host: string; service: string; action: string; version: string; region: string; payload: string; timestamp: number }): Record<string, string> {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const contentType = 'application/json; charset=utf-8';
  const canonical = ['POST', '/', '', `content-type:${contentType}`, `host:${o.host}`, '', 'content-type;host', sha256hex(o.payload)].join('\n');
  const scope = `${date}/${o.service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${o.secretKey}`, date), o.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    'content-type': contentType,
    host: o.host,
    authorization: `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
    'x-tc-action': o.action,
    'x-tc-version': o.version,
    'x-tc-region': o.region,
    'x-tc-timestamp': String(o.timestamp),
    ...(o.token ? { 'x-tc-token': o.token } : {}),
  };
}

export interface ScfTarget {
  region: string;
  /** Another endpoint than SCF_ENDPOINT (WX_SCF_ENDPOINT; the local cloud's is <base>/__scf/). */
  endpoint?: string;
  fetch?: typeof fetch;
  /** How often to ask GetFunction whether a change has taken effect (default 1 s), and for how long at most (default 2 min). */
  pollMs?: number;
  waitMs?: number;
}

/** One signed SCF call with temporary credentials; answers the Response, or throws ScfError with its Error.Code. */
async function scfCall(cred: Record<string, unknown>, o: ScfTarget, action: string, params: Record<string, unknown>, what: string): Promise<Record<string, unknown>> {
  const endpoint = new URL(o.endpoint ?? SCF_ENDPOINT);
  const payload = JSON.stringify(params);
  const headers = tc3Headers({
    secretId: String(cred.secretid),
    secretKey: String(cred.secretkey),
    token: String(cred.token ?? ''),
    host: endpoint.host,
    service: 'scf',
    action,
    version: '2018-04-16',
    region: o.region,
    payload,
    timestamp: Math.floor(Date.now() / 1000),
  });
  let answer: { Response?: Record<string, unknown> & { Error?: { Code: string; Message: string } } };
  try {
    const res = await (o.fetch ?? fetch)(endpoint, { method: 'POST', headers, body: payload });
    answer = (await res.json()) as typeof answer;
  } catch (e) {
    throw new ScfError('NetworkError', `${what}：无法访问 ${endpoint.origin}（${e instanceof Error ? e.message : String(e)}）`);
  }
  const err = answer.Response?.Error;
  if (err) throw new ScfError(err.Code, `${what}：${err.Code} ${err.Message}`);
  return answer.Response ?? {};
}

const qcloudToken = (api: WxApi) => api.tcb('getqcloudtoken', { lifespan: 7200 });

export async function deleteTimerTriggers(api: WxApi, o: ScfTarget & { functionName: string; triggers: Trigger[] }): Promise<void> {
  const cred = await qcloudToken(api);
  for (const t of o.triggers) {
    try {
      await scfCall(cred, o, 'DeleteTrigger', { FunctionName: o.functionName, TriggerName: t.name, Type: t.type || 'timer', Namespace: api.envId }, `删除定时触发器 ${o.functionName}.${t.name}`);
    } catch (e) {
      if (!(e instanceof ScfError && e.code.startsWith('ResourceNotFound'))) throw e;
    }
  }
}

/**
 * SCF changes a function asynchronously (Creating, Updating… then Active, or *Failed): waits,
 * asking GetFunction, until the function is Active, and fails on a failed state or a timeout.
 */
async function untilActive(cred: Record<string, unknown>, o: ScfTarget, api: WxApi, functionName: string, what: string): Promise<void> {
  const end = Date.now() + (o.waitMs ?? 120_000);
  for (;;) {
    const r = await scfCall(cred, o, 'GetFunction', { FunctionName: functionName, Namespace: api.envId }, what);
    const status = String(r.Status ?? '');
    if (status === 'Active') return;
    if (!/ing$/.test(status)) throw new ScfError('FunctionStatus', `${what}：云函数状态是 ${status || '未知'}（云开发控制台 → 云函数 → ${functionName} 查看原因）`);
    if (Date.now() > end) throw new ScfError('FunctionStatus', `${what}：云函数一直处于 ${status}，稍后重新运行 npm run deploy`);
    await new Promise((r) => setTimeout(r, o.pollMs ?? 1000));
  }
}

/**
 * Sets a function's environment variables to exactly these (SCF UpdateFunctionConfiguration
 * replaces the whole set), so setting the same ones again changes nothing. It waits for the
 * function to be Active before (a code upload just before leaves it Updating, and SCF refuses a
 * change then) and after (the step is done when the variables are in effect). The error names
 * the keys, never a value.
 */
export async function updateFunctionEnvironment(api: WxApi, o: ScfTarget & { functionName: string; variables: Record<string, string> }): Promise<void> {
  const cred = await qcloudToken(api);
  const keys = Object.keys(o.variables).sort();
  const what = `设置云函数 ${o.functionName} 的环境变量（${keys.join('、')}）`;
  await untilActive(cred, o, api, o.functionName, what);
  const Variables = keys.map((Key) => ({ Key, Value: o.variables[Key]! }));
  await scfCall(cred, o, 'UpdateFunctionConfiguration', { FunctionName: o.functionName, Namespace: api.envId, Environment: { Variables } }, what);
  await untilActive(cred, o, api, o.functionName, what);
}
