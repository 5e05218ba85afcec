#!/usr/bin/env node
// `pnpm market-stats`: measures the embedded venue's simulated market offline (its own process, main thread) the
// way one measures a real one, for the README's table beside Bybit's figures. Exit 2 on bad usage.

import { measureMarket, type MarketStatistics, type Quantiles, type ReturnStats } from '../core/market/market-statistics.js';
import { marketStatsUsage, parseMarketStatsArgs, type MarketStatsArgs } from './market-stats-args.js';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(`${marketStatsUsage}\n`);
  process.exit(0);
}
let args: MarketStatsArgs;
try {
  args = parseMarketStatsArgs(argv);
} catch (error) {
  process.stderr.write(`market-stats: ${(error as Error).message}\n`);
  process.exit(2);
}

const n = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const pct = (share: number): string => `${n(share * 100, 1)} %`;
const q = (x: Quantiles, digits = 0): string =>
  `p10 ${n(x.p10, digits)}, median ${n(x.p50, digits)}, p90 ${n(x.p90, digits)}, p99 ${n(x.p99, digits)}, max ${n(x.max, digits)}`;
const r = (x: ReturnStats): string =>
  `std ${n(x.stdPercent, 3)} %, excess kurtosis ${n(x.excessKurtosis, 1)}, max |r| ${n(x.maxAbsPercent, 2)} %, ` +
  `|r| >= 0.3 %: ${pct(x.atLeast03Percent)}, >= 1 %: ${pct(x.atLeast1Percent)}, |r| autocorrelation ${n(x.absAutocorrelation, 2)}`;

function render(s: MarketStatistics): string {
  return [
    `${s.symbol}, ${s.profile} market, seed ${s.seed}, ${s.minutes} min: ${s.trades} trades`,
    `  trades per second   mean ${n(s.tradesPerSecond.mean, 1)}; ${q(s.tradesPerSecond)}; quiet (<= 2/s) ${pct(s.tradesPerSecond.quietShare)} of seconds, bursts (>= 100/s) ${pct(s.tradesPerSecond.burstShare)}`,
    `  1-second returns    ${r(s.oneSecond)}`,
    `  1-minute returns    ${r(s.oneMinute)}`,
    `  spread              1 tick ${pct(s.spreadTicks.one)}, 2 ticks ${pct(s.spreadTicks.two)}, 3+ ticks ${pct(s.spreadTicks.threeOrMore)}`,
    `  trade size (USDT)   mean ${n(s.sizeUsd.mean, 0)}; ${q(s.sizeUsd)}; Hill tail exponent ${n(s.sizeUsd.hillTailExponent, 2)}; prints in sweeps ${pct(s.sweepShare)}`,
    `  scanner top         ${s.scannerTops.map((top) => `${top.symbol} ${pct(top.share)}`).join(', ')}`,
  ].join('\n');
}

const results = args.runs.map((run) => measureMarket(run));
if (args.json) process.stdout.write(`${JSON.stringify(results)}\n`);
else process.stdout.write(`${results.map(render).join('\n\n')}\n`);
if (results.length > 1) {
  const tops = new Map<string, number>();
  for (const result of results) for (const top of result.scannerTops) tops.set(top.symbol, (tops.get(top.symbol) ?? 0) + top.share / results.length);
  const whitelisted = [...tops.entries()]
    .filter(([symbol]) => (args.runs[0]?.whitelist ?? []).includes(symbol))
    .reduce((sum, [, share]) => sum + share, 0);
  process.stdout.write(
    `\nscanner top over ${results.length} seeds: whitelisted ${pct(whitelisted)}; ` +
      `${[...tops.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([symbol, share]) => `${symbol} ${pct(share)}`)
        .join(', ')}\n`,
  );
}
