import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { BookTopTracker } from './book-top-tracker.js';
import { FeedHealth, feedStateOf } from './feed-health.js';
import { bookFrame } from './test-support/market-data-fixtures.js';

function wholeBook(atMs: number): BookTopTracker {
  const book = new BookTopTracker();
  book.setSymbol(toSymbol('BTCUSDT'), 2, 0);
  book.onFrame(bookFrame('BTCUSDT', { u: 1 }), atMs);
  return book;
}

describe('feedStateOf', () => {
  it('maps every socket state that is not open to reconnecting, except closed for good', () => {
    const book = wholeBook(0);
    for (const state of ['idle', 'connecting', 'authenticating', 'reconnecting'] as const) {
      expect(feedStateOf(state, book, 0)).toBe('reconnecting');
    }
    expect(feedStateOf('closed', book, 0)).toBe('stalled');
  });

  it('is live only with a symbol and a whole book heard from within 3.5 s', () => {
    expect(feedStateOf('open', new BookTopTracker(), 0)).toBe('stalled');
    const book = wholeBook(1_000);
    expect(feedStateOf('open', book, 4_500)).toBe('live');
    expect(feedStateOf('open', book, 4_501)).toBe('stalled');
  });
});

describe('FeedHealth', () => {
  it('reports the first state and then only changes', () => {
    const health = new FeedHealth();
    const book = wholeBook(0);
    expect(health.evaluate('open', book, 10)).toEqual({
      state: 'live',
      reason: 'the book is whole and fresh',
      reasonMs: 0,
      tsEventMs: 10,
    });
    expect(health.evaluate('open', book, 20)).toBeNull();
    expect(health.evaluate('reconnecting', book, 30)).toMatchObject({ state: 'reconnecting' });
    expect(health.state).toBe('reconnecting');
  });
});
