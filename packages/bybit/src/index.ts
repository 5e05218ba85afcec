// Public surface of @scalper/bybit: the only package that knows Bybit's wire format.

export * from './sign/signing.js';
export * from './parse/ws-frame.js';
export * from './parse/classify-ws-frame.js';
export * from './parse/parse-result.js';
export * from './parse/trade-parser.js';
export * from './parse/order-parsers.js';
export * from './parse/position-parser.js';
export * from './parse/wallet-parser.js';
export * from './parse/ticker-parser.js';
export * from './errors/bybit-errors.js';
export * from './errors/retry-policy.js';
export * from './http/rate-limiter.js';
export * from './http/rest-transport.js';
export * from './http/bybit-rest-client.js';
export * from './account/account-setup.js';
export * from './book/book-outcome.js';
export * from './book/l2-order-book.js';
export * from './instruments/instrument-rules.js';
export * from './instruments/order-rounding.js';
export * from './instruments/order-checks.js';
export * from './ws/ws-connection.js';
export * from './ws/ws-connection-types.js';
export * from './ws/ws-connection-options.js';
export * from './ws/ws-errors.js';
export * from './ws/ws-problem.js';
export * from './ws/backoff.js';
