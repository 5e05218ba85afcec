// Public surface of @scalper/scanner: the pure scanner core (scoring, switch rule, ScannerCore); the worker entry
// is the separate ./worker export.
export * from './core/scoring.js';
export * from './core/switch-rule.js';
export * from './core/scanner-core.js';
export * from './core/scan-loop.js';
