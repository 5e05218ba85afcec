// Measures a simulated market the way one measures a real one (venue process, offline): trades per second,
// 1-second and 1-minute returns, spread in ticks, trade sizes and the scanner's top coin, for the README's table
// beside published figures of Bybit's perpetuals. Runs the MarketSimulator in simulated time, nothing sleeps.

import { MarketSimulator } from './market-simulator.js';
import type { MarketProfileName } from './market-profile.js';

export interface MarketStatisticsOptions {
  readonly symbol: string;
  readonly minutes: number;
  readonly seed: number;
  readonly profile: MarketProfileName;
  readonly tradesPerSecond: number;
  /** The scanner's whitelist and boost, for the "top coin" shares. */
  readonly whitelist: readonly string[];
  readonly whitelistBoost: number;
}

export interface Quantiles {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export interface ReturnStats {
  readonly count: number;
  /** Standard deviation, in percent. */
  readonly stdPercent: number;
  /** Excess kurtosis (0 for a normal distribution). */
  readonly excessKurtosis: number;
  readonly maxAbsPercent: number;
  /** Share of intervals that moved at least 0.3 % and 1 % either way. */
  readonly atLeast03Percent: number;
  readonly atLeast1Percent: number;
  /** Autocorrelation of |return| at lag 1 (volatility clustering). */
  readonly absAutocorrelation: number;
}

export interface MarketStatistics {
  readonly symbol: string;
  readonly profile: MarketProfileName;
  readonly seed: number;
  readonly minutes: number;
  readonly trades: number;
  /** Trades in each second of market time. */
  readonly tradesPerSecond: Quantiles & { readonly mean: number; readonly quietShare: number; readonly burstShare: number };
  readonly oneSecond: ReturnStats;
  readonly oneMinute: ReturnStats;
  /** Sampled every 100 ms. */
  readonly spreadTicks: { readonly one: number; readonly two: number; readonly threeOrMore: number };
  /** Trade notionals in USDT. */
  readonly sizeUsd: Quantiles & { readonly mean: number; readonly hillTailExponent: number };
  /** Share of trades printed in the same millisecond as the previous one on the same side (a sweep). */
  readonly sweepShare: number;
  /** Each symbol's share of the minutes it topped turnover24h × |price24hPcnt| × boost, best first. */
  readonly scannerTops: readonly { readonly symbol: string; readonly share: number }[];
}

function quantiles(sorted: readonly number[]): Quantiles {
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

function returnStats(logReturns: readonly number[]): ReturnStats {
  const n = logReturns.length;
  let mean = 0;
  for (const r of logReturns) mean += r / n;
  let m2 = 0;
  let m4 = 0;
  let maxAbs = 0;
  let over03 = 0;
  let over1 = 0;
  for (const r of logReturns) {
    const d = r - mean;
    m2 += (d * d) / n;
    m4 += (d * d * d * d) / n;
    const abs = Math.abs(r);
    if (abs > maxAbs) maxAbs = abs;
    if (abs >= Math.log(1.003)) over03++;
    if (abs >= Math.log(1.01)) over1++;
  }
  const abs = logReturns.map(Math.abs);
  let absMean = 0;
  for (const a of abs) absMean += a / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = (abs[i] as number) - absMean;
    den += d * d;
    if (i > 0) num += d * ((abs[i - 1] as number) - absMean);
  }
  return {
    count: n,
    stdPercent: Math.sqrt(m2) * 100,
    excessKurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : Number.NaN,
    maxAbsPercent: (Math.exp(maxAbs) - 1) * 100,
    atLeast03Percent: over03 / n,
    atLeast1Percent: over1 / n,
    absAutocorrelation: den > 0 ? num / den : Number.NaN,
  };
}

/** Hill's estimator over the largest `share` of the sample: the Pareto exponent of the tail. */
function hillExponent(sorted: readonly number[], share = 0.02): number {
  const k = Math.max(10, Math.floor(sorted.length * share));
  if (sorted.length <= k) return Number.NaN;
  const threshold = sorted[sorted.length - k - 1] as number;
  let sum = 0;
  for (let i = sorted.length - k; i < sorted.length; i++) sum += Math.log((sorted[i] as number) / threshold);
  return k / sum;
}

export function measureMarket(options: MarketStatisticsOptions): MarketStatistics {
  const startMs = Date.UTC(2025, 0, 6);
  const sim = new MarketSimulator({ startMs, seed: options.seed, profile: options.profile, tradesPerSecondPerSymbol: options.tradesPerSecond });
  const spec = sim.instrument(options.symbol);
  if (spec === undefined) throw new Error(`the simulator does not list ${options.symbol}`);
  const priceScale = 10 ** spec.priceDecimals;
  const sizeScale = 10 ** spec.sizeDecimals;
  const tick = Number(spec.tickSize);
  const subscribed = new Set([options.symbol]);
  const totalMs = Math.round(options.minutes * 60_000);
  const perSecond = new Array<number>(Math.ceil(totalMs / 1000)).fill(0);
  const sizes: number[] = [];
  const spreads = [0, 0, 0];
  const secondMids: number[] = [];
  const tops = new Map<string, number>();
  let sweeps = 0;
  let lastTs = Number.NaN;
  let lastSide = '';
  let trades = 0;
  for (let t = 20; t <= totalMs; t += 20) {
    const nowMs = startMs + t;
    for (const trade of sim.advance(nowMs, subscribed).trades) {
      trades++;
      const second = Math.floor((trade.tsMs - startMs) / 1000);
      if (second >= 0 && second < perSecond.length) perSecond[second]! += 1;
      sizes.push(((trade.priceRaw / priceScale) * trade.sizeRaw) / sizeScale);
      if (trade.tsMs === lastTs && trade.side === lastSide) sweeps++;
      lastTs = trade.tsMs;
      lastSide = trade.side;
    }
    if (t % 100 === 0) {
      const bid = sim.bestBid(options.symbol);
      const ask = sim.bestAsk(options.symbol);
      if (bid !== null && ask !== null) {
        const ticks = Math.round((ask.priceRaw - bid.priceRaw) / priceScale / tick);
        spreads[ticks <= 1 ? 0 : ticks === 2 ? 1 : 2]! += 1;
      }
    }
    if (t % 1000 === 0) secondMids.push(sim.market(options.symbol).midPrice);
    if (t % 60_000 === 0) {
      let best = '';
      let bestScore = -1;
      for (const ticker of sim.tickers(nowMs)) {
        const change = Math.abs(ticker.lastPriceRaw - ticker.prevPrice24hRaw) / ticker.prevPrice24hRaw;
        const boost = options.whitelist.includes(ticker.symbol) ? options.whitelistBoost : 1;
        const score = Number(ticker.turnover24h) * change * boost;
        if (score > bestScore) {
          bestScore = score;
          best = ticker.symbol;
        }
      }
      tops.set(best, (tops.get(best) ?? 0) + 1);
    }
  }
  const seconds = [...perSecond].sort((a, b) => a - b);
  const meanRate = trades / perSecond.length;
  const oneSecond: number[] = [];
  for (let i = 1; i < secondMids.length; i++) oneSecond.push(Math.log((secondMids[i] as number) / (secondMids[i - 1] as number)));
  const oneMinute: number[] = [];
  for (let i = 60; i < secondMids.length; i += 60) oneMinute.push(Math.log((secondMids[i] as number) / (secondMids[i - 60] as number)));
  const sortedSizes = [...sizes].sort((a, b) => a - b);
  const spreadSamples = spreads[0]! + spreads[1]! + spreads[2]!;
  const topMinutes = [...tops.values()].reduce((a, b) => a + b, 0);
  return {
    symbol: options.symbol,
    profile: options.profile,
    seed: options.seed,
    minutes: options.minutes,
    trades,
    tradesPerSecond: {
      ...quantiles(seconds),
      mean: meanRate,
      quietShare: seconds.filter((n) => n <= 2).length / seconds.length,
      burstShare: seconds.filter((n) => n >= 100).length / seconds.length,
    },
    oneSecond: returnStats(oneSecond),
    oneMinute: returnStats(oneMinute),
    spreadTicks: { one: spreads[0]! / spreadSamples, two: spreads[1]! / spreadSamples, threeOrMore: spreads[2]! / spreadSamples },
    sizeUsd: { ...quantiles(sortedSizes), mean: sizes.reduce((a, b) => a + b, 0) / sizes.length, hillTailExponent: hillExponent(sortedSizes) },
    sweepShare: trades > 0 ? sweeps / trades : 0,
    scannerTops: [...tops.entries()].sort((a, b) => b[1] - a[1]).map(([symbol, count]) => ({ symbol, share: count / topMinutes })),
  };
}
