// Public surface of @scalper/engine (main thread).

export * from './config/config-error.js';
export * from './config/config-table.js';
export * from './config/load-config.js';
export * from './config/option-names.js';
export * from './config/schema.js';
export { runEngine, type RunningEngine, type RunOptions } from './runtime/engine-runner.js';
export { translateVenueFlag } from './cli/venue-flag.js';
export { repositoryConfigDir } from './cli/config-dir.js';
