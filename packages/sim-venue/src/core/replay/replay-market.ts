// ReplayMarket: public market data from a recording instead of the seeded simulation (venue thread). The frames go
// through a FrameMarket (books from orderbook.50 or orderbook.1, trades restamped to venue time) at the recording's
// pace, and the venue's feed, matching and REST endpoints use it exactly as they use the MarketSimulator. Frames
// stream in batches a little ahead of the replay, so a recording of many hours takes the memory of a few thousand.

import { FrameMarket } from '../frames/frame-market.js';
import { FrameMarketSource } from '../frames/frame-market-source.js';
import type { MarketStep } from '../market-source.js';
import type { InstrumentSpec, TickerState } from '../venue-types.js';

/** 'max' replays as fast as the venue ticks; a number is a speed factor (1 = the recording's own pace). */
export type ReplaySpeed = 'max' | number;

/** One recorded frame: its time in the recording and its text (the reader of @scalper/recording gives these). */
export interface ReplayLine {
  readonly tsMs: number;
  readonly text: string;
}

/** The recording, batch by batch, in receive order; null at the end. */
export interface ReplayLineSource {
  nextBatch(): Promise<readonly ReplayLine[] | null>;
}

export interface ReplayMarketOptions {
  readonly source: ReplayLineSource;
  /** The rules of every symbol the recording has (see replay-instruments.ts); frames of other symbols are ignored. */
  readonly specs: readonly InstrumentSpec[];
  readonly speed: ReplaySpeed;
  readonly startMs: number;
  /** Frames consumed per advance at 'max' speed. */
  readonly framesPerAdvanceAtMax?: number;
  /** Frames read ahead of the replay; default 8,000. */
  readonly readAheadFrames?: number;
}

export class ReplayMarket extends FrameMarketSource {
  private readonly framesPerAdvance: number;
  private readonly readAhead: number;
  /** Frames read and not yet replayed: buffer[head...]. */
  private buffer: ReplayLine[] = [];
  private head = 0;
  private reading: Promise<void> | null = null;
  private sourceEnded = false;
  private readError: Error | null = null;
  private replayed = 0;
  /** The recording's time of its first frame: the replay's pace is measured from it. */
  private firstTsMs = Number.NaN;

  constructor(private readonly options: ReplayMarketOptions) {
    super(new FrameMarket(options.specs));
    if (options.speed !== 'max' && !(options.speed > 0))
      throw new RangeError(`replay speed must be 'max' or a positive number, got ${options.speed}`);
    this.framesPerAdvance = options.framesPerAdvanceAtMax ?? 500;
    this.readAhead = options.readAheadFrames ?? 8_000;
    this.readMore();
  }

  /** Resolves once the first frames are in (or the recording turned out empty): the replay starts on data. */
  async ready(): Promise<void> {
    while (this.buffered() === 0 && !this.sourceEnded) {
      this.readMore();
      await (this.reading ?? Promise.resolve());
    }
    if (this.readError !== null) throw this.readError;
  }

  /** True once every recorded frame has been replayed. */
  get finished(): boolean {
    return this.sourceEnded && this.buffered() === 0;
  }

  /** Frames replayed so far, and those read ahead waiting. */
  get progress(): { readonly replayed: number; readonly buffered: number } {
    return { replayed: this.replayed, buffered: this.buffered() };
  }

  advance(nowMs: number, subscribed: ReadonlySet<string>): MarketStep {
    if (this.readError !== null) throw this.readError;
    const atMax = this.options.speed === 'max';
    if (Number.isNaN(this.firstTsMs) && this.buffered() > 0) this.firstTsMs = (this.buffer[this.head] as ReplayLine).tsMs;
    const target = atMax ? Number.POSITIVE_INFINITY : this.firstTsMs + (nowMs - this.options.startMs) * (this.options.speed as number);
    let budget = atMax ? this.framesPerAdvance : Number.POSITIVE_INFINITY;
    while (budget > 0 && this.head < this.buffer.length && (this.buffer[this.head] as ReplayLine).tsMs <= target) {
      this.market.applyText((this.buffer[this.head] as ReplayLine).text, nowMs, subscribed);
      this.head++;
      this.replayed++;
      budget--;
    }
    this.readMore();
    return this.market.takeStep(nowMs, subscribed);
  }

  private buffered(): number {
    return this.buffer.length - this.head;
  }

  /** Reads the next batches in the background until readAhead frames wait; one read at a time. */
  private readMore(): void {
    if (this.reading !== null || this.sourceEnded || this.buffered() >= this.readAhead) return;
    this.reading = this.options.source
      .nextBatch()
      .then((batch) => {
        if (batch === null) {
          this.sourceEnded = true;
          return;
        }
        if (this.head > 0) {
          this.buffer = this.buffer.slice(this.head);
          this.head = 0;
        }
        for (const line of batch) this.buffer.push(line);
      })
      .catch((error: unknown) => {
        // Surfaces on the next advance, which the venue's loop reports: a replay must not go quiet silently.
        this.readError = error instanceof Error ? error : new Error(String(error));
        this.sourceEnded = true;
      })
      .finally(() => {
        this.reading = null;
        this.readMore();
      });
  }

  tickers(): TickerState[] {
    return this.market.tickers();
  }
}
