/**
 * Cold start proxy: for every built function, a fresh Node process `require`s its bundle and
 * handles one call against the local cloud (demo data). Reports the median over runs of the
 * require time and of the first call. Options: --runs N (5).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFunctions } from '../cloudfunctions/build';
import { LOCAL_APPID, LOCAL_ENV_ID } from '../emulator/env';
import { startCloud } from '../emulator/server';
import { seedDemo } from '../emulator/seed';
import { figures, percentile, round, tempDir } from './_lib';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const distDir = path.join(__dirname, '../cloudfunctions/dist');

/** One representative call per function; anything else gets an action it must reject cheaply. */
const FIRST_CALL: Record<string, unknown> = {
  content: { action: 'feed', data: {} },
  identity: { action: 'me', data: {} },
};

const run = promisify(execFile);

const probe = `
const t0 = performance.now();
const fn = require(process.argv[1]);
const t1 = performance.now();
Promise.resolve(fn.main(JSON.parse(process.argv[2]), {})).then((r) => {
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ require: t1 - t0, call: t2 - t1, ok: r && r.ok, error: r && r.error }));
  process.exit(0);
});`;

async function main(): Promise<void> {
  await buildFunctions({ quiet: true });
  const dataDir = tempDir('bench-cold');
  const cloud = await startCloud({ port: 0, dataDir, quiet: true, seed: (db, storage) => seedDemo(db, storage) });
  const out: Record<string, number> = {};
  try {
    for (const name of fs.readdirSync(distDir).sort()) {
      const entry = path.join(distDir, name, 'index.js');
      if (!fs.existsSync(entry)) continue;
      const event = JSON.stringify(FIRST_CALL[name] ?? { action: '__unknown__' });
      const requires: number[] = [];
      const calls: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        // Asynchronous: this process also hosts the local cloud the probe calls.
        const res = await run(process.execPath, ['-e', probe, entry, event], {
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            TCB_CONTEXT_CNFG: JSON.stringify({ URL: cloud.adminUrl }),
            TENCENTCLOUD_SECRETID: 'local',
            TENCENTCLOUD_SECRETKEY: 'local',
            TENCENTCLOUD: 'true',
            TCB_ENV: LOCAL_ENV_ID,
            SCF_NAMESPACE: LOCAL_ENV_ID,
            WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
            WX_OPENID: 'bench-reader',
            WX_APPID: LOCAL_APPID,
            WX_UNIONID: '',
          },
        });
        const m = JSON.parse(res.stdout) as { require: number; call: number; ok: boolean };
        if (FIRST_CALL[name] && !m.ok) throw new Error(`${name}: first call failed: ${res.stdout} ${res.stderr.slice(0, 2000)}`);
        requires.push(m.require);
        calls.push(m.call);
      }
      const size = fs.statSync(entry).size;
      console.log(`${name.padEnd(12)} bundle ${round(size / 1024)} KB  require p50 ${round(percentile(requires, 50))} ms  first call p50 ${round(percentile(calls, 50))} ms`);
      out[`${name}_require_ms`] = round(percentile(requires, 50));
      out[`${name}_first_call_ms`] = round(percentile(calls, 50));
    }
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  figures('cold-start', out);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
