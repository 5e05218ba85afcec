// One page of a private history list as Bybit pages it (venue thread): GET /v5/execution/list and
// /v5/position/closed-pnl take startTime/endTime within 7 days of each other (the last 7 days when neither is
// given), 1-100 items a page newest first, and a nextPageCursor that resumes after the page's last item.

import type { VenueRefusal } from '../server/envelope.js';
import type { QueryParams } from '../server/venue-api.js';

export const historyWindowMs = 7 * 86_400_000;
const maxLimit = 100;
const defaultLimit = 50;

export interface HistoryPage<T> {
  readonly list: readonly T[];
  readonly nextPageCursor: string;
}

function paramError(message: string): VenueRefusal {
  return { retCode: 10001, retMsg: `params error: ${message}` };
}

function timeParam(query: QueryParams, name: string): number | null | VenueRefusal {
  const text = query[name];
  if (text === undefined || text === '') return null;
  if (!/^\d{1,16}$/.test(text)) return paramError(`${name} must be a timestamp in ms`);
  return Number(text);
}

/** The [from, to] span the query asks for, by Bybit's rules, or the refusal. */
export function historySpan(query: QueryParams, nowMs: number): { readonly fromMs: number; readonly toMs: number } | VenueRefusal {
  const start = timeParam(query, 'startTime');
  if (typeof start === 'object' && start !== null) return start;
  const end = timeParam(query, 'endTime');
  if (typeof end === 'object' && end !== null) return end;
  if (start === null && end === null) return { fromMs: nowMs - historyWindowMs, toMs: nowMs };
  if (end === null) return { fromMs: start as number, toMs: (start as number) + historyWindowMs };
  if (start === null) return { fromMs: end - historyWindowMs, toMs: end };
  if (end < start) return paramError('endTime is before startTime');
  if (end - start > historyWindowMs) return paramError('the time between startTime and endTime cannot exceed 7 days');
  return { fromMs: start, toMs: end };
}

/**
 * The page of `newestFirst` (already filtered by symbol) the query asks for. The cursor is the id of the last item
 * handed out, so items that arrive between two pages neither repeat nor push an item off the next page.
 */
export function historyPage<T>(
  newestFirst: readonly T[],
  item: { readonly timeMs: (value: T) => number; readonly id: (value: T) => string },
  query: QueryParams,
  nowMs: number,
): HistoryPage<T> | VenueRefusal {
  const span = historySpan(query, nowMs);
  if ('retCode' in span) return span;
  const limitText = query['limit'];
  const limit = limitText === undefined || limitText === '' ? defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) return paramError(`limit must be 1-${maxLimit}`);
  const inSpan = newestFirst.filter((value) => item.timeMs(value) >= span.fromMs && item.timeMs(value) <= span.toMs);
  let from = 0;
  const cursor = query['cursor'];
  if (cursor !== undefined && cursor !== '') {
    const after = inSpan.findIndex((value) => item.id(value) === cursor);
    if (after < 0) return paramError('cursor is not one this list handed out');
    from = after + 1;
  }
  const list = inSpan.slice(from, from + limit);
  const more = from + limit < inSpan.length;
  return { list, nextPageCursor: more && list.length > 0 ? item.id(list[list.length - 1] as T) : '' };
}
