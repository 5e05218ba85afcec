import { describe, expect, it } from '@jest/globals';
import { MatchingEngine } from './matching-engine.js';
import { book, engineWithAccount, kKey, kOtherSpec, kSpec, orderBody, placed, topics, trade } from './test-support/trading-fixtures.js';

const kNow = 1_700_000_000_000;
const kBook = book([['30000.0', '1']], [['29999.0', '1']]);

function restBuy(engine: MatchingEngine, price: string, qty = '0.1', extra: Record<string, unknown> = {}) {
  return placed(
    engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Limit', qty, price, timeInForce: 'PostOnly', ...extra }), kBook, kSpec, kNow),
  );
}

describe('PostOnly and resting orders', () => {
  it('accepts a PostOnly that would take liquidity and then cancels it with EC_PostOnlyWillTakeLiquidity', () => {
    const engine = engineWithAccount();
    const { order, executions, events } = restBuy(engine, '30000.0');
    expect(order.orderId).not.toBe('');
    expect([order.status, order.rejectReason]).toEqual(['Cancelled', 'EC_PostOnlyWillTakeLiquidity']);
    expect(executions).toEqual([]);
    expect(topics(events)).toEqual(['order']);
    expect(engine.wallet(kKey).walletBalance.toFixed()).toBe('10000');
  });

  it('cancels a PostOnly sell at or below the best bid', () => {
    const engine = engineWithAccount();
    const body = orderBody({ side: 'Sell', orderType: 'Limit', qty: '0.1', price: '29999.0', timeInForce: 'PostOnly' });
    expect(placed(engine.placeOrder(kKey, body, kBook, kSpec, kNow)).order.rejectReason).toBe('EC_PostOnlyWillTakeLiquidity');
  });

  it('rests a PostOnly that does not cross and holds its initial margin', () => {
    const engine = engineWithAccount();
    const { order, events } = restBuy(engine, '29999.5');
    expect(order.status).toBe('New');
    expect(topics(events)).toEqual(['order', 'wallet']);
    const wallet = engine.wallet(kKey);
    // 0.1 × 29999.5 / 10
    expect(wallet.orderIM.toFixed()).toBe('299.995');
    expect(wallet.availableBalance.toFixed()).toBe('9700.005');
  });

  it('does not fill a resting buy when trades print above it', () => {
    const engine = engineWithAccount();
    restBuy(engine, '29999.5');
    expect(engine.onTrade(trade('29999.6', '5'), kSpec, kNow + 1)).toEqual([]);
    expect(engine.openOrders(kKey)).toHaveLength(1);
  });

  it('fills a resting buy as maker at its own price when a trade prints at or below it', () => {
    const engine = engineWithAccount();
    const { order } = restBuy(engine, '29999.5');
    const events = engine.onTrade(trade('29999.0', '5'), kSpec, kNow + 1);
    expect(topics(events)).toEqual(['order', 'execution', 'position', 'wallet']);
    const execution = engine.executions(kKey)[0];
    expect([execution?.execPrice.toFixed(), execution?.isMaker, execution?.execFee.toFixed()]).toEqual(['29999.5', true, '0.59999']);
    expect(engine.findOrder(kKey, { orderId: order.orderId })?.status).toBe('Filled');
    expect(engine.wallet(kKey).walletBalance.toFixed()).toBe('9999.40001');
  });

  it('fills no more than the trade printed, leaving the order partially filled', () => {
    const engine = engineWithAccount();
    const { order } = restBuy(engine, '29999.5', '0.3');
    engine.onTrade(trade('29999.5', '0.1'), kSpec, kNow + 1);
    const after = engine.findOrder(kKey, { orderId: order.orderId });
    expect([after?.status, after?.cumExecQty.toFixed()]).toEqual(['PartiallyFilled', '0.1']);
  });

  it('shares one trade between resting orders in price then time priority', () => {
    const engine = engineWithAccount();
    const first = restBuy(engine, '29999.5', '0.1').order;
    const second = restBuy(engine, '29999.5', '0.1').order;
    const better = restBuy(engine, '29999.8', '0.1').order;
    engine.onTrade(trade('29999.5', '0.15'), kSpec, kNow + 1);
    const filled = (id: string) => engine.findOrder(kKey, { orderId: id })?.cumExecQty.toFixed();
    expect([filled(better.orderId), filled(first.orderId), filled(second.orderId)]).toEqual(['0.1', '0.05', '0']);
  });

  it('fills a resting sell when a trade prints at or above it', () => {
    const engine = engineWithAccount();
    const body = orderBody({ side: 'Sell', orderType: 'Limit', qty: '0.1', price: '30000.5', timeInForce: 'PostOnly' });
    placed(engine.placeOrder(kKey, body, kBook, kSpec, kNow));
    engine.onTrade(trade('30000.5', '1', 'Buy'), kSpec, kNow + 1);
    expect(engine.position(kKey, kSpec, kNow).side).toBe('Sell');
  });
});

describe('cancelling orders', () => {
  it('cancels a resting order by orderId so a later crossing trade no longer fills it', () => {
    const engine = engineWithAccount();
    const { order } = restBuy(engine, '29999.5');
    const result = engine.cancelOrder(kKey, { category: 'linear', symbol: 'BTCUSDT', orderId: order.orderId }, kNow + 1);
    expect(result.ok && [result.value.order.status, result.value.order.cancelType]).toEqual(['Cancelled', 'CancelByUser']);
    expect(result.ok && topics(result.value.events)).toEqual(['order', 'wallet']);
    expect(engine.onTrade(trade('29000.0', '5'), kSpec, kNow + 2)).toEqual([]);
    expect(engine.wallet(kKey).orderIM.toFixed()).toBe('0');
  });

  it('cancels by orderLinkId', () => {
    const engine = engineWithAccount();
    restBuy(engine, '29999.5', '0.1', { orderLinkId: 'entry-1' });
    const result = engine.cancelOrder(kKey, { category: 'linear', symbol: 'BTCUSDT', orderLinkId: 'entry-1' }, kNow + 1);
    expect(result.ok && result.value.order.orderLinkId).toBe('entry-1');
  });

  it('answers 110001 for an unknown order, a filled one, or the wrong symbol', () => {
    const engine = engineWithAccount();
    const unknown = engine.cancelOrder(kKey, { category: 'linear', symbol: 'BTCUSDT', orderId: 'nope' }, kNow);
    expect(!unknown.ok && unknown.error.retCode).toBe(110001);
    const { order } = restBuy(engine, '29999.5');
    const wrongSymbol = engine.cancelOrder(kKey, { category: 'linear', symbol: 'ETHUSDT', orderId: order.orderId }, kNow);
    expect(!wrongSymbol.ok && wrongSymbol.error.retCode).toBe(110001);
    engine.onTrade(trade('29999.0', '1'), kSpec, kNow + 1);
    const filled = engine.cancelOrder(kKey, { category: 'linear', symbol: 'BTCUSDT', orderId: order.orderId }, kNow + 2);
    expect(!filled.ok && filled.error).toEqual({ retCode: 110001, retMsg: 'Order does not exist.' });
  });

  it('refuses a cancel without orderId or orderLinkId', () => {
    const engine = engineWithAccount();
    const result = engine.cancelOrder(kKey, { category: 'linear', symbol: 'BTCUSDT' }, kNow);
    expect(!result.ok && result.error.retCode).toBe(10001);
  });

  it('cancels every open order of one symbol and leaves the other symbols alone', () => {
    const engine = engineWithAccount();
    restBuy(engine, '29999.5');
    restBuy(engine, '29999.0');
    const eth = orderBody({ symbol: 'ETHUSDT', side: 'Buy', orderType: 'Limit', qty: '0.1', price: '1999.00' });
    placed(engine.placeOrder(kKey, eth, book([]), kOtherSpec, kNow));
    const result = engine.cancelAll(kKey, { category: 'linear', symbol: 'BTCUSDT' }, kNow + 1);
    expect(result.ok && result.value.orders.map((o) => o.status)).toEqual(['Cancelled', 'Cancelled']);
    expect(engine.openOrders(kKey).map((o) => o.symbol)).toEqual(['ETHUSDT']);
  });

  it('cancels only the orders of a base coin when cancel-all names one', () => {
    const engine = engineWithAccount();
    restBuy(engine, '29999.5');
    const eth = orderBody({ symbol: 'ETHUSDT', side: 'Buy', orderType: 'Limit', qty: '0.1', price: '1999.00' });
    placed(engine.placeOrder(kKey, eth, book([]), kOtherSpec, kNow));
    const result = engine.cancelAll(kKey, { category: 'linear', baseCoin: 'ETH' }, kNow + 1);
    expect(result.ok && result.value.orders.map((o) => o.symbol)).toEqual(['ETHUSDT']);
    expect(engine.openOrders(kKey).map((o) => o.symbol)).toEqual(['BTCUSDT']);
  });

  it('cancels every symbol with settleCoin USDT, and succeeds with an empty list when nothing is open', () => {
    const engine = engineWithAccount();
    restBuy(engine, '29999.5');
    const all = engine.cancelAll(kKey, { category: 'linear', settleCoin: 'USDT' }, kNow + 1);
    expect(all.ok && all.value.orders).toHaveLength(1);
    const none = engine.cancelAll(kKey, { category: 'linear', symbol: 'BTCUSDT' }, kNow + 2);
    expect(none.ok && none.value.orders).toEqual([]);
    expect(none.ok && none.value.events).toEqual([]);
  });

  it("removes the position's stop loss with a cancel-all without orderFilter, keeps it with orderFilter Order, as Bybit documents", () => {
    const withStop = () => {
      const engine = engineWithAccount();
      restBuy(engine, '29999.5', '0.2', { stopLoss: '29000.0' });
      engine.onTrade(trade('29999.0', '0.1'), kSpec, kNow + 1); // partly filled: a position with the order's stop
      expect(engine.position(kKey, kSpec, kNow)?.stopLoss?.toFixed()).toBe('29000');
      return engine;
    };
    const filtered = withStop();
    const onlyOrders = filtered.cancelAll(kKey, { category: 'linear', symbol: 'BTCUSDT', orderFilter: 'Order' }, kNow + 2);
    expect(onlyOrders.ok && onlyOrders.value.orders.map((o) => o.status)).toEqual(['Cancelled']); // derivatives: Cancelled with a fill
    expect(filtered.position(kKey, kSpec, kNow)?.stopLoss?.toFixed()).toBe('29000');

    const unfiltered = withStop();
    const everything = unfiltered.cancelAll(kKey, { category: 'linear', symbol: 'BTCUSDT' }, kNow + 2);
    expect(everything.ok && topics(everything.value.events)).toEqual(['order', 'position', 'wallet']);
    expect(unfiltered.position(kKey, kSpec, kNow)?.stopLoss).toBeNull();

    const stops = withStop();
    const onlyStops = stops.cancelAll(kKey, { category: 'linear', symbol: 'BTCUSDT', orderFilter: 'StopOrder' }, kNow + 2);
    expect(onlyStops.ok && onlyStops.value.orders).toEqual([]);
    expect(stops.openOrders(kKey)).toHaveLength(1);
    const spotOnly = stops.cancelAll(kKey, { category: 'linear', symbol: 'BTCUSDT', orderFilter: 'tpslOrder' }, kNow + 3);
    expect(!spotOnly.ok && spotOnly.error.retCode).toBe(10001);
  });

  it('answers 10003 for a key the venue was not given', () => {
    const engine = new MatchingEngine();
    const result = engine.placeOrder('stranger', orderBody({ side: 'Buy', orderType: 'Market', qty: '0.1' }), kBook, kSpec, kNow);
    expect(!result.ok && result.error.retCode).toBe(10003);
  });
});
