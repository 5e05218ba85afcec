// Everything strategy derives once per traded symbol from SymbolChanged (strategy thread): the epoch that marks
// the symbol's ring entries, the scale of its integers, and its steps as Big for order-time rounding.

import Big from 'big.js';
import { decimalsOf, maxScaleDecimals, type InstrumentScale, type StrategyPayloads, type Symbol } from '@scalper/protocol';
import { minTopSizeToRaw } from './strategy-params.js';

export interface SymbolContext {
  readonly symbol: Symbol;
  readonly epoch: number;
  readonly scale: InstrumentScale;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  /** 10^priceDecimals and 10^sizeDecimals: dividing a ring integer by these gives the plain number. */
  readonly priceDivisor: number;
  readonly sizeDivisor: number;
  readonly tickSize: Big;
  readonly qtyStep: Big;
  /** Decimals to print prices and quantities with, from tickSize and qtyStep. */
  readonly tickDecimals: number;
  readonly qtyDecimals: number;
  /** strategy.minTopSize on this symbol's size scale. */
  readonly minTopSizeRaw: number;
}

/** Throws a RangeError on a scale the ring cannot carry: market-data sent something no instrument has. */
export function createSymbolContext(change: StrategyPayloads['SymbolChanged'], minTopSize: Big): SymbolContext {
  const { symbol, epoch, scale } = change;
  if (scale.symbol !== symbol) {
    throw new RangeError(`SymbolChanged for ${symbol} carries the scale of ${scale.symbol}`);
  }
  for (const [name, decimals] of [
    ['priceDecimals', scale.priceDecimals],
    ['sizeDecimals', scale.sizeDecimals],
  ] as const) {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > maxScaleDecimals) {
      throw new RangeError(`SymbolChanged for ${symbol}: ${name} must be an integer in 0..${maxScaleDecimals}, got ${decimals}`);
    }
  }
  const tickSize = new Big(scale.tickSize);
  const qtyStep = new Big(scale.qtyStep);
  if (!tickSize.gt(0) || !qtyStep.gt(0)) {
    throw new RangeError(`SymbolChanged for ${symbol}: tickSize and qtyStep must be positive`);
  }
  return {
    symbol,
    epoch,
    scale,
    priceDecimals: scale.priceDecimals,
    sizeDecimals: scale.sizeDecimals,
    priceDivisor: 10 ** scale.priceDecimals,
    sizeDivisor: 10 ** scale.sizeDecimals,
    tickSize,
    qtyStep,
    tickDecimals: decimalsOf(scale.tickSize),
    qtyDecimals: decimalsOf(scale.qtyStep),
    minTopSizeRaw: minTopSizeToRaw(minTopSize, scale.sizeDecimals),
  };
}
