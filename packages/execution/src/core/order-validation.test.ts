// Order checks before sending (Jest thread): what is denied, and how accepted orders are rounded.

import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { parseInstrumentRules, type InstrumentRules } from '@scalper/bybit';
import { toDecimalString, type OrderRequest } from '@scalper/protocol';
import { validateOrder } from './order-validation.js';
import { limitOrder, marketOrder } from './test-support/orders.js';

/** BTCUSDT as instruments-info lists it. */
function btcRules(): InstrumentRules {
  const parsed = parseInstrumentRules({
    symbol: 'BTCUSDT',
    contractType: 'LinearPerpetual',
    status: 'Trading',
    quoteCoin: 'USDT',
    priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
    lotSizeFilter: {
      maxOrderQty: '1190.000',
      maxMktOrderQty: '500.000',
      minOrderQty: '0.001',
      qtyStep: '0.001',
      postOnlyMaxOrderQty: '1190.000',
      minNotionalValue: '5',
    },
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

const rules = btcRules();

function denial(order: OrderRequest, reference: string | null = null): string {
  const checked = validateOrder(order, rules, reference === null ? null : new Big(reference));
  if (checked.ok) throw new Error('accepted');
  return checked.reason;
}

describe('order validation', () => {
  it('rounds quantity down and a limit price the safe way, and says what it changed', () => {
    const checked = validateOrder({ ...limitOrder('BTCUSDT', 'Sell', '0.0109', '95000.04'), stopLoss: toDecimalString('95500.06') }, rules, null);
    expect(checked).toMatchObject({ ok: true, order: { qty: '0.010', price: '95000.1', stopLoss: '95500.0' } });
    expect(checked.ok && checked.adjustments).toHaveLength(3);
  });

  it('denies what the venue would refuse', () => {
    expect(denial(marketOrder('BTCUSDT', 'Buy', '0.0004'))).toMatch(/below minOrderQty 0.001/);
    expect(denial(marketOrder('BTCUSDT', 'Buy', '501'))).toMatch(/above maxMktOrderQty/);
    expect(denial(limitOrder('BTCUSDT', 'Buy', '0.001', '4000.0'))).toMatch(/minNotionalValue 5/);
    expect(denial(marketOrder('BTCUSDT', 'Buy', '0.001'), '4000.0')).toMatch(/minNotionalValue 5/);
    expect(denial({ ...limitOrder('BTCUSDT', 'Buy', '0.010', '95000.0'), stopLoss: toDecimalString('95100.0') })).toMatch(/must be below 95000/);
    expect(denial({ ...marketOrder('BTCUSDT', 'Sell', '0.010'), stopLoss: toDecimalString('94000.0') }, '95000.0')).toMatch(/must be above 95000/);
    expect(denial(marketOrder('BTCUSDT', 'Buy', '0.010', 'x'.repeat(37)))).toMatch(/orderLinkId/);
    expect(denial(marketOrder('BTCUSDT', 'Buy', '0.010', 'has space'))).toMatch(/orderLinkId/);
    expect(denial({ ...marketOrder('BTCUSDT', 'Buy', '0.010'), price: toDecimalString('95000.0') })).toMatch(/takes no price/);
    expect(denial({ ...limitOrder('BTCUSDT', 'Buy', '0.010', '1'), price: undefined } as never)).toMatch(/needs a price/);
    expect(denial(marketOrder('ETHUSDT', 'Buy', '0.010'))).toMatch(/do not apply to ETHUSDT/);
    const settling = validateOrder(marketOrder('BTCUSDT', 'Buy', '0.010'), { ...rules, status: 'Settling' }, null);
    expect(settling).toMatchObject({ ok: false, reason: expect.stringMatching(/not open for orders/) });
  });

  it('leaves the notional floor to the venue for a market order without a reference price, and skips it when reducing', () => {
    expect(validateOrder(marketOrder('BTCUSDT', 'Buy', '0.001'), rules, null)).toMatchObject({ ok: true, order: { qty: '0.001' } });
    const reduce = { ...limitOrder('BTCUSDT', 'Sell', '0.0015', '95000.04'), reduceOnly: true };
    expect(validateOrder(reduce, rules, null)).toMatchObject({ ok: true, order: { qty: '0.001', price: '95000.1' } });
  });
});
