// The adapter's two error classes (execution and scanner threads): BybitApiError for an answer from Bybit that
// is not success (HTTP error status or retCode != 0), BybitTransportError when no usable answer arrived at all.
// Across a thread boundary they travel as { code, message } values (see errorValueOf).

import type { ErrorValue } from '@scalper/protocol';

export class BybitApiError extends Error {
  override readonly name = 'BybitApiError';
  readonly kind = 'api';
  readonly httpStatus: number;
  /** Bybit's retCode; null when the HTTP layer failed before a JSON envelope (403 IP ban, 5xx pages). */
  readonly retCode: number | null;
  readonly retMsg: string;
  readonly endpoint: string;
  /** From X-Bapi-Limit-Reset-Timestamp, when the venue sent one. */
  readonly rateLimitResetAtMs: number | null;

  constructor(input: { httpStatus: number; retCode: number | null; retMsg: string; endpoint: string; rateLimitResetAtMs?: number | null }) {
    const code = input.retCode === null ? `HTTP ${input.httpStatus}` : `retCode ${input.retCode}`;
    super(`${input.endpoint}: ${code}: ${input.retMsg}`);
    this.httpStatus = input.httpStatus;
    this.retCode = input.retCode;
    this.retMsg = input.retMsg;
    this.endpoint = input.endpoint;
    this.rateLimitResetAtMs = input.rateLimitResetAtMs ?? null;
  }
}

export type TransportFailure = 'network' | 'timeout' | 'bad-response';

export class BybitTransportError extends Error {
  override readonly name = 'BybitTransportError';
  readonly kind = 'transport';
  readonly failure: TransportFailure;
  readonly endpoint: string;

  constructor(failure: TransportFailure, endpoint: string, detail: string, options?: { cause?: unknown }) {
    super(`${endpoint}: ${failure}: ${detail}`, options);
    this.failure = failure;
    this.endpoint = endpoint;
  }
}

/** Thrown once HTTP 403 (IP ban) was seen: every request is refused locally until the ban window ends. */
export class BybitIpBanError extends Error {
  override readonly name = 'BybitIpBanError';
  readonly kind = 'ip-ban';
  readonly bannedUntilMs: number;

  constructor(endpoint: string, bannedUntilMs: number) {
    super(`${endpoint}: refused locally: Bybit answered HTTP 403 (IP ban); no HTTP traffic until ${new Date(bannedUntilMs).toISOString()}`);
    this.bannedUntilMs = bannedUntilMs;
  }
}

/** Every error the adapter throws, told apart by `kind`: a switch over it must handle each (see retry-policy.ts). */
export type BybitError = BybitApiError | BybitTransportError | BybitIpBanError;

/** The adapter's error, or null for anything else (a bug, which no retry can fix). */
export function asBybitError(error: unknown): BybitError | null {
  return error instanceof BybitApiError || error instanceof BybitTransportError || error instanceof BybitIpBanError ? error : null;
}

/** The form an adapter error takes when it crosses to another thread. */
export function errorValueOf(error: unknown): ErrorValue {
  if (error instanceof BybitApiError) {
    return error.retCode === null
      ? { code: 'VENUE_REJECTED', message: error.message }
      : { code: 'VENUE_REJECTED', message: error.message, retCode: error.retCode };
  }
  if (error instanceof BybitTransportError || error instanceof BybitIpBanError) {
    return { code: 'VENUE_UNAVAILABLE', message: error.message };
  }
  if (error instanceof Error) return { code: 'INTERNAL', message: `${error.name}: ${error.message}` };
  return { code: 'INTERNAL', message: String(error) };
}
