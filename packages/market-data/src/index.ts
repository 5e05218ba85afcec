// Public surface of @scalper/market-data: the pure market-data core (hot-swap plan, trades into the ring, book tops,
// feed health, instrument scale, MarketDataCore); the worker entry is the separate ./worker export.
export * from './core/subscription-plan.js';
export * from './core/trade-to-ring.js';
export * from './core/book-top-tracker.js';
export * from './core/feed-health.js';
export * from './core/instrument-scale.js';
export * from './core/market-data-core.js';
export * from './core/market-data-runtime.js';
