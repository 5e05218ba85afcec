// One symbol's price and money-flow process (venue thread): a regime-switching random walk of the mid with a
// wandering drift, an interest factor on the flow, and the rolling day that reports turnover24h and prevPrice24h.
// The live-like profile adds volatility clustering and fast moves; the calm one draws exactly as it always has.

import type { InstrumentSpec } from '../venue-types.js';
import { FastMoves } from './fast-moves.js';
import { regimesFor, type ClusteringParams, type MarketProfile } from './market-profile.js';
import { dwellMs, kQuiet, kTrending, kVolatile, nextRegime, pickCumulative, type RegimeParams, type RegimeTable } from './regime-model.js';
import { RollingDay } from './rolling-day.js';
import type { SeededRandom } from './seeded-random.js';

const kDayBuckets = 120;
/** A weak pull of the log mid towards the start price, so a long backtest stays near the instrument's range. */
const kReversionSeconds = 6 * 3600;
/** The log-flow interest factor: how far and how slowly a symbol's money flow wanders apart from its regime. */
const kInterestSigma = 0.35;
const kInterestSeconds = 900;
/** Long-run regime shares (see regime-model), for the regime a symbol starts in. */
const stationaryCumulative = [0.54, 0.81, 1] as const;
/** √(seconds in a day): a daily volatility divided by this is the volatility per √second. */
const kSqrtSecondsPerDay = Math.sqrt(86_400);

export interface PriceLimits {
  /** The mid stays inside these, far enough from minPrice and maxPrice that a full book fits. */
  readonly minMid: number;
  readonly maxMid: number;
}

function clamp(value: number, limit: number): number {
  return value > limit ? limit : value < -limit ? -limit : value;
}

export class PriceProcess {
  /** Typical USDT flow per millisecond: startTurnover24h spread over a day. */
  readonly baseFlowPerMs: number;
  private readonly rng: SeededRandom;
  private readonly limits: PriceLimits;
  private readonly logStart: number;
  /** Scales volatility and drift: small caps move more than BTC, as on the real venue. */
  private readonly volMultiplier: number;
  private readonly day: RollingDay;
  private regimeValue: number;
  private regimeUntilMs: number;
  /** Relative drift of the mid per second. */
  private drift: number;
  private logMid: number;
  private midValue: number;
  private interest = 0;
  private bias = 0;
  private lastStep: number;
  /** A scripted move (tests, demos): extra relative drift per second until impulseUntilMs. */
  private impulseDrift = 0;
  private impulseFromMs = 0;
  private impulseUntilMs = 0;
  private flowBoost = 1;
  private flowBoostUntilMs = 0;
  private readonly regimes: RegimeTable;
  private readonly profile: MarketProfile;
  private readonly clustering: ClusteringParams | null;
  /** How hard this coin trends: majors drift less than the memes that pump and dump (1 in the calm market). */
  private readonly driftScale: number;
  /** The clustering factor's log (an Ornstein-Uhlenbeck process); the factor is exp(logVol − σ²), mean-square one. */
  private logVol = 0;
  private volFactorValue = 1;
  /** E[factor^elasticity] for the stationary log: dividing by it keeps the mean trade rate where it was asked. */
  private readonly activityNorm: number;
  readonly fastMoves: FastMoves | null;

  constructor(spec: InstrumentSpec, rng: SeededRandom, startMs: number, dayWindowMs: number, limits: PriceLimits, profile: MarketProfile) {
    this.rng = rng;
    this.limits = limits;
    this.profile = profile;
    this.regimes = regimesFor(profile, spec.coinClass ?? 'alt');
    const turnover = Number(spec.startTurnover24h);
    this.baseFlowPerMs = turnover / 86_400_000;
    this.logStart = Math.log(Number(spec.startPrice));
    const dailyVolatility = spec.dailyVolatility ?? 0.05;
    // The draw keeps two coins of similar size from moving alike.
    if (profile.volatilityFrom === 'daily') {
      this.volMultiplier = (dailyVolatility / kSqrtSecondsPerDay) * (0.85 + 0.3 * rng.next());
    } else {
      const sizeFactor = (1e9 / turnover) ** 0.35;
      this.volMultiplier = Math.min(3, Math.max(0.5, sizeFactor * (0.8 + 0.4 * rng.next())));
    }
    this.driftScale = profile.classes?.[spec.coinClass ?? 'alt'].drift ?? 1;
    this.clustering = profile.clustering;
    const sigma = this.clustering?.logSigma ?? 0;
    const k = this.clustering?.tradeRateElasticity ?? 0;
    this.activityNorm = Math.exp(((k * k) / 2 - k) * sigma * sigma);
    this.logMid = this.logStart;
    this.midValue = Math.exp(this.logMid);
    this.regimeValue = pickCumulative(stationaryCumulative, rng.next());
    this.drift = this.params().driftSigmaPerSecond * this.driftScale * this.volMultiplier * rng.normal();
    this.regimeUntilMs = startMs + dwellMs(this.regimes, this.regimeValue, rng);
    this.lastStep = startMs;
    this.day = new RollingDay(dayWindowMs, kDayBuckets, startMs, this.midValue);
    this.fastMoves = profile.fastMoves === null ? null : new FastMoves(profile.fastMoves, dailyVolatility, rng);
    if (this.clustering !== null) this.logVol = this.clustering.logSigma * rng.normal();
    this.volFactorValue = this.clusterFactor();
    if (profile.volatilityFrom === 'daily') this.seedTrendingHistory();
    else this.seedHistory();
  }

  /** The day before start (calm): flow around the regime's level and a random path that ends at the start price. */
  private seedHistory(): void {
    const bucketMs = this.day.bucketLengthMs;
    const flow = this.baseFlowPerMs * this.params().flowFactor * bucketMs;
    const sigma = 0.0006 * this.volMultiplier * Math.sqrt(bucketMs / 1000);
    let mark = this.midValue;
    for (let back = 1; back <= kDayBuckets; back++) {
      mark *= Math.exp(sigma * this.rng.normal());
      const turnover = flow * Math.exp(0.3 * this.rng.normal() - 0.045);
      this.day.setHistory(back, turnover, turnover / mark, mark);
    }
  }

  /**
   * The day before start (live-like): the same process run backwards from the start price, with the regime and the
   * drift the symbol starts in, so a coin that starts pumping has pumped all day and tops the scanner at once.
   */
  private seedTrendingHistory(): void {
    const bucketMs = this.day.bucketLengthMs;
    const bucketSeconds = bucketMs / 1000;
    const flow = this.baseFlowPerMs * this.params().flowFactor * this.activity() * bucketMs;
    const sigma = this.params().volPerSqrtSecond * this.volMultiplier * this.volFactorValue * Math.sqrt(bucketSeconds);
    let mark = this.midValue;
    for (let back = 1; back <= kDayBuckets; back++) {
      mark *= Math.exp(-this.drift * bucketSeconds + sigma * this.rng.normal());
      const turnover = flow * Math.exp(0.3 * this.rng.normal() - 0.045);
      this.day.setHistory(back, turnover, turnover / mark, mark);
    }
  }

  params(): RegimeParams {
    return this.regimes[this.regimeValue] ?? this.regimes[0];
  }

  private clusterFactor(): number {
    const sigma = this.clustering?.logSigma ?? 0;
    return sigma === 0 ? 1 : Math.exp(this.logVol - sigma * sigma);
  }

  /**
   * How busy the tape is beside the regime: the clustering factor to the elasticity, mean one over time (1 in the
   * calm market). Trades, turnover and volatility rise together, as they do on the real venue.
   */
  activity(): number {
    const k = this.clustering?.tradeRateElasticity ?? 0;
    return k === 0 ? 1 : this.volFactorValue ** k / this.activityNorm;
  }

  /** The volatility clustering factor now (1 in the calm market). */
  get volFactor(): number {
    return this.volFactorValue;
  }

  /**
   * A taker order walked the book: part of its move stays in the mid (permanent impact), so the next re-centre does
   * not simply undo it.
   */
  shiftMid(relative: number): void {
    if (!(relative === relative) || relative === 0) return;
    this.logMid += Math.log(1 + relative);
    this.midValue = Math.exp(this.logMid);
    if (this.midValue < this.limits.minMid || this.midValue > this.limits.maxMid) {
      this.midValue = this.midValue < this.limits.minMid ? this.limits.minMid : this.limits.maxMid;
      this.logMid = Math.log(this.midValue);
    }
  }

  get regimeIndex(): number {
    return this.regimeValue;
  }

  get mid(): number {
    return this.midValue;
  }

  /** Taker Buy probability minus 0.5: takers lean with the drift and with the last step's move. */
  get sideBias(): number {
    return this.bias;
  }

  get lastStepMs(): number {
    return this.lastStep;
  }

  get turnover24h(): number {
    return this.day.turnover24h();
  }

  get volume24h(): number {
    return this.day.volume24h();
  }

  get referencePrice(): number {
    return this.day.referencePrice();
  }

  /**
   * Scripts a move: the mid drifts `movePercent` % over `durationMs` on top of the process, and the traded flow is
   * `flowBoost` times higher meanwhile (a pump with volume). How tests and demos make a burst or a new top coin.
   */
  impulse(nowMs: number, movePercent: number, durationMs: number, flowBoost = 1): void {
    if (!(durationMs > 0) || !Number.isFinite(movePercent) || !(flowBoost > 0)) {
      throw new RangeError(`impulse needs durationMs > 0, a finite movePercent and flowBoost > 0`);
    }
    this.impulseDrift = Math.log(1 + movePercent / 100) / (durationMs / 1000);
    this.impulseFromMs = nowMs;
    this.impulseUntilMs = nowMs + durationMs;
    this.flowBoost = flowBoost;
    this.flowBoostUntilMs = nowMs + durationMs;
  }

  /** Moves everything over the time since the last step; any length works, so a long gap takes coarse steps. */
  step(atMs: number): void {
    const seconds = (atMs - this.lastStep) / 1000;
    // The scripted move lands in full whatever the step length: only the part of the impulse inside this step counts
    // (an impulse shorter than a step, or one a coarse step spans, is neither lost nor multiplied).
    const impulseMs = Math.max(0, Math.min(atMs, this.impulseUntilMs) - Math.max(this.lastStep, this.impulseFromMs));
    const fromMs = this.lastStep;
    if (atMs >= this.regimeUntilMs) {
      this.regimeValue = nextRegime(this.regimes, this.regimeValue, this.rng);
      this.regimeUntilMs = atMs + dwellMs(this.regimes, this.regimeValue, this.rng);
      if (this.regimeValue !== kQuiet) {
        // A volatile spell mostly extends the day's move (a pump keeps pumping), so it raises |price24hPcnt|.
        const kick = 1.5 * this.params().driftSigmaPerSecond * this.driftScale * this.volMultiplier;
        const withTheDay = this.midValue >= this.day.referencePrice() ? kick : -kick;
        this.drift = this.rng.next() < (this.regimeValue === kVolatile ? 0.75 : 0.5) ? withTheDay : -withTheDay;
      }
    }
    const params = this.params();
    // Exact Ornstein-Uhlenbeck updates for drift and interest, so a coarse step after a long gap keeps their spread.
    const driftDecay = Math.exp(-seconds / this.profile.driftMemorySeconds);
    const driftSigma = params.driftSigmaPerSecond * this.driftScale * this.volMultiplier;
    this.drift = this.drift * driftDecay + driftSigma * Math.sqrt(1 - driftDecay * driftDecay) * this.rng.normal();
    const z = this.rng.normal();
    const pull = (this.logMid - this.logStart) / kReversionSeconds;
    const noise = params.volPerSqrtSecond * this.volMultiplier * this.volFactorValue * Math.sqrt(seconds) * z;
    const scripted = (this.impulseDrift * impulseMs) / 1000;
    const fast = this.fastMoves === null ? 0 : this.fastMoves.logMoveBetween(fromMs, atMs);
    this.logMid += (this.drift - (impulseMs === 0 ? pull : 0)) * seconds + scripted + fast + noise;
    this.midValue = Math.exp(this.logMid);
    if (this.midValue < this.limits.minMid || this.midValue > this.limits.maxMid) {
      this.midValue = this.midValue < this.limits.minMid ? this.limits.minMid : this.limits.maxMid;
      this.logMid = Math.log(this.midValue);
    }
    const interestDecay = Math.exp(-seconds / kInterestSeconds);
    const interestNoise = kInterestSigma * Math.sqrt(1 - interestDecay * interestDecay) * this.rng.normal();
    this.interest = this.interest * interestDecay + interestNoise;
    const meanOne = Math.exp(this.interest - (kInterestSigma * kInterestSigma) / 2);
    const boost = atMs <= this.flowBoostUntilMs ? this.flowBoost : 1;
    const flowPerMs = this.baseFlowPerMs * this.params().flowFactor * this.activity() * meanOne * boost;
    this.day.add(atMs, flowPerMs, flowPerMs / this.midValue, this.midValue);
    // The tape follows the price, as order flow does: one trending sigma of drift leans takers 0.15 its way, and
    // this step's move up to 0.25 more, so flow-based signals (VWAP, imbalance) see something real.
    const lean = (0.15 * this.drift) / (this.regimes[kTrending].driftSigmaPerSecond * this.driftScale * this.volMultiplier);
    this.bias = clamp(lean, 0.2) + 0.25 * clamp(z / 1.5, 1);
    this.lastStep = atMs;
    if (this.clustering !== null) this.stepClustering(seconds, this.clustering);
    if (this.fastMoves !== null) {
      this.fastMoves.step(atMs, seconds, this.regimeValue, this.drift);
      // Takers rush in on the move's side: the sweeps they make are what a momentum signal sees first.
      const lean = (this.profile.fastMoves?.takerLean ?? 0) * this.fastMoves.direction(atMs);
      if (lean !== 0) this.bias = clamp(this.bias + lean, 0.45);
    }
  }

  /** Exact OU update of the log volatility factor, as for drift and interest. */
  private stepClustering(seconds: number, params: ClusteringParams): void {
    const decay = Math.exp((-seconds * Math.LN2) / params.halfLifeSeconds);
    this.logVol = this.logVol * decay + params.logSigma * Math.sqrt(1 - decay * decay) * this.rng.normal();
    this.volFactorValue = this.clusterFactor();
  }
}
