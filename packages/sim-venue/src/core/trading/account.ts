// One API key's account on the venue (venue thread): USDT wallet, per-symbol leverage and one-way position, open
// orders, order history and executions. Money is Big; margins divide (10 decimals), fees and PnL never do.

import Big from 'big.js';
import { kZero, maxBig, ratio } from './exact-decimal.js';
import { flatPosition, positionValue, unrealisedPnl, type FillEffect } from './position.js';
import type { Decimals, Side, VenueClosedPnl, VenueExecution, VenueOrder, VenuePosition, WalletView } from './trading-types.js';

export function isOpen(order: VenueOrder): boolean {
  return order.status === 'New' || order.status === 'PartiallyFilled';
}

export function leavesQty(order: VenueOrder): Big {
  return isOpen(order) ? order.qty.minus(order.cumExecQty) : kZero;
}

/**
 * The part of `qty` on `side` that would open or grow the position rather than close it: only that part needs
 * margin. Each order is offset against the whole opposite position (not shared between orders), which can
 * under-reserve when several closing orders rest at once; the venue accepts that simplification.
 */
function openingQty(position: VenuePosition, side: Side, qty: Big): Big {
  if (position.side === '' || position.side === side) return qty;
  return maxBig(kZero, qty.minus(position.size));
}

export class VenueAccount {
  walletBalance: Big;
  /** Net of fees, all symbols. */
  cumRealisedPnl: Big = kZero;
  private readonly leverages = new Map<string, Big>();
  private readonly positionsBySymbol = new Map<string, VenuePosition>();
  private readonly open = new Map<string, VenueOrder>();
  /** Closed orders, oldest first; Map order is insertion order, which makes trimming the oldest cheap. */
  private readonly closed = new Map<string, VenueOrder>();
  private readonly executionList: VenueExecution[] = [];
  /** Closed-PnL records by closing order, oldest first (insertion order). */
  private readonly closedPnlByOrder = new Map<string, VenueClosedPnl>();
  /** Every orderLinkId this account ever used, and its order: Bybit refuses to reuse one (110072). */
  private readonly orderIdByLinkId = new Map<string, string>();

  constructor(
    readonly apiKey: string,
    startingBalance: Big,
    private readonly defaultLeverage: Big,
    private readonly historyLimit: number,
  ) {
    this.walletBalance = startingBalance;
  }

  leverageOf(symbol: string): Big {
    return this.leverages.get(symbol) ?? this.defaultLeverage;
  }

  /** Returns the updated position when one exists, so the caller can push it. */
  setLeverage(symbol: string, leverage: Big, nowMs: number, seq: number): VenuePosition | null {
    this.leverages.set(symbol, leverage);
    const position = this.positionsBySymbol.get(symbol);
    if (position === undefined) return null;
    const updated = { ...position, leverage, updatedTimeMs: nowMs, seq };
    this.positionsBySymbol.set(symbol, updated);
    return updated;
  }

  /** The symbol's position, flat (side "", size 0) until the first fill. */
  position(symbol: string, decimals: Decimals, nowMs: number): VenuePosition {
    const known = this.positionsBySymbol.get(symbol);
    if (known !== undefined) return known;
    const created = flatPosition(symbol, decimals, this.leverageOf(symbol), nowMs);
    this.positionsBySymbol.set(symbol, created);
    return created;
  }

  knownPosition(symbol: string): VenuePosition | null {
    return this.positionsBySymbol.get(symbol) ?? null;
  }

  positions(): readonly VenuePosition[] {
    return [...this.positionsBySymbol.values()];
  }

  setPosition(position: VenuePosition): void {
    this.positionsBySymbol.set(position.symbol, position);
  }

  hasOrderLinkId(orderLinkId: string): boolean {
    return this.orderIdByLinkId.has(orderLinkId);
  }

  /** Stores the order's latest state: open orders stay live, closed ones move to the (bounded) history. */
  recordOrder(order: VenueOrder): void {
    if (order.orderLinkId !== '') this.orderIdByLinkId.set(order.orderLinkId, order.orderId);
    if (isOpen(order)) {
      this.open.set(order.orderId, order);
      return;
    }
    this.open.delete(order.orderId);
    this.closed.set(order.orderId, order);
    if (this.closed.size > this.historyLimit) {
      const oldest = this.closed.keys().next();
      if (oldest.done !== true) this.closed.delete(oldest.value);
    }
  }

  openOrder(orderId: string): VenueOrder | null {
    return this.open.get(orderId) ?? null;
  }

  /** By orderId or orderLinkId, open or in history. */
  findOrder(orderId: string | null, orderLinkId: string | null): VenueOrder | null {
    const id = orderId ?? (orderLinkId !== null ? this.orderIdByLinkId.get(orderLinkId) : undefined);
    if (id === undefined) return null;
    const order = this.open.get(id) ?? this.closed.get(id) ?? null;
    if (order !== null && orderLinkId !== null && order.orderLinkId !== orderLinkId) return null;
    return order;
  }

  openOrders(symbol: string | null = null): readonly VenueOrder[] {
    const orders = [...this.open.values()];
    return symbol === null ? orders : orders.filter((order) => order.symbol === symbol);
  }

  /** Open and closed orders, newest first, as Bybit lists them. */
  orderHistory(symbol: string | null = null): readonly VenueOrder[] {
    const orders = [...this.closed.values(), ...this.open.values()]
      .filter((order) => symbol === null || order.symbol === symbol)
      .sort((a, b) => b.createdTimeMs - a.createdTimeMs);
    return orders;
  }

  addExecution(execution: VenueExecution): void {
    this.executionList.push(execution);
    // Trim in chunks so the steady state is not a shift() per fill.
    if (this.executionList.length > this.historyLimit * 1.25) {
      this.executionList.splice(0, this.executionList.length - this.historyLimit);
    }
  }

  /** A fill of `order` closed part of `before` (the position it met): the order's closed-PnL record grows by it. */
  recordClose(order: VenueOrder, before: VenuePosition, effect: FillEffect, price: Big, nowMs: number): void {
    const closedPnl = effect.realisedPnl.minus(effect.closeFee).minus(effect.openFeeShare);
    const known = this.closedPnlByOrder.get(order.orderId);
    const entryValue = effect.closedSize.times(before.avgPrice);
    const exitValue = effect.closedSize.times(price);
    this.closedPnlByOrder.set(order.orderId, {
      symbol: order.symbol,
      orderId: order.orderId,
      orderLinkId: order.orderLinkId,
      side: order.side,
      orderType: order.orderType,
      orderPrice: order.price,
      orderQty: order.qty,
      priceDecimals: order.priceDecimals,
      sizeDecimals: order.sizeDecimals,
      closedSize: (known?.closedSize ?? kZero).plus(effect.closedSize),
      cumEntryValue: (known?.cumEntryValue ?? kZero).plus(entryValue),
      cumExitValue: (known?.cumExitValue ?? kZero).plus(exitValue),
      closedPnl: (known?.closedPnl ?? kZero).plus(closedPnl),
      openFee: (known?.openFee ?? kZero).plus(effect.openFeeShare),
      closeFee: (known?.closeFee ?? kZero).plus(effect.closeFee),
      fillCount: (known?.fillCount ?? 0) + 1,
      leverage: before.leverage,
      createdTimeMs: known?.createdTimeMs ?? nowMs,
      updatedTimeMs: nowMs,
    });
    if (this.closedPnlByOrder.size > this.historyLimit * 1.25) {
      for (const orderId of [...this.closedPnlByOrder.keys()].slice(0, this.closedPnlByOrder.size - this.historyLimit)) {
        this.closedPnlByOrder.delete(orderId);
      }
    }
  }

  /** Newest first, as Bybit lists them. */
  closedPnls(symbol: string | null = null): readonly VenueClosedPnl[] {
    return [...this.closedPnlByOrder.values()].filter((record) => symbol === null || record.symbol === symbol).reverse();
  }

  /** Newest first, as Bybit lists them. */
  executions(symbol: string | null = null): readonly VenueExecution[] {
    return this.executionList.filter((execution) => symbol === null || execution.symbol === symbol).reverse();
  }

  positionIM(): Big {
    let total = kZero;
    for (const position of this.positionsBySymbol.values()) {
      if (position.side !== '') total = total.plus(ratio(positionValue(position), position.leverage));
    }
    return total;
  }

  /** Margin the open orders hold: the opening part of each non-reduce-only order at its price. */
  orderIM(): Big {
    let total = kZero;
    for (const order of this.open.values()) {
      if (order.reduceOnly) continue;
      const position = this.positionsBySymbol.get(order.symbol);
      const leaves = leavesQty(order);
      const opening = position === undefined ? leaves : openingQty(position, order.side, leaves);
      if (opening.gt(0)) total = total.plus(ratio(opening.times(order.price), this.leverageOf(order.symbol)));
    }
    return total;
  }

  availableBalance(): Big {
    return this.walletBalance.minus(this.positionIM()).minus(this.orderIM());
  }

  wallet(markOf: (symbol: string) => Big | null): WalletView {
    let upl = kZero;
    for (const position of this.positionsBySymbol.values()) {
      upl = upl.plus(unrealisedPnl(position, markOf(position.symbol)));
    }
    const positionIM = this.positionIM();
    const orderIM = this.orderIM();
    return {
      walletBalance: this.walletBalance,
      cumRealisedPnl: this.cumRealisedPnl,
      unrealisedPnl: upl,
      positionIM,
      orderIM,
      availableBalance: this.walletBalance.minus(positionIM).minus(orderIM),
      equity: this.walletBalance.plus(upl),
    };
  }
}

/** Initial margin of the opening part plus the taker fee on the whole order: what must fit in the available balance. */
export function orderCost(position: VenuePosition, side: Side, qty: Big, price: Big, leverage: Big, takerFeeRate: Big) {
  const initialMargin = ratio(openingQty(position, side, qty).times(price), leverage);
  const fee = qty.times(price).times(takerFeeRate);
  return { initialMargin, fee, total: initialMargin.plus(fee) };
}
