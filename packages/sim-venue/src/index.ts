// Public surface of @scalper/sim-venue: start the venue in-process, or reuse its cores (backtests).

export * from './venue/start-venue.js';
export * from './venue/venue-cli-args.js';
export { dropArgSeparators } from './venue/script-argv.js';
export * from './server/fault-plan.js';
export { tradingKeyPermissions, type ApiKeySpec, type KeyPermissions } from './server/api-keys.js';
export * from './core/venue-types.js';
export * from './core/market/market-simulator.js';
export { marketProfileNames, isMarketProfileName, type MarketProfileName } from './core/market/market-profile.js';
export { measureMarket, type MarketStatistics, type MarketStatisticsOptions } from './core/market/market-statistics.js';
export * from './core/market/instrument-catalog.js';
export * from './core/trading/index.js';
export * from './core/market-source.js';
export * from './core/replay/replay-market.js';
export { specFromInstrumentItem, resolveInstrumentSpecs } from './core/market/instrument-items.js';
export * from './venue/venue-probe.js';
export * from './core/market/seeded-random.js';
export { bookFrameText, bookSnapshotText, tickerFrameText, tradeFrameText, instrumentItem, TickDirectionTracker } from './server/public-frames.js';
export { routeRest, type RestRequestIn, type RestResponseOut } from './server/rest-router.js';
export { assembleVenue, type VenueAccount, type VenueAssembly } from './venue/venue-assembly.js';
export { publishVenueEvents, type PrivateEventSink } from './venue/private-event-publisher.js';
export { noFaults } from './server/fault-plan.js';
export type { PrivateTopicName } from './server/private-ws-hub.js';
export { ReplayBook } from './core/replay/replay-book.js';
export { scaledIntegerOrNaN, scaledToText } from './core/market/decimal-scale.js';
export * from './venue/feed-cadence.js';
