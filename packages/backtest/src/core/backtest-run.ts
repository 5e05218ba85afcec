// One backtest (backtest thread, or a sweep worker): recorded frames, in receive order, through the live scanner,
// market-data, strategy and execution cores on a test clock, against the embedded venue's matching and fees. Time
// moves only with the data and the scheduled events; nothing waits on the wall clock.

import { classifyWsFrame, parseTickerItem, type TickerSnapshot, type WsDataFrame } from '@scalper/bybit';
import { TradeLedger, type ExecutionLogger } from '@scalper/execution';
import { marketDataTimerMs } from '@scalper/market-data';
import { createTickRing, type EngineConfig } from '@scalper/protocol';
import { parseInstrumentList } from '@scalper/scanner';
import { instrumentItem, LatencyModel, SeededRandom, deriveSeed, type InstrumentSpec } from '@scalper/sim-venue';
import { strategyTimerMs } from '@scalper/strategy';
import { BacktestEngine } from './backtest-engine.js';
import type { BacktestResult, DecisionRecord, PricePoint, PriceSeries } from './backtest-types.js';
import { decisionRecord } from './decision-record.js';
import { DelayLine } from './delay-line.js';
import { EventQueue } from './event-queue.js';
import { summarize } from './performance-summary.js';
import { BacktestMarket } from '../venue/backtest-market.js';
import { InProcessVenue } from '../venue/in-process-venue.js';
import { resolveInstrumentSpecs } from '@scalper/sim-venue';
import { backtestParams } from './backtest-params.js';

/** One recorded frame: its receive time and its text exactly as the socket delivered it. */
export interface FrameLine {
  readonly tsMs: number;
  readonly text: string;
}

export interface FrameSource {
  /** The next lines in receive order; null at the end. */
  nextBatch(): Promise<readonly FrameLine[] | null>;
}

export interface BacktestInput {
  readonly config: EngineConfig;
  readonly source: FrameSource;
  /** instruments-info items from the recording's header; symbols without them fall back to the venue's catalog. */
  readonly instrumentItems: readonly unknown[];
  /** Frames before this receive time are skipped (inclusive bound). */
  readonly fromMs?: number;
  /** Frames after this receive time end the run (inclusive bound). */
  readonly toMs?: number;
  /** The execution core's log lines; default none. */
  readonly logger?: ExecutionLogger;
  /** Called after each batch with the replay's time. */
  readonly onProgress?: (replayedToMs: number) => void;
}

/** The backtest's own account on the in-process venue (never leaves this thread). */
const backtestKey = { apiKey: 'BACKTEST-KEY', apiSecret: 'BACKTEST-SECRET-NOT-A-SECRET' };
/** The first scan waits for every recorded symbol's first tickers frame (Bybit pushes tickers at least every 100 ms, the venue every second). */
const firstScanDelayMs = 2_000;
/** After the last frame, scheduled deliveries still land (an order sent on the last tick gets its answer). */
const drainAfterEndMs = 1_000;
const pricePointEveryMs = 1_000;

export async function runBacktest(input: BacktestInput): Promise<BacktestResult> {
  const run = new BacktestRun(input);
  return run.run();
}

class BacktestRun {
  private clockMs = 0;
  private readonly queue = new EventQueue();
  private readonly market: BacktestMarket;
  private readonly venue: InProcessVenue;
  private readonly ledger: TradeLedger;
  private readonly engine: BacktestEngine;
  private readonly decisions: DecisionRecord[] = [];
  /** The newest depth-1 book frame of every symbol, as a venue would send it to a new subscriber. */
  private readonly lastBookFrame = new Map<string, WsDataFrame>();
  private readonly toVenue: DelayLine;
  private readonly toEngine: DelayLine;
  private readonly knownSpecs = new Map<string, InstrumentSpec | null>();
  private scannerRules: ReturnType<typeof parseInstrumentList>['rules'] = [];
  private readonly prices = new Map<string, { divisor: number; lastPointMs: number; points: PricePoint[] }>();
  private frames = 0;
  private trades = 0;
  private skippedFrames = 0;

  constructor(private readonly input: BacktestInput) {
    const { config } = input;
    const settings = config.backtest;
    // Whole milliseconds, as Date.now() gives the live venue and execution (a signed timestamp must be an integer);
    // the clock itself keeps latency fractions so the order of events stays exact.
    const now = (): number => Math.floor(this.clockMs);
    this.market = new BacktestMarket({ slippageBps: settings.slippageBps });
    this.ledger = new TradeLedger(settings.startingBalance);
    this.venue = new InProcessVenue({
      market: this.market,
      ...backtestKey,
      startingBalance: settings.startingBalance,
      makerFeeRate: settings.makerFeeRate,
      takerFeeRate: settings.takerFeeRate,
      seed: settings.seed,
      now,
      onPrivateFrame: (text) => this.toEngine.send(this.clockMs, () => this.engine.onPrivateFrame(text)),
      onFill: (fill) => this.ledger.onFill(fill),
    });
    this.toVenue = new DelayLine(
      this.queue,
      new LatencyModel(settings.orderLatencyMs, settings.latencyJitterMs, new SeededRandom(deriveSeed(settings.seed, 'order-latency'))),
    );
    this.toEngine = new DelayLine(
      this.queue,
      new LatencyModel(settings.feedbackLatencyMs, settings.latencyJitterMs, new SeededRandom(deriveSeed(settings.seed, 'feedback-latency'))),
    );
    this.engine = new BacktestEngine({
      config,
      queue: this.queue,
      clockMs: () => this.clockMs,
      ring: createTickRing({ capacity: config.ring.capacity, overflow: config.ring.overflowPolicy }),
      http: this.venue.http,
      ...backtestKey,
      toVenue: this.toVenue,
      toEngine: this.toEngine,
      scanInput: () => this.scanInput(),
      instrumentItems: (symbol) => {
        const spec = this.market.instrument(symbol);
        return spec === undefined ? [] : [instrumentItem(spec, 1)];
      },
      lastBookFrame: (symbol) => this.lastBookFrame.get(symbol),
      onDecision: (action, tsMs, trigger) => this.decisions.push(decisionRecord(action, tsMs, trigger)),
      onAction: (action) => {
        if (action.type === 'ClosePosition') this.ledger.onCloseRequested(action.symbol, action.reason);
      },
      ...(input.logger === undefined ? {} : { logger: input.logger }),
    });
  }

  async run(): Promise<BacktestResult> {
    const startedAt = performance.now();
    const { fromMs = Number.NEGATIVE_INFINITY, toMs = Number.POSITIVE_INFINITY } = this.input;
    let startMs = Number.NaN;
    let lastMs = Number.NaN;
    reading: for (let batch = await this.input.source.nextBatch(); batch !== null; batch = await this.input.source.nextBatch()) {
      for (const line of batch) {
        if (line.tsMs < fromMs) continue;
        if (line.tsMs > toMs) break reading;
        if (Number.isNaN(startMs)) {
          startMs = line.tsMs;
          this.start(startMs);
        }
        if (this.queue.nextAtMs <= line.tsMs) await this.runUntil(line.tsMs);
        // A recording is in receive order; a clock that went back a little (NTP) must not move the replay back.
        if (line.tsMs > this.clockMs) this.clockMs = line.tsMs;
        lastMs = this.clockMs;
        this.onFrame(line.text);
        // A resync the frame started completes before the next frame, whatever the file's chunks: deterministic.
        if (this.engine.marketData.busy) await this.engine.marketData.idle();
      }
      if (!Number.isNaN(lastMs)) this.input.onProgress?.(lastMs);
    }
    if (Number.isNaN(startMs)) throw new Error('the data has no frames in the chosen time range');
    // Answers to the last orders still land, but never past --to: the report covers the window asked for.
    await this.runUntil(Math.min(lastMs + drainAfterEndMs, toMs));
    const endMs = Math.max(lastMs, this.clockMs);
    this.ledger.finish(endMs);
    return this.result(startMs, endMs, performance.now() - startedAt);
  }

  private start(startMs: number): void {
    this.clockMs = startMs;
    const engine = this.engine;
    this.queue.schedule(startMs, () => engine.start());
    this.every(startMs + strategyTimerMs, strategyTimerMs, () => engine.strategy.onTimer());
    this.every(startMs + marketDataTimerMs, marketDataTimerMs, () => {
      engine.marketData.onTimer();
      return engine.marketData.busy ? engine.marketData.idle() : undefined;
    });
    this.every(startMs + firstScanDelayMs, this.input.config.scanner.intervalMs, () => engine.scanner.scan());
  }

  private every(firstMs: number, periodMs: number, tick: () => Promise<void> | void): void {
    this.queue.repeat(firstMs, periodMs, () => this.clockMs, tick);
  }

  private async runUntil(untilMs: number): Promise<void> {
    while (this.queue.nextAtMs <= untilMs) {
      const event = this.queue.pop();
      if (event === null) return;
      if (event.atMs > this.clockMs) this.clockMs = event.atMs;
      const pending = event.run();
      if (pending !== undefined) await pending;
    }
  }

  private onFrame(text: string): void {
    this.frames++;
    const frame = classifyWsFrame(text);
    if (frame.kind === 'trade' || frame.kind === 'orderbook' || frame.kind === 'ticker') {
      if (!this.knowSymbol(frame.symbol)) {
        this.skippedFrames++;
        return;
      }
    }
    const now = this.clockMs;
    switch (frame.kind) {
      case 'trade': {
        const trades = this.market.ingestTrades(frame, now);
        this.trades += trades.length;
        // The venue matches first (resting orders and stops see the trade as it happens), the engine hears it after.
        this.venue.onTrades(trades);
        const series = this.priceSeries(frame.symbol);
        for (const trade of trades) {
          const price = trade.priceRaw / series.divisor;
          this.ledger.onTrade(trade.symbol, now, price);
          if (now - series.lastPointMs >= pricePointEveryMs) {
            series.lastPointMs = now;
            series.points.push({ tsMs: now, price });
          }
        }
        this.engine.onPublicFrame(frame);
        return;
      }
      case 'orderbook':
        this.market.ingestBook(frame);
        if (frame.depth === 1) this.lastBookFrame.set(frame.symbol, frame);
        this.engine.onPublicFrame(frame);
        return;
      case 'ticker':
        this.market.ingestTicker(frame);
        return;
      default:
        this.skippedFrames++;
    }
  }

  /** A scan's input: the recorded tickers as the venue would answer them now, and every known symbol's rules. */
  private scanInput(): { tickers: TickerSnapshot[]; refused: number; instruments: ReturnType<typeof parseInstrumentList>['rules'] } {
    const tickers: TickerSnapshot[] = [];
    let refused = 0;
    for (const item of this.market.tickerItems()) {
      const parsed = parseTickerItem(item);
      if (parsed.ok) tickers.push(parsed.value);
      else refused++;
    }
    return { tickers, refused, instruments: this.scannerRules };
  }

  private knowSymbol(symbol: string): boolean {
    let spec = this.knownSpecs.get(symbol);
    if (spec === undefined) {
      try {
        spec = resolveInstrumentSpecs([symbol], this.input.instrumentItems)[0] ?? null;
      } catch {
        spec = null;
      }
      this.knownSpecs.set(symbol, spec);
      if (spec !== null) {
        this.market.addSymbol(spec);
        this.scannerRules = parseInstrumentList(this.market.instruments().map((s, i) => instrumentItem(s, i + 1))).rules;
      }
    }
    return spec !== null;
  }

  private priceSeries(symbol: string): { divisor: number; lastPointMs: number; points: PricePoint[] } {
    let series = this.prices.get(symbol);
    if (series === undefined) {
      const spec = this.market.instrument(symbol) as InstrumentSpec;
      series = { divisor: 10 ** spec.priceDecimals, lastPointMs: Number.NEGATIVE_INFINITY, points: [] };
      this.prices.set(symbol, series);
    }
    return series;
  }

  private result(startMs: number, endMs: number, wallMs: number): BacktestResult {
    const { config } = this.input;
    const ledger = this.ledger;
    const summary = summarize({
      startMs,
      endMs,
      startingBalance: config.backtest.startingBalance,
      roundTrips: ledger.roundTrips,
      equity: ledger.equity,
      exposureMs: ledger.exposureMs,
      endingEquity: ledger.equityNow().toString(),
      exposureIntervals: ledger.exposureIntervals,
    });
    const prices: PriceSeries[] = [...this.prices].map(([symbol, series]) => ({ symbol, points: series.points }));
    return {
      params: backtestParams(config),
      summary,
      decisions: this.decisions,
      fills: ledger.fills,
      roundTrips: ledger.roundTrips,
      equity: ledger.equity,
      prices,
      exposureIntervals: ledger.exposureIntervals,
      replay: {
        frames: this.frames,
        trades: this.trades,
        ticks: this.engine.strategy.core.counters.ticks,
        wallMs,
        // The epoch moves on by one per symbol swap.
        symbolSwitches: this.engine.marketData.core.epoch,
      },
    };
  }
}
