// How often and how long the execution core retries (execution thread): exponential backoff without jitter
// (2, 4, 8 s by default, as the original design fixes it), and which failures may have left an order behind.

import { BybitApiError, BybitTransportError, errorValueOf, isRetryable, retryDelayMs, wasNotTaken } from '@scalper/bybit';
import type { ErrorValue } from '@scalper/protocol';

export interface RetryOptions {
  /** Retries after the first attempt; default 3. */
  readonly maxRetries: number;
  /** The first delay; each later one doubles it. Default 2000 ms. */
  readonly baseDelayMs: number;
  /** The ceiling of one delay; default 30 000 ms. */
  readonly maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxRetries: 3, baseDelayMs: 2_000, maxDelayMs: 30_000 };

/** Fills in defaults and refuses nonsense at construction, naming the option path as configuration errors must. */
export function resolveRetryOptions(options: Partial<RetryOptions> = {}, path = 'execution.retry'): RetryOptions {
  const resolved = { ...defaultRetryOptions, ...options };
  for (const key of ['maxRetries', 'baseDelayMs', 'maxDelayMs'] as const) {
    const value = resolved[key];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${path}.${key} must be a whole number >= 0, got ${JSON.stringify(value)}`);
    }
  }
  if (resolved.maxDelayMs < resolved.baseDelayMs) {
    throw new RangeError(`${path}.maxDelayMs (${resolved.maxDelayMs}) is below ${path}.baseDelayMs (${resolved.baseDelayMs})`);
  }
  return resolved;
}

/**
 * The wait before retry number `retry` (1-based): base x 2^(retry-1), capped. The adapter's retryDelayMs is used
 * with its jitter pinned to the full delay, so a rate-limit answer still waits until the venue's reset time.
 */
export function backoffDelayMs(options: RetryOptions, retry: number, error: unknown, nowMs: number): number {
  return Math.ceil(retryDelayMs(retry, options, error, nowMs, () => 1));
}

/**
 * Whether a failed create may still have reached the matching engine. A lost or unreadable answer, a 5xx and
 * Bybit's server errors (10000, 10016) may hide an order that landed; a rate-limit refusal is decided before the
 * order is looked at, so nothing can be behind it.
 */
export function mayHaveLanded(error: unknown): boolean {
  if (error instanceof BybitTransportError) return true;
  if (error instanceof BybitApiError) return !wasNotTaken(error);
  return false;
}

/**
 * The value a venue failure crosses the port as. The adapter calls every answer from Bybit VENUE_REJECTED; a
 * failure that retries could not get past (5xx, rate limit, no answer) is VENUE_UNAVAILABLE to the engine.
 */
export function venueErrorValue(error: unknown): ErrorValue {
  const value = errorValueOf(error);
  return isRetryable(error) ? { code: 'VENUE_UNAVAILABLE', message: value.message } : value;
}
