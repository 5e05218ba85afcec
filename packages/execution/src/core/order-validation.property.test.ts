// Property test (Jest thread): validateOrder on random OrderRequests, amounts included as hostile text and JSON
// numbers. A bad qty, price or stop is refused, never passed on; whatever passes is on the instrument's grid.

import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import fc from 'fast-check';
import { parseInstrumentRules, type InstrumentRules } from '@scalper/bybit';
import { toSymbol, type OrderRequest, type OrderType, type Side, type TimeInForce } from '@scalper/protocol';
import { validateOrder } from './order-validation.js';

function rulesOf(symbol: string, priceFilter: Record<string, string>, lotSizeFilter: Record<string, string>): InstrumentRules {
  const parsed = parseInstrumentRules({ symbol, contractType: 'LinearPerpetual', status: 'Trading', quoteCoin: 'USDT', priceFilter, lotSizeFilter });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** BTCUSDT as instruments-info documents it, a low-priced coin, and steps that are not powers of ten. */
const instruments: readonly InstrumentRules[] = [
  rulesOf(
    'BTCUSDT',
    { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
    {
      maxOrderQty: '1190.000',
      maxMktOrderQty: '500.000',
      minOrderQty: '0.001',
      qtyStep: '0.001',
      postOnlyMaxOrderQty: '1190.000',
      minNotionalValue: '5',
    },
  ),
  rulesOf(
    'BIOUSDT',
    { minPrice: '0.0001', maxPrice: '1999.9998', tickSize: '0.0001' },
    { maxOrderQty: '70000', maxMktOrderQty: '14000', minOrderQty: '1', qtyStep: '1', minNotionalValue: '5' },
  ),
  rulesOf(
    'ODDUSDT',
    { minPrice: '0.5', maxPrice: '50000', tickSize: '0.25' },
    { maxOrderQty: '900', maxMktOrderQty: '300', minOrderQty: '0.003', qtyStep: '0.003', postOnlyMaxOrderQty: '600', minNotionalValue: '0' },
  ),
];

/** Amount text no order should carry, and numbers where text belongs. */
const hostileAmount = fc.constantFrom<unknown>(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '1e3',
  '1E-3',
  '.5',
  '5.',
  '',
  ' 1',
  '1 ',
  '+1',
  '0x10',
  '1_000',
  '1,5',
  '١٢٣',
  '１２３',
  '-0',
  '0',
  '0.000',
  '-1',
  '-0.001',
  '9'.repeat(64),
  '9'.repeat(65),
  `0.${'0'.repeat(40)}1`,
  Number.NaN,
  Infinity,
  -1,
  0,
  1,
  0.5,
  null,
  true,
  {},
  [],
);

/** Plain decimals from far below a step to far above the caps, with trailing zeros and off-grid digits. */
const plainAmount = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 200_000 })),
    fc.string({ unit: fc.constantFrom('0', '1', '3', '5', '9'), maxLength: 8 }),
  )
  .map(([whole, fraction]) => (fraction === '' ? String(whole) : `${whole}.${fraction}`));

const amount = fc.oneof({ weight: 4, arbitrary: plainAmount }, { weight: 1, arbitrary: hostileAmount });

/** A point between two decimals (0 to 1 in millionths), as plain text with `decimals` places: mostly valid amounts. */
function between(low: string, high: string, millionths: number, decimals: number): string {
  return new Big(low).plus(new Big(high).minus(low).times(millionths).div(1_000_000)).toFixed(decimals);
}

/** In range for the instrument (the common case), or any amount at all. */
const amountSpec = fc.oneof(
  { weight: 3, arbitrary: fc.record({ within: fc.integer({ min: 0, max: 1_000_000 }), decimals: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ any: amount }) },
);

const request = fc.record({
  rules: fc.constantFrom(...instruments),
  orderLinkId: fc.oneof(
    { weight: 9, arbitrary: fc.nat().map((n) => `p-${n}`) },
    { weight: 1, arbitrary: fc.constantFrom('', 'has space', 'x'.repeat(37), 'ünï') },
  ),
  otherSymbol: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  side: fc.constantFrom<Side>('Buy', 'Sell'),
  orderType: fc.constantFrom<OrderType>('Market', 'Limit'),
  timeInForce: fc.constantFrom<TimeInForce>('GTC', 'IOC', 'FOK', 'PostOnly'),
  qty: amountSpec,
  price: amountSpec,
  // A Market order with a price, or a Limit without one: both must be refused.
  priceMismatch: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  // No stop; a stop some basis points from the order's price (negative: the wrong side); or any amount at all.
  stopLoss: fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.record({ bps: fc.integer({ min: -200, max: 2_000 }) }) },
    { weight: 1, arbitrary: fc.record({ any: amount }) },
  ),
  reduceOnly: fc.boolean(),
  reference: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 1_000_000 })),
});

const plainDecimal = /^-?[0-9]+(\.[0-9]+)?$/;

/** The amount as Big when it is plain decimal text, else null: the test's own reading, independent of the code. */
function plain(value: unknown): Big | null {
  return typeof value === 'string' && value.length <= 64 && plainDecimal.test(value) ? new Big(value) : null;
}

function positivePlain(value: unknown, what: string): Big {
  const parsed = plain(value);
  if (parsed === null || !parsed.gt(0) || (value as string).startsWith('-')) throw new Error(`${what} ${JSON.stringify(value)} passed on`);
  return parsed;
}

function onGrid(value: Big, step: string, what: string): void {
  if (!value.mod(step).eq(0)) throw new Error(`${what} ${value.toFixed()} is off the ${step} grid`);
}

describe('validateOrder on random order requests', () => {
  it('refuses every non-positive or malformed qty, price and stop, and passes on only orders on the grid', () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(request, (drawn) => {
        const { rules, orderLinkId, otherSymbol, side, orderType, timeInForce, reduceOnly } = drawn;
        const qty = 'any' in drawn.qty ? drawn.qty.any : between('0', rules.maxOrderQty, drawn.qty.within, drawn.qty.decimals);
        const inRangePrice = (spec: typeof drawn.price): unknown =>
          'any' in spec ? spec.any : between(rules.minPrice, rules.maxPrice, spec.within ** 2 / 1_000_000, spec.decimals);
        const wantsPrice = (orderType === 'Limit') !== drawn.priceMismatch;
        const price = wantsPrice ? inRangePrice(drawn.price) : undefined;
        const referencePrice =
          drawn.reference === null ? null : new Big(between(rules.minPrice, rules.maxPrice, drawn.reference ** 2 / 1_000_000, 4));
        const stopBase = plain(price) ?? referencePrice ?? new Big(rules.maxPrice).div(2);
        const stopLoss =
          drawn.stopLoss === undefined
            ? undefined
            : 'any' in drawn.stopLoss
              ? drawn.stopLoss.any
              : stopBase.times(1 + ((side === 'Buy' ? -1 : 1) * drawn.stopLoss.bps) / 10_000).toFixed(4);
        // Built as the receiving thread sees it after structured clone: whatever the sender put in the fields.
        const order = {
          orderLinkId,
          symbol: otherSymbol ? toSymbol('ETHUSDT') : rules.symbol,
          side,
          orderType,
          timeInForce,
          qty,
          ...(price === undefined ? {} : { price }),
          ...(stopLoss === undefined ? {} : { stopLoss }),
          reduceOnly,
          tsCreatedMs: 1_700_000_000_000,
        } as unknown as OrderRequest;
        const checked = validateOrder(order, rules, referencePrice);
        const badQty = plain(qty) === null || !(plain(qty) as Big).gt(0);
        const badPrice = price !== undefined && (plain(price) === null || !(plain(price) as Big).gt(0));
        const badStop = stopLoss !== undefined && (plain(stopLoss) === null || !(plain(stopLoss) as Big).gt(0));
        if (!checked.ok) {
          if (typeof checked.reason !== 'string' || checked.reason.length === 0) throw new Error('refused without a reason');
          outcomes.refused++;
          return;
        }
        if (badQty || badPrice || badStop) throw new Error(`passed on qty ${String(qty)}, price ${String(price)}, stopLoss ${String(stopLoss)}`);
        outcomes.accepted++;
        const sent = checked.order;
        const sentQty = positivePlain(sent.qty, 'qty');
        onGrid(sentQty, rules.qtyStep, 'qty');
        if (sentQty.gt(plain(qty) as Big)) throw new Error(`qty grew from ${String(qty)} to ${sent.qty}`);
        if (sentQty.lt(rules.minOrderQty)) throw new Error(`qty ${sent.qty} is below minOrderQty`);
        if (orderType === 'Market') {
          if (sent.price !== undefined) throw new Error('a Market order went out with a price');
        } else {
          const sentPrice = positivePlain(sent.price, 'price');
          onGrid(sentPrice, rules.tickSize, 'price');
          if (sentPrice.lt(rules.minPrice) || sentPrice.gt(rules.maxPrice)) throw new Error(`price ${sent.price} is outside the price filter`);
          const asked = plain(price) as Big;
          if (side === 'Buy' ? sentPrice.gt(asked) : sentPrice.lt(asked)) throw new Error(`price ${sent.price} is worse than ${String(price)}`);
        }
        if (stopLoss !== undefined) {
          const sentStop = positivePlain(sent.stopLoss, 'stopLoss');
          onGrid(sentStop, rules.tickSize, 'stopLoss');
          const base = sent.price !== undefined ? new Big(sent.price) : referencePrice;
          if (base !== null && (side === 'Buy' ? !sentStop.lt(base) : !sentStop.gt(base))) {
            throw new Error(`stopLoss ${sent.stopLoss} of a ${side} is on the wrong side of ${base.toFixed()}`);
          }
        } else if (sent.stopLoss !== undefined) {
          throw new Error('a stop appeared that was not asked for');
        }
      }),
      { seed: 0x0dde, numRuns: 10_000 },
    );
    expect(outcomes.accepted).toBeGreaterThan(1_000);
    expect(outcomes.refused).toBeGreaterThan(1_000);
  });
});
