/**
 * WeChat Cloud's HTTP API (api.weixin.qq.com/tcb/…), as the deploy, import and backup tools call
 * it, answered by the local cloud from the same database, storage and functions the SDK uses:
 *
 *   POST /cgi-bin/stable_token           {grant_type, appid, secret, force_refresh} → {access_token, expires_in}
 *   POST /tcb/databasecollectionadd      {env, collection_name}
 *   POST /tcb/databasecollectiondelete   {env, collection_name}
 *   POST /tcb/databasecollectionget      {env, limit=10, offset=0} → {collections:[{name,count,size,index_count,index_size}], pager:{Offset,Limit,Total}}
 *   POST /tcb/updateindex                {env, collection_name, create_indexes:[{name, unique, keys:[{name, direction:"1"|"-1"}]}], drop_indexes:[{name}]}
 *   POST /tcb/databasequery              {env, query: 'db.collection("x").where({…}).limit(10).get()'} → {pager, data:[json text]}
 *   POST /tcb/databaseadd | databaseupdate | databasedelete | databasecount   {env, query} (statement.ts)
 *   POST /tcb/databasemigrateimport      {env, collection_name, file_path, file_type, stop_on_error, conflict_mode} → {job_id}
 *   POST /tcb/databasemigrateexport      {env, file_path, file_type, query} → {job_id}
 *   POST /tcb/databasemigratequeryinfo   {env, job_id} → {status, record_success, record_fail, error_msg, file_url}
 *   POST /tcb/uploadfile                 {env, path} → {url, token, authorization, file_id, cos_file_id}; the bytes
 *                                        then go to `url` as a COS form POST (key, Signature, x-cos-security-token,
 *                                        x-cos-meta-fileid, file), which emulator/storage answers
 *   POST /tcb/invokecloudfunction?env=&name=   body = the event → {resp_data}
 *   POST /tcb/getqcloudtoken             {env, lifespan≤7200} → {secretid, secretkey, token, expired_time}: temporary
 *                                        Tencent Cloud credentials, good for the SCF API the local cloud answers
 *                                        at /__scf/ (scf.ts: DeleteTrigger, UpdateFunctionConfiguration)
 *
 * Every answer is `{errcode, errmsg, …}` with HTTP 200, as WeChat's are. The codes are the ones
 * the API documents (41001 no token, 40014 invalid token, 42001 expired, 43002 method, 44002
 * empty body, 47001 malformed body, 40101 missing parameter, 40097 invalid parameter) and, for
 * what the cloud itself refuses, its error codes from wx-server-sdk's table: -501005 invalid env,
 * -501007 invalid parameters, -502005 collection does not exist, -502001 any other database
 * failure — including an existing collection, an index conflict and a missing index, which
 * WeChat documents no separate code for — -503003 storage file missing, -504001 no such
 * function, -504002 the function failed.
 *
 * Faults make a chosen API fail on purpose, without taking effect: `busy` (-1, system busy) for
 * the next n calls, or `failAt` with any errcode. Set them in tests with setFaults, or by hand:
 * `POST /__fake/tcb-faults` replaces the set (`{}` clears it), `GET /__fake/tcb-faults` shows
 * what is left of it. `jobFail` lets an import or export call succeed (a job id comes back) and
 * the job itself end in `fail` with the given error_msg, as a job the cloud could not finish does.
 * `scfFail` makes the next SCF call of an action (correctly signed) answer an error Code.
 *
 * Import and export run as jobs that finish after `jobDelayMs`; their files live in the
 * environment's storage (export writes `file_path`, import reads it), JSON Lines only
 * (file_type 1) — the local cloud refuses CSV (file_type 2) with 40097 rather than guess its
 * typing rules.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EJSON } from 'bson';
import type { IndexSpec } from '../../cloudfunctions/database';
import { DbError, type DatabaseBackend } from '../db';
import type { DbErrorCode } from '../db/errors';
import { readBody } from '../http-body';
import type { DiskStorage } from '../storage';
import { parseStatement, StatementError, type Statement } from './statement';
import type { LocalFunctions } from '../functions-upload';
import { handleScf, issueCredential, SCF_ACTIONS, SCF_ROUTE, type IssuedCredential, type ScfFault } from './scf';

export type TcbApi =
  | 'stable_token'
  | 'databasecollectionadd'
  | 'databasecollectiondelete'
  | 'databasecollectionget'
  | 'updateindex'
  | 'databasequery'
  | 'databaseadd'
  | 'databaseupdate'
  | 'databasedelete'
  | 'databasecount'
  | 'databasemigrateimport'
  | 'databasemigrateexport'
  | 'databasemigratequeryinfo'
  | 'uploadfile'
  | 'invokecloudfunction'
  | 'getqcloudtoken';

export const TCB_APIS: readonly TcbApi[] = [
  'stable_token',
  'databasecollectionadd',
  'databasecollectiondelete',
  'databasecollectionget',
  'updateindex',
  'databasequery',
  'databaseadd',
  'databaseupdate',
  'databasedelete',
  'databasecount',
  'databasemigrateimport',
  'databasemigrateexport',
  'databasemigratequeryinfo',
  'uploadfile',
  'invokecloudfunction',
  'getqcloudtoken',
];

export interface TcbFaults {
  /** The next n calls of the API answer -1 (system busy) and change nothing. */
  busy?: Partial<Record<TcbApi, number>>;
  /** The next `times` (default 1) calls of `api` answer this errcode and change nothing. */
  failAt?: { api: TcbApi; errcode: number; errmsg?: string; times?: number }[];
  /** The next `times` (default 1) jobs of `api` are accepted, then end with status `fail` and this error_msg. */
  jobFail?: { api: 'databasemigrateimport' | 'databasemigrateexport'; errorMsg: string; times?: number }[];
  /** The next `times` (default 1) signed SCF calls of `action` answer this Error.Code and change nothing. */
  scfFail?: ScfFault[];
}

export interface TcbCall {
  api: string;
  errcode: number;
  /** The request body as JSON (null when it was not). */
  body: unknown;
  /** An SCF call's Error.Code ('' when it succeeded). */
  scfCode?: string;
}

export interface TcbApiOptions {
  /** The mini-program the environment belongs to, and its AppSecret (stable_token). */
  appid: string;
  secret: string;
  envId: string;
  db: DatabaseBackend;
  storage: DiskStorage;
  /** Runs a function with the event, no user (as WeChat's HTTP invocation does); resolves with its JSON answer. */
  invoke: (name: string, event: unknown) => Promise<string>;
  now?: () => number;
  tokenTtlSeconds?: number;
  jobDelayMs?: number;
  /** The functions SCF's fake changes (null: every SCF call answers ResourceNotFound.Function). */
  functions?: LocalFunctions | null;
}

export const TCB_FAULTS_ROUTE = '/__fake/tcb-faults';
const MAX_BODY = 20 * 1024 * 1024;

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40097: 'invalid args',
  40101: 'missing parameter',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43002: 'require POST method',
  44002: 'empty post data',
  47001: 'data format error',
  [-501005]: 'invalid env',
  [-501007]: 'invalid parameters',
  [-502001]: 'database request fail',
  [-502002]: 'database invalid command',
  [-502005]: 'database collection not exists',
  [-503003]: 'storage file not exists',
  [-504001]: 'functions request fail',
  [-504002]: 'functions execute fail',
};

/** The cloud's database error codes (the `code` node-sdk gets) → the HTTP API's errcode. */
const DB_ERRCODE: Record<string, number> = {
  DATABASE_COLLECTION_NOT_EXIST: -502005,
  DATABASE_INVALID_OPERRATOR: -502002,
  INVALID_PARAM: -501007,
};

class Reply extends Error {
  /** `raw`: the message is the errmsg as given (an injected fault), not the code's text and a detail. */
  constructor(
    readonly errcode: number,
    detail?: string,
    raw = false,
  ) {
    super(raw && detail ? detail : detail ? `${ERRMSG[errcode] ?? 'error'}: ${detail}` : (ERRMSG[errcode] ?? 'error'));
  }
}

interface Job {
  id: number;
  kind: 'import' | 'export';
  status: 'waiting' | 'success' | 'fail';
  recordSuccess: number;
  recordFail: number;
  errorMsg: string;
  fileUrl: string;
}

type Body = Record<string, unknown>;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function required<T>(b: Body, key: string, check: (v: unknown) => v is T, what: string): T {
  const v = b[key];
  if (v === undefined || v === null || v === '') throw new Reply(40101, key);
  if (!check(v)) throw new Reply(40097, `${key} must be ${what}`);
  return v;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

/** `{a: {b: 1}}` → `{'a.b': 1}`, as the SDK flattens where() and update() objects. */
function flattenSet(data: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (data && typeof data === 'object' && !Array.isArray(data) && !(data instanceof Date)) {
    const entries = Object.entries(data as Body);
    if (entries.length === 0 && prefix) out[prefix] = {};
    for (const [k, v] of entries) flattenSet(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = data;
  return out;
}

const ejson = (v: unknown): string => EJSON.stringify(v as Body, { relaxed: true });

export class TcbHttpApi {
  private faults: TcbFaults = {};
  private token = { value: '', expiresAt: 0 };
  private readonly callLog: TcbCall[] = [];
  private readonly jobs = new Map<number, Job>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextJob = 100_074_947;
  /** Temporary credentials getqcloudtoken issued, by SecretId. */
  private readonly issued = new Map<string, IssuedCredential>();
  /** SCF functions `Updating` until (ms). */
  private readonly scfUpdating = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly opts: TcbApiOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Whether the request is one of this module's routes. */
  owns(url: URL): boolean {
    return url.pathname === '/cgi-bin/stable_token' || url.pathname.startsWith('/tcb/') || url.pathname === TCB_FAULTS_ROUTE || url.pathname === SCF_ROUTE;
  }

  setFaults(f: TcbFaults): void {
    this.faults = structuredClone(f);
  }

  currentFaults(): TcbFaults {
    return structuredClone(this.faults);
  }

  calls(): TcbCall[] {
    return this.callLog.map((c) => ({ ...c }));
  }

  /** The current token expires now: its next use answers 42001. */
  expireToken(): void {
    this.token = { ...this.token, expiresAt: this.now() - 1 };
  }

  /** Cancels jobs still waiting (the cloud is stopping). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Resolves when every import and export job has finished. */
  async settle(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.timers.size > 0) {
      if (Date.now() > end) throw new Error('tcb api: jobs did not finish');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === TCB_FAULTS_ROUTE) return this.faultsRoute(req, res);
    if (url.pathname === SCF_ROUTE) {
      return handleScf(req, res, {
        envId: this.opts.envId,
        functions: this.opts.functions ?? null,
        credentials: (id) => this.issued.get(id),
        faults: () => this.faults.scfFail,
        now: this.now,
        log: (c) => this.callLog.push({ api: `scf.${c.action}`, errcode: c.code ? -1 : 0, scfCode: c.code, body: c.body }),
        updating: this.scfUpdating,
      });
    }
    const api = (url.pathname === '/cgi-bin/stable_token' ? 'stable_token' : url.pathname.slice('/tcb/'.length)) as TcbApi;
    let body: unknown = null;
    const answer = (errcode: number, out: Body) => {
      this.callLog.push({ api, errcode, body });
      send(res, 200, { errcode, errmsg: errcode === 0 ? 'ok' : String(out.errmsg), ...out });
    };
    try {
      if (!TCB_APIS.includes(api)) {
        req.resume();
        throw new Reply(40097, `no such api ${url.pathname}`);
      }
      if (req.method !== 'POST') {
        req.resume();
        throw new Reply(43002);
      }
      const raw = await readBody(req, MAX_BODY);
      if (raw === null) throw new Reply(47001, `body larger than ${MAX_BODY} bytes`);
      if (raw.length === 0) throw new Reply(44002);
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new Reply(47001, 'body is not JSON');
      }
      if (api !== 'invokecloudfunction' && (!body || typeof body !== 'object' || Array.isArray(body))) throw new Reply(47001, 'body is not a JSON object');
      this.takeFault(api);
      if (api === 'stable_token') return answer(0, this.stableToken(body as Body));
      this.checkToken(url.searchParams);
      const env = api === 'invokecloudfunction' ? url.searchParams.get('env') : (body as Body).env;
      if (env === undefined || env === null || env === '') throw new Reply(40101, 'env');
      if (env !== this.opts.envId) throw new Reply(-501005, `env ${String(env)} does not exist`);
      return answer(0, await this.dispatch(api, body, url.searchParams));
    } catch (e) {
      const rid = `rid: ${randomBytes(6).toString('hex')}`;
      if (e instanceof Reply) return answer(e.errcode, { errmsg: `${e.message} ${rid}` });
      if (e instanceof DbError) {
        const errcode = DB_ERRCODE[e.code] ?? -502001;
        return answer(errcode, { errmsg: `${ERRMSG[errcode]} | ${e.message} ${rid}` });
      }
      throw e;
    }
  }

  /** Throws the injected answer when a fault is armed for `api` (the call then changes nothing). */
  private takeFault(api: TcbApi): void {
    const busy = this.faults.busy?.[api] ?? 0;
    if (busy > 0) {
      this.faults.busy![api] = busy - 1;
      throw new Reply(-1);
    }
    const f = this.faults.failAt?.find((x) => x.api === api && (x.times ?? 1) > 0);
    if (f) {
      f.times = (f.times ?? 1) - 1;
      throw new Reply(f.errcode, f.errmsg ?? `${ERRMSG[f.errcode] ?? 'error'} (injected fault)`, true);
    }
  }

  private stableToken(b: Body): Body {
    if (b.grant_type !== 'client_credential') throw new Reply(40002);
    if (b.appid !== this.opts.appid) throw new Reply(40013);
    if (b.secret !== this.opts.secret) throw new Reply(40125);
    const ttl = this.opts.tokenTtlSeconds ?? 7200;
    if (b.force_refresh === true || this.token.expiresAt <= this.now()) {
      this.token = { value: randomBytes(24).toString('base64url'), expiresAt: this.now() + ttl * 1000 };
    }
    return { access_token: this.token.value, expires_in: Math.max(1, Math.floor((this.token.expiresAt - this.now()) / 1000)) };
  }

  private checkToken(q: URLSearchParams): void {
    const t = q.get('access_token') ?? q.get('cloudbase_access_token');
    if (!t) throw new Reply(41001);
    if (t !== this.token.value) throw new Reply(40014);
    if (this.token.expiresAt <= this.now()) throw new Reply(42001);
  }

  private async dispatch(api: TcbApi, body: unknown, q: URLSearchParams): Promise<Body> {
    const b = body as Body;
    const { db } = this.opts;
    switch (api) {
      case 'databasecollectionadd':
        db.addCollection(required(b, 'collection_name', isString, 'a string'));
        return {};
      case 'databasecollectiondelete':
        db.dropCollection(required(b, 'collection_name', isString, 'a string'));
        return {};
      case 'databasecollectionget': {
        const limit = b.limit === undefined ? 10 : b.limit;
        const offset = b.offset === undefined ? 0 : b.offset;
        if (!isInt(limit) || limit < 1 || limit > 1000) throw new Reply(40097, 'limit must be 1-1000');
        if (!isInt(offset)) throw new Reply(40097, 'offset must be a non-negative integer');
        const all = db.listCollections();
        return {
          collections: all.slice(offset, offset + limit).map((c) => ({
            name: c.name,
            count: c.count,
            size: c.size,
            index_count: c.indexCount,
            // The local cloud keeps no per-index byte counts: a page per index, as an empty one takes.
            index_size: c.indexCount * 4096,
          })),
          pager: { Offset: offset, Limit: limit, Total: all.length },
        };
      }
      case 'updateindex':
        return this.updateIndex(b);
      case 'databasequery':
      case 'databaseadd':
      case 'databaseupdate':
      case 'databasedelete':
      case 'databasecount':
        return this.statement(api, required(b, 'query', isString, 'a string'));
      case 'databasemigrateimport':
        return this.importJob(b);
      case 'databasemigrateexport':
        return this.exportJob(b);
      case 'getqcloudtoken': {
        const lifespan = b.lifespan === undefined ? 7200 : b.lifespan;
        if (!isInt(lifespan) || lifespan < 1 || lifespan > 7200) throw new Reply(40097, 'lifespan must be 1-7200 seconds');
        const c = issueCredential(this.now(), lifespan);
        this.issued.set(c.secretId, c);
        return { secretid: c.secretId, secretkey: c.secretKey, token: c.token, expired_time: Math.floor(c.expiresAt / 1000) };
      }
      case 'uploadfile': {
        const cloudPath = required(b, 'path', isString, 'a string');
        const r = this.opts.storage.handleAdmin('storage.getUploadMetadata', { path: cloudPath, method: 'put' });
        if ('code' in r) throw new Reply(-501007, `path: ${r.message}`);
        const m = r.data as { url: string; token: string; authorization: string; fileId: string; cosFileId: string };
        return { url: m.url, token: m.token, authorization: m.authorization, file_id: m.fileId, cos_file_id: m.cosFileId };
      }
      case 'databasemigratequeryinfo': {
        const job = this.jobs.get(required(b, 'job_id', isInt, 'a job id'));
        if (!job) throw new Reply(40097, 'job_id does not exist');
        return { status: job.status, record_success: job.recordSuccess, record_fail: job.recordFail, error_msg: job.errorMsg, file_url: job.fileUrl };
      }
      case 'invokecloudfunction': {
        const name = q.get('name');
        if (!name) throw new Reply(40101, 'name');
        try {
          return { resp_data: await this.opts.invoke(name, body) };
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          throw new Reply(code === 'ResourceNotFound.Function' ? -504001 : -504002, e instanceof Error ? e.message : String(e));
        }
      }
      default:
        throw new Reply(40097, `no such api ${api}`);
    }
  }

  private updateIndex(b: Body): Body {
    const coll = required(b, 'collection_name', isString, 'a string');
    // Both lists are required by the API, and may be empty.
    const create = required(b, 'create_indexes', isArray, 'an array');
    const drop = required(b, 'drop_indexes', isArray, 'an array');
    const specs: IndexSpec[] = create.map((raw, i) => {
      const ix = (raw ?? {}) as Body;
      if (typeof ix.name !== 'string' || !ix.name) throw new Reply(40101, `create_indexes[${i}].name`);
      if (ix.unique !== undefined && typeof ix.unique !== 'boolean') throw new Reply(40097, `create_indexes[${i}].unique must be a boolean`);
      if (!Array.isArray(ix.keys) || ix.keys.length === 0) throw new Reply(40101, `create_indexes[${i}].keys`);
      const fields = ix.keys.map((k: unknown, j: number): [string, 1 | -1] => {
        const key = (k ?? {}) as Body;
        if (typeof key.name !== 'string' || !key.name) throw new Reply(40101, `create_indexes[${i}].keys[${j}].name`);
        if (key.direction === '2dsphere') throw new Reply(-501007, `create_indexes[${i}].keys[${j}]: the local cloud has no geo (2dsphere) index`);
        if (key.direction !== '1' && key.direction !== '-1') throw new Reply(40097, `create_indexes[${i}].keys[${j}].direction must be "1", "-1" or "2dsphere"`);
        return [key.name, key.direction === '1' ? 1 : -1];
      });
      return { name: ix.name, fields, ...(ix.unique === true ? { unique: true } : {}) };
    });
    const names = drop.map((raw, i) => {
      const d = (raw ?? {}) as Body;
      if (typeof d.name !== 'string' || !d.name) throw new Reply(40101, `drop_indexes[${i}].name`);
      return d.name;
    });
    this.opts.db.updateIndexes(coll, specs, names);
    return {};
  }

  // ── statements ─────────────────────────────────────────────────────────────────────────

  private parse(text: string): Statement {
    try {
      return parseStatement(text);
    } catch (e) {
      if (e instanceof StatementError) throw new Reply(-501007, `query: ${e.message}`);
      throw e;
    }
  }

  /** The chain of a statement as where/doc/order/skip/limit/projection and its last call. */
  private shape(st: Statement, terminals: string[]) {
    let filter: Body = {};
    let docId: string | null = null;
    const order: Record<string, 1 | -1> = {};
    let skip = 0;
    let limit: number | null = null;
    let projection: Body | null = null;
    const last = st.calls[st.calls.length - 1];
    if (!last || !terminals.includes(last.method)) throw new Reply(-501007, `query must end with ${terminals.map((t) => `.${t}()`).join(' or ')}`);
    for (const c of st.calls.slice(0, -1)) {
      const [a, d] = c.args;
      switch (c.method) {
        case 'where':
          if (!a || typeof a !== 'object' || Array.isArray(a)) throw new Reply(-501007, 'where takes an object');
          // As the SDK sends it: nested objects become dot paths (`{a: {b: 1}}` matches a.b, not the whole of a).
          filter = { ...filter, ...flattenSet(a) };
          break;
        case 'doc':
          if (typeof a !== 'string' || !a) throw new Reply(-501007, 'doc takes a document id');
          docId = a;
          break;
        case 'orderBy':
          if (typeof a !== 'string' || (d !== 'asc' && d !== 'desc')) throw new Reply(-501007, "orderBy takes a field and 'asc' or 'desc'");
          order[a] = d === 'asc' ? 1 : -1;
          break;
        case 'skip':
          if (!isInt(a)) throw new Reply(-501007, 'skip takes a non-negative integer');
          skip = a;
          break;
        case 'limit':
          if (!isInt(a) || a < 1) throw new Reply(-501007, 'limit takes a positive integer');
          limit = a;
          break;
        case 'field':
          if (!a || typeof a !== 'object' || Array.isArray(a)) throw new Reply(-501007, 'field takes an object');
          projection = a as Body;
          break;
        default:
          throw new Reply(-501007, `query: .${c.method}() is not supported by the local cloud`);
      }
    }
    if (docId !== null) filter = { ...filter, _id: docId };
    return { filter, docId, order, skip, limit, projection, last };
  }

  private async dbCall(action: string, params: Body): Promise<Body> {
    const r = await this.opts.db.handle(action, params);
    if ('code' in r) throw new DbError(r.code as DbErrorCode, r.message);
    return r.data as Body;
  }

  private async statement(api: TcbApi, text: string): Promise<Body> {
    const st = this.parse(text);
    const collectionName = st.collection;
    if (api === 'databasequery') {
      const s = this.shape(st, ['get']);
      // The HTTP API's default page is 10 documents (1000 at most).
      const limit = Math.min(s.limit ?? 10, 1000);
      const data = await this.dbCall('database.getDocument', {
        collectionName,
        queryType: s.docId ? 'DOC' : 'WHERE',
        query: ejson(s.filter),
        order: ejson(s.order),
        offset: s.skip,
        limit,
        ...(s.projection ? { projection: ejson(s.projection) } : {}),
      });
      const total = s.docId ? (data.list as unknown[]).length : ((await this.dbCall('database.calculateDocument', { collectionName, query: ejson(s.filter) })).total as number);
      return { pager: { Offset: s.skip, Limit: limit, Total: total }, data: data.list };
    }
    if (api === 'databasecount') {
      const s = this.shape(st, ['count']);
      const data = await this.dbCall('database.calculateDocument', { collectionName, query: ejson(s.filter) });
      return { count: data.total };
    }
    if (api === 'databaseadd') {
      const s = this.shape(st, ['add']);
      const arg = (s.last.args[0] ?? {}) as Body;
      if (arg.data === undefined) throw new Reply(-501007, 'add takes {data}');
      const docs = Array.isArray(arg.data) ? arg.data : [arg.data];
      const data = await this.dbCall('database.insertDocument', { collectionName, data: docs.map((d) => ejson(d)) });
      return { id_list: data.insertedIds };
    }
    if (api === 'databasedelete') {
      const s = this.shape(st, ['remove']);
      const data = await this.dbCall('database.removeDocument', { collectionName, queryType: s.docId ? 'DOC' : 'WHERE', query: ejson(s.filter), multi: true });
      return { deleted: data.deleted };
    }
    const s = this.shape(st, ['update', 'set']);
    const arg = (s.last.args[0] ?? {}) as Body;
    if (!arg.data || typeof arg.data !== 'object' || Array.isArray(arg.data)) throw new Reply(-501007, `${s.last.method} takes {data: {…}}`);
    if (s.last.method === 'set') {
      if (!s.docId) throw new Reply(-501007, 'set needs doc(id)');
      const data = await this.dbCall('database.modifyDocument', { collectionName, queryType: 'DOC', query: ejson({ _id: s.docId }), data: ejson(arg.data), merge: false, upsert: true, multi: false });
      const upserted = data.upsert_id !== undefined;
      return { matched: upserted ? 0 : 1, modified: upserted ? 0 : Number(data.updated ?? 0), id: upserted ? String(data.upsert_id) : '' };
    }
    const before = s.docId ? null : ((await this.dbCall('database.calculateDocument', { collectionName, query: ejson(s.filter) })).total as number);
    const data = await this.dbCall('database.modifyDocument', {
      collectionName,
      queryType: s.docId ? 'DOC' : 'WHERE',
      query: ejson(s.filter),
      data: ejson({ $set: flattenSet(arg.data) }),
      merge: true,
      multi: !s.docId,
    });
    const modified = Number(data.updated ?? 0);
    return { matched: before ?? (this.opts.db.findById(collectionName, s.docId!) ? 1 : 0), modified, id: '' };
  }

  // ── import and export ──────────────────────────────────────────────────────────────────

  private startJob(kind: Job['kind'], work: (job: Job) => Promise<void>): Body {
    const job: Job = { id: this.nextJob++, kind, status: 'waiting', recordSuccess: 0, recordFail: 0, errorMsg: '', fileUrl: '' };
    this.jobs.set(job.id, job);
    const api = kind === 'import' ? 'databasemigrateimport' : 'databasemigrateexport';
    const failing = this.faults.jobFail?.find((f) => f.api === api && (f.times ?? 1) > 0);
    if (failing) failing.times = (failing.times ?? 1) - 1;
    const timer = setTimeout(() => {
      (failing ? Promise.reject(new Error(failing.errorMsg)) : work(job))
        .catch((e: unknown) => {
          job.status = 'fail';
          job.errorMsg = e instanceof Error ? e.message : String(e);
        })
        .finally(() => this.timers.delete(timer));
    }, this.opts.jobDelayMs ?? 30);
    this.timers.add(timer);
    return { job_id: job.id };
  }

  private importJob(b: Body): Body {
    const collectionName = required(b, 'collection_name', isString, 'a string');
    const filePath = required(b, 'file_path', isString, 'a string');
    const fileType = required(b, 'file_type', isInt, '1 (JSON) or 2 (CSV)');
    const stopOnError = required(b, 'stop_on_error', isBool, 'a boolean');
    const mode = required(b, 'conflict_mode', isInt, '1 (INSERT) or 2 (UPSERT)');
    if (fileType !== 1 && fileType !== 2) throw new Reply(40097, 'file_type must be 1 (JSON) or 2 (CSV)');
    if (fileType === 2) throw new Reply(40097, 'the local cloud imports JSON (file_type 1) only');
    if (mode !== 1 && mode !== 2) throw new Reply(40097, 'conflict_mode must be 1 (INSERT) or 2 (UPSERT)');
    if (!this.opts.db.listCollections().some((c) => c.name === collectionName)) throw new Reply(-502005, `[ResourceNotFound] Db or Table not exist: ${collectionName}`);
    const bytes = this.opts.storage.read(filePath);
    if (!bytes) throw new Reply(-503003, filePath);
    return this.startJob('import', async (job) => {
      const lines = bytes.toString('utf8').split('\n');
      for (let n = 0; n < lines.length; n++) {
        const line = lines[n]!.trim();
        if (!line) continue;
        let ok = true;
        try {
          const doc = EJSON.parse(line, { relaxed: true }) as Body;
          if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('a line is not a JSON object');
          if (mode === 2 && typeof doc._id === 'string') {
            await this.dbCall('database.modifyDocument', { collectionName, queryType: 'DOC', query: ejson({ _id: doc._id }), data: ejson(doc), merge: false, upsert: true, multi: false });
          } else await this.dbCall('database.insertDocument', { collectionName, data: [ejson(doc)] });
        } catch (e) {
          ok = false;
          job.recordFail++;
          if (!job.errorMsg) job.errorMsg = `line ${n + 1}: ${e instanceof Error ? e.message : String(e)}`;
        }
        if (ok) job.recordSuccess++;
        else if (stopOnError) {
          job.status = 'fail';
          return;
        }
      }
      job.status = 'success';
    });
  }

  private exportJob(b: Body): Body {
    const filePath = required(b, 'file_path', isString, 'a string');
    const fileType = required(b, 'file_type', isInt, '1 (JSON) or 2 (CSV)');
    const query = required(b, 'query', isString, 'a string');
    if (fileType !== 1 && fileType !== 2) throw new Reply(40097, 'file_type must be 1 (JSON) or 2 (CSV)');
    if (fileType === 2) throw new Reply(40097, 'the local cloud exports JSON (file_type 1) only');
    const st = this.parse(query);
    const s = this.shape(st, ['get']);
    if (!this.opts.db.listCollections().some((c) => c.name === st.collection)) throw new Reply(-502005, `[ResourceNotFound] Db or Table not exist: ${st.collection}`);
    return this.startJob('export', async (job) => {
      const lines: string[] = [];
      const pageSize = 1000;
      let offset = s.skip;
      for (;;) {
        const want = s.limit === null ? pageSize : Math.min(pageSize, s.limit - (offset - s.skip));
        if (want <= 0) break;
        const data = await this.dbCall('database.getDocument', { collectionName: st.collection, query: ejson(s.filter), order: ejson(s.order), offset, limit: want });
        const list = data.list as string[];
        lines.push(...list);
        offset += list.length;
        if (list.length < want) break;
      }
      this.opts.storage.put(filePath, Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'));
      job.recordSuccess = lines.length;
      job.fileUrl = this.opts.storage.tempUrl(filePath);
      job.errorMsg = '导出完成.';
      job.status = 'success';
    });
  }

  // ── faults over HTTP ───────────────────────────────────────────────────────────────────

  private async faultsRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') {
      req.resume();
      return send(res, 200, this.faults);
    }
    if (req.method !== 'POST') {
      req.resume();
      return send(res, 405, { ok: false, error: 'GET or POST only' });
    }
    const raw = await readBody(req, 256 * 1024);
    let parsed: unknown;
    try {
      parsed = JSON.parse((raw ?? Buffer.alloc(0)).toString('utf8') || '{}');
    } catch {
      return send(res, 400, { ok: false, error: 'body is not JSON' });
    }
    const problem = tcbFaultsProblem(parsed);
    if (problem) return send(res, 400, { ok: false, error: problem });
    this.setFaults(parsed as TcbFaults);
    return send(res, 200, { ok: true, faults: this.faults });
  }
}

/** Why a value is not a TcbFaults, or null when it is one. */
export function tcbFaultsProblem(v: unknown): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'faults must be a JSON object';
  const o = v as Body;
  const isApi = (a: unknown): a is TcbApi => typeof a === 'string' && (TCB_APIS as readonly string[]).includes(a);
  for (const key of Object.keys(o)) if (key !== 'busy' && key !== 'failAt' && key !== 'jobFail' && key !== 'scfFail') return `unknown fault ${key} (busy, failAt, jobFail, scfFail)`;
  if (o.busy !== undefined) {
    if (!o.busy || typeof o.busy !== 'object' || Array.isArray(o.busy)) return 'busy must be an object of api → count';
    for (const [api, n] of Object.entries(o.busy as Body)) {
      if (!isApi(api)) return `busy: unknown api ${api} (one of ${TCB_APIS.join(', ')})`;
      if (!Number.isInteger(n) || (n as number) < 0) return `busy.${api} must be a non-negative integer`;
    }
  }
  if (o.failAt !== undefined) {
    if (!Array.isArray(o.failAt)) return 'failAt must be a list of {api, errcode, errmsg?, times?}';
    for (const f of o.failAt as unknown[]) {
      const e = f as Body | null;
      if (!e || typeof e !== 'object' || !isApi(e.api)) return `failAt[].api must be one of ${TCB_APIS.join(', ')}`;
      if (!Number.isInteger(e.errcode) || e.errcode === 0) return 'failAt[].errcode must be a non-zero integer';
      if (e.errmsg !== undefined && typeof e.errmsg !== 'string') return 'failAt[].errmsg must be a string';
      if (e.times !== undefined && (!Number.isInteger(e.times) || (e.times as number) < 1)) return 'failAt[].times must be a positive integer';
    }
  }
  if (o.jobFail !== undefined) {
    if (!Array.isArray(o.jobFail)) return 'jobFail must be a list of {api, errorMsg, times?}';
    for (const f of o.jobFail as unknown[]) {
      const e = f as Body | null;
      if (!e || typeof e !== 'object' || (e.api !== 'databasemigrateimport' && e.api !== 'databasemigrateexport')) return 'jobFail[].api must be databasemigrateimport or databasemigrateexport';
      if (typeof e.errorMsg !== 'string' || !e.errorMsg) return 'jobFail[].errorMsg must be a non-empty string';
      if (e.times !== undefined && (!Number.isInteger(e.times) || (e.times as number) < 1)) return 'jobFail[].times must be a positive integer';
    }
  }
  if (o.scfFail !== undefined) {
    if (!Array.isArray(o.scfFail)) return 'scfFail must be a list of {action, code, message?, times?}';
    for (const f of o.scfFail as unknown[]) {
      const e = f as Body | null;
      if (!e || typeof e !== 'object' || !(SCF_ACTIONS as readonly unknown[]).includes(e.action)) return `scfFail[].action must be one of ${SCF_ACTIONS.join(', ')}`;
      if (typeof e.code !== 'string' || !/^[A-Za-z]+(\.[A-Za-z]+)*$/.test(e.code)) return 'scfFail[].code must be an error code such as ResourceNotFound.Function';
      if (e.message !== undefined && typeof e.message !== 'string') return 'scfFail[].message must be a string';
      if (e.times !== undefined && (!Number.isInteger(e.times) || (e.times as number) < 1)) return 'scfFail[].times must be a positive integer';
    }
  }
  return null;
}
