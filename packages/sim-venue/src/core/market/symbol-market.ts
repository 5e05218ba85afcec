// One symbol's simulated market (venue thread): the price process, the book around its mid and the tape (Poisson
// at the touch in the calm market; self-exciting, heavy-tailed and sweeping the book in the live-like one), moved
// together through venue time by advance().

import type { BookChange, BookLevel, BookView, InstrumentSpec, Regime, SimTrade, TickerState } from '../venue-types.js';
import { toScaledInteger } from './decimal-scale.js';
import { calmProfile, type MarketProfile } from './market-profile.js';
import { PriceProcess } from './price-process.js';
import { regimeNames } from './regime-model.js';
import { deriveSeed, SeededRandom } from './seeded-random.js';
import { kBookDepth, SimulatedBook, type BookGrid } from './simulated-book.js';
import { HawkesArrivals, PoissonArrivals, type TradeArrivals } from './trade-arrivals.js';
import { TradeIdSource } from './trade-id-source.js';
import { TradeSizes } from './trade-sizes.js';

export interface SymbolMarketOptions {
  readonly spec: InstrumentSpec;
  readonly seed: number;
  readonly startMs: number;
  /** Long-run average trades per second while the symbol is published. */
  readonly tradesPerSecond: number;
  /** The compressed "24 hours" (see RollingDay). */
  readonly dayWindowMs: number;
  /** Index in the simulator's catalog; keeps trade ids distinct across symbols. */
  readonly symbolIndex: number;
  /** Trades one advance may emit for this symbol; the tape of a longer gap is skipped rather than replayed. */
  readonly maxTradesPerAdvance: number;
  /** Keep the tape at tradesPerSecond whatever the regime (a benchmark needs a known load); default false. */
  readonly steadyTradeRate?: boolean;
  /** Default: the calm market. */
  readonly profile?: MarketProfile;
}

/** The mid moves and the book re-centres every 20 ms of venue time, the cadence of Bybit's orderbook.50 pushes. */
export const kStepMs = 20;
/**
 * Symbols nobody subscribes to step once a second: every update of the price process is exact for any step length,
 * so their price, regime and rolling day keep the same statistics at a fiftieth of the cost (a day-long backtest of
 * 25 symbols takes 2 million steps rather than 100 million). The realised path differs from the subscribed one.
 */
const kUnfollowedStepMs = 1000;
/** A longer gap is walked in this many coarser steps, so one advance does bounded work whatever the gap. */
const kMaxStepsPerAdvance = 3000;

function gridOf(spec: InstrumentSpec): BookGrid {
  const tickRaw = toScaledInteger(spec.tickSize, spec.priceDecimals);
  const stepRaw = toScaledInteger(spec.qtyStep, spec.sizeDecimals);
  return {
    tickRaw,
    stepRaw,
    tickSize: Number(spec.tickSize),
    qtyStep: Number(spec.qtyStep),
    minTicks: Math.ceil(toScaledInteger(spec.minPrice, spec.priceDecimals) / tickRaw),
    maxTicks: Math.floor(toScaledInteger(spec.maxPrice, spec.priceDecimals) / tickRaw),
    minQtySteps: Math.max(1, Math.ceil(toScaledInteger(spec.minOrderQty, spec.sizeDecimals) / stepRaw)),
  };
}

export class SymbolMarket {
  readonly spec: InstrumentSpec;
  readonly symbol: string;
  private readonly grid: BookGrid;
  private readonly maxTradeSteps: number;
  private readonly process: PriceProcess;
  /** Book and tape draw from their own stream, so reading a book does not change the price path. */
  private readonly bookRng: SeededRandom;
  private readonly orderBook: SimulatedBook;
  private readonly ids: TradeIdSource;
  private readonly tradesPerMs: number;
  private readonly maxTradesPerAdvance: number;
  private readonly steadyTradeRate: boolean;
  /** Mean notional of one print: the typical flow shared among the configured trades per second. */
  private readonly tradeNotional: number;
  private timeMs: number;
  private nextStepAtMs: number;
  /** True while the symbol is published: book and tape follow every step. */
  private live = false;
  /** The step the book was last re-centred at; behind the process while not live. */
  private bookStepMs: number;
  private readonly profile: MarketProfile;
  private readonly followAlways: boolean;
  private readonly arrivals: TradeArrivals;
  private readonly sizes: TradeSizes;
  /** Share of arrivals the tape's self-excitation adds: the base rate is the asked one times (1 − this). */
  private readonly endogenousShare: number;
  private lastPriceTicks: number;
  /** Order sizes grow this much while a fast move runs (1 otherwise, and always in the calm market). */
  private rushMultiple = 1;
  private skippedMs = 0;

  constructor(options: SymbolMarketOptions) {
    const spec = options.spec;
    if (!(options.tradesPerSecond > 0) || !(options.maxTradesPerAdvance >= 1) || !Number.isFinite(options.startMs)) {
      throw new RangeError(`${spec.symbol}: tradesPerSecond and maxTradesPerAdvance must be positive, startMs finite`);
    }
    this.spec = spec;
    this.symbol = spec.symbol;
    this.grid = gridOf(spec);
    this.maxTradeSteps = Math.floor(toScaledInteger(spec.maxMktOrderQty, spec.sizeDecimals) / this.grid.stepRaw);
    // Three book depths of room between the mid and the price limits, so a full book always fits inside them.
    const limits = {
      minMid: (this.grid.minTicks + 3 * kBookDepth) * this.grid.tickSize,
      maxMid: (this.grid.maxTicks - 3 * kBookDepth) * this.grid.tickSize,
    };
    this.profile = options.profile ?? calmProfile;
    const priceRng = new SeededRandom(deriveSeed(options.seed, `${spec.symbol}/price`));
    this.process = new PriceProcess(spec, priceRng, options.startMs, options.dayWindowMs, limits, this.profile);
    this.bookRng = new SeededRandom(deriveSeed(options.seed, `${spec.symbol}/book`));
    this.ids = new TradeIdSource(options.symbolIndex, this.bookRng);
    this.orderBook = new SimulatedBook(spec.symbol, this.grid, this.bookRng, this.process.baseFlowPerMs, this.profile.maxSweepLevels);
    const hawkes = this.profile.hawkes;
    this.arrivals = hawkes === null ? new PoissonArrivals(this.bookRng) : new HawkesArrivals(this.bookRng, hawkes, options.startMs);
    this.endogenousShare = hawkes?.branchingRatio ?? 0;
    this.sizes = new TradeSizes(this.profile.sizes);
    this.followAlways = this.profile.followEverySymbol;
    this.tradesPerMs = options.tradesPerSecond / 1000;
    this.maxTradesPerAdvance = Math.floor(options.maxTradesPerAdvance);
    this.steadyTradeRate = options.steadyTradeRate === true;
    this.tradeNotional = this.process.baseFlowPerMs / this.tradesPerMs;
    this.timeMs = options.startMs;
    this.nextStepAtMs = options.startMs + kUnfollowedStepMs;
    this.lastPriceTicks = this.midTicks();
    this.orderBook.recentre(this.process.mid, this.process.params().spreadCumulative);
    this.orderBook.publishSilently();
    this.bookStepMs = this.process.lastStepMs;
    if (this.followAlways) {
      this.nextStepAtMs = options.startMs + kStepMs;
      this.arrivals.setBaseRate(this.tradeRatePerMs());
      this.arrivals.restart(options.startMs);
    }
  }

  get regime(): Regime {
    return regimeNames[this.process.regimeIndex] as Regime;
  }

  get midPrice(): number {
    return this.process.mid;
  }

  get lastPriceRaw(): number {
    return this.lastPriceTicks * this.grid.tickRaw;
  }

  get prevPrice24hRaw(): number {
    return this.clampTicks(Math.round(this.process.referencePrice / this.grid.tickSize)) * this.grid.tickRaw;
  }

  get turnover24h(): number {
    return this.process.turnover24h;
  }

  get volume24h(): number {
    return this.process.volume24h;
  }

  get updateId(): number {
    return this.orderBook.updateId;
  }

  get nowMs(): number {
    return this.timeMs;
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Venue time whose tape was skipped because an advance spanned more than maxTradesPerAdvance could cover. */
  get skippedTapeMs(): number {
    return this.skippedMs;
  }

  private midTicks(): number {
    return this.clampTicks(Math.round(this.process.mid / this.grid.tickSize));
  }

  private clampTicks(ticks: number): number {
    return ticks < this.grid.minTicks ? this.grid.minTicks : ticks > this.grid.maxTicks ? this.grid.maxTicks : ticks;
  }

  /**
   * Moves the market to nowMs. A published (subscribed) symbol runs its book and tape, appends its trades to
   * `trades` in time order and returns every level that differs from the book it last published. Any other symbol
   * runs the same book and tape unseen in the live-like market (followAlways), or in the calm one only walks its
   * price process, its book catching up when read. A nowMs not after the last one is a no-op.
   */
  advance(nowMs: number, publish: boolean, trades: SimTrade[]): BookChange | null {
    if (!(nowMs > this.timeMs)) return null;
    const baseStride = publish || this.followAlways ? kStepMs : kUnfollowedStepMs;
    if (publish !== this.live) this.nextStepAtMs = this.process.lastStepMs + baseStride;
    const span = nowMs - this.process.lastStepMs;
    const stride = span > kMaxStepsPerAdvance * baseStride ? span / kMaxStepsPerAdvance : baseStride;
    if (stride > baseStride) this.nextStepAtMs = this.process.lastStepMs + stride;
    if (!publish && !this.followAlways) {
      this.live = false;
      while (this.nextStepAtMs <= nowMs) {
        this.process.step(this.nextStepAtMs);
        // Nobody sees this tape: a move's rush of takers is not kept for later.
        this.process.fastMoves?.takeStarted();
        this.nextStepAtMs += stride;
      }
      this.lastPriceTicks = this.midTicks();
      this.finishAdvance(nowMs, stride, baseStride);
      return null;
    }
    if (!this.live && !this.followAlways) {
      // Catch the book up in the open: the change goes out as this advance's delta, like any other.
      this.recentreIfBehind();
      this.arrivals.setBaseRate(this.tradeRatePerMs());
      this.arrivals.restart(this.timeMs);
    }
    this.live = publish;
    const out = publish ? trades : null;
    this.skipTapeBacklog(nowMs);
    let emitted = 0;
    for (;;) {
      const arrivalMs = this.arrivals.peek(this.nextStepAtMs);
      if (arrivalMs <= this.nextStepAtMs) {
        if (arrivalMs > nowMs) break;
        if (emitted >= this.maxTradesPerAdvance) {
          this.skippedMs += nowMs - arrivalMs;
          this.arrivals.restart(nowMs);
          continue;
        }
        emitted += this.trade(arrivalMs, out);
        this.arrivals.taken();
      } else {
        if (this.nextStepAtMs > nowMs) break;
        this.process.step(this.nextStepAtMs);
        this.followFastMove(this.nextStepAtMs);
        this.orderBook.recentre(this.process.mid, this.process.params().spreadCumulative);
        this.orderBook.churn();
        this.bookStepMs = this.process.lastStepMs;
        this.arrivals.setBaseRate(this.tradeRatePerMs());
        this.nextStepAtMs += stride;
      }
    }
    this.finishAdvance(nowMs, stride, baseStride);
    if (publish) return this.orderBook.publish(nowMs);
    // Nobody holds deltas for this book: updateId moves on and a subscriber starts from a snapshot.
    this.orderBook.publishSilently();
    return null;
  }

  /**
   * A fast move that began at this step brings its rush of takers (more for a bigger move), and makers quote thin
   * until it is over; between moves the book is thinner when volatility is high.
   */
  private followFastMove(atMs: number): void {
    const moves = this.process.fastMoves;
    const params = this.profile.fastMoves;
    if (moves === null || params === null) return;
    const size = moves.takeStarted();
    if (size > 0 && !this.steadyTradeRate) {
      const perMs = (params.burstTradesPerSecond / 1000) * Math.sqrt(size / (params.minPercent / 100));
      this.arrivals.addBurst(perMs, moves.durationMs / 2, atMs);
    }
    const rushing = moves.direction(atMs) !== 0;
    this.orderBook.liquidityFactor = rushing ? params.bookThinning : 1 / Math.sqrt(this.process.volFactor);
    this.rushMultiple = rushing ? params.rushSizeMultiple : 1;
  }

  /** After coarse steps the next advance walks at the normal pace again, from wherever the last step landed. */
  private finishAdvance(nowMs: number, stride: number, baseStride: number): void {
    if (stride !== baseStride) this.nextStepAtMs = this.process.lastStepMs + baseStride;
    this.timeMs = nowMs;
  }

  /** Taker orders per ms before self-excitation; with it, the long-run mean is the regime's share of the asked rate. */
  private tradeRatePerMs(): number {
    if (this.steadyTradeRate) return this.tradesPerMs;
    const rate = this.tradesPerMs * this.process.params().tradeRateFactor;
    return this.endogenousShare === 0 ? rate : rate * this.process.activity() * (1 - this.endogenousShare);
  }

  /** After a long gap only the last stretch that maxTradesPerAdvance can cover gets a tape (rate factors stay < 2). */
  private skipTapeBacklog(nowMs: number): void {
    const backlogMs = this.maxTradesPerAdvance / (this.tradesPerMs * 2);
    const pendingMs = this.arrivals.pendingMs;
    if (pendingMs < nowMs - backlogMs) {
      this.skippedMs += nowMs - backlogMs - pendingMs;
      this.arrivals.restart(nowMs - backlogMs);
    }
  }

  /**
   * One taker order; its side leans with the trend and the last move. In the calm market it prints once at the
   * touch; in the live-like one it walks the book and prints once per level, as Bybit's tape does, and part of the
   * move stays in the mid. Returns the number of prints.
   */
  private trade(atMs: number, trades: SimTrade[] | null): number {
    const buy = this.bookRng.next() < 0.5 + this.process.sideBias;
    let steps = this.orderBook.stepsFor(this.sizes.notional(this.bookRng, this.tradeNotional) * this.rushMultiple);
    if (steps < this.grid.minQtySteps) steps = this.grid.minQtySteps;
    if (steps > this.maxTradeSteps) steps = this.maxTradeSteps;
    const tsMs = Math.floor(atMs);
    if (this.profile.maxSweepLevels <= 1) {
      const priceTicks = this.orderBook.take(buy, steps);
      if (priceTicks !== priceTicks) return 0;
      this.print(tsMs, buy, priceTicks, this.orderBook.takenSteps, trades);
      return 1;
    }
    const touchTicks = this.orderBook.bestTicks(buy);
    const printed = this.orderBook.sweep(buy, steps, this.profile.maxSweepLevels);
    for (let i = 0; i < printed; i++) {
      this.print(tsMs, buy, this.orderBook.sweptTicks[i] as number, this.orderBook.sweptSteps[i] as number, trades);
    }
    if (printed > 1) {
      const walkedTicks = (this.orderBook.sweptTicks[printed - 1] as number) - touchTicks;
      this.process.shiftMid(((walkedTicks * this.grid.tickSize) / this.process.mid) * this.profile.sweepImpactShare);
    }
    return printed;
  }

  private print(tsMs: number, buy: boolean, priceTicks: number, steps: number, trades: SimTrade[] | null): void {
    this.lastPriceTicks = priceTicks;
    this.ids.next();
    // An unpublished tape (followAlways) still moves the book, the mid and the ids: only the trade object is skipped.
    trades?.push({
      symbol: this.symbol,
      tsMs,
      side: buy ? 'Buy' : 'Sell',
      priceRaw: priceTicks * this.grid.tickRaw,
      sizeRaw: steps * this.grid.stepRaw,
      tradeId: this.ids.id,
      seq: this.ids.seq,
    });
  }

  private recentreIfBehind(): boolean {
    if (this.bookStepMs === this.process.lastStepMs) return false;
    this.orderBook.recentre(this.process.mid, this.process.params().spreadCumulative);
    this.bookStepMs = this.process.lastStepMs;
    return true;
  }

  /**
   * A read of a book that was not followed (nobody subscribes to it) brings it to the process's mid first. Nobody
   * holds deltas for it, so the catch-up is published silently: updateId moves on and a subscriber starts from the
   * snapshot this read returns.
   */
  private syncUnfollowedBook(): void {
    if (!this.live && this.recentreIfBehind()) this.orderBook.publishSilently();
  }

  /** The full book, best first: the snapshot a subscriber starts from and what the matching engine reads. */
  /** Scripts a move of the price (and flow) from now on; see PriceProcess.impulse. */
  impulse(nowMs: number, movePercent: number, durationMs: number, flowBoost = 1): void {
    this.process.impulse(nowMs, movePercent, durationMs, flowBoost);
  }

  book(): BookView {
    this.syncUnfollowedBook();
    return this.orderBook.view();
  }

  bestBid(): BookLevel | null {
    this.syncUnfollowedBook();
    return this.orderBook.bestBid();
  }

  bestAsk(): BookLevel | null {
    this.syncUnfollowedBook();
    return this.orderBook.bestAsk();
  }

  ticker(): TickerState {
    return {
      symbol: this.symbol,
      lastPriceRaw: this.lastPriceRaw,
      prevPrice24hRaw: this.prevPrice24hRaw,
      turnover24h: this.process.turnover24h.toFixed(4),
      volume24h: this.process.volume24h.toFixed(this.spec.sizeDecimals),
      bestBid: this.bestBid(),
      bestAsk: this.bestAsk(),
      regime: this.regime,
    };
  }
}
