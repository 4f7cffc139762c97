/**
 * Package sizes of the last weapp production build (client/dist): the main package and each
 * subpackage, source maps excluded, against WeChat's 2 MB limit and our 600 KB main budget.
 * Run `npm run build:weapp` first (or pass --build), or point WEAPP_DIR at a build elsewhere.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { figures, round } from './_lib';

const root = path.join(__dirname, '..');
// WEAPP_DIR measures a build made elsewhere (TARO_OUTPUT_ROOT); --build always builds client/dist.
const dist = process.env.WEAPP_DIR && !process.argv.includes('--build') ? path.resolve(process.env.WEAPP_DIR) : path.join(root, 'client/dist');

if (process.argv.includes('--build') || !fs.existsSync(path.join(dist, 'app.json'))) {
  const r = spawnSync('npm', ['run', '--silent', 'build:weapp'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
let main = 0;
const subs: Record<string, number> = {};
const biggest: [string, number][] = [];
(function walk(dir: string): void {
  for (const f of fs.readdirSync(dir)) {
    const p = path.join(dir, f);
    const st = fs.statSync(p);
    if (st.isDirectory()) walk(p);
    else if (!f.endsWith('.map')) {
      const rel = path.relative(dist, p);
      const sub = subRoots.find((s) => rel === s || rel.startsWith(`${s}/`));
      if (sub) subs[sub] = (subs[sub] ?? 0) + st.size;
      else {
        main += st.size;
        biggest.push([rel, st.size]);
      }
    }
  }
})(dist);
biggest.sort((a, b) => b[1] - a[1]);
for (const [rel, n] of biggest.slice(0, 8)) console.log(`${String(round(n / 1024)).padStart(8)} KB  ${rel}`);
for (const [s, n] of Object.entries(subs)) console.log(`subpackage ${s}: ${round(n / 1024)} KB`);
console.log(`main package: ${round(main / 1024)} KB (budget 600 KB, WeChat limit 2048 KB)`);
figures('weapp-size', { main_kb: round(main / 1024), subpackages: subRoots.length, within_budget: main <= 600 * 1024 ? 'yes' : 'no' });
if (main > 600 * 1024) process.exit(1);
