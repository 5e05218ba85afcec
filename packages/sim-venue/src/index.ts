// Public surface of @scalper/sim-venue: start the venue in-process, or reuse its cores (backtests).

export * from './venue/start-venue.js';
export * from './venue/venue-cli-args.js';
export * from './server/fault-plan.js';
export { tradingKeyPermissions, type ApiKeySpec, type KeyPermissions } from './server/api-keys.js';
export * from './core/venue-types.js';
export * from './core/market/market-simulator.js';
export * from './core/market/instrument-catalog.js';
export * from './core/trading/index.js';
export * from './core/market-source.js';
export * from './core/replay/replay-file.js';
export * from './core/replay/replay-market.js';
export * from './venue/venue-probe.js';
export * from './core/market/seeded-random.js';
