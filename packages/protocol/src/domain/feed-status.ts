// The public feed's health (market-data decides it, strategy acts on it), and its codes: a feed change rides the
// tick ring as small integers, in order with the trades and book tops around it, and becomes words only on arrival.

export type FeedState = 'live' | 'stalled' | 'reconnecting';

export interface FeedStatus {
  readonly state: FeedState;
  readonly reason: string;
  readonly tsEventMs: number;
}

const feedStates: readonly FeedState[] = ['live', 'stalled', 'reconnecting'];

/**
 * Why the feed is in its state. 'no book frame for' is followed by the milliseconds the entry carries. A reason's
 * code is its index here: append new reasons at the end, since a restarted strategy reads a running producer's codes.
 */
export const feedReasons = [
  'connection idle',
  'connection connecting',
  'connection authenticating',
  'connection open',
  'connection reconnecting',
  'connection closed',
  'no symbol yet',
  'no book snapshot yet',
  'no book frame for',
  'the book awaits a snapshot',
  'the book is whole and fresh',
] as const;

export type FeedReason = (typeof feedReasons)[number];

/** 1, 2 or 3 (0 is no state, so a zeroed slot never reads as live). */
export function feedStateCode(state: FeedState): number {
  return feedStates.indexOf(state) + 1;
}

export function feedReasonCode(reason: FeedReason): number {
  return feedReasons.indexOf(reason);
}

/** The reason in words: 'no book frame for 5234 ms', or the phrase itself. */
export function describeFeedReason(reason: FeedReason, reasonMs: number): string {
  return reason === 'no book frame for' ? `${reason} ${Math.round(reasonMs)} ms` : reason;
}

/** The FeedStatus a feed entry's codes stand for; a code no producer writes reads as stalled, so nothing opens on it. */
export function feedStatusFromCodes(stateCode: number, reasonCode: number, reasonMs: number, tsEventMs: number): FeedStatus {
  const state = feedStates[stateCode - 1] ?? 'stalled';
  const reason = feedReasons[reasonCode];
  return { state, reason: reason === undefined ? `unknown feed reason ${reasonCode}` : describeFeedReason(reason, reasonMs), tsEventMs };
}
