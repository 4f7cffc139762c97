// Lint for the whole repo. Besides the usual TypeScript rules, it enforces the one-way
// dependency flow of DESIGN.md §5: domain imports only the contract; client layers go
// pages → features → lib/components, never backwards.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process', 'worker_threads', 'net', 'url', 'util', 'stream', 'zlib'];
const builtinPatterns = nodeBuiltins.flatMap((m) => [m, `node:${m}`]);

// Flat config replaces a rule wholesale per matching block, so each client layer repeats the
// client-wide restriction together with its own.
const clientWide = [
  { group: ['wx-server-sdk', '**/cloudfunctions/**', '**/emulator/**'], message: 'The client talks to functions only through lib/api.' },
];
function clientLayer(files, patterns) {
  return [{ files, rules: { 'no-restricted-imports': ['error', { patterns: [...clientWide, ...patterns] }] } }];
}

// A feature (a folder of client/src/features) may import itself, lib/, components/, native/ and
// the contract (`@contract`, or lib/contract-values), never another feature: a piece two
// features need moves to lib/ (logic) or components/ (presentational). Where one feature's
// screen genuinely composes another's, list the pair here, importer → imported, with the reason.
const featureImportsAllowed = {};
const clientSrc = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client', 'src');
const featureImports = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      otherFeature:
        'features/{{from}} may not import features/{{to}}: move what both need to lib/ or components/, or allow the pair in featureImportsAllowed (eslint.config.mjs) with the reason.',
      outside: 'features/{{from}} may import only itself, lib/, components/, native/ and the contract (@contract or lib/contract-values), not {{source}}.',
    },
  },
  create(context) {
    const [layer, from] = path.relative(clientSrc, context.filename).split(path.sep);
    if (layer !== 'features' || !from) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const [top, to] = path.relative(clientSrc, path.resolve(path.dirname(context.filename), source)).split(path.sep);
      if (top === 'features') {
        if (to !== from && !(featureImportsAllowed[from] ?? []).includes(to)) context.report({ node: node.source, messageId: 'otherFeature', data: { from, to } });
      } else if (!['lib', 'components', 'native'].includes(top)) context.report({ node: node.source, messageId: 'outside', data: { from, source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

// Page paths are written once, in lib/routes.ts (app.config.ts reads them from there): anywhere
// else a string or template starting with pages/, /pages/ or /pages-<package>/ is refused.
// (esquery regexes cannot contain a slash, hence \u002F.)
const pagePathMessage = 'Build page URLs with `routes` from lib/routes.ts; page paths are written only there.';

const tempUrlsMessage = 'Issue file URLs through lib/files.ts (publicUrls, staffUrls, consentScanUrl): it decides who may read which file.';
const tempUrlsOutsideFiles = [
  { selector: "MemberExpression[property.name='tempUrls']", message: tempUrlsMessage },
  { selector: "ObjectPattern > Property[key.name='tempUrls']", message: tempUrlsMessage },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-h5/**',
      'client/.swc/**',
      '.data/**',
      'test-results/**',
      'bench/results/**',
      'test/emulator/fixtures/**',
      '**/*.config.js',
      'client/babel.config.js',
      'test/**/jest.project.js',
      'client/src/native/**/*.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    // Temporary URLs are issued only by lib/files.ts, which knows who may read which file
    // (readers: images that passed WeChat's check; consent scans: reviewers, audited).
    files: ['cloudfunctions/src/**/*.ts'],
    ignores: ['cloudfunctions/src/lib/files.ts', 'cloudfunctions/src/adapters/cloud.ts'],
    rules: { 'no-restricted-syntax': ['error', ...tempUrlsOutsideFiles] },
  },
  {
    files: ['cloudfunctions/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinPatterns.map((name) => ({ name, message: 'The domain is pure: no IO.' })),
          patterns: [
            { group: ['wx-server-sdk', '@cloudbase/*'], message: 'The domain is pure: the SDK belongs in adapters/.' },
            { group: ['@tarojs/*', 'react', 'react-dom'], message: 'The domain never imports the client framework.' },
            { group: ['**/adapters/**', '**/functions/**', '**/lib/**'], message: 'Dependencies flow handlers → domain, never back.' },
          ],
        },
      ],
      // The clock is a parameter: reading it (Date.now(), new Date()) is banned; turning a given
      // instant into calendar fields (new Date(ms) with UTC getters) is deterministic and allowed.
      // Flat config replaces a rule per matching block: the cloudfunctions-wide selector is repeated.
      'no-restricted-syntax': [
        'error',
        ...tempUrlsOutsideFiles,
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain takes the clock as a parameter.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain takes the clock as a parameter.' },
        { selector: "CallExpression[callee.name='Date']", message: 'The domain takes the clock as a parameter.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'The domain is deterministic.' }],
    },
  },
  ...clientLayer(['client/src/**/*.{ts,tsx}'], []),
  ...clientLayer(['client/src/features/**/*.{ts,tsx}'], [{ group: ['**/pages/**'], message: 'features sit below pages.' }]),
  {
    files: ['client/src/features/**/*.{ts,tsx}'],
    plugins: { client: { rules: { 'feature-imports': featureImports } } },
    rules: { 'client/feature-imports': 'error' },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/lib/routes.ts', 'client/src/app.config.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/^\\u002F?pages(-[a-z]+)?\\u002F/]', message: pagePathMessage },
        { selector: 'TemplateElement[value.raw=/^\\u002F?pages(-[a-z]+)?\\u002F/]', message: pagePathMessage },
        // Taro's h5 components treat disabled={false} / loading={false} as on: a button that should
        // be live renders greyed out. Pass `x || undefined` (or a literal true) instead.
        {
          selector:
            "JSXAttribute[name.name=/^(disabled|loading)$/] > JSXExpressionContainer > :not(LogicalExpression[operator='||'][right.name='undefined'], Literal[value=true], Identifier[name='undefined'])",
          message: 'Write disabled={x || undefined}: Taro h5 renders disabled={false} as disabled.',
        },
      ],
    },
  },
  {
    // Times show in China time whatever the device's zone (lib/dates.ts, which alone may turn an
    // instant into calendar fields): the local-zone getters and toLocale* read the phone's or the
    // PC's zone, so the same moment would read differently in two places.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/lib/dates.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['getFullYear', 'getYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getTimezoneOffset'].map((property) => ({
          property,
          message: 'Format times with lib/dates.ts (China time); a local-zone getter reads the device’s zone.',
        })),
        ...['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'toDateString', 'toTimeString'].map((property) => ({
          property,
          message: 'Format times with lib/dates.ts (China time); toLocale*/toDateString read the device’s zone.',
        })),
        { object: 'Intl', property: 'DateTimeFormat', message: 'Format times with lib/dates.ts (China time).' },
      ],
    },
  },
  ...clientLayer(
    ['client/src/components/**/*.{ts,tsx}', 'client/src/lib/**/*.{ts,tsx}'],
    [{ group: ['**/features/**', '**/pages/**'], message: 'components and lib sit below features and pages.' }],
  ),
);
