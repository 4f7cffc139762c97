/** Jest globalTeardown of the node project: remove the run's shared function build. */
const fs = require('node:fs');

module.exports = async function removeGlobalBuild() {
  const dir = process.env.TEST_SHARED_FUNCTIONS_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
