import { describe, expect, it } from '@jest/globals';
import { isTradingStatus, parseInstrumentRules } from './instrument-rules.js';
import { documentedItem } from './test-support/instrument-fixtures.js';

describe('parseInstrumentRules', () => {
  it('parses the documented BTCUSDT perpetual', () => {
    const parsed = parseInstrumentRules(documentedItem('linear'));
    expect(parsed).toEqual({
      ok: true,
      value: {
        symbol: 'BTCUSDT',
        status: 'Trading',
        contractType: 'LinearPerpetual',
        quoteCoin: 'USDT',
        tickSize: '0.10',
        minPrice: '0.10',
        maxPrice: '1999999.80',
        qtyStep: '0.001',
        minOrderQty: '0.001',
        maxOrderQty: '1190.000',
        maxMktOrderQty: '500.000',
        postOnlyMaxOrderQty: '1190.000',
        minNotionalValue: '5',
        priceDecimals: 1,
        sizeDecimals: 3,
        scale: { symbol: 'BTCUSDT', tickSize: '0.10', qtyStep: '0.001', priceDecimals: 1, sizeDecimals: 3 },
      },
    });
    expect(parsed.ok && isTradingStatus(parsed.value)).toBe(true);
  });

  it('parses the documented pre-listing BIOUSDT but marks it as not trading', () => {
    const parsed = parseInstrumentRules(documentedItem('prelisting'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value).toMatchObject({
      symbol: 'BIOUSDT',
      status: 'PreLaunch',
      tickSize: '0.0001',
      qtyStep: '1',
      maxMktOrderQty: '14000',
      priceDecimals: 4,
      sizeDecimals: 0,
    });
    expect(isTradingStatus(parsed.value)).toBe(false);
  });

  it('treats a missing postOnlyMaxOrderQty as absent and a zero minNotionalValue as allowed', () => {
    const item = documentedItem('linear');
    delete item.lotSizeFilter['postOnlyMaxOrderQty'];
    item.lotSizeFilter['minNotionalValue'] = '0';
    const parsed = parseInstrumentRules(item);
    expect(parsed.ok && parsed.value.postOnlyMaxOrderQty).toBeNull();
    expect(parsed.ok && parsed.value.minNotionalValue).toBe('0');
  });

  it('refuses things that are not an instrument object, with a reason instead of a throw', () => {
    for (const raw of [null, undefined, 42, 'BTCUSDT', [], [documentedItem('linear')]]) {
      expect(parseInstrumentRules(raw)).toEqual({ ok: false, reason: 'instrument is not an object' });
    }
  });

  it('refuses mutated copies of the documented item, naming the field and the value', () => {
    type Edit = (item: ReturnType<typeof documentedItem>) => void;
    type Loose = Record<string, unknown>;
    const cases: Array<[string, Edit, string]> = [
      ['missing symbol', (i) => delete i['symbol'], 'instrument symbol is not valid: undefined'],
      ['lower-case symbol', (i) => (i['symbol'] = 'btcusdt'), 'instrument symbol is not valid: "btcusdt"'],
      ['missing status', (i) => delete i['status'], 'instrument BTCUSDT: status is missing'],
      ['empty quoteCoin', (i) => (i['quoteCoin'] = ''), 'quoteCoin is missing or not a non-empty string: ""'],
      ['missing priceFilter', (i) => delete (i as Loose)['priceFilter'], 'priceFilter is not an object'],
      ['lotSizeFilter as text', (i) => ((i as Loose)['lotSizeFilter'] = '{}'), 'lotSizeFilter is not an object'],
      ['missing qtyStep', (i) => delete i.lotSizeFilter['qtyStep'], 'lotSizeFilter.qtyStep is not a plain decimal'],
      ['tickSize as a number', (i) => (i.priceFilter['tickSize'] = 0.1), 'priceFilter.tickSize is not a plain decimal'],
      ['tickSize "abc"', (i) => (i.priceFilter['tickSize'] = 'abc'), 'priceFilter.tickSize is not a plain decimal'],
      ['tickSize "NaN"', (i) => (i.priceFilter['tickSize'] = 'NaN'), 'string: "NaN"'],
      ['tickSize with exponent', (i) => (i.priceFilter['tickSize'] = '1e-1'), 'string: "1e-1"'],
      ['negative tickSize', (i) => (i.priceFilter['tickSize'] = '-0.10'), 'priceFilter.tickSize must be above zero'],
      ['zero qtyStep', (i) => (i.lotSizeFilter['qtyStep'] = '0'), 'lotSizeFilter.qtyStep must be above zero: 0'],
      ['negative minNotional', (i) => (i.lotSizeFilter['minNotionalValue'] = '-5'), 'must be zero or more: -5'],
      ['maxMktOrderQty "NaN"', (i) => (i.lotSizeFilter['maxMktOrderQty'] = 'NaN'), 'lotSizeFilter.maxMktOrderQty'],
      ['postOnly cap null', (i) => (i.lotSizeFilter['postOnlyMaxOrderQty'] = null), 'postOnlyMaxOrderQty is not'],
      [
        'minPrice above maxPrice',
        (i) => (i.priceFilter['minPrice'] = '2000000'),
        'priceFilter.minPrice 2000000 is above priceFilter.maxPrice 1999999.80',
      ],
      [
        'minOrderQty above maxMktOrderQty',
        (i) => (i.lotSizeFilter['minOrderQty'] = '600'),
        'lotSizeFilter.minOrderQty 600 is above lotSizeFilter.maxMktOrderQty 500.000',
      ],
      [
        'tickSize finer than a scaled integer holds',
        (i) => (i.priceFilter['tickSize'] = '0.0000000000000001'),
        'priceFilter.tickSize 0.0000000000000001 has more than 15 decimals',
      ],
    ];
    for (const [name, edit, reason] of cases) {
      const item = documentedItem('linear');
      edit(item);
      let parsed: ReturnType<typeof parseInstrumentRules> | undefined;
      expect(() => (parsed = parseInstrumentRules(item))).not.toThrow();
      expect({ name, parsed }).toEqual({ name, parsed: { ok: false, reason: expect.stringContaining(reason) } });
    }
  });
});
