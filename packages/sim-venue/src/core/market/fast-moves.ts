// Fast moves of one symbol's price (venue thread): now and then, mostly in volatile spells, the mid runs 0.3-2 %
// within seconds (a liquidation cascade, news, a whale), while takers rush in on that side and makers pull quotes,
// and then gives part of it back over the next seconds.

import type { FastMoveParams } from './market-profile.js';
import type { SeededRandom } from './seeded-random.js';

export class FastMoves {
  private readonly scale: number;
  private fromMs = 0;
  private untilMs = 0;
  /** Log move per ms while the move runs. */
  private logRatePerMs = 0;
  private directionValue = 0;
  /** The give-back after the run: from untilMs to retraceUntilMs, at this log rate per ms (the other way). */
  private retraceUntilMs = 0;
  private retraceRatePerMs = 0;
  private startedSize = 0;

  constructor(
    private readonly params: FastMoveParams,
    dailyVolatility: number,
    private readonly rng: SeededRandom,
  ) {
    // A coin that moves half as much a day has fast moves half as large (within limits: even BTC has its minutes).
    const ratio = dailyVolatility / params.referenceDailyVolatility;
    this.scale = ratio < 0.3 ? 0.3 : ratio > 1.5 ? 1.5 : ratio;
  }

  /** +1 or −1 while a move runs, else 0. */
  direction(atMs: number): number {
    return atMs < this.untilMs ? this.directionValue : 0;
  }

  /** The size (a fraction, 0.004 = 0.4 %) of a move that began at the last step, once; 0 otherwise. */
  takeStarted(): number {
    const size = this.startedSize;
    this.startedSize = 0;
    return size;
  }

  get durationMs(): number {
    return this.untilMs - this.fromMs;
  }

  /**
   * One price step of `seconds` ending at atMs: maybe starts a move (never two at once). A move goes the drift's
   * way with probability withDriftShare, so a pump keeps pumping.
   */
  step(atMs: number, seconds: number, regime: number, driftSign: number): void {
    if (atMs < this.untilMs) return;
    const perMinute = this.params.perMinute[regime] ?? 0;
    const chance = (perMinute * seconds) / 60;
    if (!(this.rng.next() < chance)) return;
    const p = this.params;
    const size = Math.min(p.maxPercent, p.minPercent * (1 - this.rng.next()) ** (-1 / p.tailExponent)) * this.scale;
    const duration = p.medianDurationMs * Math.exp(p.durationLogSigma * this.rng.normal());
    const durationMs = duration < p.minDurationMs ? p.minDurationMs : duration > p.maxDurationMs ? p.maxDurationMs : duration;
    const withDrift = this.rng.next() < p.withDriftShare;
    const sign = driftSign >= 0 ? 1 : -1;
    this.directionValue = withDrift ? sign : -sign;
    this.fromMs = atMs;
    this.untilMs = atMs + durationMs;
    this.logRatePerMs = (this.directionValue * Math.log(1 + size / 100)) / durationMs;
    this.startedSize = size / 100;
    const share = p.retraceShare[0] + (p.retraceShare[1] - p.retraceShare[0]) * this.rng.next();
    const retraceMs = p.retraceMs[0] + (p.retraceMs[1] - p.retraceMs[0]) * this.rng.next();
    this.retraceUntilMs = this.untilMs + retraceMs;
    this.retraceRatePerMs = (-share * this.logRatePerMs * durationMs) / retraceMs;
  }

  /** The log move of the run and its give-back between two times (only the parts of (fromMs, toMs] inside them). */
  logMoveBetween(fromMs: number, toMs: number): number {
    const run = Math.min(toMs, this.untilMs) - Math.max(fromMs, this.fromMs);
    const back = Math.min(toMs, this.retraceUntilMs) - Math.max(fromMs, this.untilMs);
    return (run > 0 ? this.logRatePerMs * run : 0) + (back > 0 ? this.retraceRatePerMs * back : 0);
  }
}
