// Signed HTTP for Bybit v5 (execution and scanner threads): one place that builds query strings and bodies, signs
// the exact bytes sent, unwraps the retCode envelope into values or typed errors, honours rate limits, keeps the
// clock offset from /v5/market/time, retries what is transient and stops all traffic after an HTTP 403 IP ban.

import { signedHeaders } from '../sign/signing.js';
import { BybitApiError, BybitIpBanError, BybitTransportError } from '../errors/bybit-errors.js';
import { isClockSkewError, isRateLimitError, isRetryable, retryDelayMs, type BackoffPolicy } from '../errors/retry-policy.js';
import { createHttpSend, type HttpAnswer, type HttpSend } from './http-send.js';
import { RateLimiter, readRateLimitHeaders } from './rate-limiter.js';

export interface Credentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface RestTransportOptions {
  /** https://api.bybit.com, https://api-testnet.bybit.com, or the embedded venue's http://127.0.0.1:port */
  readonly baseUrl: string;
  readonly credentials?: Credentials;
  readonly recvWindowMs?: number;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly backoff?: BackoffPolicy;
  /** Bybit asks for at least 10 minutes without any HTTP request after a 403. */
  readonly ipBanMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** The HTTP call; default createHttpSend() (undici, keep-alive). Tests wrap it to watch or lose answers. */
  readonly http?: HttpSend;
  /** Called once when an IP ban starts, so the engine can stop trading loudly. */
  readonly onIpBan?: (bannedUntilMs: number, endpoint: string) => void;
  readonly onRetry?: (endpoint: string, attempt: number, delayMs: number, error: unknown) => void;
  /** The rate limiter to obey and feed; one shared with the WebSocket trade client, since both spend one budget. */
  readonly limiter?: RateLimiter;
}

/** A value the venue gave us already URL-encoded (nextPageCursor): sent back verbatim, not encoded twice. */
export class PreEncoded {
  constructor(readonly text: string) {}
}

export type QueryValue = string | number | boolean | undefined | PreEncoded;

export interface RestRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: Readonly<Record<string, unknown>>;
  readonly signed: boolean;
  /** Asked before a resend after the 10002 resync (an order whose moment may have passed meanwhile). */
  readonly stillWanted?: () => boolean;
}

export interface RestResponse<T> {
  readonly result: T;
  readonly timeMs: number | null;
}

/** Query string in the caller's key order, undefined values left out; signed exactly as sent. */
export function buildQueryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = value instanceof PreEncoded ? value.text : encodeURIComponent(String(value));
    parts.push(`${encodeURIComponent(key)}=${text}`);
  }
  return parts.join('&');
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class BybitRestTransport {
  private readonly limiter: RateLimiter;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly http: HttpSend;
  private clockOffsetMs = 0;
  private bannedUntilMs = 0;
  private requests = 0;
  private retries = 0;

  constructor(private readonly options: RestTransportOptions) {
    this.now = options.now ?? Date.now;
    this.limiter = options.limiter ?? new RateLimiter();
    this.sleep = options.sleep ?? defaultSleep;
    this.http = options.http ?? createHttpSend();
  }

  /** Venue time minus local time, in ms; added to every signed timestamp. */
  get clockOffset(): number {
    return this.clockOffsetMs;
  }

  stats(): Readonly<Record<string, number>> {
    return { requests: this.requests, retries: this.retries, rateLimitWaits: this.limiter.waitCount, clockOffsetMs: this.clockOffsetMs };
  }

  /** Measures the offset from /v5/market/time, assuming the answer was made halfway through the round trip. */
  async syncClock(): Promise<number> {
    const sentAt = this.now();
    const { result } = await this.send<{ timeNano?: unknown; timeSecond?: unknown }>({ method: 'GET', path: '/v5/market/time', signed: false });
    const receivedAt = this.now();
    const nano = typeof result.timeNano === 'string' && /^\d+$/.test(result.timeNano) ? result.timeNano : null;
    // Nanoseconds to milliseconds by dropping six digits; a long digit run would give a rounded number or Infinity.
    const serverMs = nano === null ? Number.NaN : Number(nano.slice(0, -6));
    if (!Number.isSafeInteger(serverMs) || serverMs <= 0) {
      throw new BybitTransportError('bad-response', '/v5/market/time', 'no timeNano in the answer');
    }
    this.clockOffsetMs = Math.round(serverMs - (sentAt + receivedAt) / 2);
    return this.clockOffsetMs;
  }

  /** Sends with retries: transient failures back off and retry; 10002 resyncs the clock and retries once. */
  async request<T>(request: RestRequest): Promise<RestResponse<T>> {
    const maxRetries = this.options.maxRetries ?? 3;
    const backoff = this.options.backoff ?? { baseDelayMs: 500, maxDelayMs: 8_000 };
    let resynced = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<T>(request);
      } catch (error) {
        if (isClockSkewError(error) && !resynced) {
          resynced = true;
          await this.syncClock();
          if (request.stillWanted?.() === false) throw error;
          continue;
        }
        if (!isRetryable(error) || attempt > maxRetries) throw error;
        const delay = retryDelayMs(attempt, backoff, error, this.now());
        if (isRateLimitError(error)) this.limiter.block(request.path, this.now() + delay);
        this.retries++;
        this.options.onRetry?.(request.path, attempt, delay, error);
        await this.sleep(delay);
      }
    }
  }

  /** How long a request to `path` sent now would wait for the rate limiter before it leaves. */
  holdMs(path: string): number {
    return this.limiter.peekDelayMs(path, this.now());
  }

  /** One attempt: no retries. */
  async send<T>(request: RestRequest): Promise<RestResponse<T>> {
    const endpoint = request.path;
    if (this.now() < this.bannedUntilMs) throw new BybitIpBanError(endpoint, this.bannedUntilMs);
    const wait = this.limiter.delayMs(endpoint, this.now());
    if (wait > 0) await this.sleep(wait);

    const queryString = request.method === 'GET' ? buildQueryString(request.query) : '';
    const bodyText = request.method === 'POST' ? JSON.stringify(request.body ?? {}) : undefined;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (request.signed) {
      const credentials = this.options.credentials;
      if (credentials === undefined) throw new Error(`${endpoint}: a signed request needs credentials`);
      Object.assign(
        headers,
        signedHeaders({
          apiKey: credentials.apiKey,
          apiSecret: credentials.apiSecret,
          timestamp: this.now() + this.clockOffsetMs,
          recvWindow: this.options.recvWindowMs ?? 5_000,
          payload: request.method === 'GET' ? queryString : (bodyText as string),
        }),
      );
    }
    const url = `${this.options.baseUrl.replace(/\/$/, '')}${endpoint}${queryString === '' ? '' : `?${queryString}`}`;
    this.requests++;
    let answer: HttpAnswer;
    try {
      answer = await this.http({
        method: request.method,
        url,
        headers,
        timeoutMs: this.options.timeoutMs ?? 5_000,
        ...(bodyText === undefined ? {} : { body: bodyText }),
      });
    } catch (cause) {
      // Duck-typed: an error may come from another realm, where instanceof Error is false.
      const { name, message } = (typeof cause === 'object' && cause !== null ? cause : {}) as { name?: unknown; message?: unknown };
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new BybitTransportError(timedOut ? 'timeout' : 'network', endpoint, typeof message === 'string' ? message : String(cause), { cause });
    }
    return this.unwrap<T>(endpoint, answer);
  }

  private unwrap<T>(endpoint: string, response: HttpAnswer): RestResponse<T> {
    const text = response.text;
    const limits = readRateLimitHeaders(response.headers);
    this.limiter.record(endpoint, limits);
    if (response.status === 403) {
      this.bannedUntilMs = this.now() + (this.options.ipBanMs ?? 10 * 60_000);
      this.options.onIpBan?.(this.bannedUntilMs, endpoint);
      throw new BybitIpBanError(endpoint, this.bannedUntilMs);
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      if (response.status >= 400) {
        throw new BybitApiError({ httpStatus: response.status, retCode: null, retMsg: text.slice(0, 200), endpoint });
      }
      throw new BybitTransportError('bad-response', endpoint, `HTTP ${response.status} body is not JSON: ${text.slice(0, 100)}`);
    }
    const body = (typeof envelope === 'object' && envelope !== null ? envelope : {}) as Record<string, unknown>;
    const retCode = body['retCode'];
    const retMsg = typeof body['retMsg'] === 'string' ? body['retMsg'] : '';
    if (typeof retCode !== 'number') {
      if (response.status >= 400) {
        throw new BybitApiError({ httpStatus: response.status, retCode: null, retMsg: text.slice(0, 200), endpoint });
      }
      throw new BybitTransportError('bad-response', endpoint, 'answer has no numeric retCode');
    }
    if (retCode !== 0 || response.status >= 400) {
      throw new BybitApiError({ httpStatus: response.status, retCode, retMsg, endpoint, rateLimitResetAtMs: limits.resetAtMs });
    }
    // Every v5 success carries a result object, {} at least; callers read fields off it without checking again.
    const result = body['result'];
    if (typeof result !== 'object' || result === null || Array.isArray(result)) {
      throw new BybitTransportError('bad-response', endpoint, 'answer has no result object');
    }
    const time = body['time'];
    return { result: result as T, timeMs: Number.isSafeInteger(time) ? (time as number) : null };
  }
}
