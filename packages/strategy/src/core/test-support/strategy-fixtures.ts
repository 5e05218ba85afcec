// Builders for strategy core tests (test code, any thread): symbols, books, ring ticks and execution feedback
// written as decimal strings, so each test reads like the seed's worked examples.

import {
  createRingEntry,
  decimalsOf,
  feedReasonCode,
  feedStateCode,
  parseScaledDecimal,
  ringLayout,
  toDecimalString,
  toSymbol,
  type FeedState,
  type InstrumentScale,
  type OrderStatus,
  type OrderUpdate,
  type Position,
  type PositionSide,
  type RingEntry,
  type Side,
  type StrategyPayloads,
  type Symbol,
} from '@scalper/protocol';
import { StrategyCore, type StrategyAction } from '../strategy-core.js';
import { defaultStrategyParams, type StrategyParams } from '../strategy-params.js';

export const sui = toSymbol('SUIUSDT');
export const wif = toSymbol('WIFUSDT');
export const t0 = 1_700_000_000_000;

export function scaleOf(symbol: Symbol, tickSize = '0.001', qtyStep = '0.1'): InstrumentScale {
  return {
    symbol,
    tickSize: toDecimalString(tickSize),
    qtyStep: toDecimalString(qtyStep),
    priceDecimals: decimalsOf(tickSize),
    sizeDecimals: decimalsOf(qtyStep),
  };
}

export function symbolChanged(symbol: Symbol, epoch: number, previous: Symbol | null = null): StrategyPayloads['SymbolChanged'] {
  fixtureEpochs.set(symbol, epoch);
  return { previous, symbol, epoch, scale: scaleOf(symbol) };
}

/** The epoch of each symbol's latest symbolChanged() here: book entries are stamped with it, as market-data does. */
const fixtureEpochs = new Map<Symbol, number>();

/**
 * A book-top ring entry as market-data writes it: scaled by the symbol's scaleOf() decimals (NaN where the text
 * does not fit, as market-data writes it), received at `tsEventMs`. A new object each call.
 */
export function bookTop(symbol: Symbol, bid: string, ask: string, tsEventMs: number, bidSize = '500', askSize = '500'): RingEntry {
  const scale = scaleOf(symbol);
  const entry = createRingEntry();
  entry.kind = ringLayout.kEntryBook;
  entry.priceRaw = parseScaledDecimal(bid, scale.priceDecimals);
  entry.askPriceRaw = parseScaledDecimal(ask, scale.priceDecimals);
  entry.sizeRaw = parseScaledDecimal(bidSize, scale.sizeDecimals);
  entry.askSizeRaw = parseScaledDecimal(askSize, scale.sizeDecimals);
  entry.tsEventMs = tsEventMs;
  entry.tsRecvMs = tsEventMs;
  entry.epoch = fixtureEpochs.get(symbol) ?? 1;
  entry.priceDecimals = scale.priceDecimals;
  entry.sizeDecimals = scale.sizeDecimals;
  return entry;
}

/** A feed-state ring entry as market-data writes it ('the book is whole and fresh' when live). */
export function feedEntry(state: FeedState, tsMs: number): RingEntry {
  const entry = createRingEntry();
  entry.kind = ringLayout.kEntryFeed;
  entry.side = feedStateCode(state);
  entry.sizeRaw = feedReasonCode(state === 'live' ? 'the book is whole and fresh' : 'no book frame for');
  entry.priceRaw = state === 'live' ? 0 : 5_000;
  entry.tsEventMs = tsMs;
  entry.tsRecvMs = tsMs;
  return entry;
}

/** Ring entries as the consumer hands them over: one reused RingEntry, seq counting up. */
export class TickFeed {
  private seq = 0;
  private readonly tick: RingEntry = createRingEntry();

  constructor(
    public epoch: number,
    private readonly scale: InstrumentScale = scaleOf(sui),
  ) {}

  next(price: string, size: string, tsEventMs: number, tsRecvMs = tsEventMs, side: Side = 'Buy'): RingEntry {
    const tick = this.tick;
    tick.priceRaw = parseScaledDecimal(price, this.scale.priceDecimals);
    tick.sizeRaw = parseScaledDecimal(size, this.scale.sizeDecimals);
    tick.tsEventMs = tsEventMs;
    tick.tsRecvMs = tsRecvMs;
    tick.seq = ++this.seq;
    tick.epoch = this.epoch;
    tick.side = side === 'Buy' ? ringLayout.kSideBuy : ringLayout.kSideSell;
    tick.priceDecimals = this.scale.priceDecimals;
    tick.sizeDecimals = this.scale.sizeDecimals;
    return tick;
  }
}

export function positionReport(symbol: Symbol, side: PositionSide, size: string, avgEntryPrice: string, stopLoss: string | null = null): Position {
  return {
    symbol,
    side,
    size: toDecimalString(size),
    avgEntryPrice: toDecimalString(avgEntryPrice),
    unrealisedPnl: toDecimalString('0'),
    realisedPnl: toDecimalString('0'),
    stopLoss: stopLoss === null ? null : toDecimalString(stopLoss),
    tsEventMs: t0,
  };
}

export function orderUpdate(orderLinkId: string, symbol: Symbol, side: Side, status: OrderStatus, qty: string, cumExecQty: string): OrderUpdate {
  return {
    orderLinkId,
    orderId: `venue-${orderLinkId}`,
    symbol,
    side,
    orderType: 'Market',
    status,
    qty: toDecimalString(qty),
    cumExecQty: toDecimalString(cumExecQty),
    avgPrice: null,
    rejectReason: status === 'Rejected' ? 'test' : null,
    tsEventMs: t0,
  };
}

export interface Ready {
  readonly core: StrategyCore;
  readonly feed: TickFeed;
  /** The time after warm-up; tests continue from here. */
  readonly now: number;
}

/**
 * A core trading SUIUSDT (epoch 1) with a live feed, a tight deep book at 4.999 / 5.001 and a full window of 20
 * trades at 5.000 size 1: one more trade away from a signal.
 */
export function readyCore(overrides: Partial<StrategyParams> = {}, bid = '4.999', ask = '5.001', price = '5.000'): Ready {
  const core = new StrategyCore({ ...defaultStrategyParams, ...overrides });
  const feed = new TickFeed(1);
  let now = t0;
  core.onSymbolChanged(symbolChanged(sui, 1), now);
  core.onFeedStatus({ state: 'live', reason: 'test', tsEventMs: now }, now);
  for (let i = 0; i < core.params.windowTicks; i++) {
    now += 10;
    core.onBook(bookTop(sui, bid, ask, now), now);
    mustBeNull(core.onTick(feed.next(price, '1', now), now));
  }
  return { core, feed, now };
}

/** The PlaceOrder in `action`, or a thrown error naming what came instead. */
export function placed(action: StrategyAction | null): Extract<StrategyAction, { type: 'PlaceOrder' }>['order'] {
  if (action === null || action.type !== 'PlaceOrder') throw new Error(`expected PlaceOrder, got ${JSON.stringify(action)}`);
  return action.order;
}

function mustBeNull(action: StrategyAction | null): void {
  if (action !== null) throw new Error(`warm-up produced ${JSON.stringify(action)}`);
}
