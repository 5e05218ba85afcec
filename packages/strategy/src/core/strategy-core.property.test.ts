// Property test (Jest thread): StrategyCore fed random ticks (extreme prices and sizes, odd timestamps, wrong epochs,
// gaps), random book tops and random execution feedback. Every PlaceOrder it emits must be sane to send.

import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import fc from 'fast-check';
import {
  createRingEntry,
  decimalsOf,
  parseScaledDecimal,
  ringLayout,
  toSymbol,
  type FeedState,
  type OrderRequest,
  type Symbol,
} from '@scalper/protocol';
import { StrategyCore, type StrategyAction } from './strategy-core.js';
import type { StrategyParams } from './strategy-params.js';
import { orderUpdate, positionReport, scaleOf, t0 } from './test-support/strategy-fixtures.js';

const symbols = [toSymbol('SUIUSDT'), toSymbol('WIFUSDT')] as const;

/** [tickSize, qtyStep] pairs, including steps that are not powers of ten. */
const steps = [
  ['0.001', '0.1'],
  ['0.1', '0.001'],
  ['0.0001', '1'],
  ['0.5', '0.003'],
  ['25', '5'],
  ['0.00000001', '1000'],
] as const;

/** Typical prices of the traded symbol, from a meme coin to BTC; ticks and books scatter around one of them. */
const basePrices = [0.00001234, 0.05, 5, 123.45, 65_000.5] as const;

/** Steps and prices that fit: at least a thousand ticks to the price, so a book is more than one or two ticks. */
const markets = steps.flatMap((pair) => {
  const ticksPerUnit = 10 ** decimalsOf(pair[0]);
  return basePrices.filter((price) => price * ticksPerUnit >= 1_000).map((price) => ({ steps: pair, basePrice: price }));
});

const params: fc.Arbitrary<StrategyParams> = fc.record({
  windowTicks: fc.integer({ min: 2, max: 6 }),
  momentumThreshold: fc.constantFrom(0.00001, 0.0005, 0.01),
  stopLossPercent: fc.constantFrom(0.01, 0.5, 5, 50, 99.9),
  positionSizeUsd: fc.constantFrom('0.5', '20', '1000', '123.456', '250000'),
  marketMaxSpreadBps: fc.constantFrom(1, 10, 1_000),
  maxEntrySpreadBps: fc.constantFrom(1_000, 1e9),
  minTopSize: fc.constantFrom('0', '100', '0.001'),
  staleDataMs: fc.constantFrom(100, 500, 60_000),
  takeProfitPercent: fc.constantFrom(0, 1),
  maxHoldingMs: fc.constantFrom(0, 1_000),
  entryTimeoutMs: fc.constantFrom(100, 3_000),
  entryRetryDelayMs: fc.constantFrom(0, 50),
  cooldownAfterExitMs: fc.constant(0),
  cooldownAfterStopMs: fc.constantFrom(0, 100),
  exitRetryMs: fc.constant(10),
});

/** Scaled integers no real tick carries: zero, negative, NaN, infinite, fractional, beyond 2^53. */
const extremeRaw = fc.constantFrom(0, -1, -5_000, Number.NaN, Infinity, -Infinity, 0.5, 2 ** 53, 2 ** 53 + 2, 1e300, Number.MAX_VALUE);

/**
 * Text a broken book top could carry in place of a price or size, and extreme but valid amounts: the smallest tick
 * at 8 decimals, the largest integers the book's scaled form can hold exactly.
 */
const hostileText = fc.constantFrom(
  '0',
  '0.000',
  '-0',
  '-1',
  '',
  'NaN',
  'Infinity',
  '1e309',
  '1e3',
  '.5',
  '9007199254740993',
  '9'.repeat(40),
  '١٢٣',
  '0.00000001',
  '0.001',
  '1',
  '90071992.54740991',
  '9007199254740.991',
  '9007199254740991',
);

type Event =
  | {
      kind: 'tick';
      move: number | null;
      raw: number;
      size: number;
      eventLagMs: number;
      recvLagMs: number;
      seqJump: number;
      epochOffset: number;
      badScale: boolean;
    }
  | {
      kind: 'book';
      mid: number;
      halfSpread: number;
      bidText: string | null;
      askText: string | null;
      bidSize: string;
      askSize: string;
      lagMs: number;
      otherSymbol: boolean;
    }
  | { kind: 'advance'; ms: number }
  | { kind: 'timer' }
  | { kind: 'feed'; state: FeedState }
  | { kind: 'entry-ends'; status: 'Rejected' | 'Cancelled' | 'Filled' }
  | { kind: 'flat' }
  | { kind: 'denied' }
  | { kind: 'halt'; forMs: number | null }
  | { kind: 'switch' };

/** Mostly `normal`, one time in twenty `strange`: rare enough that the window still fills and entries happen. */
const odd = <T>(normal: fc.Arbitrary<T>, strange: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 19, arbitrary: normal }, { weight: 1, arbitrary: strange });

const event: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      // A move of up to ±5 % from the base price, or (null) an extreme raw value.
      move: odd(fc.integer({ min: -500, max: 500 }), fc.constant(null)),
      raw: extremeRaw,
      size: odd(fc.integer({ min: 1, max: 1_000_000 }), extremeRaw),
      eventLagMs: odd(fc.integer({ min: -5, max: 50 }), fc.constantFrom(-1e15, 1e15, Number.NaN, Infinity, 10_000)),
      recvLagMs: odd(fc.integer({ min: 0, max: 20 }), fc.constantFrom(-1e15, Number.NaN, -Infinity, 10_000)),
      seqJump: odd(fc.constant(1), fc.constantFrom(0, 2, 1_000, -3)),
      epochOffset: odd(fc.constant(0), fc.constantFrom(-1, 1, 1_000_000)),
      badScale: odd(fc.constant(false), fc.constant(true)),
    }),
  },
  {
    weight: 15,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      mid: fc.integer({ min: -500, max: 500 }),
      // In tenths of a basis point of the mid; negative crosses the book.
      halfSpread: odd(fc.integer({ min: 1, max: 200 }), fc.integer({ min: -50, max: 0 })),
      bidText: odd(fc.constant(null), hostileText),
      askText: odd(fc.constant(null), hostileText),
      bidSize: odd(fc.constantFrom('0', '1', '500', '1000000'), hostileText),
      askSize: odd(fc.constantFrom('0', '1', '500', '1000000'), hostileText),
      lagMs: odd(fc.integer({ min: 0, max: 30 }), fc.constantFrom(-1e15, 1e15, Number.NaN, 100_000)),
      otherSymbol: odd(fc.constant(false), fc.constant(true)),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: odd(fc.integer({ min: 0, max: 200 }), fc.constantFrom(-60_000, 86_400_000, 5_000)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('timer' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('feed' as const), state: fc.constantFrom<FeedState>('live', 'live', 'stalled', 'reconnecting') }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('entry-ends' as const),
      status: fc.constantFrom('Rejected' as const, 'Cancelled' as const, 'Filled' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flat' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('denied' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('halt' as const), forMs: odd(fc.constantFrom(10, 100), fc.constant(null)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('switch' as const) }) },
);

interface Scenario {
  readonly params: StrategyParams;
  readonly market: (typeof markets)[number];
  readonly events: readonly Event[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  params,
  market: fc.constantFrom(...markets),
  events: fc.array(event, { minLength: 20, maxLength: 80 }),
});

/** A scaled integer as plain decimal text ("12345", 3 -> "12.345"), for book tops built from integers. */
function scaledText(raw: number, decimals: number): string {
  const digits = String(raw).padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

const plainDecimal = /^[0-9]+(\.[0-9]+)?$/;

function positive(value: unknown, what: string): Big {
  if (typeof value !== 'string' || !plainDecimal.test(value) || !new Big(value).gt(0)) {
    throw new Error(`${what} is not a positive plain decimal: ${JSON.stringify(value)}`);
  }
  return new Big(value);
}

/** What an entry must look like to be fit to send: the property under test. */
function checkOrder(order: OrderRequest, symbol: Symbol, qtyStep: string): void {
  if (order.symbol !== symbol) throw new Error(`order for ${order.symbol} while trading ${symbol}`);
  if (!/^[A-Za-z0-9_-]{1,36}$/.test(order.orderLinkId)) throw new Error(`orderLinkId ${order.orderLinkId}`);
  const qty = positive(order.qty, 'qty');
  if (!qty.mod(qtyStep).eq(0)) throw new Error(`qty ${order.qty} is off the qtyStep ${qtyStep} grid`);
  if (order.orderType === 'Limit') positive(order.price, 'limit price');
  else if (order.price !== undefined) throw new Error('a Market order with a price');
  const expected = order.price !== undefined ? positive(order.price, 'price') : positive(order.referencePrice, 'referencePrice');
  const stop = positive(order.stopLoss, 'stopLoss');
  if (order.side === 'Buy' ? !stop.lt(expected) : !stop.gt(expected)) {
    throw new Error(`stopLoss ${order.stopLoss} of a ${order.side} is on the wrong side of ${expected.toFixed()}`);
  }
  if (!Number.isFinite(order.tsCreatedMs)) throw new Error(`tsCreatedMs ${order.tsCreatedMs}`);
}

let entriesSeen = 0;

function runScenario({ params: chosen, market, events }: Scenario): void {
  const [tickSize, qtyStep] = market.steps;
  const core = new StrategyCore(chosen);
  const priceDecimals = decimalsOf(tickSize);
  const sizeDecimals = decimalsOf(qtyStep);
  const baseRaw = Math.round(market.basePrice * 10 ** priceDecimals);
  const tick = createRingEntry();
  let now = t0;
  let seq = 0;
  let epoch = 1;
  let symbol: Symbol = symbols[0];
  // In an object, so the narrowing of a plain `let` does not hide the assignments made in take().
  const sent: { lastEntry: OrderRequest | null } = { lastEntry: null };
  let positionTs = t0;

  const take = (actions: readonly StrategyAction[] | StrategyAction | null): void => {
    for (const action of actions === null ? [] : Array.isArray(actions) ? actions : [actions as StrategyAction]) {
      if (action.type !== 'PlaceOrder') continue;
      checkOrder(action.order, symbol, qtyStep);
      sent.lastEntry = action.order;
      entriesSeen++;
    }
  };
  const switchTo = (next: Symbol): void => {
    const previous = symbol;
    symbol = next;
    take(core.onSymbolChanged({ previous, symbol, epoch, scale: scaleOf(symbol, tickSize, qtyStep) }, now));
  };

  take(core.onSymbolChanged({ previous: null, symbol, epoch, scale: scaleOf(symbol, tickSize, qtyStep) }, now));
  take(core.onFeedStatus({ state: 'live', reason: 'property', tsEventMs: now }, now));
  for (const e of events) {
    switch (e.kind) {
      case 'tick':
        tick.priceRaw = e.move === null ? e.raw : Math.max(1, Math.round(baseRaw * (1 + e.move / 10_000)));
        tick.sizeRaw = e.size;
        tick.tsEventMs = now - e.eventLagMs;
        tick.tsRecvMs = now - e.recvLagMs;
        seq += e.seqJump;
        tick.seq = seq;
        // The runner tells the core of a hole in the ring's numbering before the entry after it.
        if (e.seqJump !== 1) core.onRingGap();
        tick.epoch = epoch + e.epochOffset;
        tick.side = e.move !== null && e.move < 0 ? ringLayout.kSideSell : ringLayout.kSideBuy;
        tick.priceDecimals = e.badScale ? priceDecimals + 1 : priceDecimals;
        tick.sizeDecimals = sizeDecimals;
        take(core.onTick(tick, now));
        break;
      case 'book': {
        const mid = baseRaw * (1 + e.mid / 10_000);
        const half = Math.trunc((mid * e.halfSpread) / 100_000) || Math.sign(e.halfSpread);
        // As market-data writes it: scaled by the symbol's decimals, NaN where the text does not fit.
        const top = createRingEntry();
        top.kind = ringLayout.kEntryBook;
        top.priceRaw = parseScaledDecimal(e.bidText ?? scaledText(Math.max(1, Math.round(mid) - half), priceDecimals), priceDecimals);
        top.askPriceRaw = parseScaledDecimal(e.askText ?? scaledText(Math.max(1, Math.round(mid) + half), priceDecimals), priceDecimals);
        top.sizeRaw = parseScaledDecimal(e.bidSize, sizeDecimals);
        top.askSizeRaw = parseScaledDecimal(e.askSize, sizeDecimals);
        top.tsEventMs = now - e.lagMs;
        top.tsRecvMs = now;
        // Another symbol's book is an entry of another epoch.
        top.epoch = e.otherSymbol ? epoch + 1 : epoch;
        top.priceDecimals = priceDecimals;
        top.sizeDecimals = sizeDecimals;
        take(core.onBook(top, now));
        break;
      }
      case 'advance':
        now += e.ms;
        break;
      case 'timer':
        take(core.onTimer(now));
        break;
      case 'feed':
        take(core.onFeedStatus({ state: e.state, reason: 'property', tsEventMs: now }, now));
        break;
      case 'entry-ends': {
        const entry = sent.lastEntry;
        if (entry === null) break;
        const filled = e.status === 'Filled' ? entry.qty : '0';
        take(core.onOrderUpdate(orderUpdate(entry.orderLinkId, entry.symbol, entry.side, e.status, entry.qty, filled), now));
        if (e.status === 'Filled') {
          positionTs += 1;
          const opened = positionReport(entry.symbol, entry.side, entry.qty, entry.referencePrice ?? entry.price ?? '1');
          take(core.onPosition({ ...opened, tsEventMs: positionTs }, now));
        }
        break;
      }
      case 'flat':
        positionTs += 1;
        take(core.onPosition({ ...positionReport(sent.lastEntry?.symbol ?? symbol, 'None', '0', '0'), tsEventMs: positionTs }, now));
        break;
      case 'denied':
        if (sent.lastEntry !== null) take(core.onOrderDenied({ orderLinkId: sent.lastEntry.orderLinkId, reason: 'property', tsEventMs: now }, now));
        break;
      case 'halt':
        take(core.onTradingHalted({ reason: 'property', untilMs: e.forMs === null ? null : now + e.forMs, tsEventMs: now }, now));
        break;
      case 'switch':
        epoch += 1;
        switchTo(symbols.find((s) => s !== symbol) as Symbol);
        break;
    }
  }
}

describe('StrategyCore on random ticks, books and feedback', () => {
  it('emits only orders with a positive qty on the qtyStep grid, finite prices and a stop on the right side', () => {
    entriesSeen = 0;
    fc.assert(fc.property(scenario, runScenario), { seed: 0x57a7, numRuns: 3_000 });
    // The gates must open often enough for the order checks to mean something.
    expect(entriesSeen).toBeGreaterThan(1_000);
  });
});
