// This run's round trips (execution thread): every fill the worker forwards to strategy and every close it is asked
// for go into the TradeLedger the backtests use, so the status line, the summary at stop and a backtest report
// count trades, fees and exit reasons the same way.

import Big from 'big.js';
import type { Fill, Position, Symbol } from '@scalper/protocol';
import type { ExecutionFeedback } from './execution-feedback.js';
import { TradeLedger } from './trade-ledger.js';
import type { RoundTrip } from './trade-records.js';

/** Exit reasons the engine itself gives a close (strategy's own reasons pass through as they are). */
export const haltExitReason = 'halt';
export const shutdownExitReason = 'shutdown';
/** The trader's "close now" (dashboard or Telegram). */
export const manualCloseExitReason = 'closed by hand';

/** What the status line and the summary read; flat, so it travels in the worker's stats as they are. */
export interface SessionTradeStats {
  /** Round trips opened this run: the closed ones plus one still open. */
  readonly sessionEntries: number;
  /** Closed round trips. */
  readonly sessionTrips: number;
  /** Trips with a positive net PnL; a break-even trip counts as a loss, as in the backtest summary. */
  readonly sessionWins: number;
  readonly sessionLosses: number;
  readonly sessionOpenTrips: number;
  /** Exact decimals, USDT: realised before fees, every fee paid (an open trip's entry fee included), and the net. */
  readonly sessionGrossPnl: string;
  readonly sessionFees: string;
  readonly sessionNetPnl: string;
}

/** `sessionExits_<reason>`: closed trips by exit reason ('venue-stop' when no close was asked for). */
const sessionExitPrefix = 'sessionExits_';

export class SessionTrades {
  /** Starting balance 0: only PnL is read, never equity. */
  private readonly ledger = new TradeLedger('0');
  private readonly seen = new Set<string>();

  /**
   * Positions open before this run's first fill of their symbol (found by the start's reconcile, or held when a
   * crashed execution restarts): their trip opens at the venue's average entry price, so the close is counted as the
   * end of a trip rather than as a new position the other way. What the holding realised so far (the venue's
   * curRealisedPnl: its opening fees, less any partial close's gain) is its fee, so the trip's net matches the
   * venue's closed PnL of the holding.
   */
  adopt(positions: readonly Position[]): void {
    for (const position of positions) {
      if (position.side === 'None' || this.seen.has(position.symbol) || !new Big(position.size).gt(0)) continue;
      this.seen.add(position.symbol);
      this.ledger.onFill({
        tsMs: position.tsEventMs,
        symbol: position.symbol,
        side: position.side,
        price: position.avgEntryPrice,
        qty: position.size,
        fee: new Big(position.realisedPnl).neg().toFixed(),
        isMaker: false,
        orderLinkId: '',
      });
    }
  }

  /**
   * Everything the worker forwards to strategy; only fills count (the tracker has already dropped duplicates).
   * Returns the round trip this message closed, if it closed one.
   */
  onFeedback(message: ExecutionFeedback): RoundTrip | null {
    return message.type === 'Fill' ? this.onFill(message.fill) : null;
  }

  /** Returns the round trip the fill closed (a flip closes one and opens the next), or null. */
  onFill(fill: Fill): RoundTrip | null {
    const before = this.ledger.roundTrips.length;
    this.seen.add(fill.symbol);
    this.ledger.onFill({
      tsMs: fill.tsEventMs,
      symbol: fill.symbol,
      side: fill.side,
      price: fill.price,
      qty: fill.qty,
      fee: fill.fee,
      isMaker: fill.isMaker,
      orderLinkId: fill.orderLinkId,
    });
    return this.ledger.roundTrips[before] ?? null;
  }

  /** A close strategy asked for (its reason), or the engine's own flatten (haltExitReason, shutdownExitReason). */
  onCloseRequested(symbol: Symbol, reason: string): void {
    this.ledger.onCloseRequested(symbol, reason);
  }

  /** True while a trip is open in `symbol` (or in any symbol without one). */
  hasOpenTrip(symbol?: Symbol): boolean {
    const open = this.ledger.openPositions();
    return symbol === undefined ? open.length > 0 : open.some((trip) => trip.symbol === symbol);
  }

  /** Built on request (the stats call), never per fill. */
  stats(): SessionTradeStats & Readonly<Record<string, number | string>> {
    const trips = this.ledger.roundTrips;
    const open = this.ledger.openPositions().length;
    let wins = 0;
    const exits: Record<string, number> = {};
    for (const trip of trips) {
      if (new Big(trip.netPnl).gt(0)) wins++;
      const key = `${sessionExitPrefix}${trip.exitReason}`;
      exits[key] = (exits[key] ?? 0) + 1;
    }
    const fees = this.ledger.totalFees;
    const net = this.ledger.realisedNet;
    return {
      sessionEntries: trips.length + open,
      sessionTrips: trips.length,
      sessionWins: wins,
      sessionLosses: trips.length - wins,
      sessionOpenTrips: open,
      // Realised before fees, partial closes of an open trip included: net + fees, exactly.
      sessionGrossPnl: net.plus(fees).toFixed(),
      sessionFees: fees.toFixed(),
      sessionNetPnl: net.toFixed(),
      ...exits,
    };
  }
}
