// Deterministic ring traffic for tests and benchmarks (producer and consumer worker threads): every field of an
// entry is derived from its seq, so a consumer can prove that no entry was torn, lost, duplicated or reordered.

import { kSideBuy, kSideSell } from '../layout.js';
import type { RingTick } from '../tick-ring.js';

const tsBaseMs = 1_700_000_000_000;

/** Fills `tick` with the values entry number `seq` must carry (the producer assigns the same seq on push). */
export function fillTrafficTick(tick: RingTick, seq: number): void {
  tick.priceRaw = 100_000 + ((seq * 7919) % 1_000_003);
  tick.sizeRaw = 1 + (seq % 9973);
  tick.tsEventMs = tsBaseMs + seq;
  tick.tsRecvMs = tsBaseMs + seq + 0.5;
  tick.epoch = Math.floor(seq / 1_000_000);
  tick.side = (seq & 1) === 0 ? kSideBuy : kSideSell;
  tick.priceDecimals = seq % 16;
  tick.sizeDecimals = (seq >> 4) % 16;
}

/** True if every field of `tick` is what fillTrafficTick wrote for its seq. */
export function isIntactTrafficTick(tick: RingTick): boolean {
  const seq = tick.seq;
  return (
    tick.priceRaw === 100_000 + ((seq * 7919) % 1_000_003) &&
    tick.sizeRaw === 1 + (seq % 9973) &&
    tick.tsEventMs === tsBaseMs + seq &&
    tick.tsRecvMs === tsBaseMs + seq + 0.5 &&
    tick.epoch === Math.floor(seq / 1_000_000) &&
    tick.side === ((seq & 1) === 0 ? kSideBuy : kSideSell) &&
    tick.priceDecimals === seq % 16 &&
    tick.sizeDecimals === (seq >> 4) % 16
  );
}
