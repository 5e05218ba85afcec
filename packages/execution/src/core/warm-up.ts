// Warms the order path (execution thread): 3,000 times at start, since orders are rare and would otherwise run the
// instrument checks, big.js rounding and request signing in V8's interpreter (a few hundred µs on the orders that
// matter most), then a few at a time while the thread is idle, so an order after a quiet spell finds it in the caches.

import Big from 'big.js';
import { createOrderBody, parseInstrumentRules, signedHeaders, tradeRequestText, type InstrumentRules } from '@scalper/bybit';
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
 * Validates made-up orders (market and PostOnly limit, both sides) and builds both of their requests (the signed
 * REST body, the trade socket's order.create) with a throw-away secret; nothing is sent and no state is touched.
 */
export class OrderPathRehearsal {
  private readonly rules: InstrumentRules;
  private readonly symbol = toSymbol('WARMUPUSDT');
  private readonly reference = new Big('50000.0');
  private turn = 0;

  constructor() {
    const parsed = parseInstrumentRules(warmUpInstrument);
    if (!parsed.ok) throw new Error(`warm-up instrument refused: ${parsed.reason}`);
    this.rules = parsed.value;
  }

  /** Runs `iterations` orders, taking turns over type and side; returns how many passed validation. */
  run(iterations: number, nowMs: number): number {
    let valid = 0;
    for (let i = 0; i < iterations; i++) {
      const turn = this.turn++ & 3;
      const market = (turn & 2) === 0;
      const order: OrderRequest = {
        orderLinkId: 'warmup',
        symbol: this.symbol,
        side: (turn & 1) === 0 ? 'Buy' : 'Sell',
        orderType: market ? 'Market' : 'Limit',
        timeInForce: market ? 'IOC' : 'PostOnly',
        qty: d('0.0123'),
        ...(market ? {} : { price: d('50000.05') }),
        stopLoss: d((turn & 1) === 0 ? '49750.0' : '50250.0'),
        reduceOnly: false,
        tsCreatedMs: nowMs,
      };
      const checked = validateOrder(order, this.rules, market ? this.reference : null);
      if (!checked.ok) continue;
      valid++;
      const body = createOrderBody(checked.order);
      const payload = JSON.stringify(body);
      signedHeaders({ apiKey: 'warm-up', apiSecret: 'warm-up', timestamp: nowMs, recvWindow: 5_000, payload });
      tradeRequestText('warmup', 'order.create', body, nowMs, 5_000);
    }
    return valid;
  }
}

/** The start's warm-up: `iterations` orders; returns how many passed validation. */
export function warmOrderPath(iterations: number, nowMs: number): number {
  return new OrderPathRehearsal().run(iterations, nowMs);
}
