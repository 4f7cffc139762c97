/**
 * Jest project for the Taro client: React components and pages in jsdom with Testing
 * Library. @tarojs/components and @tarojs/taro are replaced by small faithful stand-ins
 * (support/), and platform files resolve as the h5 build resolves them.
 */
const path = require('path');

const rootDir = path.resolve(__dirname, '..', '..');

module.exports = {
  displayName: 'client',
  rootDir,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/client/**/*.test.{ts,tsx}'],
  transform: require('../jest-transform'),
  resolver: '<rootDir>/test/client/support/h5-resolver.js',
  // Build outputs hold copies of package.json files that confuse jest's module map.
  modulePathIgnorePatterns: ['<rootDir>/cloudfunctions/dist', '<rootDir>/client/dist', '<rootDir>/client/dist-h5'],
  moduleNameMapper: {
    '^@contract$': '<rootDir>/types/index.ts',
    '^@tarojs/components$': '<rootDir>/test/client/support/taro-components.tsx',
    '^@tarojs/taro$': '<rootDir>/test/client/support/taro-fake.ts',
    '\\.(scss|css)$': '<rootDir>/test/client/support/style-stub.js',
  },
  setupFiles: ['<rootDir>/test/client/support/env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/client/support/setup-after-env.ts'],
};
