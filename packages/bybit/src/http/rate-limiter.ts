// Per-endpoint rate limiting from Bybit's own headers (execution and scanner threads): X-Bapi-Limit-Status says
// how many requests remain in the window and X-Bapi-Limit-Reset-Timestamp when it resets. When nothing remains,
// or after a 10006 answer, requests to that endpoint wait instead of hammering the venue.

export interface RateLimitHeaders {
  readonly remaining: number | null;
  readonly resetAtMs: number | null;
}

/** Digits read as a safe integer; null otherwise, including long digit runs that Number would round or make Infinity. */
function headerInteger(value: string | null): number | null {
  const number = value !== null && /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(number) ? number : null;
}

export function readRateLimitHeaders(headers: { get(name: string): string | null }): RateLimitHeaders {
  return {
    remaining: headerInteger(headers.get('x-bapi-limit-status')),
    resetAtMs: headerInteger(headers.get('x-bapi-limit-reset-timestamp')),
  };
}

export class RateLimiter {
  /** endpoint -> time before which no request to it is sent */
  private readonly blockedUntil = new Map<string, number>();
  private waits = 0;

  /** How long a request to `endpoint` must wait now; 0 when it may go. */
  /** How long a request to `endpoint` would wait now, without counting a wait (a caller deciding whether to send). */
  peekDelayMs(endpoint: string, nowMs: number): number {
    const until = this.blockedUntil.get(endpoint);
    return until === undefined || until <= nowMs ? 0 : until - nowMs;
  }

  delayMs(endpoint: string, nowMs: number): number {
    const until = this.blockedUntil.get(endpoint);
    if (until === undefined) return 0;
    if (until <= nowMs) {
      this.blockedUntil.delete(endpoint);
      return 0;
    }
    this.waits++;
    return until - nowMs;
  }

  /** After every answer: with nothing left in the window, hold the endpoint until the venue's reset time. */
  record(endpoint: string, headers: RateLimitHeaders): void {
    if (headers.remaining === 0 && headers.resetAtMs !== null) this.block(endpoint, headers.resetAtMs);
  }

  /** After a rate-limit error: hold the endpoint until `untilMs` (the reset header, or our own back-off). */
  block(endpoint: string, untilMs: number): void {
    const current = this.blockedUntil.get(endpoint) ?? 0;
    if (untilMs > current) this.blockedUntil.set(endpoint, untilMs);
  }

  /** Requests that had to wait, for stats. */
  get waitCount(): number {
    return this.waits;
  }
}
