// Exit rules: the stop loss attached to each entry, the optional take-profit and the maximum holding time
// (strategy thread). Prices are Big at order time; per-tick checks compare scaled integers.

import Big from 'big.js';
import type { Side } from '@scalper/protocol';
import { ceilToStep, floorToStep } from '@scalper/protocol';

/** Why strategy closes a position; also the `reason` of the ClosePosition it sends. */
export type ExitReason = 'symbol-changed' | 'stop-loss' | 'take-profit' | 'max-holding-time';

const hundred = new Big(100);

/**
 * The seed's stop: entry ∓ entry × stopLossPercent / 100 (long 10.00 at 0.5 % → 9.95), on `tickSize` in the safe
 * direction: a long's stop rounds up and a short's down, so the loss is never larger than asked. Null when the
 * tick is too coarse for the distance (the stop would sit at or beyond the entry) or the stop would not be positive.
 */
export function stopLossPrice(entry: Big, side: Side, stopLossPercent: Big, tickSize: Big): Big | null {
  const distance = entry.times(stopLossPercent).div(hundred);
  if (side === 'Buy') {
    const stop = ceilToStep(entry.minus(distance), tickSize);
    return stop.gt(0) && stop.lt(entry) ? stop : null;
  }
  const stop = floorToStep(entry.plus(distance), tickSize);
  return stop.gt(entry) ? stop : null;
}

/** entry × (1 ± takeProfitPercent / 100), unrounded: the caller puts it on the ring scale, rounding away from entry. */
export function takeProfitPrice(entry: Big, side: Side, takeProfitPercent: Big): Big {
  const distance = entry.times(takeProfitPercent).div(hundred);
  return side === 'Buy' ? entry.plus(distance) : entry.minus(distance);
}

/** Last trade at or beyond the target; false while either value is unknown (NaN). */
export function takeProfitReached(side: Side, lastPriceRaw: number, takeProfitRaw: number): boolean {
  return side === 'Buy' ? lastPriceRaw >= takeProfitRaw : lastPriceRaw <= takeProfitRaw;
}

/**
 * The price a close would trade at (bid for a long, ask for a short) has reached the stop. The venue holds the
 * real stop order; this is the seed's "check stop loss" on book updates, a backup if that order is missing.
 */
export function stopLossBreached(side: Side, bidRaw: number, askRaw: number, stopRaw: number): boolean {
  return side === 'Buy' ? bidRaw <= stopRaw : askRaw >= stopRaw;
}

/** maxHoldingMs 0 means no limit. */
export function holdingExpired(openedAtMs: number, nowMs: number, maxHoldingMs: number): boolean {
  return maxHoldingMs > 0 && nowMs - openedAtMs >= maxHoldingMs;
}
