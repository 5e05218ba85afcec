import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { checkOrder } from './order-checks.js';
import { rulesFrom } from './test-support/instrument-fixtures.js';

const btc = rulesFrom('linear');
const bio = rulesFrom('prelisting');
const orderOf = (side: 'Buy' | 'Sell', orderType: 'Market' | 'Limit', qty: string, price: string | number) => ({
  side,
  orderType,
  qty: new Big(qty),
  price: new Big(price),
});

describe('checkOrder', () => {
  it('rounds a Limit Buy down to the tick and the quantity down to the step', () => {
    const checked = checkOrder(btc, orderOf('Buy', 'Limit', '0.0129', '30000.17'));
    expect(checked).toEqual({
      ok: true,
      value: { side: 'Buy', orderType: 'Limit', qty: '0.012', price: '30000.1', notional: '360.0012' },
    });
  });

  it('rounds a Limit Sell up to the tick', () => {
    const checked = checkOrder(btc, orderOf('Sell', 'Limit', '0.01', '30000.17'));
    expect(checked.ok && checked.value.price).toBe('30000.2');
  });

  it('sends no price for a Market order but uses the reference price for the notional', () => {
    const checked = checkOrder(btc, orderOf('Sell', 'Market', '0.002', 30000));
    expect(checked).toEqual({
      ok: true,
      value: { side: 'Sell', orderType: 'Market', qty: '0.002', price: null, notional: '60' },
    });
  });

  it('refuses each broken rule with a message naming the rule and the numbers', () => {
    const buy = { side: 'Buy', orderType: 'Limit', qty: new Big('0.01'), price: new Big(30000) } as const;
    const cases = [
      [{ ...buy, qty: new Big('0.0004') }, 'minOrderQty', 'qty 0.0004 BTCUSDT is below minOrderQty 0.001'],
      [{ ...buy, price: new Big(2000000) }, 'maxPrice', 'price 2000000 is above maxPrice 1999999.80'],
      [{ ...buy, price: new Big('0.05') }, 'minPrice', 'price 0.05 is below minPrice 0.10'],
      [{ ...buy, qty: new Big('0.001'), price: new Big(3200) }, 'minNotionalValue', 'notional 3.2 USDT is below'],
      [{ ...buy, orderType: 'Market', qty: new Big(600) }, 'maxMktOrderQty', 'qty 600 BTCUSDT is above maxMktOrderQty 500.000'],
      [{ ...buy, qty: new Big(1200) }, 'maxOrderQty', 'qty 1200 BTCUSDT is above maxOrderQty 1190.000'],
      [{ ...buy, qty: new Big(0) }, 'input', 'qty 0 BTCUSDT is not above zero'],
      [{ ...buy, price: new Big(-1) }, 'input', 'price -1 is not above zero'],
    ] as const;
    for (const [order, rule, reason] of cases) {
      const checked = checkOrder(btc, order);
      expect(checked).toMatchObject({ ok: false, rule });
      expect(!checked.ok && checked.reason).toContain(reason);
    }
    // Limits are fine with 600, which is only too large for a market order.
    expect(checkOrder(btc, { ...buy, qty: new Big(600) }).ok).toBe(true);
  });

  it('refuses a quantity that the step rounds to zero or below minOrderQty', () => {
    const loose = rulesFrom('linear', { lot: { minOrderQty: '0.0001' } });
    expect(checkOrder(loose, orderOf('Buy', 'Market', '0.0005', 30000))).toEqual({
      ok: false,
      rule: 'qtyStep',
      reason: 'qty 0.0005 BTCUSDT rounds to 0 at qtyStep 0.001',
    });
    const odd = rulesFrom('linear', { lot: { minOrderQty: '0.0015' } });
    expect(checkOrder(odd, orderOf('Buy', 'Market', '0.0019', 30000))).toEqual({
      ok: false,
      rule: 'minOrderQty',
      reason: 'qty 0.0019 BTCUSDT rounds down to 0.001 at qtyStep 0.001, below minOrderQty 0.0015',
    });
  });

  it('refuses a PostOnly limit above postOnlyMaxOrderQty', () => {
    const rules = rulesFrom('linear', { lot: { postOnlyMaxOrderQty: '100.000' } });
    const order = { side: 'Sell', orderType: 'Limit', qty: new Big(150), price: new Big(30000) } as const;
    expect(checkOrder(rules, { ...order, timeInForce: 'PostOnly' })).toMatchObject({
      ok: false,
      rule: 'postOnlyMaxOrderQty',
      reason: 'qty 150 BTCUSDT is above postOnlyMaxOrderQty 100.000',
    });
    expect(checkOrder(rules, { ...order, timeInForce: 'GTC' }).ok).toBe(true);
  });

  it('refuses any order on a symbol that is not trading', () => {
    const checked = checkOrder(bio, { side: 'Buy', orderType: 'Limit', qty: new Big(100), price: new Big('0.5') });
    expect(checked).toMatchObject({ ok: false, rule: 'status' });
  });
});
