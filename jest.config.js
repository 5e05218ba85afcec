// Runs every package's Jest project from the root; each package also runs alone with `pnpm --filter <pkg> test`.
/** @type {import('jest').Config} */
export default {
  projects: ['<rootDir>/packages/*/jest.config.js'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
