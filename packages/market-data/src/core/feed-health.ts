// The public feed's health as strategy sees it (market-data thread): live, stalled or reconnecting, reported only
// when it changes. Strategy opens nothing unless the feed is live, so "live" asks for a whole, fresh book.

import type { WsConnectionState } from '@scalper/bybit';
import type { FeedReason, FeedState } from '@scalper/protocol';
import type { BookTopTracker } from './book-top-tracker.js';
import type { FeedReport } from './state-to-ring.js';

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

/** Why, as one of the fixed reasons (they travel as codes through the ring) and its milliseconds. */
function feedReasonOf(connection: WsConnectionState, book: BookTopTracker, nowMs: number): readonly [FeedReason, number] {
  if (connection !== 'open') return [`connection ${connection}`, 0];
  if (book.symbol === null) return ['no symbol yet', 0];
  if (book.isStale(nowMs)) {
    const last = book.lastAppliedMs;
    return last === null ? ['no book snapshot yet', 0] : ['no book frame for', Math.round(nowMs - last)];
  }
  if (!book.isSynced) return ['the book awaits a snapshot', 0];
  return ['the book is whole and fresh', 0];
}

export class FeedHealth {
  private reported: FeedState | null = null;

  /** The last state reported; null before the first evaluation. */
  get state(): FeedState | null {
    return this.reported;
  }

  /** The feed report to write when the state changed since the last report (the first evaluation always reports). */
  evaluate(connection: WsConnectionState, book: BookTopTracker, nowMs: number): FeedReport | null {
    const state = feedStateOf(connection, book, nowMs);
    if (state === this.reported) return null;
    return this.report(connection, book, nowMs);
  }

  /** The state now, changed or not: for a restarted strategy, which knows no earlier report. */
  report(connection: WsConnectionState, book: BookTopTracker, nowMs: number): FeedReport {
    const state = feedStateOf(connection, book, nowMs);
    this.reported = state;
    const [reason, reasonMs] = feedReasonOf(connection, book, nowMs);
    return { state, reason, reasonMs, tsEventMs: nowMs };
  }
}
