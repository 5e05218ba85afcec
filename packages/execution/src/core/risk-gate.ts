// The execution core's risk limits (execution thread): the last check before an entry reaches the venue. Closes
// always pass; entries are refused while halted, past the orders-per-minute budget, or when the position would
// exceed its notional cap. A day's loss (realised from our fills plus the open position's unrealised) past the limit
// halts trading until the next UTC day.

import Big from 'big.js';
import { isDecimalString, type Fill, type JournalHalt, type OrderRequest, type Position, type Symbol } from '@scalper/protocol';
import { DailyPnlLedger } from './daily-pnl-ledger.js';

export interface RiskLimits {
  /** risk.maxPositionNotionalUsd: |position| × price after the entry fills, USDT. */
  readonly maxPositionNotionalUsd: string;
  /** risk.maxDailyLossUsd: a positive amount of USDT. */
  readonly maxDailyLossUsd: string;
  /** risk.maxOrdersPerMinute: order creates (entries and closes) in any rolling 60 s. */
  readonly maxOrdersPerMinute: number;
}

export interface Halt {
  readonly reason: string;
  readonly sinceMs: number;
  /** Halts from the daily loss lift at the next UTC day; a kill switch never lifts. */
  readonly untilDay: number | null;
}

/** When a halt lifts: the start of its UTC day for a daily-loss halt, never (null) for the kill switch. */
export function haltEndsAtMs(halt: Halt): number | null {
  return halt.untilDay === null ? null : DailyPnlLedger.startOfDay(halt.untilDay);
}

const minuteMs = 60_000;
const noWorking = { buy: new Big(0), sell: new Big(0) };

export class RiskGate {
  private readonly maxNotional: Big;
  private readonly maxLoss: Big;
  private readonly maxPerMinute: number;
  private readonly ledger = new DailyPnlLedger();
  private readonly positions = new Map<Symbol, Position>();
  /** Send times of recent creates, oldest first; never longer than maxPerMinute. */
  private readonly recentCreates: number[] = [];
  private halt: Halt | null = null;

  constructor(limits: RiskLimits) {
    this.maxNotional = new Big(limits.maxPositionNotionalUsd);
    this.maxLoss = new Big(limits.maxDailyLossUsd);
    if (!this.maxNotional.gt(0) || !this.maxLoss.gt(0)) throw new RangeError('risk limits must be positive amounts of USDT');
    if (!Number.isInteger(limits.maxOrdersPerMinute) || limits.maxOrdersPerMinute < 1) {
      throw new RangeError(`risk.maxOrdersPerMinute must be a positive integer, got ${limits.maxOrdersPerMinute}`);
    }
    this.maxPerMinute = limits.maxOrdersPerMinute;
  }

  /** The halt in force at `nowMs`, or null. A daily-loss halt ends with its day. */
  haltAt(nowMs: number): Halt | null {
    if (this.halt?.untilDay !== null && this.halt !== null && DailyPnlLedger.dayOf(nowMs) >= this.halt.untilDay) this.halt = null;
    return this.halt;
  }

  /** Stops entries for good (kill switch). Returns false if already halted for good. */
  haltForGood(reason: string, nowMs: number): boolean {
    if (this.halt !== null && this.halt.untilDay === null) return false;
    this.halt = { reason, sinceMs: nowMs, untilDay: null };
    return true;
  }

  /**
   * The trader resumes trading after the kill switch: its halt is lifted. Returns why not when no kill switch is in
   * force (nothing to lift, or a daily-loss halt, which only the next UTC day lifts).
   */
  liftKillSwitch(nowMs: number): string | null {
    const halt = this.haltAt(nowMs);
    if (halt === null) return 'trading is not halted';
    if (halt.untilDay !== null) {
      return `the daily-loss halt (${halt.reason}) lifts by itself at ${new Date(DailyPnlLedger.startOfDay(halt.untilDay)).toISOString()}, not by hand`;
    }
    this.halt = null;
    return null;
  }

  /**
   * A restart: the halt the journal holds goes on until its end (a daily-loss halt until its UTC day ends, the kill
   * switch until the trader resumes). One already past its end is ignored.
   */
  restoreHalt(halt: JournalHalt, nowMs: number): Halt | null {
    if (halt.untilMs !== null && halt.untilMs <= nowMs) return null;
    this.halt = { reason: halt.reason, sinceMs: halt.sinceMs, untilDay: halt.untilMs === null ? null : DailyPnlLedger.dayOf(halt.untilMs) };
    return this.halt;
  }

  /** A restart: the day's realised PnL so far (net of fees) counts towards today's loss as if its fills were seen. */
  carryRealised(amount: Big, nowMs: number): void {
    this.ledger.carryRealised(amount, nowMs);
  }

  /** Checks the day's loss now (after carrying a restart's realised PnL); returns a new halt, or null. */
  checkNow(nowMs: number): Halt | null {
    return this.checkLoss(nowMs);
  }

  realisedToday(nowMs: number): Big {
    return this.ledger.realisedToday(nowMs);
  }

  /** Why `order` must not go out now, or null. `referencePrice` values a Market entry (the expected fill). */
  /**
   * `working` is the unfilled quantity of the symbol's other entries still working or of unknown outcome: the cap
   * holds even if they all fill (an entry whose answer was lost must not let a second one double the exposure).
   */
  refuseEntry(
    order: OrderRequest,
    referencePrice: Big | null,
    nowMs: number,
    working: { readonly buy: Big; readonly sell: Big } = noWorking,
  ): string | null {
    if (order.reduceOnly) return null;
    // Checked before any big.js: a malformed number must be a refusal, never a throw out of the core.
    if (!isDecimalString(order.qty) || (order.price !== undefined && !isDecimalString(order.price))) {
      return `order ${order.orderLinkId} has a malformed qty or price`;
    }
    const halt = this.haltAt(nowMs);
    if (halt !== null) return `trading halted: ${halt.reason}`;
    this.forgetOlderThan(nowMs - minuteMs);
    if (this.recentCreates.length >= this.maxPerMinute) return `risk.maxOrdersPerMinute: ${this.maxPerMinute} orders in the last 60 s`;
    const price = order.price !== undefined ? new Big(order.price) : referencePrice;
    if (price === null) return 'risk.maxPositionNotionalUsd: no price to value a Market entry with';
    const held = this.positions.get(order.symbol);
    const heldSigned = held === undefined || held.side === 'None' ? new Big(0) : held.side === 'Buy' ? new Big(held.size) : new Big(held.size).neg();
    const qty = new Big(order.qty);
    // The worst case: every working order on this order's side fills too.
    const after = order.side === 'Buy' ? heldSigned.plus(working.buy).plus(qty).abs() : heldSigned.minus(working.sell).minus(qty).abs();
    const notional = after.times(price);
    if (notional.gt(this.maxNotional)) {
      const pending = order.side === 'Buy' ? working.buy : working.sell;
      const withWorking = pending.gt(0) ? ` with ${pending.toFixed()} more working` : '';
      return `risk.maxPositionNotionalUsd: position would be ${notional.toFixed(2)} USDT${withWorking}, limit ${this.maxNotional.toFixed(2)}`;
    }
    return null;
  }

  /** An order create is about to be sent (entries and closes alike count against the minute budget). */
  noteCreate(nowMs: number): void {
    this.forgetOlderThan(nowMs - minuteMs);
    this.recentCreates.push(nowMs);
    if (this.recentCreates.length > this.maxPerMinute) this.recentCreates.shift();
  }

  /** Feeds a new fill; returns the halt it caused (the day's loss crossed the limit), or null. */
  onFill(fill: Fill, nowMs: number): Halt | null {
    this.ledger.onFill(fill);
    return this.checkLoss(nowMs);
  }

  /** Feeds a position report (its unrealised PnL counts towards the day's loss); returns a halt it caused, or null. */
  onPosition(position: Position, nowMs: number): Halt | null {
    this.ledger.seed(position);
    this.positions.set(position.symbol, position);
    return this.checkLoss(nowMs);
  }

  /** Realised today (net of fees) plus the open positions' unrealised PnL; negative is a loss. */
  dayPnl(nowMs: number): Big {
    let total = this.ledger.realisedToday(nowMs);
    for (const position of this.positions.values()) if (position.side !== 'None') total = total.plus(position.unrealisedPnl);
    return total;
  }

  private checkLoss(nowMs: number): Halt | null {
    if (this.haltAt(nowMs) !== null) return null;
    const pnl = this.dayPnl(nowMs);
    if (pnl.gt(this.maxLoss.neg())) return null;
    this.halt = {
      reason: `risk.maxDailyLossUsd: the day's PnL is ${pnl.toFixed(2)} USDT, limit -${this.maxLoss.toFixed(2)}`,
      sinceMs: nowMs,
      untilDay: DailyPnlLedger.dayOf(nowMs) + 1,
    };
    return this.halt;
  }

  private forgetOlderThan(cutoffMs: number): void {
    while (this.recentCreates.length > 0 && (this.recentCreates[0] as number) <= cutoffMs) this.recentCreates.shift();
  }
}
