/**
 * Test fixture for function tests: build the functions into a private folder (so parallel
 * test files never rebuild under each other's running instances), start the local cloud in
 * strict index mode on a fresh data dir, seed it, and tear it all down afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionName, CallResult, FunctionName, RequestOf } from '@contract';
import { buildFunctions } from '../../cloudfunctions/build';
import { startCloud, type Cloud, type DatabaseBackend, type SeedStorage } from '../../emulator/server';

export interface TestCloud {
  cloud: Cloud;
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, data: RequestOf<F, A>, openid?: string): Promise<CallResult<F, A>>;
  /** Send an arbitrary event, as a broken or hostile client could. */
  raw(fn: FunctionName, event: unknown, openid?: string): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * The built functions a suite's local cloud runs: the run's shared build (made once by
 * test/functions/global-build.js, never written during the run) when there is one, else a
 * private build of `only` (all when absent) that `release` removes.
 */
export async function builtFunctions(suite: string, only?: string[]): Promise<{ dir: string; release: () => void }> {
  const shared = process.env.TEST_SHARED_FUNCTIONS_DIR;
  if (shared) return { dir: shared, release: () => {} };
  // Inside the repo so the bundles resolve wx-server-sdk from the root node_modules.
  const dir = path.join(__dirname, '..', '..', 'cloudfunctions', 'dist', '.test', `${suite}-${process.pid}`);
  await buildFunctions({ quiet: true, outDir: dir, only });
  return { dir, release: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function startTestCloud(
  suite: string,
  seed: (db: DatabaseBackend, storage: SeedStorage) => void,
  functionEnv: Record<string, string> = {},
  /** msgSecCheck words the fake answers `risky` / `review` with. */
  contentSecurity: { secWords?: string[]; reviewWords?: string[] } = {},
): Promise<TestCloud> {
  // TEST_FUNCTIONS=a,b builds only those (while another function's code is mid-change).
  const functions = await builtFunctions(suite, process.env.TEST_FUNCTIONS ? process.env.TEST_FUNCTIONS.split(',') : undefined);
  const functionsDir = functions.dir;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fn-${suite}-`));
  const cloud = await startCloud({ port: 0, dataDir, strict: true, quiet: true, seed, functionsDir, functionEnv, poolSize: 2, ...contentSecurity });
  return {
    cloud,
    call: async (fn, action, data, openid = 'reader-1') => (await cloud.invoke(fn, { action, data }, { openid })) as never,
    raw: (fn, event, openid = 'reader-1') => cloud.invoke(fn, event, { openid }),
    async stop() {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      functions.release();
    },
  };
}

/** Unwraps a successful result, failing the test with the error otherwise. */
export function data<T>(result: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}
