// Warms the order path (execution thread, once at start): orders are rare, so without this each one runs the
// instrument checks, big.js rounding and request signing in V8's interpreter, adding a few hundred µs to the orders
// that matter most (docs/benchmarks.md, frame to order on the wire).

import Big from 'big.js';
import { parseInstrumentRules, signedHeaders } from '@scalper/bybit';
import { toDecimalString as d, toSymbol, type OrderRequest } from '@scalper/protocol';
import { validateOrder } from './order-validation.js';

/** Bybit's documented linear instrument (BTCUSDT), renamed: the same shapes the live rules have. */
const warmUpInstrument = {
  symbol: 'WARMUPUSDT',
  contractType: 'LinearPerpetual',
  status: 'Trading',
  quoteCoin: 'USDT',
  priceScale: '2',
  leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
  priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
  lotSizeFilter: {
    maxOrderQty: '1190.000',
    minOrderQty: '0.001',
    qtyStep: '0.001',
    postOnlyMaxOrderQty: '1190.000',
    maxMktOrderQty: '500.000',
    minNotionalValue: '5',
  },
};

/**
 * Validates, serialises and signs `iterations` made-up orders (market and PostOnly limit, both sides) with a
 * throw-away secret; nothing is sent and no state is touched. Returns how many passed validation.
 */
export function warmOrderPath(iterations: number, nowMs: number): number {
  const parsed = parseInstrumentRules(warmUpInstrument);
  if (!parsed.ok) throw new Error(`warm-up instrument refused: ${parsed.reason}`);
  const rules = parsed.value;
  const symbol = toSymbol('WARMUPUSDT');
  const reference = new Big('50000.0');
  let valid = 0;
  for (let i = 0; i < iterations; i++) {
    const market = (i & 2) === 0;
    const order: OrderRequest = {
      orderLinkId: 'warmup',
      symbol,
      side: (i & 1) === 0 ? 'Buy' : 'Sell',
      orderType: market ? 'Market' : 'Limit',
      timeInForce: market ? 'IOC' : 'PostOnly',
      qty: d('0.0123'),
      ...(market ? {} : { price: d('50000.05') }),
      stopLoss: d((i & 1) === 0 ? '49750.0' : '50250.0'),
      reduceOnly: false,
      tsCreatedMs: nowMs,
    };
    const checked = validateOrder(order, rules, market ? reference : null);
    if (!checked.ok) continue;
    valid++;
    const payload = JSON.stringify({
      category: 'linear',
      symbol,
      qty: checked.order.qty,
      price: checked.order.price,
      stopLoss: checked.order.stopLoss,
    });
    signedHeaders({ apiKey: 'warm-up', apiSecret: 'warm-up', timestamp: nowMs, recvWindow: 5_000, payload });
  }
  return valid;
}
