// What applying one orderbook frame did to an L2OrderBook, as a value (market-data thread).
// Bad venue data never throws: the caller reads the outcome and resubscribes when the book asks for it.

import type { BookSideName } from './book-side.js';

export type BookResyncReason =
  /** A delta whose `u` is not the previous `u` + 1: at least one update was lost, so the book is wrong. */
  | { readonly kind: 'gap'; readonly expectedUpdateId: number; readonly receivedUpdateId: number }
  /** Best bid >= best ask after the frame: the venue never shows that, so our copy has diverged. */
  | { readonly kind: 'crossed'; readonly bidPrice: string; readonly askPrice: string; readonly updateId: number }
  /** A delta with no snapshot to apply it to (first frame, or the book was invalidated and awaits a snapshot). */
  | { readonly kind: 'delta-before-snapshot'; readonly updateId: number }
  /** A price with more decimals than the instrument, a non-positive price or a negative size. */
  | {
      readonly kind: 'bad-level';
      readonly side: BookSideName;
      readonly price: string;
      readonly size: string;
      readonly detail: string;
    };

export type BookResyncReasonKind = BookResyncReason['kind'];

export interface BookApplied {
  readonly kind: 'applied';
  /** 'snapshot' also covers a delta with u = 1, which Bybit sends after restarting the book. */
  readonly action: 'snapshot' | 'delta';
}

export interface BookResyncNeeded {
  readonly kind: 'resync-needed';
  readonly reason: BookResyncReason;
}

/** A frame for another symbol: a routing mistake upstream, so the book leaves itself untouched. */
export interface BookIgnored {
  readonly kind: 'ignored';
  readonly reason: 'other-symbol';
  readonly frameSymbol: string;
}

export type BookApplyOutcome = BookApplied | BookResyncNeeded | BookIgnored;

/** Shared constants so the steady state (one outcome per frame) allocates nothing. */
export const appliedSnapshot: BookApplied = Object.freeze({ kind: 'applied', action: 'snapshot' });
export const appliedDelta: BookApplied = Object.freeze({ kind: 'applied', action: 'delta' });

/** Counters for the book's health line in the logs and the run summary. */
export interface BookCounters {
  snapshots: number;
  deltas: number;
  /** Frames with u = 1 (the venue restarted its book), applied as snapshots and also counted in `snapshots`. */
  resets: number;
  gaps: number;
  crossed: number;
  badLevels: number;
  deltasBeforeSnapshot: number;
  ignoredOtherSymbol: number;
}
