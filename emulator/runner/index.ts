/**
 * Function runner: per function a pool of worker-thread instances, each serving one call at a
 * time and staying warm, like production instances. Concurrency comes from the pool; a call that
 * finds every instance busy waits for one.
 *
 * Every instance gets the env that points wx-server-sdk at this local cloud; its TCB_CONTEXT_CNFG
 * URL carries an instance token (`/admin/<token>`), so the server knows which function (and which
 * caller identity) is behind every SDK request the instance makes: that is how openapi permissions
 * are enforced and how `cloud.callFunction` between functions keeps the user's identity.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LOCAL_APPID, LOCAL_ENV_ID } from '../env';

export interface Identity {
  openid: string;
  appid?: string;
  unionid?: string;
}

export interface FunctionConfig {
  /** openapi names this function may call, e.g. `security.msgSecCheck` (config.json `permissions.openapi`). */
  openapi: string[];
  timeoutMs: number;
}

export interface RunnerOptions {
  functionsDir: string;
  /** Base admin URL, e.g. http://127.0.0.1:8787/admin; each instance gets `<adminUrl>/<token>`. */
  adminUrl: () => string;
  functionEnv?: Record<string, string>;
  poolSize?: number;
  /** Default per-call time limit; a function's config.json `timeout` (seconds) overrides it. */
  timeoutMs?: number;
  quiet?: boolean;
}

/** What the caller of a function sees when it does not return normally. `code` is the TCB reply code. */
export class InvocationError extends Error {
  override name = 'InvocationError';
  constructor(
    readonly code: 'FUNCTIONS_EXECUTE_FAIL' | 'ResourceNotFound.Function' | 'INVALID_PARAM',
    message: string,
  ) {
    super(message);
  }
}

/** Who is running an SDK request arriving at /admin/<token>. */
export interface CallerContext {
  functionName: string;
  config: FunctionConfig;
  identity: Identity | null;
  source: string;
}

interface Call {
  id: string;
  event: unknown;
  identity: Identity | null;
  source: string;
  resolve: (json: string) => void;
  reject: (e: InvocationError) => void;
}

interface Instance {
  worker: Worker;
  token: string;
  call: Call | null;
  timer: NodeJS.Timeout | null;
  dead: boolean;
}

const NAME_RE = /^[A-Za-z0-9_-]{1,60}$/;
const INSTANCE_FILE = path.join(__dirname, 'instance.cjs');
/** A function's own environment variables (JSON object), in its folder. */
export const FUNCTION_ENV_FILE = '.env.json';

function readConfig(dir: string, defaultTimeoutMs: number): FunctionConfig {
  const file = path.join(dir, 'config.json');
  let raw: unknown = {};
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new InvocationError('FUNCTIONS_EXECUTE_FAIL', `config.json of ${path.basename(dir)} is not valid JSON: ${String(e)}`);
    }
  }
  const cfg = (typeof raw === 'object' && raw !== null ? raw : {}) as { permissions?: { openapi?: unknown }; timeout?: unknown };
  const list = cfg.permissions?.openapi;
  const openapi = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  const timeoutMs = typeof cfg.timeout === 'number' && cfg.timeout > 0 ? cfg.timeout * 1000 : defaultTimeoutMs;
  return { openapi, timeoutMs };
}

/** SCF-style failure text; production shows `user code exception caught` with the stack. */
function executeFailMessage(error: { message: string; stack: string }): string {
  return JSON.stringify({ errorCode: 1, errorMessage: 'user code exception caught', stackTrace: error.stack || error.message });
}

class FunctionPool {
  readonly instances = new Set<Instance>();
  private readonly idle: Instance[] = [];
  private readonly waiting: Call[] = [];
  private retired = false;

  constructor(
    readonly name: string,
    readonly entry: string,
    /** index.js and the function's own env file, by mtime: a change of either retires the pool. */
    readonly version: string,
    readonly config: FunctionConfig,
    private readonly runner: FunctionRunner,
  ) {}

  submit(call: Call): void {
    const inst = this.idle.pop();
    if (inst) return this.start(inst, call);
    if (this.instances.size < this.runner.poolSize) return this.start(this.spawn(), call);
    this.waiting.push(call);
  }

  private spawn(): Instance {
    const token = randomBytes(12).toString('hex');
    const worker = new Worker(INSTANCE_FILE, {
      workerData: { entry: this.entry, name: this.name },
      env: this.runner.instanceEnv(token, this.name),
      // Plain Node, as in production: no tsx/jest loader flags inherited from the host process.
      execArgv: [],
      stdout: this.runner.quiet,
      stderr: this.runner.quiet,
    });
    if (this.runner.quiet) {
      worker.stdout.resume();
      worker.stderr.resume();
    }
    const inst: Instance = { worker, token, call: null, timer: null, dead: false };
    this.instances.add(inst);
    this.runner.registerToken(token, inst, this);
    worker.on('message', (msg: { type: string; id: string; ok: boolean; json?: string; error?: { message: string; stack: string } }) => {
      const call = inst.call;
      if (msg.type !== 'result' || !call || call.id !== msg.id) return;
      this.finish(inst);
      if (msg.ok) call.resolve(msg.json ?? 'null');
      else call.reject(new InvocationError('FUNCTIONS_EXECUTE_FAIL', executeFailMessage(msg.error ?? { message: 'unknown', stack: '' })));
    });
    // An uncaught exception or unhandled rejection inside the function ends the instance, as it
    // ends a production instance; the in-flight call fails and the next call gets a fresh one.
    worker.on('error', (err) => this.kill(inst, executeFailMessage({ message: err.message, stack: err.stack ?? err.message })));
    worker.on('exit', (code) => this.kill(inst, `instance exited with code ${code} before returning`));
    return inst;
  }

  private start(inst: Instance, call: Call): void {
    inst.call = call;
    inst.timer = setTimeout(() => {
      const seconds = Math.round(this.config.timeoutMs / 100) / 10;
      this.kill(inst, `Invoking task timed out after ${seconds} seconds`);
    }, this.config.timeoutMs);
    const env: Record<string, string> = { TCB_SOURCE: call.source };
    if (call.identity) {
      env.WX_OPENID = call.identity.openid;
      env.WX_APPID = call.identity.appid ?? LOCAL_APPID;
      if (call.identity.unionid) env.WX_UNIONID = call.identity.unionid;
    }
    const context = {
      request_id: call.id,
      function_name: this.name,
      function_version: '$LATEST',
      namespace: LOCAL_ENV_ID,
      memory_limit_in_mb: 256,
      time_limit_in_ms: this.config.timeoutMs,
      environment: JSON.stringify(env),
    };
    inst.worker.postMessage({ type: 'invoke', id: call.id, event: call.event, context, env });
  }

  /** The call on this instance is over; hand the instance to the next waiter or park it. */
  private finish(inst: Instance): void {
    if (inst.timer) clearTimeout(inst.timer);
    inst.timer = null;
    inst.call = null;
    if (this.retired) return this.terminate(inst);
    const next = this.waiting.shift();
    if (next) this.start(inst, next);
    else this.idle.push(inst);
  }

  private terminate(inst: Instance): void {
    inst.dead = true;
    this.instances.delete(inst);
    this.runner.unregisterToken(inst.token);
    const i = this.idle.indexOf(inst);
    if (i >= 0) this.idle.splice(i, 1);
    void inst.worker.terminate();
  }

  /** Ends an instance (timeout, crash) and fails its call; a waiting call gets a replacement instance. */
  kill(inst: Instance, message: string): void {
    if (inst.dead) return;
    const call = inst.call;
    if (inst.timer) clearTimeout(inst.timer);
    inst.call = null;
    this.terminate(inst);
    if (call) call.reject(new InvocationError('FUNCTIONS_EXECUTE_FAIL', message));
    const next = this.waiting.shift();
    if (next) this.submit(next);
  }

  /** Stop taking calls (new build on disk, or shutdown): idle instances go now, busy ones when done. */
  retire(): void {
    this.retired = true;
    for (const inst of [...this.idle]) this.terminate(inst);
    for (const call of this.waiting.splice(0)) this.runner.dispatch(this.name, call);
  }

  async close(): Promise<void> {
    this.retired = true;
    const all = [...this.instances];
    for (const inst of all) this.kill(inst, 'the local cloud is shutting down');
    for (const call of this.waiting.splice(0)) call.reject(new InvocationError('FUNCTIONS_EXECUTE_FAIL', 'the local cloud is shutting down'));
    await Promise.all(all.map((i) => i.worker.terminate()));
  }
}

export class FunctionRunner {
  readonly poolSize: number;
  readonly quiet: boolean;
  private readonly pools = new Map<string, FunctionPool>();
  private readonly tokens = new Map<string, { inst: Instance; pool: FunctionPool }>();
  private readonly old = new Set<FunctionPool>();
  private closed = false;

  constructor(private readonly opts: RunnerOptions) {
    this.poolSize = Math.max(1, opts.poolSize ?? 4);
    this.quiet = opts.quiet ?? false;
  }

  /**
   * A function's own environment variables, as deploy sets them (SCF UpdateFunctionConfiguration,
   * emulator/tcb-api/scf.ts writes them into the function's folder); they win over the cloud-wide
   * functionEnv, as a function's configuration does in production.
   */
  ownEnv(name: string): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.opts.functionsDir, name, FUNCTION_ENV_FILE), 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  instanceEnv(token: string, name: string): Record<string, string> {
    const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'NODE_ENV'];
    const env: Record<string, string> = {};
    for (const k of keep) {
      const v = process.env[k];
      if (v !== undefined) env[k] = v;
    }
    return {
      ...env,
      ...this.opts.functionEnv,
      ...this.ownEnv(name),
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.opts.adminUrl()}/${token}` }),
      TENCENTCLOUD_SECRETID: 'local-secret-id',
      TENCENTCLOUD_SECRETKEY: 'local-secret-key',
      TENCENTCLOUD: 'true',
      TCB_ENV: LOCAL_ENV_ID,
      SCF_NAMESPACE: LOCAL_ENV_ID,
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      // The SDK warns on slow database calls; under a loaded test machine that is only noise.
      SILENCE: 'true',
    };
  }

  registerToken(token: string, inst: Instance, pool: FunctionPool): void {
    this.tokens.set(token, { inst, pool });
  }

  unregisterToken(token: string): void {
    this.tokens.delete(token);
  }

  /** The function and identity behind an SDK request made from an instance, or null for unknown tokens. */
  callerOf(token: string): CallerContext | null {
    const hit = this.tokens.get(token);
    if (!hit) return null;
    // Between calls (a promise left running after main returned) the instance acts with no user.
    const call = hit.inst.call;
    return { functionName: hit.pool.name, config: hit.pool.config, identity: call?.identity ?? null, source: call?.source ?? 'scf' };
  }

  exists(name: string): boolean {
    return NAME_RE.test(name) && fs.existsSync(path.join(this.opts.functionsDir, name, 'index.js'));
  }

  configOf(name: string): FunctionConfig | null {
    if (!this.exists(name)) return null;
    return readConfig(path.join(this.opts.functionsDir, name), this.opts.timeoutMs ?? 20_000);
  }

  /** Pool for the current build of a function; a rebuilt index.js retires the warm instances of the old one. */
  private poolFor(name: string): FunctionPool {
    const dir = path.join(this.opts.functionsDir, name);
    const entry = path.join(dir, 'index.js');
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      throw new InvocationError('ResourceNotFound.Function', `[ResourceNotFound.Function] 未找到指定的Function，请创建后再试。(${name})`);
    }
    // New code or new environment variables: new instances, as an SCF update starts them.
    let envMtime = 0;
    try {
      envMtime = fs.statSync(path.join(dir, FUNCTION_ENV_FILE)).mtimeMs;
    } catch {
      // No variables of its own.
    }
    const version = `${stat.mtimeMs}:${envMtime}`;
    const current = this.pools.get(name);
    if (current && current.version === version) return current;
    const pool = new FunctionPool(name, entry, version, readConfig(dir, this.opts.timeoutMs ?? 20_000), this);
    this.pools.set(name, pool);
    if (current) {
      this.old.add(current);
      current.retire();
    }
    return pool;
  }

  dispatch(name: string, call: Call): void {
    try {
      this.poolFor(name).submit(call);
    } catch (e) {
      call.reject(e instanceof InvocationError ? e : new InvocationError('FUNCTIONS_EXECUTE_FAIL', String(e)));
    }
  }

  /**
   * Runs a function and resolves with its JSON-encoded return value. The event gets `userInfo`
   * as WeChat adds it for calls carrying a user identity.
   */
  invokeRaw(name: string, event: unknown, identity: Identity | null, source = 'wx_client'): Promise<string> {
    if (this.closed) return Promise.reject(new InvocationError('FUNCTIONS_EXECUTE_FAIL', 'the local cloud is shutting down'));
    if (!NAME_RE.test(name)) {
      return Promise.reject(new InvocationError('ResourceNotFound.Function', `[ResourceNotFound.Function] 未找到指定的Function，请创建后再试。(${name})`));
    }
    const base = typeof event === 'object' && event !== null && !Array.isArray(event) ? (event as Record<string, unknown>) : {};
    const withUser = identity ? { ...base, userInfo: { appId: identity.appid ?? LOCAL_APPID, openId: identity.openid } } : { ...base };
    return new Promise<string>((resolve, reject) => {
      this.dispatch(name, { id: randomUUID(), event: withUser, identity, source, resolve, reject });
    });
  }

  async invoke(name: string, event: unknown, identity: Identity | null): Promise<unknown> {
    return JSON.parse(await this.invokeRaw(name, event, identity)) as unknown;
  }

  /** Live instance count per function (tests, diagnostics). */
  instanceCount(name: string): number {
    return this.pools.get(name)?.instances.size ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.pools.values(), ...this.old].map((p) => p.close()));
    this.pools.clear();
    this.old.clear();
  }
}
