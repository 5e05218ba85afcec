// Public surface of @scalper/execution: the execution core the worker wires to its ports and the private stream.

export * from './core/execution-core.js';
export * from './core/execution-environment.js';
export * from './core/execution-counters.js';
export * from './core/execution-feedback.js';
export * from './core/retry-schedule.js';
export * from './core/order-validation.js';
export * from './core/order-lookup.js';
export * from './core/order-placer.js';
export * from './core/order-tracker.js';
export * from './core/position-closer.js';
export * from './core/reconciler.js';
export * from './core/instrument-cache.js';
export * from './core/retrying-reads.js';
export * from './core/warm-up.js';
export * from './core/key-permissions.js';
export * from './core/symbol-setups.js';
export * from './core/trade-records.js';
export * from './core/trade-ledger.js';
export * from './core/session-trades.js';
export * from './core/execution-service.js';
export { EntryWireWatch } from './core/entry-wire-watch.js';
export * from './core/execution-metrics.js';
export * from './core/journal-resume.js';
export { haltEndsAtMs } from './core/risk-gate.js';
export * from './core/venue-clock-notice.js';
export * from './core/order-entry.js';
