// A small deterministic PRNG for the market simulation (venue thread): sfc32, seeded through splitmix32, so a
// seed replays the same market in a test, a backtest and a paper session. Not for anything secret.

/** Mixes a 32-bit state one splitmix32 step; used to spread a small seed over sfc32's 128 bits of state. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** FNV-1a over the UTF-16 code units: a stable 32-bit seed from a label such as a symbol name. */
export function seedFromString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** Combines a seed with a label into an independent stream's seed (per symbol, per purpose). */
export function deriveSeed(seed: number, label: string): number {
  return splitmix32((seed ^ seedFromString(label)) | 0);
}

const twoPow32 = 4294967296;
const twoPi = 2 * Math.PI;

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box-Muller yields normals in pairs; the second waits here (NaN when none waits). */
  private spareNormal = Number.NaN;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number: ${seed}`);
    let s = Math.trunc(seed) | 0;
    s = splitmix32(s);
    this.a = s;
    s = splitmix32(s);
    this.b = s;
    s = splitmix32(s);
    this.c = s;
    s = splitmix32(s);
    this.d = s;
    // sfc32's first outputs still echo the seed; the reference implementation discards a dozen.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform integer in [0, 2^32). */
  nextUint32(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / twoPow32;
  }

  /** A uniform integer in [0, bound); bound must be a positive integer up to 2^32. */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > twoPow32) {
      throw new RangeError(`bound must be an integer in 1..2^32: ${bound}`);
    }
    return Math.floor(this.next() * bound);
  }

  /** A standard normal (mean 0, variance 1). */
  normal(): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = Number.NaN;
      return spare;
    }
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = twoPi * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** An exponential variate with the given rate (mean 1 / rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }
}
