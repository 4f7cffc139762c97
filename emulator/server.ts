/**
 * The local cloud: one HTTP server on 127.0.0.1 that is, at once,
 * - the TCB `/admin` endpoint the real wx-server-sdk talks to (database, storage, functions, openapi),
 * - the storage host (upload PUTs and signed temp download URLs),
 * - the h5 gateway (`/fn/<name>`, `/dev/identities`, `/healthz`, the static build),
 * - WeChat Cloud's HTTP API (`/cgi-bin/stable_token`, `/tcb/…`) that deploy, import and backup
 *   call on api.weixin.qq.com (emulator/tcb-api).
 *
 * Admin replies are `{requestId, data}` or `{requestId, code, message}` as node-sdk parses them;
 * `wx.openApi` is answered with the raw protobuf envelope (errors as JSON with the exact
 * content type `application/json; charset=utf-8`, the only one node-sdk's openapi hook parses).
 */
import { readBody } from './http-body';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { COLLECTIONS } from '../cloudfunctions/database';
import { openDatabase, type AdminReply, type DatabaseBackend } from './db';
import { LOCAL_APPID, LOCAL_ENV_ID } from './env';
import { Gateway } from './gateway';
import { boundaryOf, parseMultipart } from './openapi/multipart';
import { OpenApiFakes, type OpenApiLogEntry } from './openapi';
import { handleMediaCheckRoutes } from './openapi/media-check-http';
import type { MediaCheckControl } from './openapi/media-check';
import { handleSubscribeRoutes } from './openapi/subscribe-http';
import type { SubscribeMessages, TemplateDef } from './openapi/subscribe-message';
import { SUBSCRIBE_TEMPLATES } from '../types/nominations';
import { PLAN_DUE_TEMPLATE } from '../types/plans';
import { FunctionRunner, InvocationError, type Identity } from './runner';
import { DiskStorage } from './storage';
import { startFakeOfficialAccount, type FakeOaOptions, type FakeOfficialAccount } from './official-account';
import { HTTP_TRIGGER_RE, httpTrigger } from './official-account/http-trigger';
import { TcbHttpApi, type TcbCall, type TcbFaults } from './tcb-api';
import { handleFunctionsUpload, localFunctions, ownsFunctionsRoute } from './functions-upload';

export type { AdminReply, DatabaseBackend };

export interface SeedStorage {
  put(cloudPath: string, bytes: Buffer): void;
}

export interface CloudOptions {
  /** 0 = a free port. */
  port: number;
  dataDir: string;
  /** Refuse database queries no declared index serves (instead of only reporting them). */
  strict?: boolean;
  /** Default <repo>/cloudfunctions/dist: one folder per function with index.js exporting main(event, context). */
  functionsDir?: string;
  /** Serve this folder at / (the h5 build). */
  staticDir?: string;
  /** Runs once, on the first start of an unseeded data dir (a marker file records it). */
  seed?: (db: DatabaseBackend, storage: SeedStorage) => void | Promise<void>;
  /** Extra env for every function instance, e.g. ADMIN_OPENIDS. */
  functionEnv?: Record<string, string>;
  /** msgSecCheck words answered `risky`. */
  secWords?: string[];
  /** msgSecCheck words answered `review`. */
  reviewWords?: string[];
  /** Subscribe-message templates the fake account has (default: the product's SUBSCRIBE_TEMPLATES). */
  templates?: TemplateDef[];
  /** Instances per function (default 4). */
  poolSize?: number;
  /** Per-call time limit in ms (default 20 000); a function's config.json `timeout` (s) wins. */
  timeoutMs?: number;
  quiet?: boolean;
  /** Use this backend instead of opening emulator/db on dataDir (tests). */
  db?: DatabaseBackend;
  /**
   * Run a fake official account beside the cloud and give every function its URL and
   * credentials (OA_BASE_URL, OA_APPID, OA_SECRET, OA_EVENT_TOKEN, OA_ARTICLE_HOSTS, MP_APPID); its
   * PUBLISHJOBFINISH events go to the `publish-event` function's HTTP trigger.
   */
  officialAccount?: boolean | Partial<Omit<FakeOaOptions, 'eventUrl'>>;
  /**
   * The function WeChat's message push sends `wxa_media_check` events to (the verdicts of
   * security.mediaCheckAsync), default `media-check`. Without such a function the pushes are
   * only logged.
   */
  mediaCheckFunction?: string;
  /**
   * false: start like a new WeChat Cloud environment, with no collection and no index until
   * someone creates them (`npm run deploy`, the HTTP API). Default true: every declared
   * collection exists with exactly its declared indexes.
   */
  provision?: boolean;
  /**
   * Take function uploads (`PUT /__local/functions/<name>`, emulator/functions-upload.ts) into
   * functionsDir, as `npm run deploy -- --env local-dev` sends them. Off by default: a cloud
   * serving cloudfunctions/dist as built must not have it overwritten.
   */
  acceptFunctionUploads?: boolean;
  /** The mini-program's AppSecret the HTTP API's stable_token accepts (default `local-app-secret`). */
  appSecret?: string;
}

/** WeChat Cloud's HTTP API as the local cloud answers it: its calls, faults and token. */
export interface TcbApiControl {
  appid: string;
  appSecret: string;
  envId: string;
  /** Base URL to use instead of https://api.weixin.qq.com. */
  baseUrl: string;
  calls(): TcbCall[];
  setFaults(f: TcbFaults): void;
  faults(): TcbFaults;
  expireToken(): void;
  /** Resolves when every import and export job has finished. */
  settle(timeoutMs?: number): Promise<void>;
}

export interface CloudFaults {
  /** The next `times` calls of the openapi `api` fail with this WeChat errcode. */
  failOpenApi(api: string, errcode: number, errmsg: string, times?: number): void;
  clear(): void;
}

export interface Cloud {
  port: number;
  adminUrl: string;
  gatewayUrl: string;
  db: DatabaseBackend;
  storage: DiskStorage;
  /** Run a function as a user would (identity → getWXContext, event.userInfo); resolves with its return value. */
  invoke(name: string, event: unknown, identity?: Identity): Promise<unknown>;
  openapiLog(): OpenApiLogEntry[];
  faults: CloudFaults;
  /** Subscribe messages: accept templates for a user (the phone's dialog) and read what was sent. */
  subscriptions: SubscribeMessages;
  /** The fake official account, when started with `officialAccount`. */
  officialAccount: FakeOfficialAccount | null;
  /** security.mediaCheckAsync: verdicts by file hash, push mode, the pushes made and a wait for them. */
  mediaChecks: MediaCheckControl;
  /** WeChat Cloud's HTTP API (tcb/…) the deploy tools call. */
  tcbApi: TcbApiControl;
  /** Env that points a wx-server-sdk script at this cloud (`cloud.init({env: LOCAL_ENV_ID})`). */
  sdkEnv(): Record<string, string>;
  stop(): Promise<void>;
}

const SEED_MARKER = '.seeded';
const MAX_ADMIN_BODY = 20 * 1024 * 1024;
/** Fields node-sdk adds to every admin request; not part of any action's parameters. */
const COMMON_PARAMS = ['action', 'envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'sessionToken', 'crossAuthorizationToken'];

function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startCloud(opts: CloudOptions): Promise<Cloud> {
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const log = (m: string) => {
    if (!opts.quiet) console.log(`[local-cloud] ${m}`);
  };
  let base = '';
  const publicBase = () => base;
  const adminUrl = () => `${base}/admin`;

  const db =
    opts.db ??
    openDatabase({
      file: path.join(dataDir, 'db.sqlite'),
      collections: COLLECTIONS,
      strict: opts.strict ?? false,
      provision: opts.provision ?? true,
      onWarning: (m) => {
        if (!opts.quiet) console.warn(`[local-cloud] ${m}`);
      },
    });
  const storage = new DiskStorage({ root: path.join(dataDir, 'storage'), publicBase });
  let fakeOa: FakeOfficialAccount | null = null;
  let functionEnv = opts.functionEnv;
  if (opts.officialAccount) {
    const o = opts.officialAccount === true ? {} : opts.officialAccount;
    const cfg = { appid: o.appid ?? 'wxfakeofficial0001', secret: o.secret ?? 'local-oa-secret', eventToken: o.eventToken ?? 'local-oa-push-token' };
    fakeOa = await startFakeOfficialAccount({ miniprogramAppid: LOCAL_APPID, ...o, ...cfg, eventUrl: () => (base ? `${base}/http/publish-event` : null) });
    functionEnv = {
      OA_BASE_URL: fakeOa.url,
      OA_APPID: cfg.appid,
      OA_SECRET: cfg.secret,
      OA_EVENT_TOKEN: cfg.eventToken,
      // The fake serves its articles on its own origin, not https://mp.weixin.qq.com.
      OA_ARTICLE_HOSTS: fakeOa.url,
      MP_APPID: LOCAL_APPID,
      ...opts.functionEnv,
    };
  }
  const functionsDir = path.resolve(opts.functionsDir ?? path.join(__dirname, '..', 'cloudfunctions', 'dist'));
  const runner = new FunctionRunner({
    functionsDir,
    adminUrl,
    functionEnv,
    poolSize: opts.poolSize,
    timeoutMs: opts.timeoutMs,
    quiet: opts.quiet,
  });
  const openapi = new OpenApiFakes({
    secWords: opts.secWords,
    reviewWords: opts.reviewWords,
    templates: opts.templates ?? [...Object.values(SUBSCRIBE_TEMPLATES), PLAN_DUE_TEMPLATE],
    mediaCheck: {
      functionName: opts.mediaCheckFunction,
      localBase: publicBase,
      hasFunction: (name) => runner.exists(name),
      // A message push runs the function with the message as its event and the user who sent it
      // (FromUserName) as the caller, so getWXContext().OPENID is that user.
      deliver: (name, event, openid) => runner.invoke(name, event, { openid }),
    },
  });
  const gateway = new Gateway({ runner, staticDir: opts.staticDir });
  const appSecret = opts.appSecret ?? 'local-app-secret';
  const tcb = new TcbHttpApi({
    appid: LOCAL_APPID,
    secret: appSecret,
    envId: LOCAL_ENV_ID,
    db,
    storage,
    // WeChat invokes with no user: getWXContext() has no OPENID.
    invoke: (name, event) => runner.invokeRaw(name, event, null, 'http_api'),
    // SCF (triggers, environment variables) changes only what deploy may upload into.
    functions: localFunctions(functionsDir, opts.acceptFunctionUploads ?? false),
  });

  async function admin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = randomUUID();
    const reply = (r: AdminReply) => sendJson(res, { requestId, ...r });
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, { requestId, code: 'INVALID_PARAM', message: 'admin requests are POST' }, 405);
    }
    const token = url.pathname.slice('/admin/'.length);
    const caller = token ? runner.callerOf(token) : null;
    if (token && !caller) return reply({ code: 'INVALID_REQUEST_SOURCE', message: 'the function instance behind this request is gone' });
    const body = await readBody(req, MAX_ADMIN_BODY);
    if (body === null) return reply({ code: 'INVALID_PARAM', message: `request body larger than ${MAX_ADMIN_BODY} bytes` });

    let params: Record<string, unknown>;
    const boundary = boundaryOf(req.headers['content-type']);
    try {
      if (boundary) {
        params = {};
        for (const part of parseMultipart(body, boundary)) {
          params[part.name] = part.name === 'requestData' ? part.data : part.data.toString('utf8');
        }
      } else {
        const parsed: unknown = JSON.parse(body.toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('body is not an object');
        params = parsed as Record<string, unknown>;
      }
    } catch (e) {
      return reply({ code: 'INVALID_PARAM', message: `malformed request body: ${e instanceof Error ? e.message : String(e)}` });
    }
    const action = params.action;
    if (typeof action !== 'string' || !action) return reply({ code: 'INVALID_PARAM', message: 'action is required' });
    const env = typeof params.envName === 'string' && params.envName ? params.envName : (url.searchParams.get('env') ?? '');
    if (env && env !== LOCAL_ENV_ID) return reply({ code: 'INVALID_ENV', message: `env ${env} does not exist; the local cloud is ${LOCAL_ENV_ID}` });
    const actionParams: Record<string, unknown> = { ...params };
    for (const k of COMMON_PARAMS) delete actionParams[k];

    if (action.startsWith('database.')) {
      try {
        return reply(await db.handle(action, actionParams));
      } catch (e) {
        return reply({ code: 'DATABASE_REQUEST_FAILED', message: e instanceof Error ? e.message : String(e) });
      }
    }
    if (action.startsWith('storage.')) return reply(storage.handleAdmin(action, actionParams));
    if (action === 'functions.invokeFunction') {
      const name = actionParams.function_name;
      const raw = actionParams.request_data;
      if (typeof name !== 'string' || !name) return reply({ code: 'INVALID_PARAM', message: 'function_name is required' });
      let event: unknown = {};
      try {
        if (typeof raw === 'string' && raw !== '') event = JSON.parse(raw);
      } catch {
        return reply({ code: 'INVALID_PARAM', message: 'request_data is not valid JSON' });
      }
      try {
        // A function calling a function passes its user on, as production does.
        const source = caller ? `${caller.source},scf` : 'server_sdk';
        const json = await runner.invokeRaw(name, event, caller?.identity ?? null, source);
        return reply({ data: { response_data: json } });
      } catch (e) {
        if (e instanceof InvocationError) return reply({ code: e.code, message: e.message });
        return reply({ code: 'FUNCTIONS_EXECUTE_FAIL', message: String(e) });
      }
    }
    if (action === 'wx.openApi') {
      const apiName = actionParams.apiName;
      const data = actionParams.requestData;
      if (typeof apiName !== 'string' || !Buffer.isBuffer(data)) return reply({ code: 'INVALID_PARAM', message: 'apiName and requestData are required' });
      const out = await openapi.handle(apiName, data, caller ? { functionName: caller.functionName, openapi: caller.config.openapi } : null);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': out.length });
      res.end(out);
      return;
    }
    return reply({ code: 'INVALID_ACTION', message: `action ${action} is not supported by the local cloud` });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fail = (e: unknown) => {
      console.error('[local-cloud] request failed', e);
      if (!res.headersSent) sendJson(res, { code: 'SYS_ERR', message: String(e) }, 500);
      else res.destroy();
    };
    try {
      if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
        admin(req, res, url).catch(fail);
        return;
      }
      const trigger = HTTP_TRIGGER_RE.exec(url.pathname);
      if (trigger) {
        httpTrigger(runner, req, res, url, trigger[1] as string).catch(fail);
        return;
      }
      if (tcb.owns(url)) {
        tcb.handle(req, res, url).catch(fail);
        return;
      }
      if (ownsFunctionsRoute(url)) {
        handleFunctionsUpload(req, res, url, functionsDir, opts.acceptFunctionUploads ?? false).catch(fail);
        return;
      }
      if (handleSubscribeRoutes(req, res, url, openapi.subscriptions)) return;
      if (handleMediaCheckRoutes(req, res, url, openapi.mediaChecks)) return;
      if (storage.handleHttp(req, res, url)) return;
      if (gateway.handle(req, res, url)) return;
      req.resume();
      sendJson(res, { errCode: -1, errMsg: `not found: ${url.pathname}` }, 404);
    } catch (e) {
      fail(e);
    }
  });
  // The SDK keeps connections alive; idle ones must not hold stop() up.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  const marker = path.join(dataDir, SEED_MARKER);
  if (opts.seed && !fs.existsSync(marker)) {
    try {
      await opts.seed(db, storage);
    } catch (e) {
      await new Promise<void>((r) => server.close(() => r()));
      db.close();
      throw e;
    }
    fs.writeFileSync(marker, `seeded at ${new Date().toISOString()}\n`);
    log('seeded demo data');
  }

  let stopped = false;
  return {
    port,
    adminUrl: adminUrl(),
    gatewayUrl: base,
    db,
    storage,
    async invoke(name, event, identity) {
      return runner.invoke(name, event, identity ?? null);
    },
    openapiLog: () => openapi.log(),
    subscriptions: openapi.subscriptions,
    officialAccount: fakeOa,
    mediaChecks: openapi.mediaChecks,
    tcbApi: {
      appid: LOCAL_APPID,
      appSecret,
      envId: LOCAL_ENV_ID,
      baseUrl: base,
      calls: () => tcb.calls(),
      setFaults: (f) => tcb.setFaults(f),
      faults: () => tcb.currentFaults(),
      expireToken: () => tcb.expireToken(),
      settle: (ms) => tcb.settle(ms),
    },
    faults: {
      failOpenApi: (api, errcode, errmsg, times) => openapi.fail(api, errcode, errmsg, times),
      clear: () => openapi.clearFaults(),
    },
    sdkEnv: () => ({
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl() }),
      TENCENTCLOUD_SECRETID: 'local-secret-id',
      TENCENTCLOUD_SECRETKEY: 'local-secret-key',
      TENCENTCLOUD: 'true',
      TCB_ENV: LOCAL_ENV_ID,
    }),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Pending pushes are cancelled first (their timers cleared); a delivery already running ends
      // when the runner shuts its instance down.
      const checksClosed = openapi.mediaChecks.close();
      tcb.close();
      await runner.close();
      await checksClosed;
      await fakeOa?.stop();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
      db.close();
    },
  };
}
