// Positions, round trips, fees and the equity series from a stream of fills, in time order: a backtest run's (backtest
// thread, fed by the replay loop) and the live session's (execution thread, through SessionTrades). One-way
// positions per symbol as on Bybit linear; all money in big.js.

import Big from 'big.js';
import type { Side } from '@scalper/protocol';
import type { EquityPoint, FillRecord, RoundTrip } from './trade-records.js';

export interface TradeLedgerOptions {
  /** Least time between two equity points (default 1000 ms). */
  readonly equitySampleMs?: number;
}

/** A position still open when the run ended: reported, but not a round trip. */
export interface OpenPositionView {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: string;
  /** Volume-weighted over the opening fills. */
  readonly entryPrice: string;
  readonly entryTsMs: number;
  /** NaN when the symbol never traded and never filled. */
  readonly lastPrice: number;
  /** Realised by partial closes so far, before fees. */
  readonly realisedGross: string;
  readonly unrealisedPnl: string;
  readonly fees: string;
}

export interface ExposureInterval {
  readonly startMs: number;
  readonly endMs: number;
}

/** The round trip being built for one symbol (exists only while the position is not flat). */
interface OpenTrip {
  readonly symbol: string;
  readonly side: Side;
  readonly slot: number;
  readonly entryTsMs: number;
  qty: Big;
  /** Entry cost of what is still held: avg entry * qty, kept as a sum so the trip's PnL telescopes exactly. */
  cost: Big;
  maxQty: Big;
  entryQty: Big;
  entryNotional: Big;
  exitQty: Big;
  exitNotional: Big;
  realised: Big;
  fees: Big;
  closeReason: string | null;
}

/** Bybit fees have at most 8 decimals; a flip fill's fee is split between two trips at that precision. */
const feeDp = 8;
/** VWAPs are quotients; 10 decimals is below any Bybit tick size. */
const priceDp = 10;

export class TradeLedger {
  private readonly startingBalance: Big;
  private readonly sampleMs: number;
  /** Symbol to slot in `lastPrices`: a typed array so the per-trade update stores a double without boxing it. */
  private readonly slots = new Map<string, number>();
  private lastPrices = new Float64Array(16).fill(Number.NaN);
  private readonly open = new Map<string, OpenTrip>();
  private readonly trips: RoundTrip[] = [];
  private readonly fillList: FillRecord[] = [];
  private readonly points: EquityPoint[] = [];
  private readonly intervals: ExposureInterval[] = [];
  private closedGross = new Big(0);
  private feesTotal = new Big(0);
  private nextSampleMs = Number.NEGATIVE_INFINITY;
  private nowMs = Number.NEGATIVE_INFINITY;
  private exposedSinceMs = 0;
  private closedExposureMs = 0;

  constructor(startingBalance: string, options: TradeLedgerOptions = {}) {
    this.startingBalance = new Big(startingBalance);
    this.sampleMs = options.equitySampleMs ?? 1000;
    if (!(this.sampleMs > 0)) throw new Error(`equitySampleMs must be positive, got ${String(options.equitySampleMs)}`);
  }

  /** Hot path: one Map lookup and one typed-array store, unless an equity point is due. */
  onTrade(symbol: string, tsMs: number, price: number): void {
    const slot = this.slots.get(symbol) ?? this.addSlot(symbol);
    this.lastPrices[slot] = price;
    if (tsMs > this.nowMs) this.nowMs = tsMs;
    if (tsMs >= this.nextSampleMs) {
      this.points.push({ tsMs, equity: Number(this.equityNow().toFixed(8)) });
      this.nextSampleMs = tsMs + this.sampleMs;
    }
  }

  /**
   * The first request while a position is open names its round trip; later ones (a retry of the same close) do not
   * rename it. A request while flat closes nothing, and keeping it would mislabel the next trip's venue stop.
   */
  onCloseRequested(symbol: string, reason: string): void {
    const trip = this.open.get(symbol);
    if (trip !== undefined && trip.closeReason === null) trip.closeReason = reason;
  }

  onFill(fill: FillRecord): void {
    this.fillList.push(fill);
    const price = new Big(fill.price);
    const qty = new Big(fill.qty);
    const fee = new Big(fill.fee);
    this.feesTotal = this.feesTotal.plus(fee);
    if (fill.tsMs > this.nowMs) this.nowMs = fill.tsMs;
    const slot = this.slots.get(fill.symbol) ?? this.addSlot(fill.symbol);
    // Until the symbol trades, its fill is the best price we know for valuing the position.
    if (Number.isNaN(this.lastPrices[slot])) this.lastPrices[slot] = Number(fill.price);
    if (qty.lte(0)) return;

    const trip = this.open.get(fill.symbol);
    if (trip === undefined) {
      this.openTrip(fill, slot, qty, price, fee);
      return;
    }
    if (trip.side === fill.side) {
      addToTrip(trip, qty, price, fee);
      return;
    }
    const closeQty = qty.lt(trip.qty) ? qty : trip.qty;
    const rest = qty.minus(closeQty);
    // A flip fill's fee is shared by volume; the opening part takes the remainder so the total stays exact.
    const closeFee = rest.eq(0) ? fee : fee.times(closeQty).div(qty).round(feeDp, Big.roundHalfEven);
    // The last close takes all remaining cost, so the trip's realised sum is exactly exit notional - entry notional.
    const costRemoved = closeQty.eq(trip.qty) ? trip.cost : trip.cost.times(closeQty).div(trip.qty);
    const exitValue = price.times(closeQty);
    const pnl = trip.side === 'Buy' ? exitValue.minus(costRemoved) : costRemoved.minus(exitValue);
    trip.realised = trip.realised.plus(pnl);
    trip.qty = trip.qty.minus(closeQty);
    trip.cost = trip.cost.minus(costRemoved);
    trip.exitQty = trip.exitQty.plus(closeQty);
    trip.exitNotional = trip.exitNotional.plus(exitValue);
    trip.fees = trip.fees.plus(closeFee);
    if (trip.qty.eq(0)) this.closeTrip(trip, fill.tsMs);
    if (rest.gt(0)) this.openTrip(fill, slot, rest, price, fee.minus(closeFee));
  }

  /** The final equity point; an open position stays open, valued at its last price. */
  finish(endMs: number): void {
    if (endMs > this.nowMs) this.nowMs = endMs;
    const point: EquityPoint = { tsMs: endMs, equity: Number(this.equityNow().toFixed(8)) };
    const last = this.points[this.points.length - 1];
    if (last !== undefined && last.tsMs >= endMs) this.points[this.points.length - 1] = point;
    else this.points.push(point);
  }

  get roundTrips(): readonly RoundTrip[] {
    return this.trips;
  }

  get fills(): readonly FillRecord[] {
    return this.fillList;
  }

  get equity(): readonly EquityPoint[] {
    return this.points;
  }

  /** Realised gross (closed trips and partial closes) minus every fee paid, open positions' entry fees included. */
  get realisedNet(): Big {
    return this.realisedGross().minus(this.feesTotal);
  }

  get totalFees(): Big {
    return this.feesTotal;
  }

  /** Time with any position open, up to the latest time the ledger has seen. */
  get exposureMs(): number {
    const openMs = this.open.size > 0 ? Math.max(0, this.nowMs - this.exposedSinceMs) : 0;
    return this.closedExposureMs + openMs;
  }

  /** The spans with any position open (the last one ends at the latest time seen when still open). */
  get exposureIntervals(): readonly ExposureInterval[] {
    if (this.open.size === 0) return this.intervals;
    return [...this.intervals, { startMs: this.exposedSinceMs, endMs: Math.max(this.exposedSinceMs, this.nowMs) }];
  }

  /** Starting balance + realised gross - fees + unrealised at the last trade prices. */
  equityNow(): Big {
    let equity = this.startingBalance.plus(this.realisedGross()).minus(this.feesTotal);
    for (const trip of this.open.values()) equity = equity.plus(this.unrealised(trip));
    return equity;
  }

  openPositions(): OpenPositionView[] {
    return [...this.open.values()].map((trip) => ({
      symbol: trip.symbol,
      side: trip.side,
      qty: trip.qty.toFixed(),
      entryPrice: trip.entryNotional.div(trip.entryQty).round(priceDp).toFixed(),
      entryTsMs: trip.entryTsMs,
      lastPrice: this.lastPrices[trip.slot] ?? Number.NaN,
      realisedGross: trip.realised.toFixed(),
      unrealisedPnl: this.unrealised(trip).toFixed(),
      fees: trip.fees.toFixed(),
    }));
  }

  private realisedGross(): Big {
    let gross = this.closedGross;
    for (const trip of this.open.values()) gross = gross.plus(trip.realised);
    return gross;
  }

  private unrealised(trip: OpenTrip): Big {
    const last = this.lastPrices[trip.slot];
    if (last === undefined || Number.isNaN(last)) return new Big(0);
    const value = new Big(last).times(trip.qty);
    return trip.side === 'Buy' ? value.minus(trip.cost) : trip.cost.minus(value);
  }

  private addSlot(symbol: string): number {
    const slot = this.slots.size;
    if (slot >= this.lastPrices.length) {
      const grown = new Float64Array(this.lastPrices.length * 2).fill(Number.NaN);
      grown.set(this.lastPrices);
      this.lastPrices = grown;
    }
    this.slots.set(symbol, slot);
    return slot;
  }

  private openTrip(fill: FillRecord, slot: number, qty: Big, price: Big, fee: Big): void {
    if (this.open.size === 0) this.exposedSinceMs = fill.tsMs;
    const notional = price.times(qty);
    this.open.set(fill.symbol, {
      symbol: fill.symbol,
      side: fill.side,
      slot,
      entryTsMs: fill.tsMs,
      qty,
      cost: notional,
      maxQty: qty,
      entryQty: qty,
      entryNotional: notional,
      exitQty: new Big(0),
      exitNotional: new Big(0),
      realised: new Big(0),
      fees: fee,
      closeReason: null,
    });
  }

  private closeTrip(trip: OpenTrip, tsMs: number): void {
    this.open.delete(trip.symbol);
    this.closedGross = this.closedGross.plus(trip.realised);
    this.trips.push({
      symbol: trip.symbol,
      side: trip.side,
      qty: trip.maxQty.toFixed(),
      entryTsMs: trip.entryTsMs,
      exitTsMs: tsMs,
      entryPrice: trip.entryNotional.div(trip.entryQty).round(priceDp).toFixed(),
      exitPrice: trip.exitNotional.div(trip.exitQty).round(priceDp).toFixed(),
      grossPnl: trip.realised.toFixed(),
      fees: trip.fees.toFixed(),
      netPnl: trip.realised.minus(trip.fees).toFixed(),
      exitReason: trip.closeReason ?? 'venue-stop',
    });
    if (this.open.size === 0) {
      this.closedExposureMs += tsMs - this.exposedSinceMs;
      this.intervals.push({ startMs: this.exposedSinceMs, endMs: tsMs });
    }
  }
}

function addToTrip(trip: OpenTrip, qty: Big, price: Big, fee: Big): void {
  const notional = price.times(qty);
  trip.qty = trip.qty.plus(qty);
  trip.cost = trip.cost.plus(notional);
  trip.entryQty = trip.entryQty.plus(qty);
  trip.entryNotional = trip.entryNotional.plus(notional);
  trip.fees = trip.fees.plus(fee);
  if (trip.qty.gt(trip.maxQty)) trip.maxQty = trip.qty;
}
