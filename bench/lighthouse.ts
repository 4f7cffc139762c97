/**
 * Reader pages' speed and accessibility as Lighthouse 12 (mobile preset: a mid-range phone on
 * slow 4G, simulated throttling) measures them on the h5 production build, served by the local
 * cloud with the demo data exactly as the e2e harness serves it. The feed and one story (the
 * newest with a cover), each measured `--runs` times (5) in a fresh Chromium; the figures are
 * per-page medians, and the last line holds, for each figure, the worse of the two pages.
 *
 * The build: LIGHTHOUSE_H5_DIR (or E2E_H5_DIR) names an h5 production build to measure; without
 * it the client is built into a temp folder (TARO_OUTPUT_ROOT). The functions are built into a
 * temp folder too, so a parallel rebuild of cloudfunctions/dist cannot change what is measured.
 * Every report is kept as JSON under bench/results/lighthouse/ (the LCP element, the layout
 * shifts, the main-thread work, the failing accessibility audits).
 *
 * Each page is visited once, unmeasured, before the runs (the local cloud's function workers start
 * on their first call). Lighthouse's simulated throttling scales the main-thread time and the
 * server response times it observes: on a busy machine TBT, LCP and performance come out worse
 * than the page deserves. Options: --runs N (5).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildFunctions } from '../cloudfunctions/build';
import { CHROMIUM_FLAGS, startDemoCloud, type DemoCloud } from '../test/e2e/harness';
import { figures, percentile, round, tempDir } from './_lib';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);

const root = path.join(__dirname, '..');
const reportsDir = path.join(root, 'bench/results/lighthouse');

interface Run {
  perf: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  a11y: number;
}

interface Measured {
  page: string;
  runs: Run[];
  median: Run;
}

/** The build to measure: the one named by the environment, or a fresh production build in `tmp`. */
function h5Build(tmp: string): string {
  const named = process.env.LIGHTHOUSE_H5_DIR ?? process.env.E2E_H5_DIR;
  if (named) {
    const dir = path.resolve(named);
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir} holds no h5 build (no index.html)`);
    return dir;
  }
  const out = path.join(tmp, 'h5');
  console.log(`building the h5 client into ${out}…`);
  const r = spawnSync('npx', ['--no', '--', 'taro', 'build', '--type', 'h5'], {
    cwd: path.join(root, 'client'),
    env: { ...process.env, TARO_OUTPUT_ROOT: out, NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || !fs.existsSync(path.join(out, 'index.html'))) {
    throw new Error(`taro build --type h5 failed (${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  }
  return out;
}

const median = (runs: Run[], key: keyof Run): number => percentile(runs.map((r) => r[key]), 50);

async function measure(page: string, url: string): Promise<Measured> {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const runs: Run[] = [];
  const failing = new Set<string>();
  for (let i = 1; i <= RUNS; i++) {
    // A fresh browser per run: nothing (cache, compiled code, storage) carries over between runs.
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium', chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
    try {
      // No config: Lighthouse's default is the mobile preset (Moto G Power, slow 4G, 4× CPU).
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
      if (!result) throw new Error(`${page}: Lighthouse returned nothing`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      fs.writeFileSync(path.join(reportsDir, `${page}-${i}.json`), JSON.stringify(lhr));
      const score = (id: string): number => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const value = (id: string): number => lhr.audits[id]?.numericValue ?? NaN;
      const run: Run = {
        perf: score('performance'),
        lcpMs: Math.round(value('largest-contentful-paint')),
        cls: round(value('cumulative-layout-shift'), 3),
        tbtMs: Math.round(value('total-blocking-time')),
        a11y: score('accessibility'),
      };
      for (const ref of lhr.categories.accessibility?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failing.add(ref.id);
      }
      runs.push(run);
      console.log(`  ${page} run ${i}: perf=${run.perf} lcp_ms=${run.lcpMs} cls=${run.cls} tbt_ms=${run.tbtMs} a11y=${run.a11y}`);
    } finally {
      await chrome.kill();
    }
  }
  const m: Run = { perf: median(runs, 'perf'), lcpMs: median(runs, 'lcpMs'), cls: median(runs, 'cls'), tbtMs: median(runs, 'tbtMs'), a11y: median(runs, 'a11y') };
  console.log(`${page} median of ${RUNS}: perf=${m.perf} lcp_ms=${m.lcpMs} cls=${m.cls} tbt_ms=${m.tbtMs} a11y=${m.a11y}`);
  if (failing.size) console.log(`  ${page} accessibility audits failing in some run: ${[...failing].join(', ')}`);
  return { page, runs, median: m };
}

/**
 * One unmeasured visit to each page first: the local cloud starts a function's workers on its
 * first call (a cold start of a second or so), which a deployed function serving readers all day
 * does not pay on every visit, and which would otherwise land in whichever run came first.
 */
async function warmUp(urls: string[]): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    for (const url of urls) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const tmp = tempDir('bench-lighthouse');
  // Inside the repo, so the bundles resolve wx-server-sdk from the root node_modules.
  const functionsDir = path.join(root, 'cloudfunctions/dist/.test', `bench-lighthouse-${process.pid}`);
  let demo: DemoCloud | null = null;
  try {
    const h5Dir = h5Build(tmp);
    console.log(`measuring the h5 build in ${h5Dir}`);
    await buildFunctions({ quiet: true, outDir: functionsDir });
    demo = await startDemoCloud(h5Dir, { functionsDir });
    fs.mkdirSync(reportsDir, { recursive: true });

    // The story a reader most likely opens: the newest in the feed with a cover (the heaviest first paint).
    const feed = (await demo.cloud.invoke('content', { action: 'feed', data: {} }, { openid: 'bench-reader' })) as { ok: boolean; data?: { items: { _id: string; cover?: unknown }[] } };
    const items = feed.ok ? (feed.data?.items ?? []) : [];
    const story = items.find((s) => s.cover) ?? items[0];
    if (!story) throw new Error(`the demo feed is empty: ${JSON.stringify(feed).slice(0, 500)}`);

    const base = `http://127.0.0.1:${demo.cloud.port}/#`;
    const pages: [string, string][] = [
      ['feed', `${base}/pages/feed/index`],
      ['story', `${base}/pages/story/index?id=${encodeURIComponent(story._id)}`],
    ];
    await warmUp(pages.map(([, url]) => url));
    const measured: Measured[] = [];
    for (const [page, url] of pages) measured.push(await measure(page, url));

    const worst = (key: keyof Run, higherIsWorse: boolean): number => {
      const all = measured.map((m) => m.median[key]);
      return higherIsWorse ? Math.max(...all) : Math.min(...all);
    };
    console.log(`reports: ${path.relative(root, reportsDir)}/<page>-<run>.json`);
    console.log('last line: for each figure, the worse of the two pages’ medians (feed, story)');
    figures('lighthouse', { perf: worst('perf', false), lcp_ms: worst('lcpMs', true), cls: worst('cls', true), tbt_ms: worst('tbtMs', true), a11y: worst('a11y', false) });
  } finally {
    await demo?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(functionsDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
