/**
 * Function upload into the local cloud, the local counterpart of miniprogram-ci's
 * `cloud.uploadFunction` and `createTimeTrigger`, for `npm run deploy -- --env local-dev` against
 * a cloud started with `--fresh` (a new environment: no collection, no function):
 *
 *   GET  /__local/functions                    → {functions: [{name, triggers}]}
 *   PUT  /__local/functions/<name>             {files: {<relative path>: <base64>}} → {ok: true}
 *   PUT  /__local/functions/<name>/triggers    {triggers: [{name, type, config}]} → {ok: true}
 *
 * Files land in the runner's functions folder (a whole function replaced at once, so a call
 * never sees half of one); the runner serves the new code on the next call, as a deployed
 * function does. The cloud installs a function's dependencies (`remoteNpmInstall`); here the
 * local cloud lends its own node_modules to the folder and refuses an upload whose package.json
 * names a dependency it cannot resolve. The local cloud has no timer scheduler: triggers are
 * recorded, as the console lists them, and never fire (call the function by hand to run it).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { readBody } from './http-body';
import { FUNCTION_ENV_FILE } from './runner';

export const FUNCTIONS_UPLOAD_ROUTE = '/__local/functions';
const NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
const TRIGGERS_FILE = '.triggers.json';
const MAX_BODY = 30 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function ownsFunctionsRoute(url: URL): boolean {
  return url.pathname === FUNCTIONS_UPLOAD_ROUTE || url.pathname.startsWith(`${FUNCTIONS_UPLOAD_ROUTE}/`);
}

export async function handleFunctionsUpload(req: IncomingMessage, res: ServerResponse, url: URL, functionsDir: string, enabled: boolean): Promise<void> {
  if (!enabled) {
    req.resume();
    return send(res, 403, { ok: false, error: 'this local cloud was not started with --fresh: it serves cloudfunctions/dist as built and takes no uploads' });
  }
  const rest = url.pathname.slice(FUNCTIONS_UPLOAD_ROUTE.length).split('/').filter(Boolean);
  if (rest.length === 0 && req.method === 'GET') {
    req.resume();
    const functions = fs.existsSync(functionsDir)
      ? fs
          .readdirSync(functionsDir, { withFileTypes: true })
          .filter((e) => e.isDirectory() && NAME_RE.test(e.name) && fs.existsSync(path.join(functionsDir, e.name, 'index.js')))
          .map((e) => ({ name: e.name, triggers: readTriggers(functionsDir, e.name) }))
      : [];
    return send(res, 200, { functions });
  }
  const [name, sub] = rest;
  if (req.method !== 'PUT' || !name || rest.length > 2 || (sub !== undefined && sub !== 'triggers')) {
    req.resume();
    return send(res, 404, { ok: false, error: `PUT ${FUNCTIONS_UPLOAD_ROUTE}/<name> or ${FUNCTIONS_UPLOAD_ROUTE}/<name>/triggers` });
  }
  if (!NAME_RE.test(name)) {
    req.resume();
    return send(res, 400, { ok: false, error: `function name ${name}: a letter, then letters, digits, - or _ (60 at most)` });
  }
  const raw = await readBody(req, MAX_BODY);
  if (raw === null) return send(res, 413, { ok: false, error: `body larger than ${MAX_BODY} bytes` });
  let body: { files?: unknown; triggers?: unknown };
  try {
    body = JSON.parse(raw.toString('utf8')) as typeof body;
  } catch {
    return send(res, 400, { ok: false, error: 'body is not JSON' });
  }
  if (sub === 'triggers') {
    if (!fs.existsSync(path.join(functionsDir, name, 'index.js'))) return send(res, 404, { ok: false, error: `no function ${name}: upload it first` });
    const triggers = body.triggers;
    if (!Array.isArray(triggers) || !triggers.every((t) => t && typeof t === 'object' && typeof t.name === 'string' && t.type === 'timer' && typeof t.config === 'string')) {
      return send(res, 400, { ok: false, error: 'triggers must be a list of {name, type: "timer", config}' });
    }
    fs.writeFileSync(path.join(functionsDir, name, TRIGGERS_FILE), JSON.stringify(triggers));
    return send(res, 200, { ok: true });
  }
  const files = body.files;
  if (!files || typeof files !== 'object' || Array.isArray(files)) return send(res, 400, { ok: false, error: 'files must be an object of relative path → base64' });
  const entries = Object.entries(files as Record<string, unknown>);
  for (const [rel, b64] of entries) {
    if (typeof b64 !== 'string' || path.isAbsolute(rel) || rel.split('/').some((s) => s === '' || s === '.' || s === '..')) return send(res, 400, { ok: false, error: `bad file ${rel}` });
  }
  if (!entries.some(([rel]) => rel === 'index.js')) return send(res, 400, { ok: false, error: 'a function needs index.js' });

  fs.mkdirSync(functionsDir, { recursive: true });
  const staging = path.join(functionsDir, `.upload-${name}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(staging);
  for (const [rel, b64] of entries) {
    const file = path.join(staging, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(b64 as string, 'base64'));
  }
  const missing = unresolvable(staging, functionsDir);
  if (missing.length) {
    fs.rmSync(staging, { recursive: true, force: true });
    return send(res, 400, { ok: false, error: `dependencies the local cloud cannot install: ${missing.join(', ')}` });
  }
  const target = path.join(functionsDir, name);
  // Triggers and environment variables belong to the function, not to its code: a new upload keeps them.
  for (const kept of [TRIGGERS_FILE, FUNCTION_ENV_FILE]) {
    if (fs.existsSync(path.join(target, kept))) fs.copyFileSync(path.join(target, kept), path.join(staging, kept));
  }
  const old = `${target}.old-${Date.now()}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(staging, target);
  fs.rmSync(old, { recursive: true, force: true });
  return send(res, 200, { ok: true });
}

/** The functions of the local cloud as SCF's fake changes them (emulator/tcb-api/scf.ts): triggers and environment variables. */
export interface LocalFunctions {
  /** false: the cloud serves cloudfunctions/dist as built, which nothing may change. */
  writable: boolean;
  exists(name: string): boolean;
  triggers(name: string): { name: string; type: string; config: string }[];
  setTriggers(name: string, triggers: { name: string; type: string; config: string }[]): void;
  /** Replaces the function's variables (the runner starts new instances with them). */
  setEnv(name: string, variables: Record<string, string>): void;
  env(name: string): Record<string, string>;
}

export function localFunctions(functionsDir: string, writable: boolean): LocalFunctions {
  const dirOf = (name: string) => path.join(functionsDir, name);
  return {
    writable,
    exists: (name) => NAME_RE.test(name) && fs.existsSync(path.join(dirOf(name), 'index.js')),
    triggers: (name) => readTriggers(functionsDir, name) as { name: string; type: string; config: string }[],
    setTriggers: (name, triggers) => fs.writeFileSync(path.join(dirOf(name), TRIGGERS_FILE), JSON.stringify(triggers)),
    setEnv: (name, variables) => fs.writeFileSync(path.join(dirOf(name), FUNCTION_ENV_FILE), JSON.stringify(variables)),
    env: (name) => {
      try {
        return JSON.parse(fs.readFileSync(path.join(dirOf(name), FUNCTION_ENV_FILE), 'utf8')) as Record<string, string>;
      } catch {
        return {};
      }
    },
  };
}

function readTriggers(functionsDir: string, name: string): unknown[] {
  try {
    return JSON.parse(fs.readFileSync(path.join(functionsDir, name, TRIGGERS_FILE), 'utf8')) as unknown[];
  } catch {
    return [];
  }
}

/** Dependencies of the uploaded package.json that do not resolve, once the local cloud's node_modules is lent to the folder. */
function unresolvable(dir: string, functionsDir: string): string[] {
  let deps: string[] = [];
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    deps = Object.keys(pkg.dependencies ?? {});
  } catch {
    return [];
  }
  // Lent before the first lookup: a resolver may remember a miss.
  const link = path.join(functionsDir, 'node_modules');
  if (deps.length && !fs.existsSync(link)) fs.symlinkSync(path.resolve(__dirname, '..', 'node_modules'), link, 'dir');
  const resolves = (d: string) => {
    try {
      // Node's own resolution from the function's folder, as its instance will require it.
      createRequire(path.join(dir, 'index.js')).resolve(d);
      return true;
    } catch {
      return false;
    }
  };
  return deps.filter((d) => !resolves(d));
}
