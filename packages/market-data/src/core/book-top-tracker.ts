// orderbook.1 frames through an L2OrderBook into the OrderBook tops strategy needs (market-data thread).
// Sends a top only when it changed, notices a silent stream, and asks for a resubscribe when the book breaks.

import { defaultBookMaxSilenceMs, L2OrderBook, type BookResyncReason, type OrderBookFrame } from '@scalper/bybit';
import type { OrderBookTop, Symbol } from '@scalper/protocol';
import { bookTopicOf } from './subscription-plan.js';

export interface BookTopTrackerOptions {
  /** No applied frame for longer than this = stale. orderbook.1 re-sends its snapshot every 3 s; 3.5 s default. */
  readonly maxSilenceMs?: number;
  /** After asking for a resubscribe, ask again only if the book is still broken this much later; 5 s default. */
  readonly resyncRetryMs?: number;
  /** Re-send an unchanged top once the last send is this old (a heartbeat for strategy); 0 = only on change. */
  readonly topRefreshMs?: number;
}

/** Resubscribe `topic` (unsubscribe + subscribe) to get a fresh snapshot; `reason` is for one log line. */
export interface ResyncRequest {
  readonly topic: string;
  readonly reason: string;
}

export type BookFrameResult =
  | { readonly kind: 'top-changed'; readonly top: OrderBookTop }
  /** Applied, and the best bid and ask with their sizes are what strategy already has. */
  | { readonly kind: 'top-unchanged' }
  /** Applied, but a side is empty: there is no top to send. */
  | { readonly kind: 'no-top' }
  | { readonly kind: 'resync-needed'; readonly request: ResyncRequest }
  /** The book is still broken and a resubscribe was asked for less than resyncRetryMs ago. */
  | { readonly kind: 'resync-pending' }
  /** A frame of another symbol (in flight across a switch), or any frame before the first symbol. */
  | { readonly kind: 'ignored' };

const topUnchanged: BookFrameResult = Object.freeze({ kind: 'top-unchanged' });
const noTop: BookFrameResult = Object.freeze({ kind: 'no-top' });
const resyncPending: BookFrameResult = Object.freeze({ kind: 'resync-pending' });
const ignored: BookFrameResult = Object.freeze({ kind: 'ignored' });

const defaultResyncRetryMs = 5_000;

export interface BookTrackerCounters {
  frames: number;
  topsSent: number;
  ignoredOtherSymbol: number;
  resyncRequests: number;
  resyncSuppressed: number;
}

function describeResyncReason(reason: BookResyncReason): string {
  switch (reason.kind) {
    case 'gap':
      return `gap: expected u ${reason.expectedUpdateId}, got ${reason.receivedUpdateId}`;
    case 'crossed':
      return `crossed book at u ${reason.updateId}: bid ${reason.bidPrice} >= ask ${reason.askPrice}`;
    case 'delta-before-snapshot':
      return `delta u ${reason.updateId} before any snapshot`;
    case 'bad-level':
      return `bad ${reason.side} level [${reason.price}, ${reason.size}]: ${reason.detail}`;
  }
}

function sameTop(a: OrderBookTop, b: OrderBookTop): boolean {
  return a.bidPrice === b.bidPrice && a.askPrice === b.askPrice && a.bidSize === b.bidSize && a.askSize === b.askSize;
}

export class BookTopTracker {
  private readonly maxSilenceMs: number;
  private readonly resyncRetryMs: number;
  private readonly topRefreshMs: number;
  private book: L2OrderBook | null = null;
  private topic = '';
  private lastSent: OrderBookTop | null = null;
  private lastSentMs = 0;
  /** When the current book started waiting for its first frame: silence is measured from here until one arrives. */
  private armedMs = 0;
  /** When the last resubscribe was asked for, while the book has not been whole since; null otherwise. */
  private resyncAskedMs: number | null = null;
  private readonly counts: BookTrackerCounters = {
    frames: 0,
    topsSent: 0,
    ignoredOtherSymbol: 0,
    resyncRequests: 0,
    resyncSuppressed: 0,
  };

  constructor(options: BookTopTrackerOptions = {}) {
    this.maxSilenceMs = nonNegative('maxSilenceMs', options.maxSilenceMs ?? defaultBookMaxSilenceMs);
    this.resyncRetryMs = nonNegative('resyncRetryMs', options.resyncRetryMs ?? defaultResyncRetryMs);
    this.topRefreshMs = nonNegative('topRefreshMs', options.topRefreshMs ?? 0);
  }

  get counters(): Readonly<BookTrackerCounters> {
    return this.counts;
  }

  get symbol(): Symbol | null {
    return this.book?.symbol ?? null;
  }

  get isSynced(): boolean {
    return this.book?.isSynced ?? false;
  }

  /** Local receive time of the last applied frame; null before the first since the last reset. */
  get lastAppliedMs(): number | null {
    return this.book?.lastAppliedReceivedMs ?? null;
  }

  /** A fresh, empty book for `symbol` (`priceDecimals` from its tickSize), waiting for a snapshot from `nowMs`. */
  setSymbol(symbol: Symbol, priceDecimals: number, nowMs: number): void {
    this.book = new L2OrderBook(symbol, priceDecimals);
    this.topic = bookTopicOf(symbol);
    this.forget(nowMs);
  }

  /** Forgets the book (the connection dropped; the replayed subscription brings a new snapshot from `nowMs`). */
  reset(nowMs: number): void {
    this.book?.reset();
    this.forget(nowMs);
  }

  onFrame(frame: OrderBookFrame, tsRecvMs: number): BookFrameResult {
    const book = this.book;
    if (book === null) return ignored;
    this.counts.frames++;
    const outcome = book.apply(frame, tsRecvMs);
    if (outcome.kind === 'ignored') {
      this.counts.ignoredOtherSymbol++;
      return ignored;
    }
    if (outcome.kind === 'resync-needed') {
      const request = this.askResync(tsRecvMs, outcome.reason);
      return request === null ? resyncPending : { kind: 'resync-needed', request };
    }
    this.resyncAskedMs = null;
    const top = book.top();
    if (top === null) return noTop;
    const last = this.lastSent;
    if (last !== null && sameTop(last, top) && !this.refreshDue(tsRecvMs)) return topUnchanged;
    this.lastSent = top;
    this.lastSentMs = tsRecvMs;
    this.counts.topsSent++;
    return { kind: 'top-changed', top };
  }

  /**
   * No applied frame within maxSilenceMs of `nowMs`. A book still waiting for its first snapshot is measured from
   * when it started waiting, so a switch or reconnect gets the same maxSilenceMs before it counts as stale.
   */
  isStale(nowMs: number): boolean {
    const book = this.book;
    if (book === null) return true;
    const last = book.lastAppliedReceivedMs ?? this.armedMs;
    return nowMs - last > this.maxSilenceMs;
  }

  /**
   * For the timer: a stale book (the stream went quiet while the socket stayed up) is resubscribed too, at most
   * once per resyncRetryMs. Null when the book is fresh, there is no symbol, or a request is still pending.
   */
  resyncIfStale(nowMs: number): ResyncRequest | null {
    if (this.book === null || !this.isStale(nowMs)) return null;
    const last = this.book.lastAppliedReceivedMs;
    const silence =
      last === null
        ? `no book snapshot ${Math.round(nowMs - this.armedMs)} ms after subscribing`
        : `no book frame for ${Math.round(nowMs - last)} ms`;
    return this.askResync(nowMs, silence);
  }

  /** The worker calls this once a resubscribe went through: silence and the retry clock count from then. */
  noteResubscribed(nowMs: number): void {
    this.armedMs = nowMs;
    if (this.resyncAskedMs !== null) this.resyncAskedMs = nowMs;
  }

  private askResync(nowMs: number, reason: BookResyncReason | string): ResyncRequest | null {
    if (this.resyncAskedMs !== null && nowMs - this.resyncAskedMs < this.resyncRetryMs) {
      this.counts.resyncSuppressed++;
      return null;
    }
    this.resyncAskedMs = nowMs;
    this.lastSent = null;
    this.counts.resyncRequests++;
    const text = typeof reason === 'string' ? reason : describeResyncReason(reason);
    return { topic: this.topic, reason: text };
  }

  private refreshDue(nowMs: number): boolean {
    return this.topRefreshMs > 0 && nowMs - this.lastSentMs >= this.topRefreshMs;
  }

  private forget(nowMs: number): void {
    this.lastSent = null;
    this.lastSentMs = 0;
    this.armedMs = nowMs;
    this.resyncAskedMs = null;
  }
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`BookTopTracker ${name} must be a finite number of at least 0, got ${value}`);
  }
  return value;
}
