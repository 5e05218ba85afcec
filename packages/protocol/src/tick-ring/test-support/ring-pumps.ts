// The ring and postMessage pumps between two real threads (benchmarks and tests): `@scalper/protocol/ring-pumps`,
// so `pnpm bench` races the two transports through the package rather than through its dist/ paths.

export { runRingPump } from './run-ring-pump.js';
export { runPostMessagePump } from './run-post-message-pump.js';
