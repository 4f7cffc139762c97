/**
 * The one source transform of every jest project: SWC (through @swc/jest) instead of Babel. It
 * strips types and compiles JSX and ES modules the way the suites need, at a fraction of Babel's
 * cost on a cold cache (the CI clone always starts cold). `.tsx` is parsed as TSX and `.ts`/`.js`
 * as plain TypeScript, so `<T>value` assertions and generic arrows in `.ts` files keep working.
 */
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];

module.exports = { '^.+\\.tsx$': swc(true), '^.+\\.[cm]?[jt]s$': swc(false) };
