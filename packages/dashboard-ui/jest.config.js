// Jest runs the compiled tests in dist/ (tsc -b builds them): the page's pure view logic, in Node (the page itself
// is tested end to end in headless Chromium by the engine's dashboard test).
/** @type {import('jest').Config} */
export default {
  displayName: 'dashboard-ui',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/dist/**/*.test.js'],
  transform: {},
};
