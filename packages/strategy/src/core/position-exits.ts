// The exit checks of a held position in the traded symbol: stop-loss backup, take profit, maximum holding time
// (strategy thread). Thresholds are put on the ring's integer scale once, so per-tick checks compare integers.

import Big from 'big.js';
import type { BookState } from './book-state.js';
import { toScaledInteger } from './scaled-integer.js';
import type { HeldPosition } from './position-tracker.js';
import { holdingExpired, stopLossBreached, stopLossPrice, takeProfitPrice, takeProfitReached, type ExitReason } from './stops.js';
import type { ResolvedStrategyParams } from './strategy-params.js';
import type { SymbolContext } from './symbol-context.js';

/**
 * Sets the position's stopRaw (the venue's stop if it reports one, else the configured distance from the average
 * entry) and takeProfitRaw, or NaN for either when unknown; NaN makes every comparison false, so nothing fires.
 */
export function armPosition(position: HeldPosition, ctx: SymbolContext | null, params: ResolvedStrategyParams): void {
  position.stopRaw = Number.NaN;
  position.takeProfitRaw = Number.NaN;
  if (ctx === null || position.symbol !== ctx.symbol) return;
  const entry = new Big(position.avgEntryPrice);
  if (!entry.gt(0)) return;
  const long = position.side === 'Buy';
  const stop = position.stopLoss !== null ? new Big(position.stopLoss) : stopLossPrice(entry, position.side, params.stopLossPercentBig, ctx.tickSize);
  // Rounded towards the entry: the backup stop fires no later than the stop asked for.
  if (stop !== null) position.stopRaw = toScaledInteger(stop, ctx.priceDecimals, long ? 'up' : 'down');
  if (params.takeProfitPercent > 0) {
    const target = takeProfitPrice(entry, position.side, params.takeProfitPercentBig);
    // Rounded away from the entry: never take profit short of the target.
    position.takeProfitRaw = toScaledInteger(target, ctx.priceDecimals, long ? 'up' : 'down');
  }
}

/**
 * Why to close an armed position now, or null. The stop backup needs a fresh book (the close trades at its
 * bid or ask); take profit uses the last fresh trade; the holding limit needs only the clock.
 */
export function positionExitReason(
  position: HeldPosition,
  book: BookState,
  lastPriceRaw: number,
  nowMs: number,
  params: ResolvedStrategyParams,
): ExitReason | null {
  if (book.ageMs(nowMs) <= params.staleDataMs && stopLossBreached(position.side, book.bidRaw, book.askRaw, position.stopRaw)) {
    return 'stop-loss';
  }
  if (takeProfitReached(position.side, lastPriceRaw, position.takeProfitRaw)) return 'take-profit';
  if (holdingExpired(position.openedAtMs, nowMs, params.maxHoldingMs)) return 'max-holding-time';
  return null;
}
