// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Prints a closing line `tests: N passed, M failed` (jest tests + e2e checks) and exits
// non-zero if any step failed.
import fs from 'node:fs';
import path from 'node:path';
import { npx, root, run } from './run.mjs';

const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
// Each e2e script writes its own e2e-<name>.json; stale ones from an earlier run must not count.
for (const f of fs.readdirSync(results)) if (/^e2e.*\.json$/.test(f)) fs.rmSync(path.join(results, f));

const steps = [
  ['typecheck (functions, emulator, tests)', () => npx(['tsc', '-p', 'tsconfig.json', '--noEmit'])],
  ['typecheck (client)', () => npx(['tsc', '-p', 'client/tsconfig.json', '--noEmit'])],
  ['lint', () => npx(['eslint', '.', '--max-warnings=0'])],
  ['build cloud functions', () => npx(['tsx', 'cloudfunctions/build.ts'])],
  [
    'jest: domain, emulator, functions, client, native components',
    () => npx(['jest', '--ci', '--json', `--outputFile=${path.join(results, 'jest.json')}`]),
  ],
  ['weapp production build', () => run('npm', ['run', '--silent', 'build:weapp'])],
  ['WeChat wcc/wcsc accept every WXML/WXSS file', () => npx(['tsx', 'test/weapp/compile-check.ts'])],
  ['h5 production build', () => run('npm', ['run', '--silent', 'build:h5'])],
  ['e2e journey in Chromium over h5 on the local cloud', () => npx(['tsx', 'test/e2e/journey.ts'])],
  ['e2e engagement in Chromium: like, reload, unlike, poster', () => npx(['tsx', 'test/e2e/engagement.ts'])],
  ['e2e authoring in Chromium: write with an album image, submit, approve, top of the feed', () => npx(['tsx', 'test/e2e/authoring.ts'])],
  ['e2e publish in Chromium: the publisher publishes, the fake account shows the article, the story links it', () => npx(['tsx', 'test/e2e/publish.ts'])],
];
// Every e2e script in test/e2e runs (each slice adds its own file), even one no step above names;
// a step names its script in its command, which is how one already listed is recognised.
for (const f of fs.readdirSync(path.join(root, 'test/e2e')).filter((n) => n.endsWith('.ts') && n !== 'harness.ts').sort()) {
  if (!steps.some(([, step]) => String(step).includes(`test/e2e/${f}`))) steps.push([`e2e ${f.replace(/\.ts$/, '')} in Chromium`, () => npx(['tsx', `test/e2e/${f}`])]);
}

const only = process.argv.slice(2);
let failedSteps = 0;
const timings = [];
for (const [name, step] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n━━ ${name}`);
  const t0 = Date.now();
  const code = await step();
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${secs.padStart(6)} s  ${name}`);
  if (code !== 0) failedSteps++;
}

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
