// Jest runs the compiled tests in dist/ (tsc -b builds them), so tests and workers run the same JS as production.
/** @type {import('jest').Config} */
export default {
  displayName: 'journal',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/dist/**/*.test.js'],
  transform: {},
};
