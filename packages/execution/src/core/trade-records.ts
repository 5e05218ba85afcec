// What the trade ledger takes and gives (execution thread live, backtest thread in a replay): fills in, round trips
// and equity points out. Money is decimal strings (exact, big.js); equity is a plain number because it is only drawn.

import type { Side } from '@scalper/protocol';

export interface FillRecord {
  readonly tsMs: number;
  readonly symbol: string;
  readonly side: Side;
  readonly price: string;
  readonly qty: string;
  /** Positive: paid; negative: a maker rebate. */
  readonly fee: string;
  readonly isMaker: boolean;
  readonly orderLinkId: string;
}

/** A position from flat to flat in one symbol. */
export interface RoundTrip {
  readonly symbol: string;
  /** The side of the opening fill. */
  readonly side: Side;
  /** The largest size held. */
  readonly qty: string;
  readonly entryTsMs: number;
  readonly exitTsMs: number;
  /** Volume-weighted over the opening (and closing) fills. */
  readonly entryPrice: string;
  readonly exitPrice: string;
  /** Before fees. */
  readonly grossPnl: string;
  readonly fees: string;
  readonly netPnl: string;
  /** The strategy's ClosePosition reason (or the engine's: halt, shutdown), or 'venue-stop' when no close was asked for: the venue's stop loss closed it. */
  readonly exitReason: string;
}

export interface EquityPoint {
  readonly tsMs: number;
  /** Starting balance + realised net PnL + unrealised PnL at the last trade price. */
  readonly equity: number;
}
