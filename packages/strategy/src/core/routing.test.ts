import { describe, expect, it } from '@jest/globals';
import { expectedEntryPrice, routeEntry } from './routing.js';
import { toDecimalString as d } from '@scalper/protocol';
import type { BookQuote } from './book-state.js';
import { sui, t0 } from './test-support/strategy-fixtures.js';

const top: BookQuote = { symbol: sui, bidPrice: d('4.999'), bidSize: d('500'), askPrice: d('5.001'), askSize: d('500'), tsEventMs: t0 };

describe('routeEntry', () => {
  it('sends a market IOC when the spread is narrow and the book deep', () => {
    const route = routeEntry('Buy', top, 4, true, 10);
    expect(route).toEqual({ orderType: 'Market', timeInForce: 'IOC', price: null });
    expect(expectedEntryPrice('Buy', top, route)).toBe('5.001');
    expect(expectedEntryPrice('Sell', top, route)).toBe('4.999');
  });

  it('joins the bid with a PostOnly limit for a buy and the ask for a sell when the spread is wide', () => {
    expect(routeEntry('Buy', top, 20, false, 10)).toEqual({ orderType: 'Limit', timeInForce: 'PostOnly', price: '4.999' });
    expect(routeEntry('Sell', top, 20, false, 10)).toEqual({ orderType: 'Limit', timeInForce: 'PostOnly', price: '5.001' });
  });

  it('posts rather than crossing a narrow spread when the top sizes are thin', () => {
    const route = routeEntry('Buy', top, 4, false, 10);
    expect(route.timeInForce).toBe('PostOnly');
    expect(expectedEntryPrice('Buy', top, route)).toBe('4.999');
  });
});
