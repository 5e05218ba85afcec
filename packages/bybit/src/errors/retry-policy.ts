// Which failures are worth another try, and how long to wait (execution and scanner threads). Checked against
// Bybit's v5 error table: 10000 server timeout, 10006 per-UID rate limit, 10016 server error or service
// restarting, 10018 per-IP rate limit, 10429/HTTP 429 system frequency protection, and on the WebSocket trade API
// 10403 (per-IP request limit) and 10019 (trade service restarting, request not taken) are transient; parameter,
// auth, permission, balance and order-state errors (10001, 10003, 10004, 10005, 110007, 110017, 110072, ...) are
// not: repeating them cannot succeed and, for orders, could only do harm.

import { asBybitError, BybitApiError } from './bybit-errors.js';

const retCodeTimestampOutsideWindow = 10002;
const retCodeRateLimited = 10006;
const retCodeIpRateLimited = 10018;
export const retCodeLeverageNotModified = 110043;
export const retCodePositionModeNotModified = 110025;
export const retCodeDuplicateOrderLinkId = 110072;
/**
 * WebSocket trade API: "ws trade service is restarting, do not accept new request, but the request in the process
 * is not affected. You can build new connection": the request was not taken, so sending it over REST is safe.
 */
export const retCodeTradeServiceRestarting = 10019;
/** WebSocket trade API: more than 3,000 requests a second from this IP. */
const retCodeTradeIpRateLimited = 10403;

const transientRetCodes: ReadonlySet<number> = new Set([
  10000,
  retCodeRateLimited,
  10016,
  retCodeIpRateLimited,
  10429,
  retCodeTradeIpRateLimited,
  retCodeTradeServiceRestarting,
]);
const rateLimitRetCodes: ReadonlySet<number> = new Set([retCodeRateLimited, retCodeIpRateLimited, 10429, retCodeTradeIpRateLimited]);

/** The venue said it did not take the request (it was not processed): nothing can have landed. */
export function wasNotTaken(error: unknown): boolean {
  return error instanceof BybitApiError && (error.retCode === retCodeTradeServiceRestarting || isRateLimitError(error));
}

/**
 * Exhaustive over the adapter's error kinds: a new kind does not compile until it is classified here, so it can
 * never be "not retryable" by accident. Anything that is not an adapter error is a bug: never retried.
 */
export function isRetryable(error: unknown): boolean {
  const failure = asBybitError(error);
  if (failure === null) return false;
  switch (failure.kind) {
    case 'transport':
      return true;
    case 'ip-ban':
      return false;
    case 'api':
      if (failure.retCode !== null) return transientRetCodes.has(failure.retCode);
      return failure.httpStatus >= 500 || failure.httpStatus === 429;
    default:
      return unclassified(failure);
  }
}

function unclassified(failure: never): never {
  throw new Error(`retry policy: unclassified adapter error ${String((failure as Error).name)}`);
}

export function isRateLimitError(error: unknown): boolean {
  return (
    error instanceof BybitApiError &&
    ((error.retCode !== null && rateLimitRetCodes.has(error.retCode)) || (error.retCode === null && error.httpStatus === 429))
  );
}

/** 10002: our clock and Bybit's disagree by more than recvWindow; resync from /v5/market/time, then retry once. */
export function isClockSkewError(error: unknown): boolean {
  return error instanceof BybitApiError && error.retCode === retCodeTimestampOutsideWindow;
}

export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Delay before retry number `attempt` (1-based): base × 2^(attempt-1), capped, with "equal jitter" (half fixed,
 * half random) so a burst of clients does not retry in lockstep yet every wait still grows. A rate-limit answer
 * waits at least until the venue's reset time when it gave one; when it did not (the header is sometimes
 * missing), the exponential delay alone still applies.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, error: unknown, nowMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  if (error instanceof BybitApiError && error.rateLimitResetAtMs !== null) {
    return Math.max(jittered, error.rateLimitResetAtMs - nowMs);
  }
  return jittered;
}
