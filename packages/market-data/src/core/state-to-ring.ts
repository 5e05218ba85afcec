// Book tops and feed states into the tick ring (market-data thread), so they reach strategy in the order they were
// received, between the trades around them. Each kind keeps its latest entry to publish again if the ring dropped one.

import {
  createRingEntry,
  feedReasonCode,
  feedStateCode,
  parseScaledDecimal,
  ringLayout,
  type FeedReason,
  type FeedState,
  type InstrumentScale,
  type OrderBookTop,
  type RingEntry,
} from '@scalper/protocol';
import type { RingEntrySink } from './trade-to-ring.js';

/** The feed's health as market-data decides it: a state and its reason, which travel as codes. */
export interface FeedReport {
  readonly state: FeedState;
  readonly reason: FeedReason;
  /** The milliseconds of 'no book frame for'; 0 otherwise. */
  readonly reasonMs: number;
  readonly tsEventMs: number;
}

export interface StateCounters {
  booksWritten: number;
  /** Tops with a price or size finer than the instrument's steps: written as NaN, which strategy refuses. */
  booksUnscaled: number;
  feedWritten: number;
  /** Times the ring dropped a book or feed entry and the latest of each was written again. */
  republished: number;
}

export class StateToRing {
  private readonly book: RingEntry = createRingEntry();
  private readonly feed: RingEntry = createRingEntry();
  /** A book entry holds a top of the current symbol; cleared on a switch and when the book is forgotten. */
  private hasBook = false;
  private hasFeed = false;
  private readonly counts: StateCounters = { booksWritten: 0, booksUnscaled: 0, feedWritten: 0, republished: 0 };

  constructor(private readonly sink: RingEntrySink) {
    this.book.kind = ringLayout.kEntryBook;
    this.feed.kind = ringLayout.kEntryFeed;
  }

  get counters(): Readonly<StateCounters> {
    return this.counts;
  }

  /** From now on books are scaled by `scale`'s decimals and both kinds are stamped with `epoch`. */
  setSymbol(scale: InstrumentScale, epoch: number): void {
    this.book.epoch = epoch;
    this.book.priceDecimals = scale.priceDecimals;
    this.book.sizeDecimals = scale.sizeDecimals;
    this.feed.epoch = epoch;
    this.hasBook = false;
  }

  /** The book was forgotten (a reconnect): its last top must not be published again. */
  forgetBook(): void {
    this.hasBook = false;
  }

  writeBook(top: OrderBookTop, tsRecvMs: number): void {
    const entry = this.book;
    entry.priceRaw = parseScaledDecimal(top.bidPrice, entry.priceDecimals);
    entry.sizeRaw = parseScaledDecimal(top.bidSize, entry.sizeDecimals);
    entry.askPriceRaw = parseScaledDecimal(top.askPrice, entry.priceDecimals);
    entry.askSizeRaw = parseScaledDecimal(top.askSize, entry.sizeDecimals);
    // NaN fails every comparison: one negated test catches any field that did not scale.
    if (!(entry.priceRaw >= 0 && entry.sizeRaw >= 0 && entry.askPriceRaw >= 0 && entry.askSizeRaw >= 0)) this.counts.booksUnscaled++;
    entry.tsEventMs = top.tsEventMs;
    entry.tsRecvMs = tsRecvMs;
    this.hasBook = true;
    this.counts.booksWritten++;
    this.sink.push(entry);
    this.republishIfDropped();
  }

  writeFeed(report: FeedReport, tsRecvMs: number): void {
    const entry = this.feed;
    entry.side = feedStateCode(report.state);
    entry.sizeRaw = feedReasonCode(report.reason);
    entry.priceRaw = report.reasonMs;
    entry.tsEventMs = report.tsEventMs;
    entry.tsRecvMs = tsRecvMs;
    this.hasFeed = true;
    this.counts.feedWritten++;
    this.sink.push(entry);
    this.republishIfDropped();
  }

  /**
   * Call after any push (a trade's too): when the ring had to drop a book or feed entry, strategy may never get
   * that state again (a quiet book, a feed that stays live), so the latest of each goes in once more, in order.
   */
  republishIfDropped(): void {
    if (!this.sink.takeStateLoss()) return;
    this.counts.republished++;
    // One round only: if these drop state entries too, the ring is smaller than any burst and the next push retries.
    if (this.hasFeed) this.sink.push(this.feed);
    if (this.hasBook) this.sink.push(this.book);
  }
}
