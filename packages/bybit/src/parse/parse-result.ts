// The result of a pure payload parser (any thread): a value, or the reason the payload was refused. Parsers never
// throw on venue data, so one bad item is counted and skipped while the stream goes on.

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function refused<T = never>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}
