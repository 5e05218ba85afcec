// Calls that a passing venue failure (a 503, a 10006, a dropped connection) must not fail (any thread): a worker
// restarted during a venue hiccup that gave up on one 503 would stop the engine with a position open, or leave it
// without market data. Tried again with a growing pause; a refusal that is not transient fails at once.

import { isRetryable } from './retry-policy.js';

export interface TransientRetries {
  /** Tries in all; default 1. Only transient failures (timeouts, 5xx, 10006, ...) are tried again. */
  readonly attempts?: number;
  /** Wait before try n + 1 is n times this; default 500 ms. */
  readonly delayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export async function retryTransient<T>(call: () => Promise<T>, retries: TransientRetries = {}): Promise<T> {
  const attempts = Math.max(1, retries.attempts ?? 1);
  const sleep = retries.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      await sleep((retries.delayMs ?? 500) * attempt);
    }
  }
}
