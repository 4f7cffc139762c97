/**
 * Resolves relative imports the way the h5 build does: `./transport` → `./transport.h5.ts`
 * when that file exists, else the plain file. Nothing guesses the platform at runtime.
 */
const fs = require('fs');
const path = require('path');

const H5_EXTS = ['.h5.tsx', '.h5.ts'];

module.exports = (request, options) => {
  if (request.startsWith('.')) {
    for (const ext of H5_EXTS) {
      const candidate = path.resolve(options.basedir, request + ext);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return options.defaultResolver(request, options);
};
