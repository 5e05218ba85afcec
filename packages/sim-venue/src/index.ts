// Public surface of @scalper/sim-venue: what other packages use. startVenue for the engine, tests and benchmarks;
// the parts a backtest reuses in-process (the venue assembly, REST router, matching, frames, replayed books).

export { startVenue, paperApiKey, paperApiSecret, type RunningVenue, type VenueOptions, type VenueStats } from './venue/start-venue.js';
export type { VenueAccount, VenueAssembly } from './venue/venue-assembly.js';
export { assembleVenue } from './venue/venue-assembly.js';
export { dropArgSeparators } from './venue/script-argv.js';
export { probeClockMs, type VenueProbe } from './venue/venue-probe.js';
export { forEachSymbolRun, maxTradesPerFrame, tickerIntervalMs, TopOfBookCadence } from './venue/feed-cadence.js';
export { publishVenueEvents, type PrivateEventSink } from './venue/private-event-publisher.js';
export { noFaults, type FaultPlan, type InjectedFault } from './server/fault-plan.js';
export { routeRest, type RestRequestIn, type RestResponseOut } from './server/rest-router.js';
export type { PrivateTopicName } from './server/private-ws-hub.js';
export { bookFrameText, instrumentItem, tickerFrameText, TickDirectionTracker, tradeFrameText } from './server/public-frames.js';
export type { BookLevel, BookView, InstrumentSpec, SimTrade, TickerState } from './core/venue-types.js';
export type { MarketSource, MarketStep } from './core/market-source.js';
export { MarketSimulator } from './core/market/market-simulator.js';
export { isMarketProfileName, marketProfileNames, type MarketProfileName } from './core/market/market-profile.js';
export { findInstrument, instrumentCatalog } from './core/market/instrument-catalog.js';
export { resolveInstrumentSpecs, specFromInstrumentItem } from './core/market/instrument-items.js';
export { deriveSeed, SeededRandom } from './core/market/seeded-random.js';
export { scaledIntegerOrNaN } from './core/market/decimal-scale.js';
export { MatchingEngine } from './core/trading/index.js';
export { ReplayBook } from './core/replay/replay-book.js';
export { LatencyModel } from './core/fill-model/latency-model.js';
export { SlippageLevel } from './core/fill-model/slippage-level.js';
export type { FillModelOptions } from './venue/start-venue.js';
