// npm 11 does not run dependencies' install scripts here, and better-sqlite3 has no prebuilt
// binary we can download: compile it from its bundled source with npm's own node-gyp when
// the native module is missing. A no-op when it already loads.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
try {
  require('better-sqlite3')(':memory:').close();
} catch {
  const dir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const npmRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
  const gyp = path.join(npmRoot, 'npm/node_modules/node-gyp/bin/node-gyp.js');
  console.log('postinstall: compiling better-sqlite3 (about a minute)…');
  // Build against the machine's own Node headers (npm's `nodedir` setting); node-gyp would
  // otherwise try to download them, and only the npm registry is reachable.
  const nodedir = process.env.npm_config_nodedir || execFileSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).trim();
  const args = [gyp, 'rebuild', '--release', ...(nodedir && nodedir !== 'undefined' ? [`--nodedir=${nodedir}`] : [])];
  execFileSync(process.execPath, args, { cwd: dir, stdio: 'inherit' });
}
