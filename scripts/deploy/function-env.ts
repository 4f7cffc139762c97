/**
 * Functions' environment variables, from the deployer's git-ignored deploy.local.json (the file
 * that holds the credentials), never from the repository:
 *
 *   { "env": { "ADMIN_OPENIDS": "o1,o2" },                       // shared: every function that requires it
 *     "functions": { "publish": { "env": { "OA_APPID": "…" } } } } // one function's own (wins)
 *
 * A function gets the shared values of the variables it requires (function.config.ts `env`) and
 * all of its own. A function with neither is left alone: its variables stay as set in the
 * console. One that has some is deploy's: SCF replaces the whole set, so a variable removed from
 * the file is removed from the function. Values never reach the plan, the output or the ledger:
 * the ledger keeps an HMAC of them keyed with the AppSecret, enough to tell they changed.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import type { BuiltFunction } from './declared';

export interface FunctionEnvFile {
  shared: Record<string, string>;
  functions: Map<string, Record<string, string>>;
}

export class FunctionEnvError extends Error {
  override name = 'FunctionEnvError';
}

const KEY_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function variables(v: unknown, where: string, file: string): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new FunctionEnvError(`${file} 的 ${where} 应是 {"变量名": "值"}`);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v as Record<string, unknown>)) {
    if (!KEY_RE.test(k)) throw new FunctionEnvError(`${file} 的 ${where}：变量名 ${k} 应以字母开头，只含字母、数字和 _`);
    if (typeof value !== 'string') throw new FunctionEnvError(`${file} 的 ${where}.${k} 应是字符串`);
    out[k] = value;
  }
  return out;
}

/** The `env` and `functions` parts of the local file (absent file or parts: nothing). */
export function loadFunctionEnv(file: string): FunctionEnvFile {
  const out: FunctionEnvFile = { shared: {}, functions: new Map() };
  if (!fs.existsSync(file)) return out;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new FunctionEnvError(`${file} 无法读取：${e instanceof Error ? e.message : String(e)}`);
  }
  if (v.env !== undefined) out.shared = variables(v.env, '"env"', file);
  if (v.functions !== undefined) {
    if (!v.functions || typeof v.functions !== 'object' || Array.isArray(v.functions)) throw new FunctionEnvError(`${file} 的 "functions" 应是 {"云函数名": {"env": {…}}}`);
    for (const [name, fn] of Object.entries(v.functions as Record<string, unknown>)) {
      const env = (fn as { env?: unknown } | null)?.env;
      if (env === undefined) throw new FunctionEnvError(`${file} 的 "functions"."${name}" 缺少 "env"`);
      out.functions.set(name, variables(env, `"functions"."${name}"."env"`, file));
    }
  }
  return out;
}

/** The variables deploy sets on the function, or null: deploy leaves its variables alone. */
export function wantedEnv(fn: BuiltFunction, file: FunctionEnvFile): Record<string, string> | null {
  const own = file.functions.get(fn.name);
  const shared = Object.fromEntries(fn.requiredEnv.filter((k) => k in file.shared).map((k) => [k, file.shared[k]!]));
  if (!own && Object.keys(shared).length === 0) return null;
  return { ...shared, ...own };
}

/** Every required variable without a value, as one line each naming the function, the variable and where to write it. */
export function missingEnv(functions: BuiltFunction[], file: FunctionEnvFile, fileName: string): string[] {
  const out: string[] = [];
  for (const fn of functions) {
    const have = wantedEnv(fn, file) ?? {};
    for (const k of fn.requiredEnv) {
      if (!have[k]?.trim()) out.push(`云函数 ${fn.name} 缺少环境变量 ${k}：在 ${fileName} 的 "functions": {"${fn.name}": {"env": {"${k}": "…"}}} 里写上，或写进 "env": {"${k}": "…"}（所有需要它的云函数共用）`);
    }
  }
  return out;
}

/** What the ledger keeps of a function's variables: an HMAC-SHA256 of them (sorted), keyed with the AppSecret. */
export function envDigest(vars: Record<string, string>, key: string): string {
  const sorted = Object.keys(vars)
    .sort()
    .map((k) => [k, vars[k]]);
  return createHmac('sha256', key).update(JSON.stringify(sorted)).digest('hex');
}
