/**
 * Every jest suite of the project, as projects:
 * - node:   domain (pure), emulator, functions through the real wx-server-sdk against the emulator
 * - client: React components and pages in jsdom (Testing Library) — see test/client
 * - native: native weapp custom components under miniprogram-simulate — see test/native
 */
const transform = require('./test/jest-transform');

module.exports = {
  testTimeout: 30000,
  // One worker per core, not jest's default of one fewer: a suite spends much of its time waiting
  // on its local cloud's function instances, so on a 2-core CI machine two workers nearly halve
  // the run (measured: 105 s → 57 s for the publish, admin-trust and seed suites).
  maxWorkers: '100%',
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/{domain,functions,emulator,tooling,deploy,import}/**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/test/functions/global-build.js',
      globalTeardown: '<rootDir>/test/functions/global-build-teardown.js',
      moduleNameMapper: { '^@contract$': '<rootDir>/types/index.ts' },
    },
    // client and native projects: owned by the client work (test/client/jest.project.js, test/native/jest.project.js)
    ...['client', 'native']
      .map((p) => `${__dirname}/test/${p}/jest.project.js`)
      .filter((f) => require('fs').existsSync(f))
      .map((f) => require(f)),
  ],
};
