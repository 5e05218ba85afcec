import { describe, expect, it } from '@jest/globals';
import { BookState, isLiquid, spreadBps } from './book-state.js';
import { bookTop, sui, t0 } from './test-support/strategy-fixtures.js';

describe('spreadBps', () => {
  it('is (ask - bid) / mid x 10,000 on scaled integers', () => {
    expect(spreadBps(4999, 5001)).toBe(4);
    expect(spreadBps(9995, 10005)).toBe(10);
  });
});

describe('isLiquid', () => {
  it('follows the seed: spread below 10 bps and both top sizes above 100', () => {
    expect(isLiquid(9.99, 101, 101, 10, 100)).toBe(true);
    expect(isLiquid(10, 101, 101, 10, 100)).toBe(false);
    expect(isLiquid(5, 100, 101, 10, 100)).toBe(false);
    expect(isLiquid(5, 101, 100, 10, 100)).toBe(false);
  });
});

describe('BookState', () => {
  it('keeps the book as scaled integers with its spread and receive time', () => {
    const book = new BookState();
    expect(book.update(bookTop(sui, '4.999', '5.001', t0, '150.5', '101'), sui, t0 + 5, 500)).toBeNull();
    expect(book.bidRaw).toBe(4999);
    expect(book.askRaw).toBe(5001);
    expect(book.bidSizeRaw).toBe(1505);
    expect(book.spreadBps).toBe(4);
    expect(book.ageMs(t0 + 105)).toBe(100);
    // minTopSize 100 at one size decimal is 1000: 101.0 (1010) is deep enough, exactly 100.0 would not be.
    expect(book.isLiquid(10, 1000)).toBe(true);
    expect(book.update(bookTop(sui, '4.999', '5.001', t0, '100', '101'), sui, t0 + 5, 500)).toBeNull();
    expect(book.isLiquid(10, 1000)).toBe(false);
  });

  it('refuses a book older than staleDataMs on arrival and forgets the previous one', () => {
    const book = new BookState();
    book.update(bookTop(sui, '4.999', '5.001', t0), sui, t0, 500);
    expect(book.update(bookTop(sui, '4.999', '5.001', t0), sui, t0 + 501, 500)).toBe('stale');
    expect(book.top).toBeNull();
    expect(book.ageMs(t0 + 501)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses prices finer than the instrument precision and crossed or locked books', () => {
    const book = new BookState();
    expect(book.update(bookTop(sui, '4.9995', '5.001', t0), sui, t0, 500)).toBe('unparsable');
    expect(book.update(bookTop(sui, '5.001', '5.001', t0), sui, t0, 500)).toBe('crossed');
    expect(book.update(bookTop(sui, '5.002', '5.001', t0), sui, t0, 500)).toBe('crossed');
    expect(book.isLiquid(10, 0)).toBe(false);
  });
});
