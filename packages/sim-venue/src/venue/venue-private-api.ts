// The private REST endpoints of the venue (venue thread): each call goes to the trading core for an authenticated
// key, its events go out on the private stream, and the answer takes Bybit's result shape.

import type { MarketSource } from '../core/market-source.js';
import type { BookView, InstrumentSpec } from '../core/venue-types.js';
import {
  closedPnlRecord,
  executionRecord,
  restOrderRecord,
  restPositionRecord,
  walletRecord,
  type MatchingEngine,
  type VenueResult,
} from '../core/trading/index.js';
import type { VenueRefusal } from '../server/envelope.js';
import type { PrivateApi, QueryParams } from '../server/venue-api.js';
import { historyPage } from './history-page.js';
import { publishVenueEvents, type PrivateEventSink } from './private-event-publisher.js';

const categoryError: VenueRefusal = { retCode: 10001, retMsg: 'params error: category only support linear' };

function symbolOf(body: unknown): string {
  const symbol = typeof body === 'object' && body !== null ? (body as { symbol?: unknown }).symbol : undefined;
  return typeof symbol === 'string' ? symbol : '';
}

function categoryOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { category?: unknown }).category : undefined;
}

/** The book a create meets: the market's own, or a fault's thinner one. */
export type BookForCreate = (spec: InstrumentSpec, body: unknown) => BookView;

export function createPrivateApi(
  engine: MatchingEngine,
  market: MarketSource,
  hub: PrivateEventSink,
  now: () => number,
  bookForCreate: BookForCreate = (spec) => market.book(spec.symbol),
): PrivateApi {
  function settle<T>(result: VenueResult<T & { events?: readonly never[] | readonly unknown[] }>, answer: (value: T) => unknown): unknown {
    if (!result.ok) return result.error;
    const events = (result.value as { events?: unknown }).events;
    if (Array.isArray(events)) publishVenueEvents(hub, events);
    return answer(result.value);
  }

  return {
    createOrder(apiKey, body) {
      if (categoryOf(body) !== 'linear') return categoryError;
      const spec = market.instrument(symbolOf(body));
      if (spec === undefined) return { retCode: 10001, retMsg: `params error: symbol invalid: ${symbolOf(body)}` };
      const result = engine.placeOrder(apiKey, body, bookForCreate(spec, body), spec, now());
      return settle(result, (placed) => ({ orderId: placed.order.orderId, orderLinkId: placed.order.orderLinkId }));
    },
    cancelOrder(apiKey, body) {
      if (categoryOf(body) !== 'linear') return categoryError;
      return settle(engine.cancelOrder(apiKey, body, now()), (cancelled) => ({
        orderId: cancelled.order.orderId,
        orderLinkId: cancelled.order.orderLinkId,
      }));
    },
    cancelAll(apiKey, body) {
      if (categoryOf(body) !== 'linear') return categoryError;
      return settle(engine.cancelAll(apiKey, body, now()), (changed) => ({
        list: changed.orders.map((order) => ({ orderId: order.orderId, orderLinkId: order.orderLinkId })),
        success: '1',
      }));
    },
    openOrders(apiKey, query: QueryParams) {
      if (query['category'] !== 'linear') return categoryError;
      const symbol = query['symbol'] ?? null;
      const orderId = query['orderId'];
      const orderLinkId = query['orderLinkId'];
      let orders;
      if (orderId !== undefined || orderLinkId !== undefined) {
        const found = engine.findOrder(apiKey, {
          ...(orderId === undefined ? {} : { orderId }),
          ...(orderLinkId === undefined ? {} : { orderLinkId }),
        });
        orders = found === null ? [] : [found];
      } else {
        orders = engine.openOrders(apiKey, symbol);
      }
      return { category: 'linear', list: orders.map(restOrderRecord), nextPageCursor: '' };
    },
    positions(apiKey, query: QueryParams) {
      if (query['category'] !== 'linear') return categoryError;
      const symbol = query['symbol'];
      if (symbol === undefined) {
        if (query['settleCoin'] !== 'USDT') return { retCode: 10001, retMsg: 'params error: symbol or settleCoin is required' };
        const open = engine.positions(apiKey).filter((position) => position.size.gt(0));
        return { category: 'linear', list: open.map(restPositionRecord), nextPageCursor: '' };
      }
      const spec = market.instrument(symbol);
      if (spec === undefined) return { retCode: 10001, retMsg: `params error: symbol invalid: ${symbol}` };
      return { category: 'linear', list: [restPositionRecord(engine.position(apiKey, spec, now()))], nextPageCursor: '' };
    },
    executions(apiKey, query: QueryParams) {
      if (query['category'] !== 'linear') return categoryError;
      const { orderId, orderLinkId } = query;
      const matching = engine
        .executions(apiKey, query['symbol'] ?? null)
        .filter(
          (execution) =>
            (orderId === undefined || execution.orderId === orderId) && (orderLinkId === undefined || execution.orderLinkId === orderLinkId),
        );
      const page = historyPage(matching, { timeMs: (execution) => execution.execTimeMs, id: (execution) => execution.execId }, query, now());
      if ('retCode' in page) return page;
      return { category: 'linear', list: page.list.map(executionRecord), nextPageCursor: page.nextPageCursor };
    },
    closedPnl(apiKey, query: QueryParams) {
      if (query['category'] !== 'linear') return categoryError;
      const records = engine.closedPnls(apiKey, query['symbol'] ?? null);
      const page = historyPage(records, { timeMs: (record) => record.createdTimeMs, id: (record) => record.orderId }, query, now());
      if ('retCode' in page) return page;
      return { category: 'linear', list: page.list.map(closedPnlRecord), nextPageCursor: page.nextPageCursor };
    },
    walletBalance(apiKey, query: QueryParams) {
      if (query['accountType'] !== 'UNIFIED') return { retCode: 10001, retMsg: 'accountType only support UNIFIED' };
      return { list: [walletRecord(engine.wallet(apiKey))] };
    },
    setLeverage(apiKey, body) {
      if (categoryOf(body) !== 'linear') return categoryError;
      return settle(engine.setLeverage(apiKey, body, now()), () => ({}));
    },
    switchMode(_apiKey, body) {
      const mode = typeof body === 'object' && body !== null ? (body as { mode?: unknown }).mode : undefined;
      if (mode === 0 || mode === '0') return { retCode: 110025, retMsg: 'Position mode is not modified' };
      return { retCode: 10001, retMsg: 'params error: the sim venue supports one-way mode (mode 0) only' };
    },
  };
}
