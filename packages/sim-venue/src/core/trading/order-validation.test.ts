import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { parseOrderRequest, type OrderRequest } from './order-request.js';
import { checkOrderRules, type ReferencePrice } from './order-validation.js';
import { kSpec, orderBody } from './test-support/trading-fixtures.js';

function request(fields: Record<string, unknown>): OrderRequest {
  const result = parseOrderRequest(orderBody(fields));
  if (!result.ok) throw new Error(result.error.retMsg);
  return result.value;
}

const kLast: ReferencePrice = { price: new Big('30000'), source: 'last price' };

function messageOf(fields: Record<string, unknown>, reference: ReferencePrice | null = kLast): string | null {
  const error = checkOrderRules(request(fields), kSpec, reference);
  if (error !== null) expect(error.retCode).toBe(10001);
  return error?.retMsg ?? null;
}

describe('order validation against instrument rules', () => {
  it('accepts an order that meets every rule', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Limit', qty: '0.010', price: '29999.9' })).toBeNull();
  });

  it('names minOrderQty when the quantity is below it', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Market', qty: '0.0004' })).toBe('Qty 0.0004 is below minOrderQty 0.001');
  });

  it('names qtyStep when the quantity is off the step', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Market', qty: '0.0015' })).toBe('Qty 0.0015 is not a multiple of qtyStep 0.001');
  });

  it('caps a Market order at maxMktOrderQty and a Limit order at maxOrderQty', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Market', qty: '51' })).toBe('Qty 51 is above maxMktOrderQty 50');
    expect(messageOf({ side: 'Buy', orderType: 'Limit', qty: '51', price: '1000' })).toBeNull();
    expect(messageOf({ side: 'Buy', orderType: 'Limit', qty: '101', price: '1000' })).toBe('Qty 101 is above maxOrderQty 100');
  });

  it('caps a PostOnly order at postOnlyMaxOrderQty', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Limit', qty: '81', price: '1000', timeInForce: 'PostOnly' })).toBe(
      'Qty 81 is above postOnlyMaxOrderQty 80',
    );
  });

  it('names tickSize when the price is off the tick', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Limit', qty: '0.01', price: '30000.05' })).toBe('Price 30000.05 is not a multiple of tickSize 0.1');
  });

  it('names minPrice and maxPrice when the price is outside the band', () => {
    const error = checkOrderRules(request({ side: 'Buy', orderType: 'Limit', qty: '1', price: '99.9' }), { ...kSpec, minPrice: '100' }, null);
    expect(error?.retMsg).toBe('Price 99.9 is below minPrice 100');
    expect(messageOf({ side: 'Sell', orderType: 'Limit', qty: '0.001', price: '2000000' })).toBe('Price 2000000 is above maxPrice 1999999.8');
  });

  it('names minNotionalValue with the quantity and price that fall short', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Limit', qty: '0.001', price: '4000' })).toBe(
      'Order notional 4 (qty 0.001 × price 4000) is below minNotionalValue 5',
    );
  });

  it('values a Market order at the last price for the minimum notional', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Market', qty: '0.001' }, { price: new Big('4999'), source: 'last price' })).toBe(
      'Order notional 4.999 (qty 0.001 × last price 4999) is below minNotionalValue 5',
    );
  });

  it('exempts reduce-only orders from the minimum notional so a small remainder can always close', () => {
    expect(messageOf({ side: 'Sell', orderType: 'Limit', qty: '0.001', price: '4000', reduceOnly: true })).toBeNull();
  });

  it('refuses a long stop loss at or above the price and a short one at or below it', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Limit', qty: '0.01', price: '30000', stopLoss: '30000' })).toBe(
      'StopLoss 30000 for a Buy must be below the base price 30000',
    );
    expect(messageOf({ side: 'Sell', orderType: 'Market', qty: '0.01', stopLoss: '29999.9' })).toBe(
      'StopLoss 29999.9 for a Sell must be above the base price 30000',
    );
  });

  it('refuses a stop loss off the tick', () => {
    expect(messageOf({ side: 'Buy', orderType: 'Market', qty: '0.01', stopLoss: '29000.01' })).toBe(
      'StopLoss 29000.01 is not a multiple of tickSize 0.1',
    );
  });

  it('refuses an order for another symbol than the book it is matched against', () => {
    expect(messageOf({ symbol: 'ETHUSDT', side: 'Buy', orderType: 'Market', qty: '0.01' })).toMatch(/ETHUSDT is not traded here/);
  });
});
