/**
 * Jest globalSetup of the node project: build the cloud functions once per run into a shared
 * folder that the function fixtures start their local clouds from (read-only, so parallel test
 * files cannot rebuild under each other), instead of one esbuild pass per test file.
 * If the build fails (a function mid-change), nothing is shared and each fixture builds its own,
 * so the failure is reported by the suites that need the broken function, as before.
 */
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function globalBuild() {
  // tsx's scoped require compiles the TypeScript build script without hooking jest's own loader.
  const { require: tsxRequire } = require('tsx/cjs/api');
  const { buildFunctions } = tsxRequire('../../cloudfunctions/build.ts', __filename);
  const outDir = path.join(__dirname, '..', '..', 'cloudfunctions', 'dist', '.test', `shared-${process.pid}`);
  const only = process.env.TEST_FUNCTIONS ? process.env.TEST_FUNCTIONS.split(',') : undefined;
  try {
    await buildFunctions({ quiet: true, outDir, only });
    process.env.TEST_SHARED_FUNCTIONS_DIR = outDir;
  } catch {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
};
