// The reconnect delay of the Bybit WebSocket client (market-data and execution threads): exponential backoff with
// full jitter, so a fleet of clients dropped by one venue restart does not reconnect in lock-step.

/**
 * A delay in whole ms drawn uniformly from [0, min(maxDelayMs, baseDelayMs * 2^attempt)).
 * `attempt` counts failures since the last stable connection, from 0; `random` returns values in [0, 1).
 */
export function reconnectDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  // 2 ** attempt overflows to Infinity after ~1024 attempts; Math.min keeps the ceiling at maxDelayMs then.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
