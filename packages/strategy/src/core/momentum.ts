// VWAP momentum, the seed's entry signal (strategy thread, per-tick hot path).

import type { TickWindow } from './tick-window.js';

/** (last − vwap) / vwap: the seed's example, VWAP 1.000 and last 1.002, gives 0.002 (0.2 %). */
export function computeMomentum(last: number, vwap: number): number {
  return (last - vwap) / vwap;
}

/**
 * Momentum over the window, or NaN until it holds `capacity` trades: a half-filled window right after a symbol
 * change would compare the last price with a VWAP of only a few trades. NaN rather than null on purpose: a
 * `number | null` value makes V8 box every non-integer momentum in a heap object, i.e. allocate on each tick.
 */
export function windowMomentum(window: TickWindow): number {
  const vwap = window.vwap();
  return window.isFull && vwap > 0 ? computeMomentum(window.last, vwap) : Number.NaN;
}
