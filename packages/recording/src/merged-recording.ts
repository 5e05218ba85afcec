// Several recordings read as one (backtest thread): a k-way merge of their frames on receive time, equal times in
// file-name order and then line order, with their headers merged.

import { mergeHeaders, type RecordedLine, type RecordingHeader } from './recording-format.js';
import type { RecordingSource } from './recording-reader.js';

/** Frames per merged batch. */
const mergeBatchSize = 4096;

/** Several files as one time-ordered stream: a k-way merge on (receive time, file index). */
export class MergedRecording implements RecordingSource {
  readonly header: RecordingHeader | null;
  private readonly batches: (readonly RecordedLine[] | null)[];
  private readonly positions: number[];

  constructor(private readonly sources: readonly RecordingSource[]) {
    this.header = mergeHeaders(sources.map((source) => source.header));
    // An empty batch stands for "not fetched yet"; null for "this file is finished".
    this.batches = sources.map(() => []);
    this.positions = sources.map(() => 0);
  }

  get paths(): readonly string[] {
    return this.sources.flatMap((source) => source.paths);
  }

  get bytesRead(): number {
    return this.sum((source) => source.bytesRead);
  }

  get totalBytes(): number {
    return this.sum((source) => source.totalBytes);
  }

  get skippedLines(): number {
    return this.sum((source) => source.skippedLines);
  }

  get lastSkipReason(): string | null {
    return this.sources.reduce<string | null>((reason, source) => source.lastSkipReason ?? reason, null);
  }

  get truncated(): boolean {
    return this.sources.some((source) => source.truncated);
  }

  /**
   * Takes the earliest head among the files, ties to the lower file index, so equal times keep file-name order
   * and then line order. A linear scan over the heads: recordings come in a handful of files, not thousands.
   */
  async nextBatch(): Promise<readonly RecordedLine[] | null> {
    const out: RecordedLine[] = [];
    while (out.length < mergeBatchSize) {
      let best = -1;
      let bestT = Number.POSITIVE_INFINITY;
      for (let k = 0; k < this.sources.length; k++) {
        let batch = this.batches[k] ?? null;
        if (batch === null) continue;
        let position = this.positions[k] ?? 0;
        if (position >= batch.length) {
          batch = await this.refill(k);
          if (batch === null) continue;
          position = 0;
        }
        const head = batch[position] as RecordedLine;
        if (best < 0 || head.tsMs < bestT) {
          best = k;
          bestT = head.tsMs;
        }
      }
      if (best < 0) break;
      const position = this.positions[best] as number;
      out.push((this.batches[best] as readonly RecordedLine[])[position] as RecordedLine);
      this.positions[best] = position + 1;
    }
    return out.length > 0 ? out : null;
  }

  async *frames(): AsyncGenerator<RecordedLine, void, undefined> {
    for (let batch = await this.nextBatch(); batch !== null; batch = await this.nextBatch()) yield* batch;
  }

  close(): void {
    for (const source of this.sources) source.close();
  }

  private async refill(k: number): Promise<readonly RecordedLine[] | null> {
    const batch = await (this.sources[k] as RecordingSource).nextBatch();
    this.batches[k] = batch;
    this.positions[k] = 0;
    return batch;
  }

  private sum(of: (source: RecordingSource) => number): number {
    let total = 0;
    for (const source of this.sources) total += of(source);
    return total;
  }
}
