import { describe, expect, it } from '@jest/globals';
import { parseOrderRequest } from './order-request.js';
import { loadBybitFixture, orderBody } from './test-support/trading-fixtures.js';

interface CreateBodies {
  bodies: Record<string, Record<string, unknown>>;
}

function errorOf(body: unknown): { retCode: number; retMsg: string } {
  const result = parseOrderRequest(body);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('order request parsing', () => {
  it('accepts the Bybit documentation body that closes a long in one-way mode, unchanged', () => {
    const { bodies } = loadBybitFixture<CreateBodies>('rest_order_create_request_linear_docs.json');
    const result = parseOrderRequest(bodies['USDT Perp close long position (one-way mode)']);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.side).toBe('Sell');
    expect(result.value.reduceOnly).toBe(true);
    expect(result.value.price?.toFixed()).toBe('30000');
    expect(result.value.orderLinkId).toBe('usdt-test-02');
  });

  it('refuses the documentation body with a take profit and partial tp/sl, naming the unsupported field', () => {
    const { bodies } = loadBybitFixture<CreateBodies>('rest_order_create_request_linear_docs.json');
    const error = errorOf(bodies['USDT Perp open long position (one-way mode)']);
    expect(error.retCode).toBe(10001);
    expect(error.retMsg).toMatch(/takeProfit/);
  });

  it('defaults a Market order to IOC and a Limit order to GTC', () => {
    const market = parseOrderRequest(orderBody({ side: 'Buy', orderType: 'Market', qty: '0.01' }));
    const limit = parseOrderRequest(orderBody({ side: 'Buy', orderType: 'Limit', qty: '0.01', price: '30000' }));
    expect(market.ok && market.value.timeInForce).toBe('IOC');
    expect(limit.ok && limit.value.timeInForce).toBe('GTC');
  });

  it('runs a GTC Market order as IOC and refuses a PostOnly Market order', () => {
    const gtc = parseOrderRequest(orderBody({ side: 'Buy', orderType: 'Market', qty: '0.01', timeInForce: 'GTC' }));
    expect(gtc.ok && gtc.value.timeInForce).toBe('IOC');
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Market', qty: '0.01', timeInForce: 'PostOnly' })).retMsg).toMatch(/PostOnly/);
  });

  it('ignores the price of a Market order, as Bybit does', () => {
    const result = parseOrderRequest(orderBody({ side: 'Sell', orderType: 'Market', qty: '0.01', price: '1' }));
    expect(result.ok && result.value.price).toBeNull();
  });

  it('refuses any category but linear', () => {
    expect(errorOf(orderBody({ category: 'spot', side: 'Buy', orderType: 'Market', qty: '1' })).retMsg).toMatch(/category must be "linear"/);
  });

  it('refuses a body that is not a JSON object', () => {
    expect(errorOf([1, 2]).retCode).toBe(10001);
    expect(errorOf(null).retCode).toBe(10001);
  });

  it('refuses a side or order type Bybit does not know', () => {
    expect(errorOf(orderBody({ side: 'buy', orderType: 'Market', qty: '1' })).retMsg).toMatch(/side/);
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Stop', qty: '1' })).retMsg).toMatch(/orderType/);
  });

  it('refuses a quantity that is a number, an exponent, negative or zero', () => {
    for (const qty of [0.01, '1e-2', '-1', '0', '', ' 1']) {
      expect(errorOf(orderBody({ side: 'Buy', orderType: 'Market', qty })).retMsg).toMatch(/qty must be a positive decimal string/);
    }
  });

  it('refuses a Limit order without a price', () => {
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Limit', qty: '1' })).retMsg).toMatch(/price must be/);
  });

  it('refuses hedge-mode position indexes because accounts are one-way', () => {
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Market', qty: '1', positionIdx: 1 })).retMsg).toMatch(/one-way/);
  });

  it('refuses an orderLinkId longer than 36 characters or with other characters', () => {
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Market', qty: '1', orderLinkId: 'x'.repeat(37) })).retMsg).toMatch(/orderLinkId/);
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Market', qty: '1', orderLinkId: 'a b' })).retMsg).toMatch(/orderLinkId/);
    const ok = parseOrderRequest(orderBody({ side: 'Buy', orderType: 'Market', qty: '1', orderLinkId: 'x'.repeat(36) }));
    expect(ok.ok).toBe(true);
  });

  it('refuses an unknown time in force and a non-boolean reduceOnly', () => {
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Limit', qty: '1', price: '1', timeInForce: 'GTD' })).retMsg).toMatch(/timeInForce/);
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Market', qty: '1', reduceOnly: 'true' })).retMsg).toMatch(/reduceOnly/);
  });

  it('reads an empty or zero stop loss as no stop loss', () => {
    for (const stopLoss of ['', '0']) {
      const result = parseOrderRequest(orderBody({ side: 'Buy', orderType: 'Market', qty: '1', stopLoss }));
      expect(result.ok && result.value.stopLoss).toBeNull();
    }
  });

  it('accepts a stop loss with tpslMode Full and refuses tpslMode Partial', () => {
    const full = parseOrderRequest(orderBody({ side: 'Buy', orderType: 'Market', qty: '1', stopLoss: '29000', tpslMode: 'Full' }));
    expect(full.ok && full.value.stopLoss?.toFixed()).toBe('29000');
    expect(errorOf(orderBody({ side: 'Buy', orderType: 'Market', qty: '1', stopLoss: '29000', tpslMode: 'Partial' })).retMsg).toMatch(/Partial/);
  });
});
