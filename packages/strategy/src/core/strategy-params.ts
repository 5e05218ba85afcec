// The strategy's parameters: the `strategy` config section plus the exit and retry timings the seed leaves open
// (strategy thread, checked once at start-up). A mistake throws with the option path, as config errors do.

import Big from 'big.js';
import { isDecimalString, type EngineConfig } from '@scalper/protocol';
import { floorToStep } from '@scalper/protocol';

/** The config's strategy section with the stop cooldown of the risk section, as the worker and a backtest run it. */
export function strategyParamsFrom(engine: Pick<EngineConfig, 'strategy' | 'risk'>, orderLinkIdPrefix: string): StrategyParams {
  return { ...engine.strategy, cooldownAfterStopMs: engine.risk.cooldownAfterStopMs, orderLinkIdPrefix };
}

export interface StrategyParams {
  /** strategy.windowTicks: trades in the VWAP window (the seed's 20). */
  readonly windowTicks: number;
  /** strategy.momentumThreshold: a fraction; 0.001 is the seed's 0.1 %. */
  readonly momentumThreshold: number;
  /** strategy.stopLossPercent: in percent; 0.5 puts a long from 10.00 at 9.95. */
  readonly stopLossPercent: number;
  /** strategy.positionSizeUsd: notional of each entry in USDT, a decimal string. */
  readonly positionSizeUsd: string;
  /** strategy.marketMaxSpreadBps: below this spread, with deep top sizes, entries are market IOC. */
  readonly marketMaxSpreadBps: number;
  /** strategy.maxEntrySpreadBps: no entry while the spread is wider than this. */
  readonly maxEntrySpreadBps: number;
  /** strategy.minTopSize: both top sizes must exceed this (contracts) for the book to count as deep. */
  readonly minTopSize: string;
  /** strategy.staleDataMs: trades and books older than this are never traded on. */
  readonly staleDataMs: number;
  /** Close when the last trade is this many percent in our favour; 0 (the default) turns it off. */
  readonly takeProfitPercent?: number;
  /** Close a position held this long; 0 (the default) turns it off. */
  readonly maxHoldingMs?: number;
  /** Cancel an entry still working after this long (a PostOnly the market walked away from). */
  readonly entryTimeoutMs?: number;
  /** After an entry ends without a fill (rejected, cancelled, denied), wait this long before the next. */
  readonly entryRetryDelayMs?: number;
  /** After strategy's own close (take profit, max holding, symbol change) completes, wait this long. */
  readonly cooldownAfterExitMs?: number;
  /** After a stop-out (or any close strategy did not ask for), wait this long; mirrors risk.cooldownAfterStopMs. */
  readonly cooldownAfterStopMs?: number;
  /** After a close was rejected or denied, wait this long before asking again. */
  readonly exitRetryMs?: number;
  /** A close with no outcome after this long, while the venue still reports size, is given up and asked for again. */
  readonly closeTimeoutMs?: number;
  /** Start of every orderLinkId; give each run its own so ids never repeat across restarts. */
  readonly orderLinkIdPrefix?: string;
}

export type ResolvedStrategyParams = Required<StrategyParams> & {
  readonly positionSizeUsdBig: Big;
  readonly stopLossPercentBig: Big;
  readonly takeProfitPercentBig: Big;
  readonly minTopSizeBig: Big;
};

/** The config defaults, and defaults for the parameters the config does not have yet. */
export const defaultStrategyParams: Required<StrategyParams> = {
  windowTicks: 20,
  momentumThreshold: 0.001,
  stopLossPercent: 0.5,
  positionSizeUsd: '1000',
  marketMaxSpreadBps: 10,
  maxEntrySpreadBps: 50,
  minTopSize: '100',
  staleDataMs: 500,
  takeProfitPercent: 0,
  maxHoldingMs: 0,
  entryTimeoutMs: 3_000,
  entryRetryDelayMs: 1_000,
  cooldownAfterExitMs: 0,
  cooldownAfterStopMs: 60_000,
  exitRetryMs: 1_000,
  closeTimeoutMs: 5_000,
  orderLinkIdPrefix: 's',
};

const prefixPattern = /^[A-Za-z0-9_]{1,12}$/;

/** Fills in defaults and checks every value; throws a RangeError naming `strategy.<option>`. */
export function resolveStrategyParams(params: StrategyParams): ResolvedStrategyParams {
  const p: Required<StrategyParams> = { ...defaultStrategyParams, ...params };
  integerIn('windowTicks', p.windowTicks, 2, 100_000);
  numberIn('momentumThreshold', p.momentumThreshold, 0, 1, 'above 0 and below 1');
  numberIn('stopLossPercent', p.stopLossPercent, 0, 100, 'above 0 and below 100');
  numberIn('marketMaxSpreadBps', p.marketMaxSpreadBps, 0, Number.POSITIVE_INFINITY, 'above 0');
  numberIn('maxEntrySpreadBps', p.maxEntrySpreadBps, 0, Number.POSITIVE_INFINITY, 'above 0');
  integerIn('staleDataMs', p.staleDataMs, 1, Number.MAX_SAFE_INTEGER);
  if (!(Number.isFinite(p.takeProfitPercent) && p.takeProfitPercent >= 0)) fail('takeProfitPercent', 'a number >= 0 (0 = off)', p.takeProfitPercent);
  integerIn('maxHoldingMs', p.maxHoldingMs, 0, Number.MAX_SAFE_INTEGER);
  integerIn('entryTimeoutMs', p.entryTimeoutMs, 1, Number.MAX_SAFE_INTEGER);
  integerIn('entryRetryDelayMs', p.entryRetryDelayMs, 0, Number.MAX_SAFE_INTEGER);
  integerIn('cooldownAfterExitMs', p.cooldownAfterExitMs, 0, Number.MAX_SAFE_INTEGER);
  integerIn('cooldownAfterStopMs', p.cooldownAfterStopMs, 0, Number.MAX_SAFE_INTEGER);
  integerIn('exitRetryMs', p.exitRetryMs, 0, Number.MAX_SAFE_INTEGER);
  integerIn('closeTimeoutMs', p.closeTimeoutMs, 1, Number.MAX_SAFE_INTEGER);
  if (!prefixPattern.test(p.orderLinkIdPrefix)) {
    fail('orderLinkIdPrefix', '1-12 letters, digits or underscores', p.orderLinkIdPrefix);
  }
  const positionSizeUsdBig = decimal('positionSizeUsd', p.positionSizeUsd);
  if (!positionSizeUsdBig.gt(0)) fail('positionSizeUsd', 'a decimal above 0', p.positionSizeUsd);
  const minTopSizeBig = decimal('minTopSize', p.minTopSize);
  if (minTopSizeBig.lt(0)) fail('minTopSize', 'a decimal >= 0', p.minTopSize);
  return {
    ...p,
    positionSizeUsdBig,
    // Config percents are short decimals such as 0.5; String() of such a number is exactly that decimal.
    stopLossPercentBig: new Big(String(p.stopLossPercent)),
    takeProfitPercentBig: new Big(String(p.takeProfitPercent)),
    minTopSizeBig,
  };
}

/**
 * minTopSize on the book's integer size scale, for the exact test sizeRaw > threshold: for an integer size,
 * size > t holds exactly when size > floor(t), so flooring keeps the seed's strict "> 100" at any precision.
 */
export function minTopSizeToRaw(minTopSize: Big, sizeDecimals: number): number {
  return floorToStep(minTopSize.times(new Big(10).pow(sizeDecimals)), new Big(1)).toNumber();
}

function integerIn(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(name, `an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`, value);
  }
}

function numberIn(name: string, value: number, above: number, below: number, expected: string): void {
  if (!(Number.isFinite(value) && value > above && value < below)) fail(name, expected, value);
}

function decimal(name: string, value: string): Big {
  if (!isDecimalString(value)) fail(name, 'a plain decimal string', value);
  return new Big(value);
}

function fail(name: string, expected: string, value: unknown): never {
  throw new RangeError(`strategy.${name} must be ${expected}, got ${JSON.stringify(value)}`);
}
