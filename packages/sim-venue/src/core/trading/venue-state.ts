// The venue's trading state and the primitives every order path shares (venue thread): recording an order
// (and its place in the trigger index), applying a fill to order, position and wallet, and cancelling.

import Big from 'big.js';
import { isOpen, VenueAccount } from './account.js';
import { bigToRaw, kZero, rawToBig } from './exact-decimal.js';
import { applyFillToPosition } from './position.js';
import { SymbolTriggers } from './symbol-triggers.js';
import { VenueIds } from './venue-ids.js';
import type { EventBatch } from './event-batch.js';
import type { CancelType, RejectReason, VenueExecution, VenueOrder, VenuePosition } from './trading-types.js';
import type { InstrumentSpec } from '../venue-types.js';

export interface ResolvedVenueOptions {
  readonly seed: number;
  readonly startingBalance: Big;
  readonly defaultLeverage: Big;
  readonly maxLeverage: Big;
  readonly makerFeeRate: Big;
  readonly takerFeeRate: Big;
  readonly marketPriceBand: Big;
  readonly historyLimit: number;
}

/** What matching fills in: a new order starts New with nothing executed. */
type OrderProgressField = 'status' | 'cancelType' | 'rejectReason' | 'cumExecQty' | 'cumExecValue' | 'cumExecFee' | 'closedPnl';

export interface FillAt {
  readonly price: Big;
  readonly qty: Big;
  readonly isMaker: boolean;
}

export class VenueState {
  readonly accounts = new Map<string, VenueAccount>();
  readonly ids: VenueIds;
  private readonly triggers = new Map<string, SymbolTriggers>();
  private readonly specs = new Map<string, InstrumentSpec>();

  constructor(readonly options: ResolvedVenueOptions) {
    this.ids = new VenueIds(options.seed);
  }

  noteSpec(spec: InstrumentSpec): void {
    if (this.specs.get(spec.symbol) !== spec) this.specs.set(spec.symbol, spec);
  }

  specOf(symbol: string): InstrumentSpec | null {
    return this.specs.get(symbol) ?? null;
  }

  triggersFor(symbol: string): SymbolTriggers {
    let triggers = this.triggers.get(symbol);
    if (triggers === undefined) {
      triggers = new SymbolTriggers();
      this.triggers.set(symbol, triggers);
    }
    return triggers;
  }

  /** The last trade price stands in for Bybit's mark price; null before the symbol's first trade. */
  readonly markOf = (symbol: string): Big | null => {
    const raw = this.triggers.get(symbol)?.lastPriceRaw ?? Number.NaN;
    const spec = this.specs.get(symbol);
    return Number.isNaN(raw) || spec === undefined ? null : rawToBig(raw, spec.priceDecimals);
  };

  /** Stores the order's new state and keeps resting limit orders, and only those, in the trigger index. */
  recordOrder(account: VenueAccount, order: VenueOrder): void {
    const wasOpen = account.openOrder(order.orderId) !== null;
    account.recordOrder(order);
    if (order.orderType !== 'Limit') return;
    const triggers = this.triggersFor(order.symbol);
    if (isOpen(order) && !wasOpen) {
      triggers.addResting({
        apiKey: account.apiKey,
        orderId: order.orderId,
        side: order.side,
        priceRaw: bigToRaw(order.price, order.priceDecimals),
      });
    } else if (!isOpen(order) && wasOpen) {
      triggers.removeResting(order.side, order.orderId);
    }
  }

  /** Stores the position and its stop loss in the trigger index. */
  setPosition(account: VenueAccount, position: VenuePosition): void {
    account.setPosition(position);
    const armed = position.side !== '' && position.stopLoss !== null;
    this.triggersFor(position.symbol).setStop(
      account.apiKey,
      armed ? (position.side as 'Buy' | 'Sell') : null,
      armed && position.stopLoss !== null ? bigToRaw(position.stopLoss, position.priceDecimals) : null,
    );
  }

  /**
   * One execution: the position moves, the wallet pays the fee and receives the gross PnL of the closed part,
   * the order accumulates. The caller records the returned order once it has its final status.
   */
  executeFill(account: VenueAccount, order: VenueOrder, fill: FillAt, nowMs: number, batch: EventBatch) {
    const feeRate = fill.isMaker ? this.options.makerFeeRate : this.options.takerFeeRate;
    const before = account.position(order.symbol, order, nowMs);
    const seq = this.ids.nextSeq();
    const effect = applyFillToPosition(before, {
      side: order.side,
      qty: fill.qty,
      price: fill.price,
      feeRate,
      stopLoss: order.reduceOnly ? null : order.stopLoss,
      nowMs,
      seq,
    });
    account.walletBalance = account.walletBalance.plus(effect.realisedPnl).minus(effect.fee);
    account.cumRealisedPnl = account.cumRealisedPnl.plus(effect.realisedPnl).minus(effect.fee);
    this.setPosition(account, effect.position);
    const execValue = fill.qty.times(fill.price);
    const cumExecQty = order.cumExecQty.plus(fill.qty);
    const updated: VenueOrder = {
      ...order,
      cumExecQty,
      cumExecValue: order.cumExecValue.plus(execValue),
      cumExecFee: order.cumExecFee.plus(effect.fee),
      closedPnl: order.closedPnl.plus(effect.realisedPnl),
      status: cumExecQty.gte(order.qty) ? 'Filled' : 'PartiallyFilled',
      updatedTimeMs: nowMs,
    };
    const execution: VenueExecution = {
      execId: this.ids.nextId(),
      orderId: order.orderId,
      orderLinkId: order.orderLinkId,
      symbol: order.symbol,
      side: order.side,
      orderType: order.orderType,
      orderPrice: order.price,
      orderQty: order.qty,
      leavesQty: order.qty.minus(cumExecQty),
      execPrice: fill.price,
      execQty: fill.qty,
      execValue,
      execFee: effect.fee,
      feeRate,
      isMaker: fill.isMaker,
      closedSize: effect.closedSize,
      execPnl: effect.realisedPnl,
      createType: order.createType,
      stopOrderType: order.stopOrderType,
      markPrice: this.markOf(order.symbol) ?? fill.price,
      execTimeMs: nowMs,
      seq,
      priceDecimals: order.priceDecimals,
      sizeDecimals: order.sizeDecimals,
    };
    account.addExecution(execution);
    if (effect.closedSize.gt(0)) account.recordClose(order, before, effect, fill.price, nowMs);
    batch.execution(account, execution, effect.position);
    return { order: updated, execution };
  }

  cancel(account: VenueAccount, order: VenueOrder, cancelType: CancelType, rejectReason: RejectReason, nowMs: number, batch: EventBatch): VenueOrder {
    const cancelled: VenueOrder = { ...order, status: 'Cancelled', cancelType, rejectReason, updatedTimeMs: nowMs };
    this.recordOrder(account, cancelled);
    batch.order(account, cancelled);
    batch.wallet(account);
    return cancelled;
  }

  /** Reduce-only orders that can no longer reduce (position flat or on their own side) are cancelled, as on Bybit. */
  sweepReduceOnly(account: VenueAccount, symbol: string, nowMs: number, batch: EventBatch): void {
    const position = account.knownPosition(symbol);
    for (const order of account.openOrders(symbol)) {
      if (!order.reduceOnly) continue;
      if (position === null || position.side === '' || position.side === order.side) {
        this.cancel(account, order, 'CancelByReduceOnly', 'EC_NoError', nowMs, batch);
      }
    }
  }

  /** A new order with nothing executed yet. */
  newOrder(fields: Omit<VenueOrder, OrderProgressField | 'orderId'>): VenueOrder {
    return {
      ...fields,
      orderId: this.ids.nextId(),
      status: 'New',
      cancelType: 'UNKNOWN',
      rejectReason: 'EC_NoError',
      cumExecQty: kZero,
      cumExecValue: kZero,
      cumExecFee: kZero,
      closedPnl: kZero,
    };
  }
}

export function resolveDecimal(value: string | undefined, fallback: string, name: string): Big {
  const text = value ?? fallback;
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new Error(`sim venue option ${name}: expected a decimal string, got ${JSON.stringify(value)}`);
  }
  return new Big(text);
}
