// What a backtest produces (backtest thread, and sweep workers): the decisions the strategy core made, the fills
// the venue gave, round trips, an equity series and the summary. Money is decimal strings (exact, big.js); chart
// series are plain numbers because they are only drawn.

import type { EquityPoint, FillRecord, RoundTrip } from '@scalper/execution';
import type { Side } from '@scalper/protocol';

// The ledger's records live with the TradeLedger in @scalper/execution (the live engine counts its session's trades
// with it too); re-exported so the backtest's modules keep one place to import their types from.
export type { EquityPoint, FillRecord, RoundTrip };

/** What made the strategy decide: a trade from the ring, a book top, a timer pass, execution feedback or a switch. */
import type { DecisionTrigger } from '@scalper/strategy';

export type { DecisionTrigger };

/** One strategy decision, in the shape the live strategy worker logs it ('strategy decision'). */
export interface DecisionRecord {
  /** The clock when the strategy core decided (venue time in a backtest). */
  readonly tsMs: number;
  readonly action: 'PlaceOrder' | 'ClosePosition' | 'CancelAll';
  readonly symbol: string;
  readonly orderLinkId: string | null;
  /** PlaceOrder only. */
  readonly side: Side | null;
  readonly qty: string | null;
  readonly orderType: 'Market' | 'Limit' | null;
  readonly timeInForce: string | null;
  readonly price: string | null;
  readonly stopLoss: string | null;
  /** ClosePosition and CancelAll. */
  readonly reason: string | null;
  readonly trigger: DecisionTrigger;
}

export interface PricePoint {
  readonly tsMs: number;
  readonly price: number;
}

/** A symbol's trade prices, thinned for drawing (at most a few thousand points). */
export interface PriceSeries {
  readonly symbol: string;
  readonly points: readonly PricePoint[];
}

export interface BacktestSummary {
  readonly startMs: number;
  readonly endMs: number;
  readonly startingBalance: string;
  readonly endingEquity: string;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  /** wins / trades, 0 without trades. */
  readonly winRate: number;
  readonly grossPnl: string;
  readonly fees: string;
  readonly netPnl: string;
  /** Largest peak-to-trough fall of equity, in USDT (positive) and as a fraction of the peak. */
  readonly maxDrawdown: string;
  readonly maxDrawdownFraction: number;
  /** Annualised from per-minute equity returns (0 when there is no variation). */
  readonly sharpe: number;
  readonly sortino: number;
  /** Fraction of the run's time with a position open. */
  readonly exposure: number;
  readonly avgHoldingMs: number;
}

export interface BacktestResult {
  /** The strategy parameters and backtest settings the run used, for the report and the sweep table. */
  readonly params: Readonly<Record<string, string | number>>;
  readonly summary: BacktestSummary;
  readonly decisions: readonly DecisionRecord[];
  readonly fills: readonly FillRecord[];
  readonly roundTrips: readonly RoundTrip[];
  readonly equity: readonly EquityPoint[];
  readonly prices: readonly PriceSeries[];
  /** When a position was open: splitting a run in two splits its exposure exactly. */
  readonly exposureIntervals: readonly { readonly startMs: number; readonly endMs: number }[];
  /** Frames read, trades replayed, replay speed: what the CLI prints under the summary. */
  readonly replay: ReplayStats;
}

export interface ReplayStats {
  readonly frames: number;
  readonly trades: number;
  /** Ring ticks the strategy core processed. */
  readonly ticks: number;
  readonly wallMs: number;
  readonly symbolSwitches: number;
}
