/**
 * Jest project for native weapp custom components (client/src/native), run under
 * miniprogram-simulate in jsdom. Its default compiler runs WeChat's own wcc on the WXML.
 */
const path = require('path');

const rootDir = path.resolve(__dirname, '..', '..');

module.exports = {
  displayName: 'native',
  rootDir,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/native/**/*.test.ts'],
  transform: require('../jest-transform'),
  // Build outputs hold copies of package.json files that confuse jest's module map.
  modulePathIgnorePatterns: ['<rootDir>/cloudfunctions/dist', '<rootDir>/client/dist', '<rootDir>/client/dist-h5'],
  moduleNameMapper: {
    '^@contract$': '<rootDir>/types/index.ts',
  },
};
