// Public surface of @scalper/protocol: what every thread may share.

export * from './domain/decimal-string.js';
export * from './domain/symbol.js';
export * from './domain/order-enums.js';
export * from './domain/market.js';
export * from './domain/orders.js';
export * from './domain/scaled-decimal.js';
export * from './domain/decimal-steps.js';
export * from './messages/message-map.js';
export * from './messages/result.js';
export * from './messages/market-data-message.js';
export * from './messages/scanner-message.js';
export * from './messages/strategy-message.js';
export * from './messages/execution-message.js';
export * from './messages/control.js';
export * from './messages/journal-event.js';
export * as ringLayout from './tick-ring/layout.js';
export * from './tick-ring/tick-ring.js';
export * from './tick-ring/tick-ring-producer.js';
export * from './tick-ring/tick-ring-consumer.js';
export * from './links/bounded-link.js';
export * from './control/comlink-endpoint.js';
export * from './control/worker-host.js';
export * from './control/topology.js';
export * from './control/worker-links.js';
export * from './control/runtime-clock.js';
export * from './config/engine-config.js';
export * from './metrics/latency-histogram.js';
