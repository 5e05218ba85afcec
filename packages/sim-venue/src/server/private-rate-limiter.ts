// Bybit-style per-key, per-endpoint rate limits for private REST (venue thread): every private answer carries
// X-Bapi-Limit, X-Bapi-Limit-Status and X-Bapi-Limit-Reset-Timestamp, and a request past the limit gets 10006.

export interface RateLimitVerdict {
  readonly allowed: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

interface Window {
  startMs: number;
  used: number;
}

export class PrivateRateLimiter {
  private readonly windows = new Map<string, Window>();

  /** `limitPerSecond` requests per rolling one-second window per key and endpoint (Bybit counts per UID). */
  constructor(private readonly limitPerSecond: (endpoint: string) => number) {}

  check(apiKey: string, endpoint: string, nowMs: number): RateLimitVerdict {
    const limit = this.limitPerSecond(endpoint);
    const id = `${apiKey} ${endpoint}`;
    let window = this.windows.get(id);
    if (window === undefined || nowMs - window.startMs >= 1_000) {
      window = { startMs: nowMs, used: 0 };
      this.windows.set(id, window);
    }
    const allowed = window.used < limit;
    if (allowed) window.used++;
    const remaining = Math.max(0, limit - window.used);
    // Bybit sends the reset time when the limit is exhausted, and the current time otherwise.
    const reset = remaining === 0 ? window.startMs + 1_000 : nowMs;
    return {
      allowed,
      headers: {
        'X-Bapi-Limit': String(limit),
        'X-Bapi-Limit-Status': String(remaining),
        'X-Bapi-Limit-Reset-Timestamp': String(reset),
      },
    };
  }
}

/** Bybit's published defaults for linear per UID: orders 10/s, queries higher. */
export function defaultEndpointLimit(endpoint: string): number {
  if (endpoint.startsWith('/v5/order/create') || endpoint.startsWith('/v5/order/cancel')) return 10;
  if (endpoint.startsWith('/v5/position/set-leverage') || endpoint.startsWith('/v5/position/switch-mode')) return 10;
  return 50;
}
