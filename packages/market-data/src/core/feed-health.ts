// The public feed's health as strategy sees it (market-data thread): live, stalled or reconnecting, reported only
// when it changes. Strategy opens nothing unless the feed is live, so "live" asks for a whole, fresh book.

import type { WsConnectionState } from '@scalper/bybit';
import type { FeedState, StrategyPayloads } from '@scalper/protocol';
import type { BookTopTracker } from './book-top-tracker.js';

export type FeedStatusPayload = StrategyPayloads['FeedStatus'];

/**
 * - reconnecting: the socket is not open (idle, connecting, authenticating, reconnecting); the replay will follow.
 * - stalled: the socket is open (or closed for good) but there is no symbol, no whole book, or the book went quiet
 *   for longer than the tracker's maxSilenceMs. orderbook.1 re-sends its snapshot every 3 s, so book silence is
 *   the heartbeat; trades are not, since a quiet symbol can go seconds without one.
 * - live: otherwise.
 */
export function feedStateOf(connection: WsConnectionState, book: BookTopTracker, nowMs: number): FeedState {
  if (connection !== 'open') return connection === 'closed' ? 'stalled' : 'reconnecting';
  if (book.symbol === null || !book.isSynced || book.isStale(nowMs)) return 'stalled';
  return 'live';
}

/** Why, in one short phrase for the log and strategy's status line; built only when the state changes. */
function feedReasonOf(connection: WsConnectionState, book: BookTopTracker, nowMs: number): string {
  if (connection !== 'open') return `connection ${connection}`;
  if (book.symbol === null) return 'no symbol yet';
  if (book.isStale(nowMs)) {
    const last = book.lastAppliedMs;
    return last === null ? `no book snapshot for ${book.symbol} yet` : `no book frame for ${Math.round(nowMs - last)} ms`;
  }
  if (!book.isSynced) return `book of ${book.symbol} awaits a snapshot`;
  return `book of ${book.symbol} is whole and fresh`;
}

export class FeedHealth {
  private reported: FeedState | null = null;

  /** The last state reported; null before the first evaluation. */
  get state(): FeedState | null {
    return this.reported;
  }

  /** The FeedStatus to send when the state changed since the last report (the first evaluation always reports). */
  evaluate(connection: WsConnectionState, book: BookTopTracker, nowMs: number): FeedStatusPayload | null {
    const state = feedStateOf(connection, book, nowMs);
    if (state === this.reported) return null;
    return this.report(connection, book, nowMs);
  }

  /** The state now, changed or not: for a restarted strategy, which knows no earlier report. */
  report(connection: WsConnectionState, book: BookTopTracker, nowMs: number): FeedStatusPayload {
    const state = feedStateOf(connection, book, nowMs);
    this.reported = state;
    return { state, reason: feedReasonOf(connection, book, nowMs), tsEventMs: nowMs };
  }
}
