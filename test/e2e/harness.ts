/**
 * e2e harness: the local cloud with demo data serving the h5 build, and Debian's Chromium
 * driven by playwright-core. Each check is a sentence; each e2e script's results go to its
 * own test-results/e2e-<name>.json (scripts/test.mjs adds them up) and screenshots to
 * test-results/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startCloud, type Cloud } from '../../emulator/server';
import { seedDemo } from '../../emulator/seed';

export const root = path.resolve(__dirname, '../..');
const results = path.join(root, 'test-results');
const shots = path.join(results, 'screenshots');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  cloud: Cloud;
  browser: Browser;
  page: Page;
  url(route: string): string;
  shot(name: string): Promise<void>;
  check(sentence: string, body: () => Promise<void>): Promise<void>;
}

export interface SessionOptions {
  /** Start the fake official account beside the cloud (the publish pipeline's e2e). */
  officialAccount?: boolean;
  /** Extra environment for every function (e.g. NOTICE_DAYS=0 so a notice ends at once). */
  functionEnv?: Record<string, string>;
  /** Built functions to run (default cloudfunctions/dist). */
  functionsDir?: string;
  /**
   * Let the h5 build's service worker run (only the offline journey needs it). Blocked otherwise:
   * a worker answering for the app's files would change what the other journeys' request
   * interception and response checks see.
   */
  serviceWorkers?: boolean;
}

/**
 * The folder of the h5 build to serve. E2E_H5_DIR serves a copy of the h5 build, so a rebuild of
 * client/dist-h5 by a parallel session cannot pull chunks out from under a running check.
 */
export function h5BuildDir(dir = process.env.E2E_H5_DIR): string {
  const h5Dir = dir ? path.resolve(dir) : path.join(root, 'client/dist-h5');
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) {
    throw new Error(`${h5Dir} is missing: run \`npm run build:h5\` first`);
  }
  return h5Dir;
}

export interface DemoCloud {
  cloud: Cloud;
  /** Stops the cloud and removes its data. */
  stop(): Promise<void>;
}

/** The local cloud in strict mode with the demo data, serving the h5 build at `/` (e2e and the lighthouse bench). */
export async function startDemoCloud(h5Dir: string, options: SessionOptions = {}): Promise<DemoCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
  const cloud = await startCloud({
    port: 0,
    dataDir,
    strict: true,
    quiet: true,
    staticDir: h5Dir,
    // E2E_FUNCTIONS_DIR: functions built elsewhere (a session checking its own change while cloudfunctions/dist is in use).
    functionsDir: options.functionsDir ?? process.env.E2E_FUNCTIONS_DIR,
    seed: (db, storage) => seedDemo(db, storage),
    functionEnv: { ADMIN_OPENIDS: 'dev-admin', ...options.functionEnv },
    officialAccount: options.officialAccount ?? false,
  });
  return {
    cloud,
    stop: async () => {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withSession(run: (s: Session) => Promise<void>, name = 'journey', options: SessionOptions = {}): Promise<void> {
  const h5Dir = h5BuildDir();
  fs.mkdirSync(shots, { recursive: true });
  const demo = await startDemoCloud(h5Dir, options);
  const { cloud } = demo;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', hasTouch: true, serviceWorkers: options.serviceWorkers ? 'allow' : 'block' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) consoleErrors.push(`${res.status()} ${res.url()}`);
  });

  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  const session: Session = {
    cloud,
    browser,
    page,
    url: (route) => `http://127.0.0.1:${cloud.port}/#${route}`,
    shot: async (name) => {
      await page.screenshot({ path: path.join(shots, `${name}.png`) });
    },
    check: async (sentence, body) => {
      const t0 = Date.now();
      try {
        await body();
        passed++;
        console.log(`  ✓ ${sentence} (${Date.now() - t0} ms)`);
      } catch (err) {
        failed++;
        failures.push(sentence);
        console.log(`  ✕ ${sentence}\n      ${String(err instanceof Error ? err.message : err).split('\n').slice(0, 6).join('\n      ')}`);
        await page.screenshot({ path: path.join(shots, `FAILED-${passed + failed}.png`) }).catch(() => undefined);
      }
    },
  };
  try {
    await run(session);
  } finally {
    await browser.close().catch(() => undefined);
    await demo.stop();
    if (consoleErrors.length) console.log(`browser console errors:\n  ${consoleErrors.slice(0, 10).join('\n  ')}`);
    fs.writeFileSync(path.join(results, `e2e-${name}.json`), JSON.stringify({ passed, failed, failures }, null, 2));
    console.log(`e2e ${name}: ${passed} passed, ${failed} failed`);
    if (failed) process.exitCode = 1;
  }
}

/** Taro's h5 router keeps earlier pages in the DOM, hidden: only visible elements count. */
export const visible = (page: Page, selector: string) => page.locator(`${selector} >> visible=true`);

/**
 * A Taro Button, whichever h5 components the build renders: the stencil element
 * (taro-button-core), the React one of `h5.useHtmlComponents` (a div.taro-button-core) or a
 * native button. One `:is()` so it can follow a scope (`[data-testid=row] ${BUTTON}`).
 */
export const BUTTON = ':is(taro-button-core, .taro-button-core, button)';
/** The Taro Button showing `text`. */
export const button = (text: string) => `${BUTTON}:has-text("${text}")`;
/**
 * The native field (input or textarea) a person types into, by its aria-label: the label sits on
 * the field itself with html components, on the taro-*-core wrapper around it with stencil ones.
 */
export const field = (label: string) =>
  `:is(input, textarea)[aria-label="${label}"], [aria-label="${label}"] :is(input, textarea)`;

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** A waiter started before the action it waits for; a failure before it is awaited must not crash the run. */
export function armed<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * As a person would: open the me page, pick the dev identity labelled `label` in the switcher,
 * and wait until the server has answered who that is.
 */
export async function actAs(page: Page, meUrl: string, label: string): Promise<void> {
  await page.goto(meUrl);
  const radio = visible(page, `[data-testid=dev-switcher] [role=radio]:has-text("${label}")`).first();
  await radio.waitFor({ timeout: 15_000 });
  if ((await radio.getAttribute('aria-checked')) !== 'true') {
    const me = armed(page.waitForResponse((r) => r.url().endsWith('/fn/identity'), { timeout: 15_000 }));
    await radio.click();
    await me;
  }
  await visible(page, '[data-testid=me-card]').first().waitFor({ timeout: 15_000 });
}
