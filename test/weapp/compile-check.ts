/**
 * `npm run test:wxml`: compiles every .wxml and .wxss of the weapp build (client/dist,
 * native components included) with WeChat's own compilers — the wcc/wcsc binaries that
 * miniprogram-simulate ships through miniprogram-compiler — and fails with the compiler's
 * message on any error. Then checks what the build must carry (every page opens with
 * `<page-meta root-font-size="system">` and sizes its text in rem, so text follows the reader's
 * WeChat font size; base.wxml binds the aria attributes WeChat's screen reader reads; the main
 * package carries no zod) and prints the main package size against the budget. WEAPP_DIR checks
 * a build elsewhere (default client/dist).
 *
 * Before checking the build it feeds the compilers one broken file each, so a compiler
 * that silently accepts everything (wrong binary, wrong arguments) fails the check too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { WEAPP_ARIA } from '../../client/config/weapp-aria';

const require = createRequire(__filename);
type Wcc = (root: string, files: string[], wxs: string[], opts?: { maxBuffer?: number }) => string;
type Wcsc = (root: string, files: string[], opts?: { maxBuffer?: number }) => Record<string, string> | Error;
const wcc = require('miniprogram-compiler/src/wcc') as Wcc;
const wcsc = require('miniprogram-compiler/src/wcsc') as Wcsc;

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = process.env.WEAPP_DIR ? path.resolve(process.env.WEAPP_DIR) : path.join(ROOT, 'client', 'dist');
const BUDGET_KB = 600;
const MAX_BUFFER = 64 * 1024 * 1024;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function rel(file: string, root: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function compileWxml(root: string, files: string[]): void {
  const wxml = files.filter((f) => f.endsWith('.wxml')).map((f) => rel(f, root).slice(0, -'.wxml'.length));
  const wxs = files.filter((f) => f.endsWith('.wxs')).map((f) => rel(f, root));
  wcc(root, wxml, wxs, { maxBuffer: MAX_BUFFER });
}

function compileWxss(root: string, files: string[]): void {
  const wxss = files.filter((f) => f.endsWith('.wxss')).map((f) => rel(f, root).slice(0, -'.wxss'.length));
  const out = wcsc(root, wxss, { maxBuffer: MAX_BUFFER });
  if (out instanceof Error) throw out;
}

function expectFailure(what: string, run: () => void): void {
  try {
    run();
  } catch {
    return;
  }
  throw new Error(`self-check: the compiler accepted a broken ${what}; the check cannot be trusted`);
}

function selfCheck(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxml-self-check-'));
  try {
    fs.writeFileSync(path.join(dir, 'bad.wxml'), '<view class="a">{{ a + }}</view>\n<view>');
    expectFailure('.wxml', () => compileWxml(dir, [path.join(dir, 'bad.wxml')]));
    fs.writeFileSync(path.join(dir, 'bad.wxss'), '.a { color: red;\n.b { }}}');
    expectFailure('.wxss', () => compileWxss(dir, [path.join(dir, 'bad.wxss')]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function subpackageRoots(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  return (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
}

/**
 * The transports are chosen by platform file at build time; this proves it on the output:
 * the weapp bundle carries no dev-identity code, the h5 bundle never calls Taro.cloud
 * (which on h5 resolves with "暂时不支持 API" and loses the data).
 */
function checkPlatformIsolation(files: string[]): void {
  const js = (list: string[]) => list.filter((f) => f.endsWith('.js')).map((f) => [f, fs.readFileSync(f, 'utf8')] as const);
  for (const [f, text] of js(files)) {
    // The h5 gateway, the dev identity switcher and the h5 service worker (lib/service-worker.h5.ts).
    for (const marker of ['x-wx-openid', '/dev/identities', 'serviceWorker']) {
      if (text.includes(marker)) throw new Error(`weapp bundle ${rel(f, DIST)} contains h5-only code (${marker})`);
    }
  }
  const h5 = path.join(ROOT, 'client', 'dist-h5');
  if (!fs.existsSync(h5)) {
    console.log('platform isolation: weapp ok (no client/dist-h5 to check)');
    return;
  }
  const h5Js = js(walk(h5));
  for (const [f, text] of h5Js) {
    if (text.includes('callFunction')) throw new Error(`h5 bundle ${rel(f, h5)} reaches Taro.cloud.callFunction`);
  }
  if (!h5Js.some(([, text]) => text.includes('x-wx-openid'))) throw new Error('h5 bundle has no gateway transport (x-wx-openid missing)');
  console.log('platform isolation: weapp has no dev identity code, h5 never reaches Taro.cloud');
}

/**
 * Text follows the reader's WeChat font size (client/config/weapp-font-scale.ts): every page's
 * template opens with page-meta root-font-size="system", and no text size is left in rpx (which
 * follows the screen's width only), native components' styles included.
 */
function checkFontScale(files: string[]): void {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
  const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  for (const page of pages) {
    const wxml = fs.readFileSync(path.join(DIST, `${page}.wxml`), 'utf8');
    const first = wxml.replace(/^(\s*<import\b[^>]*\/>)*\s*/, '');
    if (!first.startsWith('<page-meta root-font-size="system">')) throw new Error(`${page}.wxml does not open with <page-meta root-font-size="system">`);
  }
  for (const f of files.filter((x) => x.endsWith('.wxss'))) {
    const hit = /font-size:\s*-?[\d.]+rpx/.exec(fs.readFileSync(f, 'utf8'));
    if (hit) throw new Error(`${rel(f, DIST)} sizes text in rpx (${hit[0]}): it would not follow the reader's font size`);
  }
  console.log(`font scale: ${pages.length} pages open with page-meta root-font-size="system", text sizes in rem`);
}

/** What Taro binds on every variant of a component, its pure-view and click-view included. */
const OWN_ATTRIBUTES = /^(style|class|id|data-sid|(bind|catch).*)$/;

/**
 * WeChat's screen reader reads aria attributes only where base.wxml binds them, and Taro's template
 * binds none unless @tarojs/plugin-inject adds them (client/config/weapp-aria.ts). Every template
 * of a listed component that binds attributes of the component's own (Taro's pure-view and
 * click-view carry only style, class and a tap) must bind each listed one, `aria-role` from the
 * JSX `role`. The runtime must carry the same table: both number a component's attributes, and
 * without it the page data is numbered for a template without them.
 */
function checkAria(mainFiles: string[]): void {
  const base = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8');
  const why = "WeChat's screen reader would not get it (client/config/weapp-aria.ts, @tarojs/plugin-inject in client/config/index.ts)";
  const openingTags = (tag: string) => [...base.matchAll(new RegExp(`<${tag}\\s([^>]*)>`, 'g'))].map((m) => m[1] ?? '');
  for (const tag of ['view', 'text', 'image']) {
    for (const name of ['aria-label', 'aria-role']) {
      if (!openingTags(tag).some((attrs) => attrs.includes(` ${name}="`) || attrs.startsWith(`${name}="`))) throw new Error(`base.wxml: no <${tag}> binds ${name}: ${why}`);
    }
  }
  let checked = 0;
  for (const [component, attributes] of Object.entries(WEAPP_ARIA)) {
    const tag = component.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase());
    // Taro writes a component into base.wxml only when a page uses it.
    const withProps = openingTags(tag).filter((attrs) => [...attrs.matchAll(/([\w:-]+)="/g)].some((m) => !OWN_ATTRIBUTES.test(m[1] ?? '')));
    for (const attrs of withProps) {
      for (const [name, fallback] of Object.entries(attributes)) {
        // `i.role` holds the JSX role only while Taro numbers no `role` of its own for the component.
        if (fallback === 'i.role' && /(^|\s)role="/.test(attrs)) throw new Error(`base.wxml: Taro now binds role on <${tag}> itself, so i.role is empty: bind aria-role from its number instead`);
        const or = fallback ? `\\|\\|${fallback.replace(/\./g, '\\.')}` : '';
        if (!new RegExp(`(^|\\s)${name}="\\{\\{i\\.p\\d+${or}\\}\\}"`).test(attrs)) {
          throw new Error(`base.wxml: a <${tag}> template does not bind ${name}${fallback ? ` from ${fallback}` : ''}: ${why}`);
        }
      }
    }
    checked += withProps.length;
  }
  // The table as the plugin writes it (JSON, minified with its keys in order).
  const scripts = mainFiles.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(f, 'utf8'));
  for (const [component, attributes] of Object.entries(WEAPP_ARIA)) {
    const entry = `{${Object.entries(attributes).map(([name, fallback]) => `"${name}":"${fallback}"`).join(',')}}`;
    if (!scripts.some((text) => text.includes(`${component}:${entry}`) || text.includes(`"${component}":${entry}`))) {
      throw new Error(`the runtime's attribute table (plugin-inject, taro.js) has no ${component} ${entry}: it numbers attributes unlike base.wxml`);
    }
  }
  console.log(`aria: ${checked} templates in base.wxml bind client/config/weapp-aria.ts's attributes, and the runtime numbers them alike`);
}

function main(): void {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) {
    console.error('client/dist/app.json not found: run `npm run build:weapp` first');
    process.exit(1);
  }
  selfCheck();

  const files = walk(DIST);
  const wxml = files.filter((f) => f.endsWith('.wxml'));
  const wxss = files.filter((f) => f.endsWith('.wxss'));
  try {
    compileWxml(DIST, files);
  } catch (e) {
    console.error(`wcc rejected the build:\n${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  try {
    compileWxss(DIST, files);
  } catch (e) {
    console.error(`wcsc rejected the build:\n${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  console.log(`wcc: ${wxml.length} .wxml files compiled (${wxml.filter((f) => f.includes('/native/')).length} native)`);
  console.log(`wcsc: ${wxss.length} .wxss files compiled`);
  const subs = subpackageRoots();
  const main = files.filter((f) => !f.endsWith('.map') && !subs.some((r) => rel(f, DIST).startsWith(r)));
  try {
    checkPlatformIsolation(files);
    checkFontScale(files);
    checkAria(main);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }

  const bytes = main.reduce((n, f) => n + fs.statSync(f).size, 0);
  // zod (with the contract's schema module, ~80 KB) belongs in the subpackages that validate forms.
  const zodIn = main.filter((f) => f.endsWith('.js') && fs.readFileSync(f, 'utf8').includes('ZodError'));
  if (zodIn.length) {
    console.error(`zod is in the main package (${zodIn.map((f) => rel(f, DIST)).join(', ')}): validate in a subpackage page`);
    process.exit(1);
  }
  const kb = bytes / 1024;
  console.log(`weapp main package: ${kb.toFixed(1)} KB of ${BUDGET_KB} KB budget (${main.length} files, maps excluded)`);
  if (kb > BUDGET_KB) {
    console.error(`main package over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`);
    process.exit(1);
  }
}

main();
