// Rehearses market-data's per-trade path (market-data thread, paced by a RehearsalPacer): the connection runs the last
// trade frame through decoding and the classifier again (BybitWsConnection.rehearse), and this takes the result
// through the same histogram, scale and ring-write code as a real frame, into a scratch ring and scratch histograms
// nobody reads. On this VM that code, left alone for 15 ms, classified a frame in 43 µs against 15 µs at 1,000
// frames/s.

import type { TradeFrame } from '@scalper/bybit';
import { createRingEntry, createTickRing, LatencyHistogram, TickRingConsumer, TickRingProducer, type InstrumentScale } from '@scalper/protocol';
import { TradeToRing } from './trade-to-ring.js';

/** Large enough for any frame the rehearsal replays (drained after each), small enough to stay in the caches. */
const scratchCapacity = 256;

export class FrameRehearsal {
  private readonly scratchRing = createTickRing({ capacity: scratchCapacity, overflow: 'drop-oldest' });
  private readonly producer = new TickRingProducer(this.scratchRing);
  private readonly drain = new TickRingConsumer(this.scratchRing, createRingEntry());
  private readonly drained = createRingEntry();
  private readonly trades = new TradeToRing(this.producer);
  private readonly feedLag = new LatencyHistogram();
  private readonly frameToRing = new LatencyHistogram();
  private scale: InstrumentScale | null = null;

  /** The current symbol's scale and epoch (a frame of another symbol takes the real path's refusal branch). */
  setSymbol(scale: InstrumentScale, epoch: number): void {
    if (this.scale === scale) return;
    this.scale = scale;
    this.trades.setSymbol(scale, epoch);
  }

  /** Takes a trade frame the connection rehearsed; returns how many trades it wrote to the scratch ring. */
  run(frame: TradeFrame, receivedAtMs: number, nowMs: () => number): number {
    if (this.scale === null) return 0;
    this.feedLag.recordMs(receivedAtMs - frame.tsMs);
    const written = this.trades.writeFrame(frame, receivedAtMs);
    if (written > 0) this.frameToRing.recordMs(nowMs() - receivedAtMs);
    while (this.drain.read(this.drained));
    return written;
  }
}
