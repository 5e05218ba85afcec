import { describe, expect, it } from '@jest/globals';
import { MatchingEngine } from './matching-engine.js';
import { book, engineWithAccount, kKey, kSpec, orderBody, placed, topics, trade } from './test-support/trading-fixtures.js';
import type { VenueEvent } from './trading-types.js';

const kNow = 1_700_000_000_000;

function openWithStop(engine: MatchingEngine, side: 'Buy' | 'Sell', stopLoss: string) {
  const levels = book([['30000.0', '10']], [['30000.0', '10']]);
  return placed(engine.placeOrder(kKey, orderBody({ side, orderType: 'Market', qty: '1', stopLoss, tpslMode: 'Full' }), levels, kSpec, kNow));
}

function ordersIn(events: readonly VenueEvent[]) {
  return events.flatMap((event) => (event.topic === 'order' ? [event.order] : []));
}

describe('position stop losses', () => {
  it('gives the position the stop loss of the order that opened it', () => {
    const engine = engineWithAccount();
    openWithStop(engine, 'Buy', '29700.0');
    expect(engine.position(kKey, kSpec, kNow).stopLoss?.toFixed()).toBe('29700');
  });

  it('closes a long at the trade price with a taker fill when a trade reaches its stop', () => {
    const engine = engineWithAccount();
    openWithStop(engine, 'Buy', '29700.0');
    const events = engine.onTrade(trade('29690.0', '0.01'), kSpec, kNow + 5);
    expect(topics(events)).toEqual(['order', 'execution', 'position', 'wallet']);
    const [order] = ordersIn(events);
    expect(order && [order.side, order.orderType, order.status, order.createType, order.stopOrderType, order.reduceOnly]).toEqual([
      'Sell',
      'Market',
      'Filled',
      'CreateByStopLoss',
      'StopLoss',
      true,
    ]);
    expect(order?.triggerPrice?.toFixed()).toBe('29700');
    const execution = engine.executions(kKey)[0];
    // The whole position, at the trade price, although the print was smaller: the stop is a market order.
    expect([execution?.execPrice.toFixed(), execution?.execQty.toFixed(), execution?.isMaker, execution?.createType]).toEqual([
      '29690',
      '1',
      false,
      'CreateByStopLoss',
    ]);
    expect(execution?.execPnl.toFixed()).toBe('-310');
    const position = engine.position(kKey, kSpec, kNow);
    expect([position.side, position.stopLoss]).toEqual(['', null]);
    // 10000 - 16.5 (open) - 16.3295 (29690 × 0.00055) - 310
    expect(engine.wallet(kKey).walletBalance.toFixed()).toBe('9657.1705');
  });

  it('fires exactly at the stop price, and only once', () => {
    const engine = engineWithAccount();
    openWithStop(engine, 'Buy', '29700.0');
    expect(engine.onTrade(trade('29700.0', '0.01'), kSpec, kNow + 1)).not.toEqual([]);
    expect(engine.onTrade(trade('29600.0', '0.01'), kSpec, kNow + 2)).toEqual([]);
  });

  it('closes a short when a trade rises to its stop', () => {
    const engine = engineWithAccount();
    openWithStop(engine, 'Sell', '30300.0');
    expect(engine.onTrade(trade('30299.9', '1', 'Buy'), kSpec, kNow + 1)).toEqual([]);
    const events = engine.onTrade(trade('30300.0', '1', 'Buy'), kSpec, kNow + 2);
    expect(ordersIn(events)[0]?.side).toBe('Buy');
    expect(engine.position(kKey, kSpec, kNow).side).toBe('');
  });

  it('cancels resting reduce-only orders when the stop closes the position', () => {
    const engine = engineWithAccount();
    openWithStop(engine, 'Buy', '29700.0');
    const takeProfit = orderBody({ side: 'Sell', orderType: 'Limit', qty: '1', price: '30500.0', reduceOnly: true });
    const resting = placed(engine.placeOrder(kKey, takeProfit, book([], [['30000.0', '1']]), kSpec, kNow)).order;
    const events = engine.onTrade(trade('29650.0', '1'), kSpec, kNow + 1);
    const cancelled = ordersIn(events).find((order) => order.orderId === resting.orderId);
    expect([cancelled?.status, cancelled?.cancelType]).toEqual(['Cancelled', 'CancelByReduceOnly']);
    expect(engine.openOrders(kKey)).toEqual([]);
  });

  it('sets, moves and removes the stop of an open position through trading-stop', () => {
    const engine = engineWithAccount();
    placed(engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '1' }), book([['30000.0', '10']]), kSpec, kNow));
    const set = engine.setTradingStop(kKey, { category: 'linear', symbol: 'BTCUSDT', stopLoss: '29800.0', positionIdx: 0 }, kSpec, kNow);
    expect(set.ok && set.value.position.stopLoss?.toFixed()).toBe('29800');
    expect(set.ok && topics(set.value.events)).toEqual(['position']);
    engine.setTradingStop(kKey, { category: 'linear', symbol: 'BTCUSDT', stopLoss: '0' }, kSpec, kNow);
    expect(engine.onTrade(trade('29000.0', '1'), kSpec, kNow + 1)).toEqual([]);
  });

  it('refuses a trading stop on a flat position or on the wrong side of the price', () => {
    const engine = engineWithAccount();
    const flat = engine.setTradingStop(kKey, { category: 'linear', symbol: 'BTCUSDT', stopLoss: '29800.0' }, kSpec, kNow);
    expect(!flat.ok && flat.error).toEqual({ retCode: 10001, retMsg: 'can not set tp/sl/ts for zero position' });
    placed(engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '1' }), book([['30000.0', '10']]), kSpec, kNow));
    const above = engine.setTradingStop(kKey, { category: 'linear', symbol: 'BTCUSDT', stopLoss: '30100.0' }, kSpec, kNow);
    expect(!above.ok && above.error.retMsg).toMatch(/must be below/);
  });

  it('returns the same empty event list when a trade sets nothing off', () => {
    const engine = engineWithAccount();
    openWithStop(engine, 'Buy', '29700.0');
    const first = engine.onTrade(trade('29900.0', '1'), kSpec, kNow + 1);
    const second = engine.onTrade(trade('29950.0', '1'), kSpec, kNow + 2);
    expect(first).toHaveLength(0);
    expect(first).toBe(second);
  });
});
