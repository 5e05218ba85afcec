// A MarketSource whose books and trades come from Bybit's public frames (venue thread): the surface the replay of a
// recording and the paper relay share. Each decides when its frames are applied (advance) and where tickers come from.

import type { MarketSource, MarketStep } from '../market-source.js';
import type { BookLevel, BookView, InstrumentSpec, TickerState } from '../venue-types.js';
import type { FrameMarket } from './frame-market.js';

export abstract class FrameMarketSource implements MarketSource {
  protected constructor(protected readonly market: FrameMarket) {}

  abstract advance(nowMs: number, subscribed: ReadonlySet<string>): MarketStep;

  abstract tickers(nowMs: number): TickerState[];

  /** Frames whose content could not be used (not JSON, bad levels, bad trades); counted for the venue's stats. */
  get badFrames(): number {
    return this.market.badFrames;
  }

  has(symbol: string): boolean {
    return this.market.has(symbol);
  }

  book(symbol: string): BookView {
    return this.market.book(symbol);
  }

  bestBid(symbol: string): BookLevel | null {
    return this.market.bestBid(symbol);
  }

  bestAsk(symbol: string): BookLevel | null {
    return this.market.bestAsk(symbol);
  }

  instruments(): readonly InstrumentSpec[] {
    return this.market.instruments();
  }

  instrument(symbol: string): InstrumentSpec | undefined {
    return this.market.instrument(symbol);
  }
}
