// When takers arrive on one symbol's tape (venue thread): a Poisson tape for the calm market, and for the live-like
// one a Hawkes process (each trade raises the rate of the next) plus the bursts of fast moves.

import type { HawkesParams } from './market-profile.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * The caller sets the base rate at every price step (it is constant in between), asks for the next arrival up to
 * the next step with peek(), and calls taken() once it has printed that trade.
 */
export interface TradeArrivals {
  /** Taker orders per ms apart from self-excitation and bursts; takes effect from now on. */
  setBaseRate(perMs: number): void;
  /** The next arrival, searched no further than limitMs: a time after limitMs means none until then. */
  peek(limitMs: number): number;
  /** The arrival peek() returned was printed: the next one is drawn from there. */
  taken(): void;
  /** Forget the pending arrival and start drawing again from atMs (going live, or after a skipped backlog). */
  restart(atMs: number): void;
  /** Extra arrivals, `perMs` at first, fading with `decayMs` (the rush of a fast move); called at a price step. */
  addBurst(perMs: number, decayMs: number, atMs: number): void;
  /** Time of the pending arrival, or where the search stands. */
  readonly pendingMs: number;
}

/**
 * Exponential gaps at the rate in force when each gap is drawn (the draw follows the printed trade), exactly the
 * calm market's tape, so its seeds keep replaying the same trades.
 */
export class PoissonArrivals implements TradeArrivals {
  private ratePerMs = 0;
  private nextAtMs = Number.POSITIVE_INFINITY;

  constructor(private readonly rng: SeededRandom) {}

  setBaseRate(perMs: number): void {
    this.ratePerMs = perMs;
  }

  peek(): number {
    return this.nextAtMs;
  }

  taken(): void {
    this.nextAtMs += this.rng.exponential(this.ratePerMs);
  }

  restart(atMs: number): void {
    this.nextAtMs = atMs + this.rng.exponential(this.ratePerMs);
  }

  addBurst(): void {
    // The calm market has no fast moves.
  }

  get pendingMs(): number {
    return this.nextAtMs;
  }
}

/**
 * λ(t) = base + Σ α·e^(−(t−tᵢ)/τ) over past arrivals + a fading burst. Between arrivals and steps λ only falls, so
 * Ogata's thinning is exact: draw a gap at the current λ, accept the candidate with probability λ(candidate)/λ.
 * α·τ is the branching ratio: each arrival triggers that many more on average, so the long-run rate is
 * base / (1 − ratio) and arrivals cluster into bursts with quiet spells between them.
 */
export class HawkesArrivals implements TradeArrivals {
  private readonly jumpPerArrival: number;
  private readonly decayMs: number;
  private baseRate = 0;
  private excitation = 0;
  private burst = 0;
  private burstDecayMs = 1;
  /** The search has covered time up to here; excitation and burst are as of this time. */
  private cursorMs: number;
  private pending = Number.NaN;

  constructor(
    private readonly rng: SeededRandom,
    params: HawkesParams,
    startMs: number,
  ) {
    if (!(params.branchingRatio >= 0 && params.branchingRatio < 1) || !(params.decayMs > 0)) {
      throw new RangeError(`hawkes needs 0 <= branchingRatio < 1 and decayMs > 0, got ${params.branchingRatio}, ${params.decayMs}`);
    }
    this.decayMs = params.decayMs;
    this.jumpPerArrival = params.branchingRatio / params.decayMs;
    this.cursorMs = startMs;
  }

  /** Self-excitation and burst fade; the base rate is the one given at the last step. */
  setBaseRate(perMs: number): void {
    this.baseRate = perMs;
  }

  private moveTo(atMs: number): void {
    const dt = atMs - this.cursorMs;
    if (dt > 0) {
      this.excitation *= Math.exp(-dt / this.decayMs);
      if (this.burst > 0) this.burst = this.burst < 1e-9 ? 0 : this.burst * Math.exp(-dt / this.burstDecayMs);
    }
    this.cursorMs = atMs;
  }

  private intensity(): number {
    return this.baseRate + this.excitation + this.burst;
  }

  peek(limitMs: number): number {
    if (this.pending === this.pending) return this.pending;
    // Searched up to here already: asking again draws nothing, so how often the market is advanced changes no trade.
    if (this.cursorMs >= limitMs) return Number.POSITIVE_INFINITY;
    for (;;) {
      const bound = this.intensity();
      if (!(bound > 0)) {
        this.moveTo(limitMs);
        return Number.POSITIVE_INFINITY;
      }
      const candidate = this.cursorMs + this.rng.exponential(bound);
      if (candidate > limitMs) {
        // Memoryless: nothing arrived by limitMs, and the search resumes from there.
        this.moveTo(limitMs);
        return Number.POSITIVE_INFINITY;
      }
      this.moveTo(candidate);
      if (this.rng.next() * bound <= this.intensity()) {
        this.pending = candidate;
        return candidate;
      }
    }
  }

  taken(): void {
    this.pending = Number.NaN;
    this.excitation += this.jumpPerArrival;
  }

  restart(atMs: number): void {
    this.pending = Number.NaN;
    this.excitation = 0;
    this.burst = 0;
    this.cursorMs = atMs;
  }

  addBurst(perMs: number, decayMs: number, atMs: number): void {
    if (!(perMs > 0) || !(decayMs > 0)) return;
    // Bursts start at price steps, when every arrival up to the step has been printed: nothing is pending.
    if (atMs > this.cursorMs) this.moveTo(atMs);
    this.burst += perMs;
    this.burstDecayMs = decayMs;
  }

  get pendingMs(): number {
    return this.pending === this.pending ? this.pending : this.cursorMs;
  }
}
