import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { BookTopTracker } from './book-top-tracker.js';
import { bookFrame } from './test-support/market-data-fixtures.js';

const btc = toSymbol('BTCUSDT');

function tracker(options: ConstructorParameters<typeof BookTopTracker>[0] = {}): BookTopTracker {
  const t = new BookTopTracker(options);
  t.setSymbol(btc, 2, 0);
  return t;
}

describe('BookTopTracker', () => {
  it('sends the first top and then only tops that changed', () => {
    const t = tracker();
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 10 }), 1_000)).toEqual({
      kind: 'top-changed',
      top: {
        symbol: btc,
        bidPrice: '16493.50',
        bidSize: '0.006',
        askPrice: '16611.00',
        askSize: '0.029',
        updateId: 10,
        tsEventMs: 1672304484978,
      },
    });
    // orderbook.1 re-sends the same snapshot every 3 s: nothing new for strategy.
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 11 }), 3_000)).toEqual({ kind: 'top-unchanged' });
    const sizeMoved = t.onFrame(bookFrame('BTCUSDT', { u: 12, type: 'delta', bid: ['16493.50', '0.010'] }), 3_010);
    expect(sizeMoved).toMatchObject({ kind: 'top-changed', top: { bidSize: '0.010', updateId: 12 } });
    const priceMoved = t.onFrame(bookFrame('BTCUSDT', { u: 13, ask: ['16600.00', '1'] }), 3_020);
    expect(priceMoved).toMatchObject({ kind: 'top-changed', top: { askPrice: '16600.00', askSize: '1' } });
    expect(t.counters).toMatchObject({ frames: 4, topsSent: 3 });
  });

  it('re-sends an unchanged top as a heartbeat when topRefreshMs is set', () => {
    const t = tracker({ topRefreshMs: 1_000 });
    t.onFrame(bookFrame('BTCUSDT', { u: 1 }), 0);
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 2 }), 999).kind).toBe('top-unchanged');
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 3 }), 1_000).kind).toBe('top-changed');
  });

  it('calls the book stale after 3.5 s without a frame, measured from the switch before the first snapshot', () => {
    const t = tracker();
    expect(t.isStale(3_500)).toBe(false);
    expect(t.isStale(3_501)).toBe(true);
    t.onFrame(bookFrame('BTCUSDT', { u: 1 }), 10_000);
    expect(t.isStale(13_500)).toBe(false);
    expect(t.isStale(13_501)).toBe(true);
    expect(t.resyncIfStale(13_501)).toEqual({ topic: 'orderbook.1.BTCUSDT', reason: 'no book frame for 3501 ms' });
  });

  it('surfaces resync-needed once for a broken book, again only after resyncRetryMs, and clears on a snapshot', () => {
    const t = tracker({ resyncRetryMs: 5_000 });
    const first = t.onFrame(bookFrame('BTCUSDT', { u: 5, type: 'delta' }), 100);
    expect(first).toEqual({
      kind: 'resync-needed',
      request: { topic: 'orderbook.1.BTCUSDT', reason: 'delta u 5 before any snapshot' },
    });
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 6, type: 'delta' }), 200)).toEqual({ kind: 'resync-pending' });
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 7, type: 'delta' }), 5_100).kind).toBe('resync-needed');
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 100 }), 5_200).kind).toBe('top-changed');
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 102, type: 'delta' }), 5_300)).toEqual({
      kind: 'resync-needed',
      request: { topic: 'orderbook.1.BTCUSDT', reason: 'gap: expected u 101, got 102' },
    });
    expect(t.counters).toMatchObject({ resyncRequests: 3, resyncSuppressed: 1 });
  });

  it('asks for a resync on a crossed book, and sends the top again once the book is whole', () => {
    const t = tracker();
    t.onFrame(bookFrame('BTCUSDT', { u: 1 }), 0);
    const crossed = t.onFrame(bookFrame('BTCUSDT', { u: 2, bid: ['16700.00', '1'] }), 10);
    expect(crossed).toMatchObject({ kind: 'resync-needed', request: { reason: expect.stringContaining('crossed') } });
    expect(t.isSynced).toBe(false);
    // Same levels as before the break: still sent, since strategy was told the feed stalled in between.
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 3 }), 20).kind).toBe('top-changed');
  });

  it('ignores frames of another symbol and any frame before the first symbol', () => {
    const fresh = new BookTopTracker();
    expect(fresh.onFrame(bookFrame('BTCUSDT', { u: 1 }), 0)).toEqual({ kind: 'ignored' });
    const t = tracker();
    expect(t.onFrame(bookFrame('ETHUSDT', { u: 1 }), 0)).toEqual({ kind: 'ignored' });
    expect(t.counters.ignoredOtherSymbol).toBe(1);
  });

  it('forgets the book on reset, so the replayed snapshot is sent even if unchanged', () => {
    const t = tracker();
    t.onFrame(bookFrame('BTCUSDT', { u: 1 }), 0);
    t.reset(50);
    expect(t.isSynced).toBe(false);
    expect(t.isStale(3_550)).toBe(false);
    expect(t.onFrame(bookFrame('BTCUSDT', { u: 2 }), 100).kind).toBe('top-changed');
  });
});
