/**
 * exceljs, loadable under tsx (what `npm run import` runs with) on Node ≥ 20.19.
 *
 * Node 20.19 resolves the `module-sync` export condition, which sends three tiny packages deep
 * in exceljs's tree (async-function, generator-function, async-generator-function, via
 * get-intrinsic) to a `require.mjs`; tsx 4.19 compiles a required `.mjs` as if it were its own
 * source and fails ("SyntaxError: Unexpected string"). Their CommonJS `index.js` exports the
 * same constructor, so it is put in the module cache under the `.mjs` name before exceljs
 * loads. Plain Node and jest resolve elsewhere and are left alone.
 */
import path from 'node:path';

for (const name of ['async-function', 'generator-function', 'async-generator-function']) {
  let resolved: string;
  try {
    resolved = require.resolve(name);
  } catch {
    continue;
  }
  if (!resolved.endsWith('.mjs') || require.cache[resolved]) continue;
  const cjs = path.join(path.dirname(resolved), 'index.js');
  require(cjs);
  require.cache[resolved] = require.cache[cjs];
}

const ExcelJS = require('exceljs') as typeof import('exceljs');
export default ExcelJS;
