// Builders for the trading core's tests (venue thread): a BTCUSDT-like instrument, books and trades written as
// decimal strings, an engine with one funded account, and the Bybit documentation fixtures.

import { readFileSync } from 'node:fs';
import Big from 'big.js';
import { MatchingEngine, type TradingVenueOptions } from '../matching-engine.js';
import type { PlacedOrder, VenueEvent, VenueResult } from '../trading-types.js';
import type { BookLevel, BookView, InstrumentSpec, SimTrade } from '../../venue-types.js';

export const kSpec: InstrumentSpec = {
  symbol: 'BTCUSDT',
  baseCoin: 'BTC',
  tickSize: '0.1',
  qtyStep: '0.001',
  minOrderQty: '0.001',
  maxOrderQty: '100',
  maxMktOrderQty: '50',
  postOnlyMaxOrderQty: '80',
  minNotionalValue: '5',
  minPrice: '0.1',
  maxPrice: '1999999.8',
  priceDecimals: 1,
  sizeDecimals: 3,
  startPrice: '30000',
  startTurnover24h: '1000000000',
};

export const kOtherSpec: InstrumentSpec = { ...kSpec, symbol: 'ETHUSDT', baseCoin: 'ETH', tickSize: '0.01', priceDecimals: 2, startPrice: '2000' };

export const kKey = 'test-key';

export function level(price: string, size: string, spec: InstrumentSpec = kSpec): BookLevel {
  return {
    priceRaw: Number(new Big(price).times(10 ** spec.priceDecimals).toFixed(0)),
    sizeRaw: Number(new Big(size).times(10 ** spec.sizeDecimals).toFixed(0)),
  };
}

/** Levels as [price, size] pairs, best first. */
export function book(asks: readonly (readonly [string, string])[], bids: readonly (readonly [string, string])[] = []): BookView {
  return {
    asks: asks.map(([price, size]) => level(price, size)),
    bids: bids.map(([price, size]) => level(price, size)),
    updateId: 1,
  };
}

export const kEmptyBook: BookView = { asks: [], bids: [], updateId: 1 };

let tradeSeq = 0;
export function trade(price: string, size: string, side: 'Buy' | 'Sell' = 'Sell', spec: InstrumentSpec = kSpec): SimTrade {
  const { priceRaw, sizeRaw } = level(price, size, spec);
  tradeSeq += 1;
  return { symbol: spec.symbol, tsMs: 1_700_000_000_000 + tradeSeq, side, priceRaw, sizeRaw, tradeId: `t-${tradeSeq}`, seq: tradeSeq };
}

export function engineWithAccount(options: TradingVenueOptions = {}, startingBalance?: string): MatchingEngine {
  const engine = new MatchingEngine(options);
  engine.openAccount(kKey, startingBalance);
  return engine;
}

export function orderBody(fields: Record<string, unknown>): Record<string, unknown> {
  return { category: 'linear', symbol: 'BTCUSDT', positionIdx: 0, ...fields };
}

/** The success value, or a test failure naming the venue's error. */
export function placed(result: VenueResult<PlacedOrder>): PlacedOrder {
  if (!result.ok) throw new Error(`expected the order to be accepted, got ${result.error.retCode} ${result.error.retMsg}`);
  return result.value;
}

export function topics(events: readonly VenueEvent[]): string[] {
  return events.map((event) => event.topic);
}

export function loadBybitFixture<T = unknown>(name: string): T {
  const path = new URL(`../../../../../bybit/fixtures/${name}`, import.meta.url).pathname;
  return (JSON.parse(readFileSync(path, 'utf8')) as { payload: T }).payload;
}
