// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Prints a closing line `tests: N passed, M failed` (jest tests + e2e checks) and exits
// non-zero if any step failed.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { npx, root } from './run.mjs';

const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
// Each e2e script writes its own e2e-<name>.json; stale ones from an earlier run must not count.
for (const f of fs.readdirSync(results)) if (/^e2e.*\.json$/.test(f)) fs.rmSync(path.join(results, f));

// Steps run one after another up to jest (each of them uses both cores). After it, the builds and
// the e2e scripts run on TEST_LANES lanes (default 2): an e2e script spends most of its time
// waiting on the browser and the local cloud, so two at a time finish far sooner than one after
// another on a 2-core CI machine. A lane's output is printed whole when its step ends, so logs of
// concurrent steps never interleave. `after` names the step(s) a step needs (the h5 build for e2e).
const serial = [
  ['typecheck (functions, emulator, tests)', () => npx(['tsc', '-p', 'tsconfig.json', '--noEmit'])],
  ['typecheck (client)', () => npx(['tsc', '-p', 'client/tsconfig.json', '--noEmit'])],
  ['lint', () => npx(['eslint', '.', '--max-warnings=0'])],
  ['build cloud functions', () => npx(['tsx', 'cloudfunctions/build.ts'])],
  [
    'jest: domain, emulator, functions, client, native components',
    () => npx(['jest', '--ci', '--json', `--outputFile=${path.join(results, 'jest.json')}`]),
  ],
];
const H5 = 'h5 production build';
const WEAPP = 'weapp production build';
const pooled = [
  // The layout check is the longest e2e script: it starts first so it never runs alone at the end.
  { name: H5, args: ['npm', ['run', '--silent', 'build:h5']] },
  { name: 'e2e layout in Chromium: staff and reader pages at 390 and 1280 px', after: H5, args: npxArgs(['tsx', 'test/e2e/layout.ts']) },
  { name: WEAPP, args: ['npm', ['run', '--silent', 'build:weapp']] },
  // It also checks the h5 bundle (its gateway transport), so it waits for both builds.
  { name: 'WeChat wcc/wcsc accept every WXML/WXSS file', after: [WEAPP, H5], args: npxArgs(['tsx', 'test/weapp/compile-check.ts']) },
  { name: 'e2e journey in Chromium over h5 on the local cloud', after: H5, args: npxArgs(['tsx', 'test/e2e/journey.ts']) },
  { name: 'e2e engagement in Chromium: like, reload, unlike, poster', after: H5, args: npxArgs(['tsx', 'test/e2e/engagement.ts']) },
  { name: 'e2e authoring in Chromium: write with an album image, submit, approve, top of the feed', after: H5, args: npxArgs(['tsx', 'test/e2e/authoring.ts']) },
  { name: 'e2e publish in Chromium: the publisher publishes, the fake account shows the article, the story links it', after: H5, args: npxArgs(['tsx', 'test/e2e/publish.ts']) },
];
// Every e2e script in test/e2e runs (each slice adds its own file), even one no step above names;
// a step names its script in its arguments, which is how one already listed is recognised.
for (const f of fs.readdirSync(path.join(root, 'test/e2e')).filter((n) => n.endsWith('.ts') && n !== 'harness.ts').sort()) {
  if (!pooled.some((step) => step.args[1].includes(`test/e2e/${f}`))) {
    pooled.push({ name: `e2e ${f.replace(/\.ts$/, '')} in Chromium`, after: H5, args: npxArgs(['tsx', `test/e2e/${f}`]) });
  }
}

function npxArgs(args) {
  return ['npx', ['--no', '--', ...args]];
}

/** Runs a command with its output captured; resolves with its exit code and output. */
function runCaptured(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString() }));
    child.on('error', (e) => resolve({ code: 127, output: String(e) }));
  });
}

const only = process.argv.slice(2);
const wanted = (name) => !only.length || only.some((o) => name.includes(o));
let failedSteps = 0;
const timings = [];
const record = (name, code, t0) => {
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${secs.padStart(6)} s  ${name}`);
  if (code !== 0) failedSteps++;
};
for (const [name, step] of serial) {
  if (!wanted(name)) continue;
  console.log(`\n━━ ${name}`);
  const t0 = Date.now();
  record(name, await step(), t0);
}

const lanes = Math.max(1, Number(process.env.TEST_LANES) || 2);
const queue = pooled.filter((step) => wanted(step.name));
const done = new Map(); // name → exit code, for steps that ended
const running = new Set();
await new Promise((finish) => {
  const next = () => {
    if (!queue.length && !running.size) return finish();
    while (running.size < lanes) {
      // A step whose prerequisite failed does not run (its failure would only repeat the cause);
      // a prerequisite not selected by the arguments counts as met (its output is already there).
      const needs = (step) => [step.after ?? []].flat();
      const i = queue.findIndex((s) => needs(s).every((n) => !queue.some((q) => q.name === n) && !running.has(n)));
      if (i < 0) break;
      const [step] = queue.splice(i, 1);
      const failedNeed = needs(step).find((n) => done.has(n) && done.get(n) !== 0);
      if (failedNeed) {
        console.log(`\n━━ ${step.name}\nnot run: ${failedNeed} failed`);
        done.set(step.name, 1);
        record(step.name, 1, Date.now());
        continue;
      }
      running.add(step.name);
      const t0 = Date.now();
      console.log(`\n▶ ${step.name} (started)`);
      void runCaptured(...step.args).then(({ code, output }) => {
        console.log(`\n━━ ${step.name}\n${output.trimEnd()}`);
        running.delete(step.name);
        done.set(step.name, code);
        record(step.name, code, t0);
        next();
      });
    }
  };
  next();
});

let passed = 0;
let failed = 0;
const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(results, f), 'utf8'));
  } catch {
    return null;
  }
};
const jest = read('jest.json');
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
}
for (const f of fs.readdirSync(results).filter((n) => /^e2e.*\.json$/.test(n)).sort()) {
  const e2e = read(f);
  if (e2e) {
    passed += e2e.passed;
    failed += e2e.failed;
  }
}

console.log('\n━━ summary');
for (const t of timings) console.log(t);
console.log(`steps: ${timings.length - failedSteps} passed, ${failedSteps} failed`);
console.log(`tests: ${passed} passed, ${failed + (failedSteps && !failed ? failedSteps : 0)} failed`);
process.exit(failedSteps ? 1 : 0);
