/**
 * Publishing through the real function path (runner pool → publish → wx-server-sdk → /admin,
 * HTTPS to the fake official account, PUBLISHJOBFINISH back through publish-event): JOBS demo
 * stories published at once right after the account expired the token. Reports how long a
 * publisher waits for `start` to answer (render, images, draft, submit), how long until the
 * story is linked, the token fetches (must be 1) and drafts/publishes per story (must be 1).
 * Options: --jobs N (20), --pool N (4).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Story } from '@contract';
import { buildFunctions } from '../cloudfunctions/build';
import { startCloud } from '../emulator/server';
import { buildDemoData, DEFAULT_SEED_NOW, seedDemo } from '../emulator/seed';
import { figures, percentile, round, tempDir } from './_lib';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '20' }, pool: { type: 'string', default: '4' } } });
const JOBS = Number(values.jobs);

async function main(): Promise<void> {
  const functionsDir = path.join(__dirname, '..', 'cloudfunctions', 'dist', '.bench', `publish-${process.pid}`);
  await buildFunctions({ quiet: true, outDir: functionsDir, only: ['publish', 'publish-event', 'publish-timer'] });
  const dataDir = tempDir('bench-publish');
  const cloud = await startCloud({
    port: 0,
    dataDir,
    strict: true,
    quiet: true,
    functionsDir,
    poolSize: Number(values.pool),
    seed: (db, storage) => seedDemo(db, storage),
    officialAccount: { eventDelayMs: 200 },
    functionEnv: { ADMIN_OPENIDS: 'dev-admin' },
  });
  try {
    const oa = cloud.officialAccount!;
    const stories = (buildDemoData(DEFAULT_SEED_NOW).collections.stories as unknown as Story[]).filter((s) => s.state === 'published').slice(0, JOBS);
    // Warm the instances and the token, then let WeChat expire it under everyone's feet.
    await cloud.invoke('publish', { action: 'jobs', data: {} }, { openid: 'dev-publisher' });
    oa.expireToken();
    const fetchesBefore = oa.stableTokenCalls();
    const t0 = performance.now();
    const startMs: number[] = [];
    await Promise.all(
      stories.map(async (s) => {
        const t = performance.now();
        const r = (await cloud.invoke('publish', { action: 'start', data: { storyId: s._id } }, { openid: 'dev-publisher' })) as { ok: boolean };
        if (!r.ok) throw new Error(`start ${s._id}: ${JSON.stringify(r)}`);
        startMs.push(performance.now() - t);
      }),
    );
    await oa.settle(60_000);
    const deadline = Date.now() + 30_000;
    const linked = () => stories.filter((s) => (cloud.db.findById('publish_jobs', `${s._id}-r${s.revision}`) as { state?: string } | null)?.state === 'published').length;
    while (linked() < stories.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const allMs = performance.now() - t0;
    const drafts = oa.draftsCreated();
    const published = oa.articles().length;
    const fetches = oa.stableTokenCalls() - fetchesBefore;
    const exact = linked() === stories.length && drafts === stories.length && published === stories.length && fetches === 1;
    figures('publish', {
      jobs: stories.length,
      start_p50_ms: round(percentile(startMs, 50)),
      start_p95_ms: round(percentile(startMs, 95)),
      all_linked_ms: round(allMs),
      token_fetches: fetches,
      drafts,
      articles: published,
      exact: exact ? 'yes' : 'no',
    });
    if (!exact) process.exitCode = 1;
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(functionsDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
