// VWAP momentum, the seed's entry signal (strategy thread, per-tick hot path).

import type { TickWindow } from './tick-window.js';

/** (last − vwap) / vwap: the seed's example, VWAP 1.000 and last 1.002, gives 0.002 (0.2 %). */
export function computeMomentum(last: number, vwap: number): number {
  return (last - vwap) / vwap;
}

/**
 * Momentum over the window, or null until it holds `capacity` trades: a half-filled window right after a symbol
 * change would compare the last price with a VWAP of only a few trades.
 */
export function windowMomentum(window: TickWindow): number | null {
  if (!window.isFull) return null;
  const vwap = window.vwap();
  if (!(vwap > 0)) return null;
  return computeMomentum(window.last, vwap);
}
