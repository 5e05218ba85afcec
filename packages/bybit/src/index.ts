// Public surface of @scalper/bybit: the only package that knows Bybit's wire format.

export * from './sign/signing.js';
export * from './parse/ws-frame.js';
export * from './parse/classify-ws-frame.js';
