import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseInstrumentRules } from '@scalper/bybit';
import { decimalsOf, parseScaledDecimal } from '@scalper/protocol';
import type { InstrumentSpec } from '../venue-types.js';
import { instrumentItem } from '../../server/public-frames.js';
import { findInstrument, instrumentCatalog } from './instrument-catalog.js';

const docsFixture = new URL('../../../../bybit/fixtures/rest_instruments_info_linear_docs.json', import.meta.url);

function scaled(text: string, decimals: number): number {
  const value = parseScaledDecimal(text, decimals);
  expect(Number.isSafeInteger(value)).toBe(true);
  return value;
}

/** The spec as the venue serves it on instruments-info, so the engine's own parser judges the real wire shape. */
function asInstrumentsInfoItem(spec: InstrumentSpec): unknown {
  return instrumentItem(spec, 1);
}

describe('instrument catalog', () => {
  it('lists between 20 and 30 distinct USDT perpetuals', () => {
    expect(instrumentCatalog.length).toBeGreaterThanOrEqual(20);
    expect(instrumentCatalog.length).toBeLessThanOrEqual(30);
    expect(new Set(instrumentCatalog.map((spec) => spec.symbol)).size).toBe(instrumentCatalog.length);
    for (const spec of instrumentCatalog) expect(spec.symbol).toBe(`${spec.baseCoin}USDT`);
  });

  it('gives BTCUSDT the rules of the documented instruments-info example', () => {
    const fixture = JSON.parse(readFileSync(docsFixture, 'utf8')) as {
      payload: { result: { list: [{ priceFilter: Record<string, string>; lotSizeFilter: Record<string, string> }] } };
    };
    const documented = fixture.payload.result.list[0];
    const btc = findInstrument(instrumentCatalog, 'BTCUSDT');
    expect(btc).toBeDefined();
    expect(btc).toMatchObject({ ...documented.priceFilter, ...documented.lotSizeFilter, priceDecimals: 2 });
  });

  it('finds nothing for a symbol the venue does not list', () => {
    expect(findInstrument(instrumentCatalog, 'NOPEUSDT')).toBeUndefined();
  });

  it.each(instrumentCatalog.map((spec) => [spec.symbol, spec] as const))('keeps %s self-consistent: decimals, grids and limits', (_symbol, spec) => {
    // The scale is the decimals written in the step, never fewer than the step needs.
    expect(spec.priceDecimals).toBe(spec.tickSize.split('.')[1]?.length ?? 0);
    expect(spec.sizeDecimals).toBe(spec.qtyStep.split('.')[1]?.length ?? 0);
    expect(decimalsOf(spec.tickSize)).toBeLessThanOrEqual(spec.priceDecimals);
    expect(decimalsOf(spec.qtyStep)).toBeLessThanOrEqual(spec.sizeDecimals);

    const tick = scaled(spec.tickSize, spec.priceDecimals);
    const minPrice = scaled(spec.minPrice, spec.priceDecimals);
    const maxPrice = scaled(spec.maxPrice, spec.priceDecimals);
    const startPrice = scaled(spec.startPrice, spec.priceDecimals);
    expect(tick).toBeGreaterThan(0);
    for (const price of [minPrice, maxPrice, startPrice]) expect(price % tick).toBe(0);
    // Room for a 50-level book and a wide random walk on both sides of the start.
    expect(startPrice - minPrice).toBeGreaterThan(1000 * tick);
    expect(maxPrice - startPrice).toBeGreaterThan(1000 * tick);

    const step = scaled(spec.qtyStep, spec.sizeDecimals);
    const sizes = [spec.minOrderQty, spec.maxOrderQty, spec.maxMktOrderQty, spec.postOnlyMaxOrderQty];
    for (const size of sizes) expect(scaled(size, spec.sizeDecimals) % step).toBe(0);
    const minQty = scaled(spec.minOrderQty, spec.sizeDecimals);
    expect(minQty).toBeGreaterThanOrEqual(step);
    expect(scaled(spec.maxMktOrderQty, spec.sizeDecimals)).toBeGreaterThan(minQty);
    expect(scaled(spec.maxOrderQty, spec.sizeDecimals)).toBeGreaterThanOrEqual(scaled(spec.maxMktOrderQty, spec.sizeDecimals));
    expect(Number(spec.minNotionalValue)).toBeGreaterThan(0);
    expect(Number(spec.startTurnover24h)).toBeGreaterThan(1e6);
  });

  it('passes the engine’s own instruments-info parser for every symbol', () => {
    for (const spec of instrumentCatalog) {
      const parsed = parseInstrumentRules(asInstrumentsInfoItem(spec));
      expect(parsed).toMatchObject({ ok: true, value: { symbol: spec.symbol, tickSize: spec.tickSize } });
    }
  });
});
