// Deterministic order and execution ids for the venue (venue thread): UUID-shaped like Bybit's, derived from a
// seed and a counter, so a replayed backtest produces the same ids and no Math.random is involved.

/** murmur3's 32-bit finaliser: cheap, and every input bit moves every output bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex(value: number, digits: number): string {
  return (value >>> 0)
    .toString(16)
    .padStart(8, '0')
    .slice(8 - digits);
}

export class VenueIds {
  private counter = 0;
  private sequence = 0;
  private readonly seedMix: number;

  constructor(seed: number) {
    this.seedMix = mix32(seed ^ 0x9e3779b9);
  }

  /**
   * The next id, shaped xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx. The last group carries the counter itself, so ids
   * never collide within a venue however the hash behaves; the rest depends on the seed.
   */
  nextId(): string {
    const n = ++this.counter;
    const a = mix32(this.seedMix ^ Math.imul(n, 0x9e3779b1));
    const b = mix32(a ^ 0x632be5ab);
    const c = mix32(b ^ 0x7f4a7c15);
    const high = Math.floor(n / 0x1_0000_0000);
    return `${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-${hex(0x8000 | (c & 0x3fff), 4)}-${hex(high ^ (c >>> 16), 4)}${hex(n, 8)}`;
  }

  /** Bybit's `seq` on executions and positions: one increasing sequence across the venue. */
  nextSeq(): number {
    return ++this.sequence;
  }
}
