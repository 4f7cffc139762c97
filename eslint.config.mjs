// Lint for the whole repo. Besides the usual TypeScript rules, it enforces the one-way
// dependency flow of DESIGN.md §5: domain imports only the contract; client layers go
// pages → features → lib/components, never backwards.
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
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain takes the clock as a parameter.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain takes the clock as a parameter.' },
        { selector: "CallExpression[callee.name='Date']", message: 'The domain takes the clock as a parameter.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'The domain is deterministic.' }],
    },
  },
  ...clientLayer(['client/src/**/*.{ts,tsx}'], []),
  ...clientLayer(['client/src/features/**/*.{ts,tsx}'], [{ group: ['**/pages/**'], message: 'features sit below pages.' }]),
  ...clientLayer(
    ['client/src/components/**/*.{ts,tsx}', 'client/src/lib/**/*.{ts,tsx}'],
    [{ group: ['**/features/**', '**/pages/**'], message: 'components and lib sit below features and pages.' }],
  ),
);
