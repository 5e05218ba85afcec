// Tests of instrument rules from instruments-info items (Jest thread): specFromInstrumentItem on Bybit's documented
// item, and resolveInstrumentSpecs preferring the recording, then the catalog, else naming the symbol.

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { instrumentCatalog } from './instrument-catalog.js';
import { resolveInstrumentSpecs, specFromInstrumentItem } from './instrument-items.js';

/** dist/core/market/ -> packages/bybit/fixtures/: Bybit's documented instruments-info answer. */
const fixture = new URL('../../../../bybit/fixtures/rest_instruments_info_linear_docs.json', import.meta.url);
const documented = (JSON.parse(readFileSync(fixture, 'utf8')) as { payload: { result: { list: Record<string, unknown>[] } } }).payload.result.list;
const btcItem = documented[0] as Record<string, unknown>;

/** The documented BTCUSDT item with one filter field changed (or removed with undefined). */
function withFilter(group: 'priceFilter' | 'lotSizeFilter', name: string, value: unknown): Record<string, unknown> {
  return { ...btcItem, [group]: { ...(btcItem[group] as Record<string, unknown>), [name]: value } };
}

describe('specFromInstrumentItem', () => {
  it('reads every rule of the documented BTCUSDT item, with decimals as written in tickSize and qtyStep', () => {
    expect(specFromInstrumentItem(btcItem)).toEqual({
      symbol: 'BTCUSDT',
      baseCoin: 'BTC',
      tickSize: '0.10',
      qtyStep: '0.001',
      minOrderQty: '0.001',
      maxOrderQty: '1190.000',
      maxMktOrderQty: '500.000',
      postOnlyMaxOrderQty: '1190.000',
      minNotionalValue: '5',
      minPrice: '0.10',
      maxPrice: '1999999.80',
      priceDecimals: 2,
      sizeDecimals: 3,
      startPrice: '0',
      startTurnover24h: '0',
    });
  });

  it('agrees with the embedded catalog on the rules the matching uses', () => {
    const catalogBtc = instrumentCatalog.find((s) => s.symbol === 'BTCUSDT');
    const { startPrice: _a, startTurnover24h: _b, dailyVolatility: _c, coinClass: _d, ...rules } = catalogBtc ?? ({} as never);
    expect(specFromInstrumentItem(btcItem)).toMatchObject(rules);
  });

  it('fills the optional rules from the required ones when an item leaves them out', () => {
    const sparse = {
      symbol: 'NEWUSDT',
      priceFilter: { tickSize: '0.0005' },
      lotSizeFilter: { qtyStep: '10', minOrderQty: '10', maxOrderQty: '500000' },
    };
    expect(specFromInstrumentItem(sparse)).toEqual({
      symbol: 'NEWUSDT',
      baseCoin: 'NEW',
      tickSize: '0.0005',
      qtyStep: '10',
      minOrderQty: '10',
      maxOrderQty: '500000',
      maxMktOrderQty: '500000',
      postOnlyMaxOrderQty: '500000',
      minNotionalValue: '5',
      minPrice: '0.0005',
      // 19,999,998 ticks, as Bybit quotes maxPrice: 5 * 19999998 at 4 decimals.
      maxPrice: '9999.9990',
      priceDecimals: 4,
      sizeDecimals: 0,
      startPrice: '0',
      startTurnover24h: '0',
    });
  });

  it.each([
    ['no symbol', { ...btcItem, symbol: undefined }],
    ['a numeric symbol', { ...btcItem, symbol: 5 }],
    ['no priceFilter', { ...btcItem, priceFilter: undefined }],
    ['a numeric tickSize', withFilter('priceFilter', 'tickSize', 0.1)],
    ['a negative tickSize', withFilter('priceFilter', 'tickSize', '-0.10')],
    ['no qtyStep', withFilter('lotSizeFilter', 'qtyStep', undefined)],
    ['an empty minOrderQty', withFilter('lotSizeFilter', 'minOrderQty', '')],
    ['an exponent in maxOrderQty', withFilter('lotSizeFilter', 'maxOrderQty', '1e3')],
  ])('gives null for an item with %s', (_what, item) => {
    expect(specFromInstrumentItem(item)).toBeNull();
  });

  it.each([null, undefined, 'BTCUSDT', 42, []])('gives null for %p, which is no item', (item) => {
    expect(specFromInstrumentItem(item)).toBeNull();
  });
});

describe('resolveInstrumentSpecs', () => {
  it('uses the recording’s rules over the catalog’s for a symbol both know', () => {
    const recorded = withFilter('priceFilter', 'tickSize', '0.50');
    const [spec] = resolveInstrumentSpecs(['BTCUSDT'], [recorded]);
    expect(spec?.tickSize).toBe('0.50');
    expect(spec?.startPrice).toBe('0');
  });

  it('falls back to the catalog for a symbol the recording has no usable item for, in the order asked', () => {
    const specs = resolveInstrumentSpecs(['SUIUSDT', 'BTCUSDT'], [{ symbol: 'BTCUSDT' }, 'junk', null]);
    expect(specs.map((s) => s.symbol)).toEqual(['SUIUSDT', 'BTCUSDT']);
    expect(specs[1]).toBe(instrumentCatalog.find((s) => s.symbol === 'BTCUSDT'));
  });

  it('gives the recorded spec of a symbol the catalog does not list', () => {
    const recorded = { ...btcItem, symbol: 'NOTINCATALOGUSDT', baseCoin: 'NIC' };
    expect(resolveInstrumentSpecs(['NOTINCATALOGUSDT'], [recorded])[0]).toMatchObject({
      symbol: 'NOTINCATALOGUSDT',
      baseCoin: 'NIC',
      tickSize: '0.10',
    });
  });

  it('throws naming a symbol that neither the recording nor the catalog knows', () => {
    expect(() => resolveInstrumentSpecs(['BTCUSDT', 'NOSUCHUSDT'], [btcItem])).toThrow(
      /no instruments-info for NOSUCHUSDT and the embedded venue's catalog does not list it/,
    );
  });

  it('gives an empty list for no symbols', () => {
    expect(resolveInstrumentSpecs([], [btcItem])).toEqual([]);
  });
});
