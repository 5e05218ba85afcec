import { describe, expect, it } from '@jest/globals';
import { book, engineWithAccount, kEmptyBook, kKey, kSpec, level, orderBody, placed, topics, trade } from './test-support/trading-fixtures.js';

const kNow = 1_700_000_000_000;
const kThreeAsks = book(
  [
    ['30000.0', '0.5'],
    ['30000.5', '0.3'],
    ['30001.0', '1.0'],
  ],
  [['29999.5', '2']],
);

describe('taking orders against the book', () => {
  it('walks a market buy across three ask levels with the exact average price and taker fee', () => {
    const engine = engineWithAccount();
    const { order, executions, taken } = placed(
      engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '1' }), kThreeAsks, kSpec, kNow),
    );
    expect(executions.map((e) => [e.execPrice.toFixed(1), e.execQty.toFixed(3), e.isMaker])).toEqual([
      ['30000.0', '0.500', false],
      ['30000.5', '0.300', false],
      ['30001.0', '0.200', false],
    ]);
    expect(order.status).toBe('Filled');
    expect(order.cumExecValue.toFixed()).toBe('30000.35');
    // 30000.35 × 0.00055, no rounding.
    expect(order.cumExecFee.toFixed()).toBe('16.5001925');
    expect(executions.map((e) => e.feeRate.toFixed())).toEqual(['0.00055', '0.00055', '0.00055']);
    const position = engine.position(kKey, kSpec, kNow);
    expect([position.side, position.size.toFixed(), position.avgPrice.toFixed()]).toEqual(['Buy', '1', '30000.35']);
    expect(engine.wallet(kKey).walletBalance.toFixed()).toBe('9983.4998075');
    expect(taken).toEqual([level('30000.0', '0.5'), level('30000.5', '0.3'), level('30001.0', '0.2')]);
  });

  it('emits the order, then each execution, then the position and the wallet', () => {
    const engine = engineWithAccount();
    const { events } = placed(engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '1' }), kThreeAsks, kSpec, kNow));
    expect(topics(events)).toEqual(['order', 'execution', 'execution', 'execution', 'position', 'wallet']);
    expect(events.every((event) => event.apiKey === kKey)).toBe(true);
  });

  it('walks a market sell down the bids', () => {
    const engine = engineWithAccount();
    const bids = book(
      [],
      [
        ['30000.0', '0.1'],
        ['29999.0', '0.1'],
      ],
    );
    const { executions, order } = placed(engine.placeOrder(kKey, orderBody({ side: 'Sell', orderType: 'Market', qty: '0.2' }), bids, kSpec, kNow));
    expect(executions.map((e) => e.execPrice.toFixed())).toEqual(['30000', '29999']);
    expect(order.status).toBe('Filled');
    expect(engine.position(kKey, kSpec, kNow).side).toBe('Sell');
  });

  it('partially fills an IOC limit within its price and cancels the rest', () => {
    const engine = engineWithAccount();
    const body = orderBody({ side: 'Buy', orderType: 'Limit', qty: '1.5', price: '30000.5', timeInForce: 'IOC' });
    const { order, executions } = placed(engine.placeOrder(kKey, body, kThreeAsks, kSpec, kNow));
    expect(executions.map((e) => e.execQty.toFixed())).toEqual(['0.5', '0.3']);
    expect(order.status).toBe('Cancelled');
    expect(order.cumExecQty.toFixed()).toBe('0.8');
    expect(order.rejectReason).toBe('EC_CancelForNoFullFill');
    expect(engine.openOrders(kKey)).toEqual([]);
  });

  it('cancels an IOC limit that finds nothing at its price, with no execution and no wallet change', () => {
    const engine = engineWithAccount();
    const body = orderBody({ side: 'Buy', orderType: 'Limit', qty: '0.1', price: '29999.9', timeInForce: 'IOC' });
    const { order, executions, events } = placed(engine.placeOrder(kKey, body, kThreeAsks, kSpec, kNow));
    expect([order.status, order.rejectReason]).toEqual(['Cancelled', 'EC_NoImmediateQtyToFill']);
    expect(executions).toEqual([]);
    expect(topics(events)).toEqual(['order']);
  });

  it('fills a FOK order completely or not at all', () => {
    const engine = engineWithAccount();
    const tooBig = orderBody({ side: 'Buy', orderType: 'Limit', qty: '0.9', price: '30000.5', timeInForce: 'FOK' });
    const refused = placed(engine.placeOrder(kKey, tooBig, kThreeAsks, kSpec, kNow));
    expect([refused.order.status, refused.order.rejectReason, refused.executions.length]).toEqual(['Cancelled', 'EC_CancelForNoFullFill', 0]);
    expect(refused.taken).toEqual([]);
    const fits = orderBody({ side: 'Buy', orderType: 'Limit', qty: '0.8', price: '30000.5', timeInForce: 'FOK' });
    expect(placed(engine.placeOrder(kKey, fits, kThreeAsks, kSpec, kNow)).order.status).toBe('Filled');
  });

  it('stops a market order at the protection band and records that price on the order', () => {
    const engine = engineWithAccount();
    const wide = book([
      ['30000.0', '0.1'],
      ['30300.0', '0.1'],
      ['30301.0', '0.1'],
    ]);
    const { order, executions } = placed(engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '0.3' }), wide, kSpec, kNow));
    // 1 % above the best ask, on the tick grid.
    expect(order.price.toFixed(1)).toBe('30300.0');
    expect(executions.map((e) => e.execPrice.toFixed())).toEqual(['30000', '30300']);
    expect([order.status, order.cumExecQty.toFixed()]).toEqual(['Cancelled', '0.2']);
  });

  it('cancels a market order that meets an empty book', () => {
    const engine = engineWithAccount();
    const { order } = placed(engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '0.1' }), kEmptyBook, kSpec, kNow));
    expect([order.status, order.rejectReason, order.price.toFixed()]).toEqual(['Cancelled', 'EC_NoImmediateQtyToFill', '0']);
  });

  it('takes the crossing part of a GTC limit and rests the remainder, which then fills as maker', () => {
    const engine = engineWithAccount();
    const body = orderBody({ side: 'Buy', orderType: 'Limit', qty: '1', price: '30000.0' });
    const { order, executions } = placed(engine.placeOrder(kKey, body, kThreeAsks, kSpec, kNow));
    expect(executions.map((e) => [e.execQty.toFixed(), e.isMaker])).toEqual([['0.5', false]]);
    expect(order.status).toBe('PartiallyFilled');
    expect(engine.openOrders(kKey).map((o) => o.orderId)).toEqual([order.orderId]);
    const events = engine.onTrade(trade('30000.0', '2'), kSpec, kNow + 1);
    const fill = events.find((event) => event.topic === 'execution');
    expect(fill?.topic === 'execution' && [fill.execution.execQty.toFixed(), fill.execution.isMaker, fill.execution.feeRate.toFixed()]).toEqual([
      '0.5',
      true,
      '0.0002',
    ]);
    expect(engine.findOrder(kKey, { orderId: order.orderId })?.status).toBe('Filled');
  });

  it('records the last trade price on orders created after it', () => {
    const engine = engineWithAccount();
    engine.onTrade(trade('29990.0', '0.1'), kSpec, kNow);
    const { order } = placed(engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '0.1' }), kThreeAsks, kSpec, kNow));
    expect(order.lastPriceOnCreated?.toFixed()).toBe('29990');
  });

  it('gives every order and execution a distinct UUID-shaped id', () => {
    const engine = engineWithAccount();
    const { order, executions } = placed(engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '1' }), kThreeAsks, kSpec, kNow));
    const ids = [order.orderId, ...executions.map((e) => e.execId)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
