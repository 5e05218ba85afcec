// Errors as values across ports (any thread): comlink and structured clone drop custom error fields, so a failure
// crosses a thread as `{ ok: false, error: { code, message } }` and becomes a class again only inside a thread.

const errorCodes = ['CONFIG_INVALID', 'NOT_STARTED', 'ALREADY_STOPPED', 'VENUE_REJECTED', 'VENUE_UNAVAILABLE', 'RISK_DENIED', 'INTERNAL'] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorValue {
  readonly code: ErrorCode;
  readonly message: string;
  /** The venue's retCode, when the venue refused (journaled with the order's status). */
  readonly retCode?: number;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorValue };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Converts anything caught into an error value without losing the message. */
export function errorValueFrom(cause: unknown, code: ErrorCode = 'INTERNAL'): ErrorValue {
  if (cause instanceof Error) return { code, message: `${cause.name}: ${cause.message}` };
  return { code, message: String(cause) };
}
