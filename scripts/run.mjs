// Tiny helpers shared by the repo's orchestration scripts (start, test, bench).
import { spawn } from 'node:child_process';

export const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** Run a command inheriting stdio; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

// `--` keeps npx from reading the tool's own flags (tsc -p) as its own.
export const npx = (args, opts) => run('npx', ['--no', '--', ...args], opts);
