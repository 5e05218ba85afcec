// The embedded venue's recording of a session (venue thread): what the engine received, in the order the venue sent
// it (orderbook.1 tops and trades of the subscribed symbols, every tickers answer the scanner got, as tickers
// snapshots), plus the relayed upstream depth the matching walks, in the recording format backtests read.

import { recordingFormat, RecordingWriter } from '@scalper/recording';
import type { InstrumentSpec } from '../core/venue-types.js';
import { instrumentItem, tickerSnapshotText } from '../server/public-frames.js';

export interface VenueRecordingOptions {
  /** .jsonl, or .jsonl.gz to gzip it; an existing file is refused (a recording is not regenerable). */
  readonly file: string;
}

export interface VenueRecordingStats {
  readonly file: string;
  readonly frames: number;
  readonly droppedFrames: number;
  readonly bytes: number;
}

export class VenueRecorder {
  private tickerSeq = 0;

  private constructor(private readonly writer: RecordingWriter) {}

  /** Opens the file and writes the header: the instruments as the venue answers them, so a backtest uses its rules. */
  static async open(options: VenueRecordingOptions, source: string, specs: readonly InstrumentSpec[], nowMs: number): Promise<VenueRecorder> {
    const writer = await RecordingWriter.open(options.file, { exclusive: true });
    writer.writeHeader({
      format: recordingFormat,
      source,
      symbols: specs.map((spec) => spec.symbol),
      startedAtMs: nowMs,
      instruments: specs.map((spec, index) => instrumentItem(spec, index + 1)),
    });
    return new VenueRecorder(writer);
  }

  /** One frame text as sent (or, for the upstream depth, as received), at venue time. */
  frame(nowMs: number, text: string): void {
    this.writer.writeFrame(Math.floor(nowMs), text);
  }

  /** A tickers answer: each item as the tickers snapshot a backtest's scanner reads. */
  tickers(nowMs: number, items: readonly Record<string, unknown>[]): void {
    const t = Math.floor(nowMs);
    for (const item of items) this.writer.writeFrame(t, tickerSnapshotText(item, t, ++this.tickerSeq));
  }

  stats(): VenueRecordingStats {
    return { file: this.writer.path, frames: this.writer.frames, droppedFrames: this.writer.droppedFrames, bytes: this.writer.bytes };
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
