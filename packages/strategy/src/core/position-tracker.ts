// What strategy has working and holding, as execution reports it: the entry order, the position and the close in
// flight (strategy thread). The position is the venue's, via execution's feedback, never what strategy hoped for.

import { isTerminalStatus, type DecimalString, type Fill, type OrderUpdate, type Position, type Side, type Symbol } from '@scalper/protocol';
import { isZeroDecimal } from '@scalper/protocol';
import type { ExitReason } from './stops.js';

export interface WorkingEntry {
  readonly orderLinkId: string;
  readonly symbol: Symbol;
  readonly side: Side;
  readonly postOnly: boolean;
  readonly sentAtMs: number;
  /** The venue has finished with the order (Filled, Cancelled or Rejected). */
  terminal: boolean;
  /** Some quantity executed, so a position exists or is about to be reported. */
  filled: boolean;
  /** When strategy last asked to cancel it; NaN if never. */
  cancelSentAtMs: number;
  /** Venue time of the latest update that showed a fill; a flat report older than this predates the fill. */
  filledAtMs?: number;
}

export interface HeldPosition {
  readonly symbol: Symbol;
  side: Side;
  size: DecimalString;
  avgEntryPrice: DecimalString;
  /** The stop the venue holds, null if it reports none. */
  stopLoss: DecimalString | null;
  /** Local time the position was first reported (or flipped side). */
  openedAtMs: number;
  /** Exit thresholds on the current symbol's ring scale; NaN when unknown or not armed. */
  stopRaw: number;
  takeProfitRaw: number;
}

export interface ExitInFlight {
  readonly orderLinkId: string;
  readonly symbol: Symbol;
  readonly reason: ExitReason;
  readonly sentAtMs: number;
}

export type OrderFeedback = 'none' | 'entry-unfilled' | 'entry-filled' | 'exit-failed' | 'exit-partial';
export type PositionFeedback = 'ignored' | 'opened' | 'changed' | 'closed';

export class PositionTracker {
  entry: WorkingEntry | null = null;
  position: HeldPosition | null = null;
  exit: ExitInFlight | null = null;
  /** Last report per symbol, so a position reported before its symbol became the traded one is not forgotten. */
  private readonly reported = new Map<Symbol, Position>();

  /** One position at a time: nothing may open while an entry works, a position is held or a close is in flight. */
  get busy(): boolean {
    return this.entry !== null || this.position !== null || this.exit !== null;
  }

  /** An entry order still working at the venue, which must be cancelled before closing. */
  get workingEntry(): WorkingEntry | null {
    return this.entry !== null && !this.entry.terminal ? this.entry : null;
  }

  entrySent(entry: WorkingEntry): void {
    this.entry = entry;
  }

  exitSent(exit: ExitInFlight): void {
    this.exit = exit;
  }

  /** The close in flight is given up (no outcome in time): the next exit check may send another. */
  exitTimedOut(): void {
    this.exit = null;
  }

  orderUpdate(update: OrderUpdate): OrderFeedback {
    const entry = this.entry;
    if (entry !== null && update.orderLinkId === entry.orderLinkId) {
      if (!isZeroDecimal(update.cumExecQty)) {
        entry.filled = true;
        entry.filledAtMs = Math.max(entry.filledAtMs ?? 0, update.tsEventMs);
      }
      if (!isTerminalStatus(update.status)) return 'none';
      entry.terminal = true;
      if (!entry.filled) {
        this.entry = null;
        return 'entry-unfilled';
      }
      // The position report may have come first (the private topics are not ordered); then the entry is done.
      if (this.position !== null && this.position.symbol === entry.symbol) this.entry = null;
      return 'entry-filled';
    }
    const exit = this.exit;
    if (exit !== null && update.orderLinkId === exit.orderLinkId) {
      const unfilled = update.status === 'Rejected' || (update.status === 'Cancelled' && isZeroDecimal(update.cumExecQty));
      if (unfilled) {
        this.exit = null;
        return 'exit-failed';
      }
      // Bybit's PartiallyFilledCanceled: the close ended with part of the position left, which must be closed too.
      if (update.status === 'Cancelled') {
        this.exit = null;
        return 'exit-partial';
      }
    }
    // A filled close is done when the flat position is reported, not before (or when it times out: see the core).
    return 'none';
  }

  fill(fill: Fill): void {
    if (this.entry !== null && fill.orderLinkId === this.entry.orderLinkId) {
      this.entry.filled = true;
      this.entry.filledAtMs = Math.max(this.entry.filledAtMs ?? 0, fill.tsEventMs);
    }
  }

  /** Execution refused an order before sending it; says whose it was. */
  denied(orderLinkId: string): 'entry' | 'exit' | 'none' {
    if (this.entry !== null && this.entry.orderLinkId === orderLinkId) {
      this.entry = null;
      return 'entry';
    }
    if (this.exit !== null && this.exit.orderLinkId === orderLinkId) {
      this.exit = null;
      return 'exit';
    }
    return 'none';
  }

  /**
   * Applies execution's position report. Reports are followed for the traded symbol and for any symbol strategy
   * has an entry, position or close on; positions in other symbols are someone else's and are left alone.
   */
  positionReport(report: Position, tradedSymbol: Symbol | null, nowMs: number): PositionFeedback {
    // Reports come from the private stream and from REST reconciles, which can arrive out of order: one older than
    // the last applied report for its symbol is stale (e.g. a flat read from before a fill) and must not undo it.
    const previous = this.reported.get(report.symbol);
    if (previous !== undefined && report.tsEventMs < previous.tsEventMs) return 'ignored';
    this.reported.set(report.symbol, report);
    const symbol = report.symbol;
    // An open position while we hold and work nothing is adopted whatever its symbol: after a restart it is the
    // position the previous run left (the scanner may have moved on), and one nobody manages is the worst kind.
    const orphan = this.position === null && this.entry === null && report.side !== 'None' && !isZeroDecimal(report.size);
    const followed =
      orphan || symbol === tradedSymbol || this.position?.symbol === symbol || this.entry?.symbol === symbol || this.exit?.symbol === symbol;
    if (!followed) return 'ignored';
    if (report.side === 'None' || isZeroDecimal(report.size)) {
      // A flat report older than our entry's fill was read before the fill (a REST reconcile racing the stream):
      // believing it would clear the entry and let a second one open while the first position is real.
      const entry = this.entry;
      if (entry !== null && entry.symbol === symbol && entry.filled && report.tsEventMs < (entry.filledAtMs ?? 0)) return 'ignored';
      const wasHeld = this.position !== null && this.position.symbol === symbol;
      if (wasHeld) this.position = null;
      if (this.exit?.symbol === symbol) this.exit = null;
      // A Market entry that filled is over at the venue even if its own update never came (an unknown outcome):
      // flat after its fill means its position was opened and closed. A PostOnly one may still rest: it waits.
      const entryOver = this.entry !== null && (this.entry.terminal || (this.entry.filled && !this.entry.postOnly));
      if (this.entry?.symbol === symbol && entryOver) this.entry = null;
      return wasHeld ? 'closed' : 'ignored';
    }
    if (this.entry?.symbol === symbol && this.entry.terminal) this.entry = null;
    const held = this.position;
    if (held !== null && held.symbol === symbol) {
      if (held.side !== report.side) held.openedAtMs = nowMs;
      held.side = report.side;
      held.size = report.size;
      held.avgEntryPrice = report.avgEntryPrice;
      held.stopLoss = stopOf(report);
      return 'changed';
    }
    // A second symbol's position while one is held cannot come from strategy (one at a time): not ours to manage.
    if (held !== null) return 'ignored';
    this.position = {
      symbol,
      side: report.side,
      size: report.size,
      avgEntryPrice: report.avgEntryPrice,
      stopLoss: stopOf(report),
      openedAtMs: nowMs,
      stopRaw: Number.NaN,
      takeProfitRaw: Number.NaN,
    };
    return 'opened';
  }

  /** The last report for `symbol`, if it is a position (not flat). */
  reportedPosition(symbol: Symbol): Position | null {
    const report = this.reported.get(symbol);
    if (report === undefined || report.side === 'None' || isZeroDecimal(report.size)) return null;
    return report;
  }

  /** An open reported position, `preferred`'s first: what a strategy holding nothing must take charge of. */
  reportedOpenPosition(preferred: Symbol): Position | null {
    const own = this.reportedPosition(preferred);
    if (own !== null) return own;
    for (const symbol of this.reported.keys()) {
      const report = this.reportedPosition(symbol);
      if (report !== null) return report;
    }
    return null;
  }
}

/** Bybit shows "no stop" as "0"; treat that like null. */
function stopOf(report: Position): DecimalString | null {
  return report.stopLoss === null || isZeroDecimal(report.stopLoss) ? null : report.stopLoss;
}
