// One symbol's simulated 50-level order book (venue thread): re-centred on the mid every step, churned by other
// traders' quotes, eaten at the touch by the tape, and published as changed levels only.

import type { BookChange, BookLevel, BookView } from '../venue-types.js';
import { BookSide } from './book-side.js';
import { pickCumulative } from './regime-model.js';
import type { SeededRandom } from './seeded-random.js';

export const kBookDepth = 50;
/** Book levels hold a few seconds of typical flow, thin at the touch and thicker deeper. */
const kLevelFlowSeconds = 3;
const kChurnPerStep = 2;

/** The instrument's grids as integers: prices are ticks × tickRaw, sizes are steps × stepRaw. */
export interface BookGrid {
  readonly tickRaw: number;
  readonly stepRaw: number;
  readonly tickSize: number;
  readonly qtyStep: number;
  readonly minTicks: number;
  readonly maxTicks: number;
  readonly minQtySteps: number;
}

export class SimulatedBook {
  private readonly bids = new BookSide(true, kBookDepth);
  private readonly asks = new BookSide(false, kBookDepth);
  private readonly levelNotional: number;
  private stepsPerQuote = 0;
  private dirty = false;
  /** Bybit's `u`; starts at a plausible large value, since u = 1 tells a client the venue restarted. */
  private updateIdValue: number;
  /** Size of the last take(), in qty steps. */
  takenSteps = 0;
  /** Multiplies fresh quote sizes: below 1 while makers pull quotes (a fast move), 1 in the calm market. */
  liquidityFactor = 1;
  /** The levels the last sweep() printed at, best first: price in ticks and the size taken there, in qty steps. */
  readonly sweptTicks: Float64Array;
  readonly sweptSteps: Float64Array;

  constructor(
    private readonly symbol: string,
    private readonly grid: BookGrid,
    private readonly rng: SeededRandom,
    baseFlowPerMs: number,
    maxSweepLevels = 1,
  ) {
    this.levelNotional = baseFlowPerMs * 1000 * kLevelFlowSeconds;
    this.updateIdValue = 1_000_000 + rng.nextInt(9_000_000);
    this.sweptTicks = new Float64Array(maxSweepLevels);
    this.sweptSteps = new Float64Array(maxSweepLevels);
  }

  get updateId(): number {
    return this.updateIdValue;
  }

  /** Qty steps worth `notional` USDT at the mid last given to recentre(), rounded to the grid. */
  stepsFor(notional: number): number {
    return Math.round(notional * this.stepsPerQuote);
  }

  private freshSteps(depthIndex: number): number {
    const notional = this.levelNotional * (0.3 + 0.05 * depthIndex) * (0.25 + this.rng.exponential(1)) * this.liquidityFactor;
    const steps = Math.round(notional * this.stepsPerQuote);
    return steps < this.grid.minQtySteps ? this.grid.minQtySteps : steps;
  }

  /**
   * Puts the touch back around the mid with a 1-3 tick spread: levels now on the wrong side of it are cancelled,
   * the gap up to the new best price is filled, and each side is topped up to 50 levels at the back.
   */
  recentre(mid: number, spreadCumulative: readonly [number, number, number]): void {
    this.stepsPerQuote = 1 / (mid * this.grid.qtyStep);
    const spread = 1 + pickCumulative(spreadCumulative, this.rng.next());
    let bestBid = Math.round(mid / this.grid.tickSize - spread / 2);
    if (bestBid < this.grid.minTicks) bestBid = this.grid.minTicks;
    if (bestBid + spread > this.grid.maxTicks) bestBid = this.grid.maxTicks - spread;
    this.refill(this.bids, bestBid);
    this.refill(this.asks, bestBid + spread);
    this.dirty = true;
  }

  private refill(side: BookSide, bestTicks: number): void {
    const bestKey = side.keyOf(bestTicks);
    while (side.count > 0 && (side.keys[0] as number) < bestKey) side.removeAt(0);
    const frontKey = side.count > 0 ? (side.keys[0] as number) : bestKey + kBookDepth;
    const missing = Math.min(frontKey - bestKey, kBookDepth);
    if (missing > 0) {
      side.openFront(missing);
      for (let i = 0; i < missing; i++) {
        side.keys[i] = bestKey + i;
        side.steps[i] = this.freshSteps(i);
      }
    }
    this.topUp(side);
  }

  /** Adds levels one tick beyond the deepest until the side is full or reaches the instrument's price limits. */
  private topUp(side: BookSide): void {
    while (side.count < kBookDepth && side.count > 0) {
      const key = (side.keys[side.count - 1] as number) + 1;
      const ticks = side.isBid ? -key : key;
      if (ticks < this.grid.minTicks || ticks > this.grid.maxTicks) return;
      side.push(key, this.freshSteps(side.count));
    }
  }

  /** Other traders' quotes come and go: a few levels, mostly near the touch, get a new size or vanish. */
  churn(): void {
    for (let n = 0; n < kChurnPerStep; n++) {
      const side = this.rng.next() < 0.5 ? this.bids : this.asks;
      const u = this.rng.next();
      const index = Math.floor(u * u * side.count);
      if (index >= side.count) continue;
      if (index > 0 && this.rng.next() < 0.15) {
        side.removeAt(index);
        this.topUp(side);
      } else {
        side.steps[index] = this.freshSteps(index);
      }
    }
    this.dirty = true;
  }

  /**
   * A taker order of `steps` against the touch: Buy lifts the best ask, Sell hits the best bid. Fills at most the
   * best level and returns its price in ticks (NaN if the side is empty); takenSteps holds the filled size. A
   * remainder below minOrderQty is taken too, so no level is left that could only print an undersized trade.
   */
  take(buy: boolean, steps: number): number {
    const side = buy ? this.asks : this.bids;
    if (side.count === 0) return Number.NaN;
    const level = side.steps[0] as number;
    const priceTicks = side.priceTicksAt(0);
    let taken = steps;
    if (level - taken < this.grid.minQtySteps) {
      taken = level;
      side.removeAt(0);
      this.topUp(side);
    } else {
      side.steps[0] = level - taken;
    }
    this.takenSteps = taken;
    this.dirty = true;
    return priceTicks;
  }

  /**
   * A taker order of `steps` that walks the book, as a market order does on the real venue: it takes whole levels
   * from the touch outwards, at most `maxLevels` of them (what is left is not filled, as an IOC), and prints one
   * trade per level. Returns how many levels it printed at (sweptTicks / sweptSteps hold them); 0 if the side is empty.
   */
  sweep(buy: boolean, steps: number, maxLevels: number): number {
    const side = buy ? this.asks : this.bids;
    const limit = Math.min(maxLevels, this.sweptTicks.length);
    let left = steps;
    let printed = 0;
    while (left > 0 && printed < limit && side.count > 0) {
      const level = side.steps[0] as number;
      this.sweptTicks[printed] = side.priceTicksAt(0);
      // A remainder below minOrderQty is taken too, so no level is left that could only print an undersized trade.
      if (level - left < this.grid.minQtySteps) {
        this.sweptSteps[printed] = level;
        left -= level;
        side.removeAt(0);
        this.topUp(side);
      } else {
        this.sweptSteps[printed] = left;
        side.steps[0] = level - left;
        left = 0;
      }
      printed++;
    }
    if (printed > 0) this.dirty = true;
    return printed;
  }

  /** Best bid and ask in ticks (NaN for an empty side). */
  bestTicks(buy: boolean): number {
    const side = buy ? this.asks : this.bids;
    return side.count > 0 ? side.priceTicksAt(0) : Number.NaN;
  }

  /** The levels that changed since the last publication, or null when none did. */
  publish(nowMs: number): BookChange | null {
    if (!this.dirty) return null;
    this.dirty = false;
    const { tickRaw, stepRaw } = this.grid;
    const bids: BookLevel[] = [];
    const asks: BookLevel[] = [];
    this.bids.changesSincePublished(tickRaw, stepRaw, bids);
    this.asks.changesSincePublished(tickRaw, stepRaw, asks);
    this.bids.markPublished();
    this.asks.markPublished();
    if (bids.length === 0 && asks.length === 0) return null;
    this.updateIdValue++;
    return { symbol: this.symbol, bids, asks, updateId: this.updateIdValue, tsMs: nowMs };
  }

  /** Publication with nobody listening (the symbol is not subscribed): updateId moves on, no delta is built. */
  publishSilently(): void {
    this.dirty = false;
    if (this.bids.differsFromPublished() || this.asks.differsFromPublished()) this.updateIdValue++;
    this.bids.markPublished();
    this.asks.markPublished();
  }

  view(): BookView {
    const { tickRaw, stepRaw } = this.grid;
    const bids = this.bids.levels(tickRaw, stepRaw);
    return { bids, asks: this.asks.levels(tickRaw, stepRaw), updateId: this.updateIdValue };
  }

  bestBid(): BookLevel | null {
    return this.bids.count > 0 ? this.bids.levelAt(0, this.grid.tickRaw, this.grid.stepRaw) : null;
  }

  bestAsk(): BookLevel | null {
    return this.asks.count > 0 ? this.asks.levelAt(0, this.grid.tickRaw, this.grid.stepRaw) : null;
  }
}
