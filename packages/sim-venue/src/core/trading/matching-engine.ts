// The venue's trading core (venue thread): accounts by API key, order entry, cancels, leverage, stop losses, and
// the fills public trades cause. Pure: the server passes in the book, the instrument and the time.

import Big from 'big.js';
import { VenueAccount } from './account.js';
import { parseCancelAllRequest, parseCancelRequest, parseLeverageRequest, parseTradingStopRequest } from './account-requests.js';
import { EventBatch } from './event-batch.js';
import { placeOrder } from './order-placement.js';
import { checkPrice, checkStopLossSide } from './order-validation.js';
import { matchTrade } from './trade-triggers.js';
import { failed, invalidApiKey, leverageNotModified, orderNotExists, paramError, succeeded } from './venue-errors.js';
import { resolveDecimal, VenueState } from './venue-state.js';
import type {
  ChangedOrders,
  PlacedOrder,
  VenueClosedPnl,
  VenueEvent,
  VenueExecution,
  VenueOrder,
  VenuePosition,
  VenueResult,
  WalletView,
} from './trading-types.js';
import type { BookView, InstrumentSpec, SimTrade } from '../venue-types.js';

export interface TradingVenueOptions {
  /** Seeds the order and execution ids. Default 1. */
  readonly seed?: number;
  /** USDT each new account starts with. Default "10000". */
  readonly startingBalance?: string;
  /** Default "10", as a fresh Bybit account. */
  readonly defaultLeverage?: string;
  /** Default "100". */
  readonly maxLeverage?: string;
  /** Default "0.0002" (0.02 %). */
  readonly makerFeeRate?: string;
  /** Default "0.00055" (0.055 %). */
  readonly takerFeeRate?: string;
  /** How far past the best opposite level a Market order may walk, as a fraction. Default "0.01". */
  readonly marketPriceBand?: string;
  /** Closed orders and executions kept per account for queries. Default 10,000. */
  readonly historyLimit?: number;
}

export interface CancelledOrder {
  readonly order: VenueOrder;
  readonly events: readonly VenueEvent[];
}

export interface OrderLookup {
  readonly orderId?: string;
  readonly orderLinkId?: string;
}

export class MatchingEngine {
  private readonly state: VenueState;

  constructor(options: TradingVenueOptions = {}) {
    const historyLimit = options.historyLimit ?? 10_000;
    if (!Number.isSafeInteger(historyLimit) || historyLimit < 1) {
      throw new Error(`sim venue option historyLimit: expected a positive integer, got ${historyLimit}`);
    }
    this.state = new VenueState({
      seed: options.seed ?? 1,
      startingBalance: resolveDecimal(options.startingBalance, '10000', 'startingBalance'),
      defaultLeverage: resolveDecimal(options.defaultLeverage, '10', 'defaultLeverage'),
      maxLeverage: resolveDecimal(options.maxLeverage, '100', 'maxLeverage'),
      makerFeeRate: resolveDecimal(options.makerFeeRate, '0.0002', 'makerFeeRate'),
      takerFeeRate: resolveDecimal(options.takerFeeRate, '0.00055', 'takerFeeRate'),
      marketPriceBand: resolveDecimal(options.marketPriceBand, '0.01', 'marketPriceBand'),
      historyLimit,
    });
  }

  /** Opens the account of an API key the venue was given; opening it again changes nothing. */
  openAccount(apiKey: string, startingBalance?: string): void {
    if (this.state.accounts.has(apiKey)) return;
    const { options } = this.state;
    const balance = startingBalance === undefined ? options.startingBalance : resolveDecimal(startingBalance, '0', 'startingBalance');
    this.state.accounts.set(apiKey, new VenueAccount(apiKey, balance, options.defaultLeverage, options.historyLimit));
  }

  hasAccount(apiKey: string): boolean {
    return this.state.accounts.has(apiKey);
  }

  /** POST /v5/order/create. `book` is the symbol's book now; `taken` in the answer is what the order removed from it. */
  placeOrder(apiKey: string, body: unknown, book: BookView, spec: InstrumentSpec, nowMs: number): VenueResult<PlacedOrder> {
    return placeOrder(this.state, apiKey, body, book, spec, nowMs);
  }

  /** POST /v5/order/cancel: 110001 when the order is unknown or already closed. */
  cancelOrder(apiKey: string, body: unknown, nowMs: number): VenueResult<CancelledOrder> {
    const account = this.state.accounts.get(apiKey);
    if (account === undefined) return failed(invalidApiKey);
    const request = parseCancelRequest(body);
    if (!request.ok) return request;
    const found = account.findOrder(request.value.orderId, request.value.orderLinkId);
    const order = found === null ? null : account.openOrder(found.orderId);
    if (order === null || order.symbol !== request.value.symbol) return failed(orderNotExists);
    const batch = new EventBatch();
    const cancelled = this.state.cancel(account, order, 'CancelByUser', 'EC_NoError', nowMs, batch);
    return succeeded({ order: cancelled, events: batch.drain(this.state.markOf) });
  }

  /**
   * POST /v5/order/cancel-all: by symbol, by baseCoin, or every symbol with settleCoin USDT. Nothing open is a success.
   * Without orderFilter Bybit cancels "all kinds of orders", the position's TP/SL included, so the positions it
   * covers lose their stop loss; `Order` leaves them their stop. The venue has no conditional orders, so `StopOrder`
   * finds nothing.
   */
  cancelAll(apiKey: string, body: unknown, nowMs: number): VenueResult<ChangedOrders> {
    const account = this.state.accounts.get(apiKey);
    if (account === undefined) return failed(invalidApiKey);
    const request = parseCancelAllRequest(body);
    if (!request.ok) return request;
    const batch = new EventBatch();
    const { symbol, baseCoin, orderFilter } = request.value;
    const covers = (orderSymbol: string): boolean =>
      (symbol === null || orderSymbol === symbol) && (baseCoin === null || this.state.specOf(orderSymbol)?.baseCoin === baseCoin);
    const orders =
      orderFilter === 'StopOrder'
        ? []
        : account
            .openOrders(symbol)
            .filter((order) => covers(order.symbol))
            .map((order) => this.state.cancel(account, order, 'CancelByUser', 'EC_NoError', nowMs, batch));
    if (orderFilter === 'all') {
      for (const position of account.positions()) {
        if (position.stopLoss === null || !covers(position.symbol)) continue;
        const unprotected: VenuePosition = { ...position, stopLoss: null, updatedTimeMs: nowMs, seq: this.state.ids.nextSeq() };
        this.state.setPosition(account, unprotected);
        batch.position(account, unprotected);
      }
    }
    return succeeded({ orders, events: batch.drain(this.state.markOf) });
  }

  /** POST /v5/position/set-leverage: 110043 when the value is already set, like Bybit. */
  setLeverage(apiKey: string, body: unknown, nowMs: number): VenueResult<{ readonly events: readonly VenueEvent[] }> {
    const account = this.state.accounts.get(apiKey);
    if (account === undefined) return failed(invalidApiKey);
    const request = parseLeverageRequest(body, this.state.options.maxLeverage);
    if (!request.ok) return request;
    const { symbol, leverage } = request.value;
    if (account.leverageOf(symbol).eq(leverage)) return failed(leverageNotModified);
    const batch = new EventBatch();
    const position = account.setLeverage(symbol, leverage, nowMs, this.state.ids.nextSeq());
    if (position !== null) batch.position(account, position);
    batch.wallet(account);
    return succeeded({ events: batch.drain(this.state.markOf) });
  }

  /** POST /v5/position/trading-stop, stop loss only: sets ("0" removes) the stop of an open position. */
  setTradingStop(
    apiKey: string,
    body: unknown,
    spec: InstrumentSpec,
    nowMs: number,
  ): VenueResult<{ readonly position: VenuePosition; readonly events: readonly VenueEvent[] }> {
    const account = this.state.accounts.get(apiKey);
    if (account === undefined) return failed(invalidApiKey);
    const request = parseTradingStopRequest(body);
    if (!request.ok) return request;
    if (request.value.symbol !== spec.symbol) return failed(paramError(`symbol ${request.value.symbol} is not ${spec.symbol}`));
    this.state.noteSpec(spec);
    const position = account.knownPosition(spec.symbol);
    if (position === null || position.side === '') return failed(paramError('can not set tp/sl/ts for zero position'));
    const { stopLoss } = request.value;
    if (stopLoss !== null) {
      const base = this.state.markOf(spec.symbol) ?? position.avgPrice;
      const error = checkPrice('StopLoss', stopLoss, spec) ?? checkStopLossSide(position.side, stopLoss, base);
      if (error !== null) return failed(error);
    }
    const updated: VenuePosition = { ...position, stopLoss, updatedTimeMs: nowMs, seq: this.state.ids.nextSeq() };
    this.state.setPosition(account, updated);
    const batch = new EventBatch();
    batch.position(account, updated);
    return succeeded({ position: this.marked(updated), events: batch.drain(this.state.markOf) });
  }

  /** Every public trade of a symbol, in order: fills resting orders it crosses and fires stops it reaches. */
  onTrade(trade: SimTrade, spec: InstrumentSpec, nowMs: number): readonly VenueEvent[] {
    return matchTrade(this.state, trade, spec, nowMs);
  }

  // Queries. The server authenticates the key first, so an unknown key here is a bug in the caller: it throws.

  openOrders(apiKey: string, symbol: string | null = null): readonly VenueOrder[] {
    return this.account(apiKey).openOrders(symbol);
  }

  /** Open and closed orders, newest first. */
  orderHistory(apiKey: string, symbol: string | null = null): readonly VenueOrder[] {
    return this.account(apiKey).orderHistory(symbol);
  }

  findOrder(apiKey: string, lookup: OrderLookup): VenueOrder | null {
    return this.account(apiKey).findOrder(lookup.orderId ?? null, lookup.orderLinkId ?? null);
  }

  /** Newest first. */
  executions(apiKey: string, symbol: string | null = null): readonly VenueExecution[] {
    return this.account(apiKey).executions(symbol);
  }

  /** Closed-PnL records (one per closing order), newest first. */
  closedPnls(apiKey: string, symbol: string | null = null): readonly VenueClosedPnl[] {
    return this.account(apiKey).closedPnls(symbol);
  }

  /** The symbol's position, flat (side "", size "0") when there is none. */
  position(apiKey: string, spec: InstrumentSpec, nowMs: number): VenuePosition {
    this.state.noteSpec(spec);
    return this.marked(this.account(apiKey).position(spec.symbol, spec, nowMs));
  }

  /** Every position the account has touched, flat ones included. */
  positions(apiKey: string): readonly VenuePosition[] {
    return this.account(apiKey)
      .positions()
      .map((position) => this.marked(position));
  }

  wallet(apiKey: string): WalletView {
    return this.account(apiKey).wallet(this.state.markOf);
  }

  leverage(apiKey: string, symbol: string): Big {
    return this.account(apiKey).leverageOf(symbol);
  }

  /** The last trade price the venue saw; null before the first. */
  lastPrice(symbol: string): Big | null {
    return this.state.markOf(symbol);
  }

  private account(apiKey: string): VenueAccount {
    const account = this.state.accounts.get(apiKey);
    if (account === undefined) throw new Error(`sim venue: no account for API key ${apiKey}`);
    return account;
  }

  private marked(position: VenuePosition): VenuePosition {
    return { ...position, markPrice: this.state.markOf(position.symbol) };
  }
}
