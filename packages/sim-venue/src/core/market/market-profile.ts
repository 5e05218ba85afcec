// The simulated market's character (venue thread): `live-like`, the default, reproduces what a momentum scalper
// meets on Bybit's volatile alt perpetuals; `calm` is the earlier smooth market, kept for tests that script every move.

import type { CoinClass } from '../venue-types.js';
import { kVolatile, type RegimeParams, type RegimeTable } from './regime-model.js';

export type MarketProfileName = 'live-like' | 'calm';
export const marketProfileNames: readonly MarketProfileName[] = ['live-like', 'calm'];

/** Self-excitation of the tape: every taker order raises the rate of the next ones (a Hawkes process). */
export interface HawkesParams {
  /** Share of trades triggered by earlier trades (the branching ratio, below 1). */
  readonly branchingRatio: number;
  /** How fast a trade's excitation fades (exponential kernel). */
  readonly decayMs: number;
}

/** Volatility clustering: a mean-one factor on the volatility whose logarithm wanders (Ornstein-Uhlenbeck). */
export interface ClusteringParams {
  readonly logSigma: number;
  readonly halfLifeSeconds: number;
  /** The taker rate follows volatility: rate × factor^this. */
  readonly tradeRateElasticity: number;
}

/** Fast moves: a few per hour, 0.3-2 % within seconds, with a burst of trades and a thin book. */
export interface FastMoveParams {
  /** Expected moves per minute in each regime (quiet, trending, volatile). */
  readonly perMinute: readonly [number, number, number];
  /** Smallest move, for a symbol of `referenceDailyVolatility`; others scale with their own. */
  readonly minPercent: number;
  readonly maxPercent: number;
  /** Pareto exponent of the move size: P(move > x) = (min / x)^exponent. */
  readonly tailExponent: number;
  readonly referenceDailyVolatility: number;
  /** Median duration; durations are log-normal with `durationLogSigma`, clamped to the range. */
  readonly medianDurationMs: number;
  readonly durationLogSigma: number;
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
  /** Share of moves that go the way of the drift (a pump keeps pumping). */
  readonly withDriftShare: number;
  /** Extra taker arrivals at the start of a move of minPercent, per second; grows with √(move / min). */
  readonly burstTradesPerSecond: number;
  /** Taker Buy probability minus 0.5 during a move, its way. */
  readonly takerLean: number;
  /** Book levels are this share of their usual size during a move (makers pull quotes). */
  readonly bookThinning: number;
  /**
   * After the run, the price gives back a share of it (drawn uniformly from this range) over retraceMs: flash
   * moves and liquidation cascades overshoot, then partly revert.
   */
  readonly retraceShare: readonly [number, number];
  readonly retraceMs: readonly [number, number];
  /** Takers in a rush send bigger orders: sizes are this many times larger during a move, so they walk the book. */
  readonly rushSizeMultiple: number;
}

/** Trade sizes: a log-normal body with a Pareto tail (mean one, times the symbol's typical trade notional). */
export interface SizeParams {
  readonly bodyLogSigma: number;
  /** Share of trades drawn from the tail. */
  readonly tailShare: number;
  readonly tailExponent: number;
  /** Largest draw, as a multiple of the mean. */
  readonly maxMultiple: number;
}

/**
 * Multipliers for one kind of coin. The day's biggest moves are memes and alts pumping or dumping for a long spell
 * on heavy volume, while BTC's 24h change stays a few percent: that is why a turnover × |change| scanner usually
 * picks a meme coin on Bybit although BTC trades ten times the money.
 */
export interface ClassTuning {
  /** Of the drift in every regime. */
  readonly drift: number;
  /** Of the volatile regime's volatility, turnover and mean dwell. */
  readonly volatileVol: number;
  readonly volatileFlow: number;
  readonly volatileDwell: number;
  /** Of the chance that a quiet or trending spell turns volatile. */
  readonly toVolatile: number;
}

export interface MarketProfile {
  readonly name: MarketProfileName;
  readonly regimes: readonly [RegimeParams, RegimeParams, RegimeParams];
  /**
   * `daily`: a symbol's volatility is its catalog dailyVolatility, and the regimes' volPerSqrtSecond and
   * driftSigmaPerSecond are multiples of it. `turnover`: the calm market's rule (smaller coins move more).
   */
  readonly volatilityFrom: 'daily' | 'turnover';
  /**
   * The compressed "24 hours" of turnover24h and prevPrice24h (see RollingDay): short enough that the scanner's top
   * coin changes within a paper session, as it does over hours on Bybit.
   */
  readonly dayWindowMs: number;
  /**
   * Every symbol runs its full tape and book at 20 ms steps, published or not, so a symbol's path is a function of
   * the seed and venue time alone, whoever subscribes when. The calm market steps unfollowed symbols once a second.
   */
  readonly followEverySymbol: boolean;
  /** How long the wandering drift remembers its direction (an Ornstein-Uhlenbeck time constant). */
  readonly driftMemorySeconds: number;
  readonly hawkes: HawkesParams | null;
  readonly clustering: ClusteringParams | null;
  readonly fastMoves: FastMoveParams | null;
  /** null: the calm market's E²/2 sizes. */
  readonly sizes: SizeParams | null;
  /** Price levels one taker order may walk (1: every trade prints at the touch). */
  readonly maxSweepLevels: number;
  /** Share of a sweep's move that stays in the mid (permanent impact); the rest the book refills. */
  readonly sweepImpactShare: number;
  /** How each kind of coin departs from the regime table; null: every coin follows it as it is (calm). */
  readonly classes: Readonly<Record<CoinClass, ClassTuning>> | null;
}

const minute = 60_000;

/**
 * The earlier smooth market: a Poisson tape at the touch, no jumps. Its numbers are absolute (per √s and per s) and
 * scaled by the turnover rule, exactly as before, so scripted tests replay the same markets for the same seeds.
 */
export const calmProfile: MarketProfile = {
  name: 'calm',
  volatilityFrom: 'turnover',
  regimes: [
    {
      volPerSqrtSecond: 0.00012,
      driftSigmaPerSecond: 0.00001,
      tradeRateFactor: 0.6,
      flowFactor: 0.5,
      meanDwellMs: 8 * minute,
      spreadCumulative: [0.75, 0.95, 1],
      nextCumulative: [0, 0.7, 1],
    },
    {
      volPerSqrtSecond: 0.0002,
      driftSigmaPerSecond: 0.00004,
      tradeRateFactor: 1.1,
      flowFactor: 1.0,
      meanDwellMs: 4 * minute,
      spreadCumulative: [0.6, 0.9, 1],
      nextCumulative: [0.6, 0.6, 1],
    },
    {
      volPerSqrtSecond: 0.0006,
      driftSigmaPerSecond: 0.00008,
      tradeRateFactor: 1.8,
      flowFactor: 2.6,
      meanDwellMs: 4 * minute,
      spreadCumulative: [0.35, 0.75, 1],
      nextCumulative: [0.55, 1, 1],
    },
  ],
  dayWindowMs: 20 * minute,
  followEverySymbol: false,
  driftMemorySeconds: 240,
  hawkes: null,
  clustering: null,
  fastMoves: null,
  sizes: null,
  maxSweepLevels: 1,
  sweepImpactShare: 0,
  classes: null,
};

/**
 * Bybit's volatile alt perpetuals as a momentum scalper meets them (the figures behind each number are in the
 * README's "The simulated market" table). Volatility is a multiple of the symbol's daily volatility: quiet 0.45x,
 * trending 0.9x, volatile 2.1x, so with the time shares (54/27/19 %) the variance averages about the daily figure.
 * Drift is in the same units per second: a volatile spell on a meme coin trends about 0.5 % a minute.
 */
export const liveLikeProfile: MarketProfile = {
  name: 'live-like',
  volatilityFrom: 'daily',
  regimes: [
    {
      volPerSqrtSecond: 0.6,
      driftSigmaPerSecond: 0.02,
      tradeRateFactor: 0.5,
      flowFactor: 0.5,
      meanDwellMs: 5 * minute,
      spreadCumulative: [0.86, 0.97, 1],
      nextCumulative: [0, 0.7, 1],
    },
    {
      volPerSqrtSecond: 0.9,
      driftSigmaPerSecond: 0.08,
      tradeRateFactor: 1.0,
      flowFactor: 1.0,
      meanDwellMs: 4 * minute,
      spreadCumulative: [0.78, 0.95, 1],
      nextCumulative: [0.6, 0.6, 1],
    },
    {
      volPerSqrtSecond: 2.1,
      driftSigmaPerSecond: 0.08,
      tradeRateFactor: 2.4,
      flowFactor: 2.6,
      meanDwellMs: 4 * minute,
      spreadCumulative: [0.6, 0.88, 1],
      nextCumulative: [0.55, 1, 1],
    },
  ],
  dayWindowMs: 10 * minute,
  followEverySymbol: true,
  driftMemorySeconds: 150,
  hawkes: { branchingRatio: 0.7, decayMs: 400 },
  clustering: { logSigma: 0.45, halfLifeSeconds: 240, tradeRateElasticity: 0.8 },
  fastMoves: {
    perMinute: [0.1, 0.4, 1.2],
    minPercent: 0.3,
    maxPercent: 2,
    tailExponent: 2.2,
    referenceDailyVolatility: 0.08,
    medianDurationMs: 1_500,
    durationLogSigma: 0.6,
    minDurationMs: 600,
    maxDurationMs: 10_000,
    withDriftShare: 0.65,
    burstTradesPerSecond: 15,
    takerLean: 0.35,
    bookThinning: 0.2,
    rushSizeMultiple: 3,
    retraceShare: [0.2, 0.7],
    retraceMs: [5_000, 30_000],
  },
  sizes: { bodyLogSigma: 1.0, tailShare: 0.08, tailExponent: 1.6, maxMultiple: 300 },
  maxSweepLevels: 25,
  sweepImpactShare: 0.6,
  classes: {
    major: { drift: 0.1, volatileVol: 0.45, volatileFlow: 0.6, volatileDwell: 0.5, toVolatile: 0.5 },
    alt: { drift: 1, volatileVol: 1, volatileFlow: 1, volatileDwell: 1, toVolatile: 1 },
    mover: { drift: 1.6, volatileVol: 1.5, volatileFlow: 1.6, volatileDwell: 1.5, toVolatile: 3 },
  },
};

/** The regime table a coin of `coinClass` follows under this profile. */
export function regimesFor(profile: MarketProfile, coinClass: CoinClass): RegimeTable {
  const tuning = profile.classes?.[coinClass];
  if (tuning === undefined) return profile.regimes;
  const turnVolatile = (regime: RegimeParams): RegimeParams => {
    // nextCumulative is [P(quiet), P(quiet or trending), 1]: a bigger volatile share shrinks the other two alike.
    const [q, qt] = regime.nextCumulative;
    const volatileShare = Math.min(0.95, (1 - qt) * tuning.toVolatile);
    const scale = (1 - volatileShare) / (qt > 0 ? qt : 1);
    return { ...regime, nextCumulative: [q * scale, qt * scale, 1] };
  };
  const volatile = profile.regimes[kVolatile];
  return [
    turnVolatile(profile.regimes[0]),
    turnVolatile(profile.regimes[1]),
    {
      ...volatile,
      volPerSqrtSecond: volatile.volPerSqrtSecond * tuning.volatileVol,
      flowFactor: volatile.flowFactor * tuning.volatileFlow,
      meanDwellMs: volatile.meanDwellMs * tuning.volatileDwell,
    },
  ];
}

export function marketProfile(name: MarketProfileName): MarketProfile {
  return name === 'calm' ? calmProfile : liveLikeProfile;
}

export function isMarketProfileName(text: string): text is MarketProfileName {
  return (marketProfileNames as readonly string[]).includes(text);
}
