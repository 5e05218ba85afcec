// Bybit-style trade ids and sequence numbers for one symbol's simulated tape (venue thread).

import type { SeededRandom } from './seeded-random.js';

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/**
 * Ids look like Bybit's UUIDs ("0f8c2a31-9d4e-4007-8b21-00000000002a"). The first groups are drawn once per
 * symbol, with the symbol's index in the third group, and the last group counts trades, so ids are unique across
 * a simulator's symbols by construction and cost one toString per trade rather than four random draws.
 */
export class TradeIdSource {
  private readonly prefix: string;
  private count = 0;
  /** Bybit's `seq` is a large per-symbol number; start somewhere plausible rather than at 1. */
  private readonly seqBase: number;

  constructor(symbolIndex: number, rng: SeededRandom) {
    if (!Number.isInteger(symbolIndex) || symbolIndex < 0 || symbolIndex > 0xfff) {
      throw new RangeError(`symbol index must be an integer in 0..4095: ${symbolIndex}`);
    }
    const variant = 0x8 | (rng.nextUint32() & 0x3);
    this.prefix =
      `${hex(rng.nextUint32(), 8)}-${hex(rng.nextUint32() & 0xffff, 4)}-4${hex(symbolIndex, 3)}-` +
      `${variant.toString(16)}${hex(rng.nextUint32() & 0xfff, 3)}-`;
    this.seqBase = 1_000_000_000 + rng.nextInt(1_000_000_000);
  }

  /** Advances to the next trade; read id and seq after. */
  next(): void {
    this.count++;
  }

  get id(): string {
    return this.prefix + hex(this.count, 12);
  }

  get seq(): number {
    return this.seqBase + this.count;
  }
}
