/**
 * One deploy run: read what the repository declares and what the environment has, print the
 * plan, and (unless only planning) apply it. The command line (cli.ts) and the tests both come
 * through here, with credentials already loaded and an uploader of their choosing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionSpec } from '../../cloudfunctions/database';
import { applyPlan } from './apply';
import { builtFunctions, declaredCollections, folderHash } from './declared';
import { envDigest, FunctionEnvError, missingEnv, wantedEnv, type FunctionEnvFile } from './function-env';
import { formatPlan, makePlan, type MiniProgramBuild, type Plan } from './plan';
import { readState, type Ledger } from './state';
import type { Uploader } from './uploader';
import { WxApi } from './wx-api';

export interface DeployOptions {
  envId: string;
  /** Print the plan and change nothing. */
  planOnly: boolean;
  apiBase: string;
  appId: string;
  appSecret: string;
  collections: CollectionSpec[];
  /** cloudfunctions/dist: one built folder per function. */
  functionsDir: string;
  /** The built mini-program to upload, or null to leave the mini-program alone. */
  miniprogram: MiniProgramBuild | null;
  uploader: Uploader;
  out: (line: string) => void;
  fetch?: typeof fetch;
  /** Functions' environment variables from the deployer's local file (function-env.ts); none: every function keeps its own. */
  functionEnv?: FunctionEnvFile;
  /** How the local file is named in messages (default deploy.local.json). */
  envFileName?: string;
}

export interface DeployResult {
  plan: Plan;
  /** Steps applied (0 when only planning). */
  applied: number;
  api: WxApi;
}

export async function deploy(o: DeployOptions): Promise<DeployResult> {
  const functions = builtFunctions(o.functionsDir);
  const file = o.functionEnv ?? { shared: {}, functions: new Map() };
  const env = new Map<string, { variables: Record<string, string>; digest: string }>();
  for (const fn of functions) {
    const variables = wantedEnv(fn, file);
    if (variables) env.set(fn.name, { variables, digest: envDigest(variables, o.appSecret) });
  }
  const missing = missingEnv(functions, file, o.envFileName ?? 'deploy.local.json');
  // Named before any request: applying with a function short of a variable changes nothing.
  if (missing.length && !o.planOnly) throw new FunctionEnvError(`没有开始部署，什么都没有改动：\n  ${missing.join('\n  ')}`);
  const want = { collections: declaredCollections(o.collections), functions, miniprogram: o.miniprogram, env, missingEnv: missing };
  const api = new WxApi({ baseUrl: o.apiBase, appId: o.appId, appSecret: o.appSecret, envId: o.envId, fetch: o.fetch });
  const state = await readState(api);
  const plan = makePlan(want, state);
  for (const line of formatPlan(plan, o.envId, o.apiBase)) o.out(line);
  if (o.planOnly || plan.steps.length === 0) return { plan, applied: 0, api };
  o.out('');
  o.out('开始部署：');
  const ledger: Ledger = state.ledger ?? { collections: new Map(), functions: new Map(), miniprogram: null };
  const applied = await applyPlan(plan, { api, uploader: o.uploader, ledger, out: o.out });
  o.out(`部署完成：${applied} 项变更已生效。`);
  if (plan.manual.length) o.out('别忘了上面列出的手动步骤。');
  return { plan, applied, api };
}

const git = (root: string, args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/**
 * The built mini-program (client/dist) with its version and description from git: the package
 * version and the short commit (`0.1.0+71e59f8`), and the commit's subject; a working tree with
 * changes not committed says so. null when there is no build.
 */
export function miniProgramBuild(root: string, dir: string): MiniProgramBuild | null {
  if (!fs.existsSync(path.join(dir, 'app.json'))) return null;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  let sha = 'nogit';
  let subject = '';
  let dirty = false;
  try {
    sha = git(root, ['rev-parse', '--short', 'HEAD']);
    subject = git(root, ['log', '-1', '--format=%s']);
    dirty = git(root, ['status', '--porcelain', '--', 'client', 'types']) !== '';
  } catch {
    // Not a git checkout: the version still carries the package version.
  }
  const desc = `${subject.slice(0, 80)}${dirty ? '（含未提交的改动）' : ''}` || '部署';
  return { dir, hash: folderHash(dir), version: `${pkg.version}+${sha}`, desc };
}
