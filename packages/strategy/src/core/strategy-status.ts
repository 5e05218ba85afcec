// A point-in-time view of the strategy core for health reports, the control plane and tests (strategy thread;
// built on request, never on the hot path).

import Big from 'big.js';
import type { FeedState, Side, Symbol } from '@scalper/protocol';
import type { BookState } from './book-state.js';
import type { PositionTracker } from './position-tracker.js';
import type { StrategyCounters } from './strategy-stats.js';
import type { SymbolContext } from './symbol-context.js';
import type { TickWindow } from './tick-window.js';

/** no-symbol: before the first SymbolChanged; exiting wins over open, open over entering. */
export type StrategyPhase = 'no-symbol' | 'flat' | 'entering' | 'open' | 'exiting';

export interface StrategyStatus {
  readonly phase: StrategyPhase;
  readonly symbol: Symbol | null;
  readonly epoch: number | null;
  readonly feedState: FeedState;
  readonly entryOrderLinkId: string | null;
  readonly exitOrderLinkId: string | null;
  readonly position: { readonly symbol: Symbol; readonly side: Side; readonly size: string; readonly avgEntryPrice: string } | null;
  /**
   * The position valued at the last fresh trade, exact (big.js): what the status line shows. The venue's own figure
   * arrives only with a position push, so it goes stale between fills; null when flat or before a trade.
   */
  readonly unrealisedPnl: string | null;
  readonly windowCount: number;
  readonly vwap: number;
  readonly spreadBps: number;
  readonly counters: StrategyCounters;
  /** The last halt (risk limit or kill switch) and when it ends (+Infinity: never); null if none was ever set. */
  readonly halt: { readonly reason: string; readonly untilMs: number } | null;
  /** The held position's stop and take-profit as plain prices (for display); null when not armed. */
  readonly stopPrice: number | null;
  readonly takeProfitPrice: number | null;
}

export function strategyPhase(ctx: SymbolContext | null, tracker: PositionTracker): StrategyPhase {
  if (tracker.exit !== null) return 'exiting';
  if (tracker.position !== null) return 'open';
  if (tracker.entry !== null) return 'entering';
  return ctx === null ? 'no-symbol' : 'flat';
}

export function strategyStatus(
  ctx: SymbolContext | null,
  feedState: FeedState,
  tracker: PositionTracker,
  window: TickWindow,
  book: BookState,
  counters: StrategyCounters,
  halt: StrategyStatus['halt'] = null,
  lastPriceRaw = Number.NaN,
): StrategyStatus {
  const { entry, position, exit } = tracker;
  return {
    phase: strategyPhase(ctx, tracker),
    symbol: ctx?.symbol ?? null,
    epoch: ctx?.epoch ?? null,
    feedState,
    entryOrderLinkId: entry?.orderLinkId ?? null,
    exitOrderLinkId: exit?.orderLinkId ?? null,
    position: position === null ? null : { symbol: position.symbol, side: position.side, size: position.size, avgEntryPrice: position.avgEntryPrice },
    unrealisedPnl: position === null ? null : markToMarket(position.side, position.size, position.avgEntryPrice, position.symbol, ctx, lastPriceRaw),
    windowCount: window.count,
    vwap: window.vwap(),
    spreadBps: book.spreadBps,
    counters: { ...counters, blocked: { ...counters.blocked } },
    halt,
    stopPrice: displayPrice(position?.stopRaw, ctx),
    takeProfitPrice: displayPrice(position?.takeProfitRaw, ctx),
  };
}

/** A threshold on the ring's scale as a plain number, for display only (never for orders); null when unknown. */
function displayPrice(raw: number | undefined, ctx: SymbolContext | null): number | null {
  return raw === undefined || ctx === null || !Number.isFinite(raw) ? null : raw / ctx.priceDivisor;
}

/** (last − entry) × size for a long, the other way for a short; null without a fresh trade of the position's symbol. */
export function markToMarket(
  side: Side,
  size: string,
  avgEntryPrice: string,
  symbol: Symbol,
  ctx: SymbolContext | null,
  lastPriceRaw: number,
): string | null {
  if (ctx === null || ctx.symbol !== symbol || !Number.isSafeInteger(lastPriceRaw) || lastPriceRaw <= 0) return null;
  const last = new Big(lastPriceRaw).div(ctx.priceDivisor);
  const perUnit = side === 'Buy' ? last.minus(avgEntryPrice) : new Big(avgEntryPrice).minus(last);
  return perUnit.times(size).toFixed();
}
