/**
 * Tencent Cloud's SCF API (scf.tencentcloudapi.com, version 2018-04-16) as deploy calls it with
 * the temporary credentials `tcb/getqcloudtoken` hands out (scripts/deploy/scf.ts), answered by
 * the local cloud at `POST <base>/__scf/`:
 *
 *   DeleteTrigger               {FunctionName, TriggerName, Type, Namespace}
 *   UpdateFunctionConfiguration {FunctionName, Namespace, Environment: {Variables: [{Key, Value}]}}
 *   GetFunction                 {FunctionName, Namespace} → {FunctionName, Namespace, Status, Environment, Triggers}
 *
 * As in SCF, changing a function is asynchronous: after UpdateFunctionConfiguration the function
 * is `Updating` for a moment (`updateMs`) and another update meanwhile is refused
 * (FailedOperation.UpdateFunctionConfiguration); a caller polls GetFunction until `Active`.
 *
 * Every request is checked as Tencent Cloud checks it: TC3-HMAC-SHA256 over the received
 * content-type and host headers and the body, with the secret issued to that SecretId (the path
 * counts as the API's root `/`, where the real endpoint serves), the session token issued with
 * it, a timestamp within 5 minutes. Answers are HTTP 200 with `{Response: {RequestId}}` or
 * `{Response: {Error: {Code, Message}, RequestId}}`, with the codes Tencent Cloud documents
 * (AuthFailure.*, MissingParameter, InvalidParameterValue, InvalidAction, NoSuchVersion,
 * ResourceNotFound.Namespace / .Function / .Trigger). Functions are the local cloud's own
 * (emulator/functions-upload.ts): a deleted trigger leaves `GET /__local/functions`, new
 * variables reach the next call's instance. A cloud serving cloudfunctions/dist as built answers
 * FailedOperation: nothing may change that folder.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalFunctions } from '../functions-upload';
import { readBody } from '../http-body';

export const SCF_ROUTE = '/__scf/';
export const SCF_ACTIONS = ['DeleteTrigger', 'UpdateFunctionConfiguration', 'GetFunction'] as const;
export type ScfAction = (typeof SCF_ACTIONS)[number];

/** Temporary credentials as getqcloudtoken issued them. */
export interface IssuedCredential {
  secretKey: string;
  token: string;
  /** ms since the epoch. */
  expiresAt: number;
}

export interface ScfFault {
  action: ScfAction;
  code: string;
  message?: string;
  times?: number;
}

class ScfReply extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const sha256hex = (s: Buffer | string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();
const AUTH_RE = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;
const BAD_SIGNATURE = 'The provided credentials could not be validated. Please check your signature is correct.';
const MAX_BODY = 1024 * 1024;

export interface ScfFakeOptions {
  envId: string;
  functions: LocalFunctions | null;
  credentials: (secretId: string) => IssuedCredential | undefined;
  /** The armed faults (shared with the tcb faults, so one POST /__fake/tcb-faults sets both). */
  faults: () => ScfFault[] | undefined;
  now: () => number;
  log: (call: { action: string; code: string; body: unknown }) => void;
  /** Until when (ms) each function is `Updating`; kept by the caller across requests. */
  updating: Map<string, number>;
  /** How long an update keeps a function `Updating` (default 100 ms). */
  updateMs?: number;
}

export async function handleScf(req: IncomingMessage, res: ServerResponse, o: ScfFakeOptions): Promise<void> {
  const requestId = randomUUID();
  const action = String(req.headers['x-tc-action'] ?? '');
  let body: unknown = null;
  const send = (response: Record<string, unknown>) => {
    const text = JSON.stringify({ Response: { ...response, RequestId: requestId } });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  try {
    if (req.method !== 'POST') {
      req.resume();
      throw new ScfReply('UnsupportedProtocol', 'the local cloud takes POST with a JSON body only');
    }
    const raw = await readBody(req, MAX_BODY);
    if (raw === null) throw new ScfReply('RequestSizeLimitExceeded', `the request body is larger than ${MAX_BODY} bytes`);
    checkSignature(req, raw, o);
    if (!action) throw new ScfReply('MissingParameter', 'The request is missing a required parameter `X-TC-Action`.');
    if (!(SCF_ACTIONS as readonly string[]).includes(action)) throw new ScfReply('InvalidAction', `The action \`${action}\` is invalid or not found (the local cloud answers ${SCF_ACTIONS.join(', ')}).`);
    if (req.headers['x-tc-version'] !== '2018-04-16') throw new ScfReply('NoSuchVersion', `The version \`${String(req.headers['x-tc-version'] ?? '')}\` is invalid or not found.`);
    if (!req.headers['x-tc-region']) throw new ScfReply('MissingParameter', 'The request is missing a required parameter `X-TC-Region`.');
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new ScfReply('InvalidParameter', 'the request body is not JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ScfReply('InvalidParameter', 'the request body is not a JSON object');
    const fault = o.faults()?.find((f) => f.action === action && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      throw new ScfReply(fault.code, fault.message ?? `${fault.code} (injected fault)`);
    }
    const out = run(action as ScfAction, body as Record<string, unknown>, o);
    o.log({ action, code: '', body });
    send(out);
  } catch (e) {
    if (!(e instanceof ScfReply)) throw e;
    o.log({ action, code: e.code, body });
    send({ Error: { Code: e.code, Message: e.message } });
  }
}

function checkSignature(req: IncomingMessage, raw: Buffer, o: ScfFakeOptions): void {
  const auth = AUTH_RE.exec(String(req.headers.authorization ?? ''));
  if (!auth) throw new ScfReply('AuthFailure.SignatureFailure', BAD_SIGNATURE);
  const [, secretId, date, service, signedHeaders, signature] = auth as unknown as [string, string, string, string, string, string];
  const timestamp = Number(req.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp)) throw new ScfReply('MissingParameter', 'The request is missing a required parameter `X-TC-Timestamp`.');
  const nowS = Math.floor(o.now() / 1000);
  if (Math.abs(nowS - timestamp) > 300) throw new ScfReply('AuthFailure.SignatureExpire', `Signature expired. Timestamp is ${timestamp}, server time is ${nowS} (expected within 300 seconds).`);
  const cred = o.credentials(secretId);
  if (!cred) throw new ScfReply('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
  if (service !== 'scf' || date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) throw new ScfReply('AuthFailure.SignatureFailure', BAD_SIGNATURE);
  const names = signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) throw new ScfReply('AuthFailure.SignatureFailure', BAD_SIGNATURE);
  const headers = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().toLowerCase()}\n`).join('');
  const canonical = ['POST', '/', '', headers, signedHeaders, sha256hex(raw)].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${cred.secretKey}`, date), service), 'tc3_request');
  const want = createHmac('sha256', key).update(toSign).digest();
  if (!timingSafeEqual(want, Buffer.from(signature, 'hex'))) throw new ScfReply('AuthFailure.SignatureFailure', BAD_SIGNATURE);
  // Temporary credentials are only good with their session token, and only until they expire.
  if (req.headers['x-tc-token'] !== cred.token) throw new ScfReply('AuthFailure.TokenFailure', 'Token verification failed (X-TC-Token does not belong to this SecretId).');
  if (cred.expiresAt <= o.now()) throw new ScfReply('AuthFailure.TokenFailure', 'Token verification failed (the temporary credentials expired).');
}

const text = (b: Record<string, unknown>, key: string): string => {
  const v = b[key];
  if (v === undefined || v === null || v === '') throw new ScfReply('MissingParameter', `The request is missing a required parameter \`${key}\`.`);
  if (typeof v !== 'string') throw new ScfReply('InvalidParameterValue', `\`${key}\` must be a string.`);
  return v;
};

function run(action: ScfAction, b: Record<string, unknown>, o: ScfFakeOptions): Record<string, unknown> {
  const fnName = text(b, 'FunctionName');
  const namespace = b.Namespace === undefined ? 'default' : text(b, 'Namespace');
  if (namespace !== o.envId) throw new ScfReply('ResourceNotFound.Namespace', `Namespace ${namespace} 不存在。`);
  const fns = o.functions;
  if (!fns?.exists(fnName)) throw new ScfReply('ResourceNotFound.Function', `未找到指定的Function，请创建后再试。(${fnName})`);
  const updating = (o.updating.get(fnName) ?? 0) > o.now();
  if (action === 'GetFunction') {
    return {
      FunctionName: fnName,
      Namespace: namespace,
      Status: updating ? 'Updating' : 'Active',
      Environment: { Variables: Object.entries(fns.env(fnName)).map(([Key, Value]) => ({ Key, Value })) },
      Triggers: fns.triggers(fnName).map((t) => ({ Type: t.type, TriggerName: t.name, TriggerDesc: JSON.stringify({ cron: t.config }) })),
    };
  }
  if (!fns.writable) throw new ScfReply('FailedOperation', 'this local cloud was not started with --fresh: its functions are cloudfunctions/dist as built and do not change');
  if (action === 'DeleteTrigger') {
    const trigger = text(b, 'TriggerName');
    const type = text(b, 'Type');
    const before = fns.triggers(fnName);
    const left = before.filter((t) => !(t.name === trigger && t.type === type));
    if (left.length === before.length) throw new ScfReply('ResourceNotFound.Trigger', `未找到指定的Trigger，请创建后再试。(${fnName}.${trigger})`);
    fns.setTriggers(fnName, left);
    return {};
  }
  if (updating) throw new ScfReply('FailedOperation.UpdateFunctionConfiguration', '当前函数状态无法进行此操作，请在函数状态正常时重试。');
  const env = b.Environment;
  if (env === undefined) return {};
  const vars = (env as { Variables?: unknown } | null)?.Variables;
  if (!env || typeof env !== 'object' || !Array.isArray(vars)) throw new ScfReply('InvalidParameterValue', '`Environment.Variables` must be a list of {Key, Value}.');
  const out: Record<string, string> = {};
  for (const [i, v] of vars.entries()) {
    const { Key, Value } = (v ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(Key)) throw new ScfReply('InvalidParameterValue', `Environment.Variables.${i}.Key: a letter, then letters, digits or _ (64 at most).`);
    if (typeof Value !== 'string') throw new ScfReply('InvalidParameterValue', `Environment.Variables.${i}.Value must be a string.`);
    if (Key in out) throw new ScfReply('InvalidParameterValue', `Environment.Variables: ${Key} appears twice.`);
    out[Key] = Value;
  }
  if (Buffer.byteLength(JSON.stringify(out)) > 4096) throw new ScfReply('InvalidParameterValue', 'Environment.Variables: 4 KB at most in all.');
  fns.setEnv(fnName, out);
  o.updating.set(fnName, o.now() + (o.updateMs ?? 100));
  return {};
}

/** Temporary credentials for getqcloudtoken: a SecretId, its key and session token, lasting `lifespan` seconds. */
export function issueCredential(now: number, lifespan: number): IssuedCredential & { secretId: string } {
  return {
    secretId: `AKID${randomBytes(16).toString('hex')}`,
    secretKey: randomBytes(30).toString('base64url'),
    token: randomBytes(48).toString('base64url'),
    expiresAt: now + lifespan * 1000,
  };
}
