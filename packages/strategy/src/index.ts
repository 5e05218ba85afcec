// Public surface of @scalper/strategy: the pure decision core (the worker entry is ./worker).

export * from './core/book-state.js';
export * from './core/scaled-integer.js';
export * from './core/entry-readiness.js';
export * from './core/entry-rules.js';
export * from './core/momentum.js';
export * from './core/order-link-ids.js';
export * from './core/position-tracker.js';
export * from './core/routing.js';
export * from './core/sizing.js';
export * from './core/stops.js';
export * from './core/strategy-core.js';
export * from './core/strategy-params.js';
export * from './core/strategy-stats.js';
export * from './core/strategy-status.js';
export * from './core/symbol-context.js';
export * from './core/tick-window.js';
export * from './core/warm-up.js';
export * from './core/tick-path-rehearsal.js';
export * from './core/decision-trigger.js';
export * from './core/decision-record.js';
export * from './core/strategy-runner.js';
