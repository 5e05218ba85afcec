// Options of the Bybit WebSocket client and their validation (market-data and execution threads). Mistakes throw at
// construction with the option path in the message, never later from inside a socket callback.

export interface WsAuthOptions {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** How far ahead the signed `expires` lies; default 10 000 ms. */
  readonly expiresInMs?: number;
  /** The clock `expires` is computed from (ms since the epoch); default Date.now. */
  readonly now?: () => number;
}

export interface WsReconnectOptions {
  /** Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Default 30 000 ms. */
  readonly maxDelayMs?: number;
  /** A connection that stayed open this long resets the backoff when it drops; default 10 000 ms. */
  readonly stableAfterMs?: number;
  /** Jitter source in [0, 1); default Math.random. */
  readonly random?: () => number;
}

export interface BybitWsConnectionOptions {
  /** ws:// or wss://, e.g. wss://stream.bybit.com/v5/public/linear or wss://stream.bybit.com/v5/private. */
  readonly url: string;
  /** Names the connection in errors, state reasons and problems, e.g. "public-linear". */
  readonly name: string;
  /** Application ping period; Bybit recommends 20 s. Default 20 000 ms. */
  readonly pingIntervalMs?: number;
  /** A ping without any pong within this long forces a reconnect. Default 10 000 ms. */
  readonly pongTimeoutMs?: number;
  /** How long a subscribe, unsubscribe or auth request waits for its ack. Default 10 000 ms. */
  readonly ackTimeoutMs?: number;
  /** Opening handshake limit (TCP + TLS + HTTP upgrade). Default 10 000 ms. */
  readonly connectTimeoutMs?: number;
  readonly reconnect?: WsReconnectOptions;
  /** Topics per subscribe request; Bybit spot allows at most 10 args. Default 10. */
  readonly maxTopicsPerRequest?: number;
  /** Present for the private stream: the connection authenticates before anything else, on every (re)connect. */
  readonly auth?: WsAuthOptions;
}

export interface ResolvedWsAuth {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly expiresInMs: number;
  readonly now: () => number;
}

export interface ResolvedWsConnectionOptions {
  readonly url: string;
  readonly name: string;
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
  readonly ackTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly stableAfterMs: number;
  readonly random: () => number;
  readonly maxTopicsPerRequest: number;
  readonly auth: ResolvedWsAuth | null;
}

// setTimeout clamps delays above 2^31 - 1 ms to 1 ms, so a huge value would fire at once instead of never.
const maxTimerMs = 2 ** 31 - 1;

function positiveMs(path: string, value: number | undefined, fallback: number): number {
  const ms = value ?? fallback;
  if (!Number.isFinite(ms) || ms <= 0 || ms > maxTimerMs) {
    throw new Error(`${path} must be a number of ms in (0, ${maxTimerMs}], got ${String(value)}`);
  }
  return ms;
}

function nonEmpty(path: string, value: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${path} must be a non-empty string`);
  return value;
}

export function resolveWsConnectionOptions(options: BybitWsConnectionOptions): ResolvedWsConnectionOptions {
  const name = nonEmpty('ws.name', options.name);
  const at = `ws(${name})`;
  let url: URL;
  try {
    url = new URL(nonEmpty(`${at}.url`, options.url));
  } catch {
    throw new Error(`${at}.url is not a URL: ${options.url}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new Error(`${at}.url must start with ws:// or wss://, got ${options.url}`);
  }
  const maxTopicsPerRequest = options.maxTopicsPerRequest ?? 10;
  if (!Number.isSafeInteger(maxTopicsPerRequest) || maxTopicsPerRequest < 1) {
    throw new Error(`${at}.maxTopicsPerRequest must be a positive integer, got ${String(options.maxTopicsPerRequest)}`);
  }
  const reconnect = options.reconnect ?? {};
  const baseDelayMs = positiveMs(`${at}.reconnect.baseDelayMs`, reconnect.baseDelayMs, 500);
  const maxDelayMs = positiveMs(`${at}.reconnect.maxDelayMs`, reconnect.maxDelayMs, 30_000);
  if (maxDelayMs < baseDelayMs) {
    throw new Error(`${at}.reconnect.maxDelayMs (${maxDelayMs}) is below reconnect.baseDelayMs (${baseDelayMs})`);
  }
  const auth = options.auth;
  return {
    url: options.url,
    name,
    pingIntervalMs: positiveMs(`${at}.pingIntervalMs`, options.pingIntervalMs, 20_000),
    pongTimeoutMs: positiveMs(`${at}.pongTimeoutMs`, options.pongTimeoutMs, 10_000),
    ackTimeoutMs: positiveMs(`${at}.ackTimeoutMs`, options.ackTimeoutMs, 10_000),
    connectTimeoutMs: positiveMs(`${at}.connectTimeoutMs`, options.connectTimeoutMs, 10_000),
    baseDelayMs,
    maxDelayMs,
    stableAfterMs: positiveMs(`${at}.reconnect.stableAfterMs`, reconnect.stableAfterMs, 10_000),
    random: reconnect.random ?? Math.random,
    maxTopicsPerRequest,
    auth:
      auth === undefined
        ? null
        : {
            apiKey: nonEmpty(`${at}.auth.apiKey`, auth.apiKey),
            apiSecret: nonEmpty(`${at}.auth.apiSecret`, auth.apiSecret),
            expiresInMs: positiveMs(`${at}.auth.expiresInMs`, auth.expiresInMs, 10_000),
            now: auth.now ?? Date.now,
          },
  };
}
