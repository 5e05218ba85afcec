// The day's realised PnL from our own fills (execution thread, per fill, big.js): a per-symbol average-price book,
// so the daily-loss limit does not depend on which PnL fields a venue reports. Days are UTC days.

import Big from 'big.js';
import type { Fill, Position, Symbol } from '@scalper/protocol';

const dayMs = 86_400_000;

interface Holding {
  /** Signed: positive long, negative short. */
  qty: Big;
  avgPrice: Big;
}

export class DailyPnlLedger {
  private readonly holdings = new Map<Symbol, Holding>();
  private day = Number.NaN;
  private realised = new Big(0);
  private fees = new Big(0);

  /** UTC day number of `tsMs`. */
  static dayOf(tsMs: number): number {
    return Math.floor(tsMs / dayMs);
  }

  /** Epoch ms at which UTC day number `day` begins. */
  static startOfDay(day: number): number {
    return day * dayMs;
  }

  /**
   * A position the venue reports while we hold no book for its symbol (a restart found it open): its average price
   * becomes the base its later closes realise against. Known symbols are left to the fills.
   */
  seed(position: Position): void {
    if (this.holdings.has(position.symbol)) return;
    const size = new Big(position.size);
    if (position.side === 'None' || size.eq(0)) return;
    this.holdings.set(position.symbol, { qty: position.side === 'Buy' ? size : size.neg(), avgPrice: new Big(position.avgEntryPrice) });
  }

  onFill(fill: Fill): void {
    this.rollTo(DailyPnlLedger.dayOf(fill.tsEventMs));
    const price = new Big(fill.price);
    const signed = fill.side === 'Buy' ? new Big(fill.qty) : new Big(fill.qty).neg();
    const fee = new Big(fill.fee);
    this.fees = this.fees.plus(fee);
    this.realised = this.realised.minus(fee);
    const holding = this.holdings.get(fill.symbol);
    if (holding === undefined || holding.qty.eq(0)) {
      this.holdings.set(fill.symbol, { qty: signed, avgPrice: price });
      return;
    }
    if (holding.qty.gt(0) === signed.gt(0)) {
      const total = holding.qty.abs().plus(signed.abs());
      holding.avgPrice = holding.avgPrice.times(holding.qty.abs()).plus(price.times(signed.abs())).div(total);
      holding.qty = holding.qty.plus(signed);
      return;
    }
    const closing = signed.abs().lt(holding.qty.abs()) ? signed.abs() : holding.qty.abs();
    const direction = holding.qty.gt(0) ? 1 : -1;
    this.realised = this.realised.plus(price.minus(holding.avgPrice).times(closing).times(direction));
    holding.qty = holding.qty.plus(signed);
    // A fill larger than the position flips it: the rest opens at this fill's price.
    if (!holding.qty.eq(0) && holding.qty.gt(0) !== direction > 0) holding.avgPrice = price;
  }

  /** Adds realised PnL (net of fees) earned before this ledger's first fill: what a restart learned of the day. */
  carryRealised(amount: Big, nowMs: number): void {
    this.rollTo(DailyPnlLedger.dayOf(nowMs));
    if (DailyPnlLedger.dayOf(nowMs) === this.day) this.realised = this.realised.plus(amount);
  }

  /** Realised PnL net of fees since 00:00 UTC of the day of `nowMs` (zero on a day without fills). */
  realisedToday(nowMs: number): Big {
    return DailyPnlLedger.dayOf(nowMs) === this.day ? this.realised : new Big(0);
  }

  feesToday(nowMs: number): Big {
    return DailyPnlLedger.dayOf(nowMs) === this.day ? this.fees : new Big(0);
  }

  private rollTo(day: number): void {
    if (day === this.day) return;
    if (Number.isFinite(this.day) && day < this.day) return; // a late fill of yesterday counts towards today
    this.day = day;
    this.realised = new Big(0);
    this.fees = new Big(0);
  }
}
