// generateDataset (the `pnpm generate-data` process, main thread): writes a recording offline, in simulated time,
// from sim-venue's MarketSimulator: the frames the embedded venue's public feed would have sent a subscriber, with
// a seeded 1-5 ms network delay as the receive time. No sockets, no timers: three hours take seconds.

import {
  deriveSeed,
  findInstrument,
  instrumentCatalog,
  instrumentItem,
  MarketSimulator,
  SeededRandom,
  TickDirectionTracker,
  TopOfBookCadence,
  bookFrameText,
  forEachSymbolRun,
  maxTradesPerFrame,
  tickerIntervalMs as venueTickerIntervalMs,
  tickerFrameText,
  tradeFrameText,
  type InstrumentSpec,
  type MarketProfileName,
  type SimTrade,
} from '@scalper/sim-venue';
import { recordingFormat, RecordingWriter, type RecordingHeader } from '@scalper/recording';

export interface GenerateDatasetOptions {
  /** Symbols of sim-venue's instrument catalog. */
  readonly symbols: readonly string[];
  /** Market time to generate. */
  readonly hours: number;
  readonly seed: number;
  /** The simulated markets' character; default live-like, as the venue's. */
  readonly market?: MarketProfileName;
  /** Long-run average per symbol; the regimes move it between about 0.6x and 1.8x. */
  readonly tradesPerSecond: number;
  /** Venue time of the first frame, ms since the epoch. */
  readonly startMs: number;
  readonly file: string;
  /**
   * Least time between two orderbook.1 snapshots of a symbol whose top changed; default 100 ms (every step, as the
   * venue's feed). The simulated top changes nearly every step, so this is what sets a file's size.
   */
  readonly bookIntervalMs?: number;
  /** Default 1000 ms, as the venue's feed. */
  readonly tickerIntervalMs?: number;
  /** zlib level for a .gz file; default 9 (a shipped sample is written once and read many times). */
  readonly gzipLevel?: number;
  /** Called about every 10 minutes of market time. */
  readonly onProgress?: (doneMs: number, totalMs: number) => void;
}

export interface GenerateDatasetResult {
  readonly file: string;
  readonly header: RecordingHeader;
  readonly frames: number;
  readonly trades: number;
  readonly tradeFrames: number;
  readonly bookFrames: number;
  readonly tickerFrames: number;
  /** Uncompressed bytes, header included. */
  readonly bytes: number;
  /** Bytes on disk. */
  readonly fileBytes: number;
}

/** The venue's clock tick here: coarser than the live venue's 10 ms, which only changes how trades are framed. */
const stepMs = 100;
const progressEveryMs = 10 * 60_000;
/** Receive delay after venue time: 1 to 5 ms. */
const minDelayMs = 1;
const delaySpreadMs = 5;

function checkOptions(options: GenerateDatasetOptions): InstrumentSpec[] {
  if (options.symbols.length === 0) throw new Error('symbols must list at least one symbol');
  if (new Set(options.symbols).size !== options.symbols.length) throw new Error('symbols lists a symbol twice');
  const unknown = options.symbols.filter((symbol) => findInstrument(instrumentCatalog, symbol) === undefined);
  if (unknown.length > 0) {
    throw new Error(
      `the simulator does not list ${unknown.join(', ')}; it lists ${instrumentCatalog.map((spec) => spec.symbol).join(', ')}`,
    );
  }
  if (!(options.hours > 0) || options.hours > 24 * 31) throw new Error(`hours must be in (0, 744], got ${options.hours}`);
  if (!(options.tradesPerSecond > 0) || !Number.isFinite(options.tradesPerSecond)) {
    throw new Error(`tradesPerSecond must be a positive number, got ${options.tradesPerSecond}`);
  }
  if (!Number.isSafeInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  if (!Number.isSafeInteger(options.startMs) || options.startMs < 0) {
    throw new Error(`startMs must be a time in ms since the epoch, got ${options.startMs}`);
  }
  for (const [name, value] of [
    ['bookIntervalMs', options.bookIntervalMs],
    ['tickerIntervalMs', options.tickerIntervalMs],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= stepMs && value <= 60_000)) {
      throw new Error(`${name} must be an integer number of ms from ${stepMs} to 60000, got ${value}`);
    }
  }
  return options.symbols.map((symbol) => findInstrument(instrumentCatalog, symbol) as InstrumentSpec);
}

export async function generateDataset(options: GenerateDatasetOptions): Promise<GenerateDatasetResult> {
  const specs = checkOptions(options);
  const { seed, startMs, tradesPerSecond } = options;
  const totalMs = Math.round(options.hours * 3_600_000);
  const bookIntervalMs = options.bookIntervalMs ?? stepMs;
  const tickerIntervalMs = options.tickerIntervalMs ?? venueTickerIntervalMs;
  const endMs = startMs + totalMs;
  // The whole catalog moves, as in the venue, so a symbol's path and trade ids match the venue's for the seed.
  const profile = options.market ?? 'live-like';
  const market = new MarketSimulator({ startMs, seed, tradesPerSecondPerSymbol: tradesPerSecond, profile });
  const subscribed: ReadonlySet<string> = new Set(options.symbols);
  const specOf = new Map(specs.map((spec) => [spec.symbol, spec]));
  const header: RecordingHeader = {
    format: recordingFormat,
    source: `sim-generator:MarketSimulator;market=${profile};seed=${seed};tradesPerSecond=${tradesPerSecond};hours=${options.hours}`,
    symbols: [...options.symbols],
    startedAtMs: startMs,
    // Numbered as the venue's instruments-info numbers them: position in the catalog, from 1.
    instruments: specs.map((spec) => instrumentItem(spec, instrumentCatalog.indexOf(spec) + 1)),
  };

  const writer = await RecordingWriter.open(options.file, { gzipLevel: options.gzipLevel ?? 9 });
  const delays = new SeededRandom(deriveSeed(seed, 'recording/network-delay'));
  const ticks = new TickDirectionTracker();
  // The venue's own cadence, thinned to `bookIntervalMs` between changed tops.
  const tops = new TopOfBookCadence(bookIntervalMs);
  const counts = { trades: 0, tradeFrames: 0, bookFrames: 0, tickerFrames: 0 };
  let lastT = 0;
  let tickerSeq = 0;
  let lastTickerMs = Number.NEGATIVE_INFINITY;
  let needDrain = false;

  /** One frame with its receive time: venue time plus the delay, never before the previous line's. */
  const emit = (nowMs: number, text: string): void => {
    const t = Math.max(lastT, nowMs + minDelayMs + delays.nextInt(delaySpreadMs));
    lastT = t;
    if (!writer.writeFrame(t, text)) needDrain = true;
  };

  const publishTrades = (trades: readonly SimTrade[], nowMs: number): void => {
    counts.trades += trades.length;
    forEachSymbolRun(trades, (symbol, start, end) => {
      const spec = specOf.get(symbol) as InstrumentSpec;
      for (let i = start; i < end; i += maxTradesPerFrame) {
        emit(nowMs, tradeFrameText(spec, trades.slice(i, Math.min(end, i + maxTradesPerFrame)), nowMs, ticks));
        counts.tradeFrames++;
      }
    });
  };

  /** As the venue's feed: a snapshot when the top changed, or an unchanged one after 3 s. */
  const publishTop = (spec: InstrumentSpec, nowMs: number): void => {
    const bid = market.bestBid(spec.symbol);
    const ask = market.bestAsk(spec.symbol);
    const top = tops.next(spec.symbol, bid, ask, nowMs);
    if (top === null) return;
    emit(nowMs, bookFrameText(spec, 1, 'snapshot', bid === null ? [] : [bid], ask === null ? [] : [ask], top.updateId, top.updateId, nowMs));
    counts.bookFrames++;
  };

  const publishTickers = (nowMs: number): void => {
    lastTickerMs = nowMs;
    for (const ticker of market.tickers(nowMs)) {
      const spec = specOf.get(ticker.symbol);
      if (spec === undefined) continue;
      emit(nowMs, tickerFrameText(spec, ticker, nowMs, ++tickerSeq));
      counts.tickerFrames++;
    }
  };

  try {
    writer.writeHeader(header);
    // What a subscriber gets on subscribing: every book starts from a snapshot, every ticker from a full one.
    for (const spec of specs) publishTop(spec, startMs);
    publishTickers(startMs);
    let nextProgressMs = startMs + progressEveryMs;
    for (let nowMs = startMs + stepMs; nowMs <= endMs; nowMs += stepMs) {
      publishTrades(market.advance(nowMs, subscribed).trades, nowMs);
      for (const spec of specs) publishTop(spec, nowMs);
      if (nowMs - lastTickerMs >= tickerIntervalMs) publishTickers(nowMs);
      if (needDrain) {
        needDrain = false;
        await writer.drain();
      }
      if (nowMs >= nextProgressMs) {
        nextProgressMs += progressEveryMs;
        options.onProgress?.(nowMs - startMs, totalMs);
      }
    }
  } finally {
    await writer.close();
  }
  return { file: options.file, header, frames: writer.frames, ...counts, bytes: writer.bytes, fileBytes: writer.fileBytes };
}
