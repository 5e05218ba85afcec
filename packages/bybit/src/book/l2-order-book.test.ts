import { describe, expect, it } from '@jest/globals';
import { decimalsOf, toSymbol } from '@scalper/protocol';
import { classifyWsFrame } from '../parse/classify-ws-frame.js';
import type { OrderBookFrame } from '../parse/ws-frame.js';
import { loadFixture } from '../test-support/fixtures.js';
import { L2OrderBook } from './l2-order-book.js';

interface BookPayload {
  topic: string;
  type: string;
  ts: number;
  data: { s: string; b: unknown[]; a: unknown[]; u: number; seq: number };
  cts: number;
}

const snapshotDocs = loadFixture<BookPayload>('ws_orderbook50_snapshot_docs.json').payload;
const deltaDocs = loadFixture<BookPayload>('ws_orderbook50_delta_docs.json').payload;
const btc = toSymbol('BTCUSDT');
// BTCUSDT's tickSize in rest_instruments_info_linear_docs.json.
const btcPriceDecimals = decimalsOf('0.10');

function frameOf(payload: BookPayload): OrderBookFrame {
  const frame = classifyWsFrame(JSON.stringify(payload));
  if (frame.kind !== 'orderbook') throw new Error(`not an orderbook frame: ${JSON.stringify(frame)}`);
  return frame;
}

/** A copy of a documented payload with some fields replaced: how the tests build consecutive sequences. */
function edited(
  payload: BookPayload,
  change: { u?: number; b?: unknown[]; a?: unknown[]; type?: string; topic?: string; ts?: number },
): OrderBookFrame {
  const copy = structuredClone(payload);
  if (change.u !== undefined) copy.data.u = change.u;
  if (change.b !== undefined) copy.data.b = change.b;
  if (change.a !== undefined) copy.data.a = change.a;
  if (change.type !== undefined) copy.type = change.type;
  if (change.topic !== undefined) copy.topic = change.topic;
  if (change.ts !== undefined) copy.ts = change.ts;
  return frameOf(copy);
}

function snapshotBook(): L2OrderBook {
  const book = new L2OrderBook(btc, btcPriceDecimals);
  expect(book.apply(frameOf(snapshotDocs), 1_000)).toEqual({ kind: 'applied', action: 'snapshot' });
  return book;
}

describe('L2OrderBook on orderbook.50', () => {
  it('applies the documented snapshot with bids descending and asks ascending', () => {
    const book = snapshotBook();
    expect(book.bidLevels()).toEqual([
      ['16493.50', '0.006'],
      ['16493.00', '0.100'],
    ]);
    expect(book.askLevels()).toEqual([
      ['16611.00', '0.029'],
      ['16612.00', '0.213'],
    ]);
    expect(book.top()).toEqual({
      symbol: 'BTCUSDT',
      bidPrice: '16493.50',
      bidSize: '0.006',
      askPrice: '16611.00',
      askSize: '0.029',
      updateId: 18521288,
      tsEventMs: 1672304484978,
    });
    expect(book.bestBidScaled()).toBe(164935);
    expect(book.bestAskScaled()).toBe(166110);
    expect(book.counters.snapshots).toBe(1);
  });

  it('detects the gap between the documented snapshot (u 18521288) and delta (u 177400507)', () => {
    const book = snapshotBook();
    expect(book.apply(frameOf(deltaDocs), 1_100)).toEqual({
      kind: 'resync-needed',
      reason: { kind: 'gap', expectedUpdateId: 18521289, receivedUpdateId: 177400507 },
    });
    expect(book.top()).toBeNull();
    expect(book.isSynced).toBe(false);
    expect(book.bidLevels()).toEqual([]);
    expect(book.counters.gaps).toBe(1);
  });

  it('stays unusable after a gap until the next snapshot arrives', () => {
    const book = snapshotBook();
    book.apply(edited(snapshotDocs, { type: 'delta', u: 18521290, b: [], a: [] }), 1_100);
    const next = book.apply(edited(snapshotDocs, { type: 'delta', u: 18521291, b: [], a: [] }), 1_200);
    expect(next).toEqual({ kind: 'resync-needed', reason: { kind: 'delta-before-snapshot', updateId: 18521291 } });
    expect(book.top()).toBeNull();
    expect(book.apply(edited(snapshotDocs, { u: 18600000 }), 1_300)).toEqual({ kind: 'applied', action: 'snapshot' });
    expect(book.top()?.updateId).toBe(18600000);
    expect(book.counters).toMatchObject({ snapshots: 2, gaps: 1, deltasBeforeSnapshot: 1 });
  });

  it('replays the documented delta on a snapshot at its prices: updates, inserts and size-zero deletes', () => {
    const book = new L2OrderBook(btc, btcPriceDecimals);
    const snapshot = edited(snapshotDocs, {
      u: 177400506,
      b: [
        ['30247.20', '1'],
        ['30245.40', '1'],
        ['30240.00', '2'],
      ],
      a: [
        ['30248.70', '1'],
        ['30249.60', '1'],
        ['30260.00', '1'],
      ],
    });
    expect(book.apply(snapshot, 1_000).kind).toBe('applied');
    expect(book.apply(frameOf(deltaDocs), 1_050)).toEqual({ kind: 'applied', action: 'delta' });
    expect(book.bidLevels()).toEqual([
      ['30247.20', '30.028'],
      ['30245.40', '0.224'],
      ['30242.10', '1.593'],
      ['30240.30', '1.305'],
    ]);
    expect(book.askLevels()).toEqual([
      ['30249.30', '0.892'],
      ['30249.50', '1.778'],
      ['30251.90', '2.947'],
      ['30252.20', '0.659'],
      ['30252.50', '4.591'],
      ['30260.00', '1'],
    ]);
    expect(book.top()).toMatchObject({ bidPrice: '30247.20', askPrice: '30249.30', updateId: 177400507 });
    expect(book.top()?.tsEventMs).toBe(1687940967466);
    expect(book.counters).toMatchObject({ snapshots: 1, deltas: 1, gaps: 0 });
  });

  it('follows a consecutive run of edited deltas, ignoring deletes of levels it does not hold', () => {
    const book = snapshotBook();
    const first = edited(snapshotDocs, {
      type: 'delta',
      u: 18521289,
      b: [
        ['16493.50', '0'],
        ['16493.00', '0.5'],
        ['16492.10', '1.2'],
      ],
      a: [
        ['16611.00', '0.000'],
        ['16611.50', '0.3'],
      ],
    });
    expect(book.apply(first, 1_100).kind).toBe('applied');
    const second = edited(snapshotDocs, { type: 'delta', u: 18521290, b: [['15000.00', '0']], a: [['16612.00', '1']] });
    expect(book.apply(second, 1_200).kind).toBe('applied');
    expect(book.bidLevels()).toEqual([
      ['16493.00', '0.5'],
      ['16492.10', '1.2'],
    ]);
    expect(book.askLevels()).toEqual([
      ['16611.50', '0.3'],
      ['16612.00', '1'],
    ]);
    expect(book.bestBid()).toEqual(['16493.00', '0.5']);
    expect(book.bestAsk()).toEqual(['16611.50', '0.3']);
    expect(book.updateId).toBe(18521290);
  });

  it('replaces the whole book on a new snapshot', () => {
    const book = snapshotBook();
    const fresh = edited(snapshotDocs, { u: 18521400, b: [['16500.00', '2']], a: [['16500.10', '3']] });
    expect(book.apply(fresh, 1_100).kind).toBe('applied');
    expect(book.bidLevels()).toEqual([['16500.00', '2']]);
    expect(book.askLevels()).toEqual([['16500.10', '3']]);
    expect(book.updateId).toBe(18521400);
  });

  it('treats u = 1 as a restarted book even when the frame says delta', () => {
    const book = snapshotBook();
    const restart = edited(snapshotDocs, { type: 'delta', u: 1, b: [['16400.00', '1']], a: [['16400.50', '1']] });
    expect(book.apply(restart, 1_100)).toEqual({ kind: 'applied', action: 'snapshot' });
    expect(book.bidLevels()).toEqual([['16400.00', '1']]);
    expect(book.askLevels()).toEqual([['16400.50', '1']]);
    expect(book.apply(edited(snapshotDocs, { type: 'delta', u: 2, b: [['16399.00', '4']], a: [] }), 1_200).kind).toBe('applied');
    expect(book.counters).toMatchObject({ snapshots: 2, deltas: 1, resets: 1, gaps: 0 });
  });

  it('forces a resync when a delta crosses the book', () => {
    const book = snapshotBook();
    // The documented delta's bids (30247.20 ...) sit far above the documented snapshot's asks (16611.00 ...).
    const outcome = book.apply(edited(deltaDocs, { u: 18521289 }), 1_100);
    expect(outcome).toEqual({
      kind: 'resync-needed',
      reason: { kind: 'crossed', bidPrice: '30247.20', askPrice: '16611.00', updateId: 18521289 },
    });
    expect(book.top()).toBeNull();
    expect(book.counters.crossed).toBe(1);
  });

  it('counts a locked snapshot (bid equal to ask) as crossed', () => {
    const book = new L2OrderBook(btc, btcPriceDecimals);
    const locked = edited(snapshotDocs, { b: [['16500.0', '1']], a: [['16500.00', '1']] });
    expect(book.apply(locked, 1_000)).toMatchObject({ kind: 'resync-needed', reason: { kind: 'crossed' } });
    expect(book.isSynced).toBe(false);
  });

  it('refuses a delta before any snapshot', () => {
    const book = new L2OrderBook(btc, btcPriceDecimals);
    expect(book.apply(frameOf(deltaDocs), 1_000)).toEqual({
      kind: 'resync-needed',
      reason: { kind: 'delta-before-snapshot', updateId: 177400507 },
    });
    expect(book.top()).toBeNull();
    expect(book.counters.deltasBeforeSnapshot).toBe(1);
  });

  it('refuses a level that is not a pair of strings, too many price decimals, a non-positive price or a negative size', () => {
    const cases: Array<[unknown[], unknown[], string]> = [
      [[['16493.5']], [], 'not a [price, size] pair of strings'],
      [[], [16611, '1'], 'not a [price, size] pair of strings'],
      [[['NaN', '1']], [], 'price is not a plain decimal with at most 1 decimals'],
      [[['16493.55', '1']], [], 'price is not a plain decimal with at most 1 decimals'],
      [[['0.00', '1']], [], 'price is not positive'],
      [[], [['16611.00', '-0.5']], 'size is negative'],
    ];
    for (const [b, a, detail] of cases) {
      const book = snapshotBook();
      const outcome = book.apply(edited(snapshotDocs, { type: 'delta', u: 18521289, b, a }), 1_100);
      expect(outcome).toMatchObject({ kind: 'resync-needed', reason: { kind: 'bad-level', detail } });
      expect(book.top()).toBeNull();
      expect(book.counters.badLevels).toBe(1);
    }
    const bad = snapshotBook().apply(edited(snapshotDocs, { b: [['16493.55', '1']] }), 1_100);
    expect(bad).toEqual({
      kind: 'resync-needed',
      reason: { kind: 'bad-level', side: 'bid', price: '16493.55', size: '1', detail: expect.any(String) },
    });
  });

  it('keeps at most the topic depth per side, dropping the worst levels', () => {
    const book = new L2OrderBook(btc, btcPriceDecimals);
    const bids = Array.from({ length: 50 }, (_, i) => [`${16000 - i}.0`, '1']);
    const asks = Array.from({ length: 50 }, (_, i) => [`${16001 + i}.0`, '1']);
    book.apply(edited(snapshotDocs, { b: bids, a: asks }), 1_000);
    const better = edited(snapshotDocs, { type: 'delta', u: 18521289, b: [['16000.5', '7']], a: [['16000.9', '7']] });
    expect(book.apply(better, 1_100).kind).toBe('applied');
    const bidLevels = book.bidLevels();
    const askLevels = book.askLevels();
    expect(bidLevels).toHaveLength(50);
    expect(askLevels).toHaveLength(50);
    expect(bidLevels[0]).toEqual(['16000.5', '7']);
    expect(bidLevels[49]?.[0]).toBe('15952.0');
    expect(askLevels[0]).toEqual(['16000.9', '7']);
    expect(askLevels[49]?.[0]).toBe('16049.0');
  });

  it('ignores a frame for another symbol and leaves the book as it was', () => {
    const book = snapshotBook();
    const eth = edited(snapshotDocs, { topic: 'orderbook.50.ETHUSDT', type: 'delta', u: 5 });
    expect(book.apply(eth, 1_100)).toEqual({ kind: 'ignored', reason: 'other-symbol', frameSymbol: 'ETHUSDT' });
    expect(book.top()?.updateId).toBe(18521288);
    expect(book.counters.ignoredOtherSymbol).toBe(1);
  });

  it('refuses a price precision no scaled integer can hold', () => {
    expect(() => new L2OrderBook(btc, 16)).toThrow(RangeError);
    expect(() => new L2OrderBook(btc, 1.5)).toThrow(/priceDecimals/);
  });
});

describe('L2OrderBook on orderbook.1', () => {
  const topic = 'orderbook.1.BTCUSDT';

  function level1(u: number, bid: string, ask: string, ts: number): OrderBookFrame {
    return edited(snapshotDocs, { topic, u, ts, b: [[bid, '1.000']], a: [[ask, '2.000']] });
  }

  it('takes every frame as a snapshot, including the 3-second re-send with an unchanged u', () => {
    const book = new L2OrderBook(btc, btcPriceDecimals);
    const frames = [
      level1(100, '16493.50', '16493.60', 10),
      level1(104, '16493.60', '16493.70', 20),
      level1(104, '16493.60', '16493.70', 3020),
      level1(110, '16493.40', '16493.50', 3050),
    ];
    const tops = frames.map((frame, i) => {
      expect(book.apply(frame, 1_000 * i).kind).toBe('applied');
      return book.top();
    });
    expect(tops.map((top) => [top?.bidPrice, top?.askPrice, top?.updateId])).toEqual([
      ['16493.50', '16493.60', 100],
      ['16493.60', '16493.70', 104],
      ['16493.60', '16493.70', 104],
      ['16493.40', '16493.50', 110],
    ]);
    expect(book.counters).toMatchObject({ snapshots: 4, deltas: 0, gaps: 0 });
  });

  it('keeps one level per side when a snapshot carries more', () => {
    const book = new L2OrderBook(btc, btcPriceDecimals);
    book.apply(edited(snapshotDocs, { topic }), 1_000);
    expect(book.bidLevels()).toEqual([['16493.50', '0.006']]);
    expect(book.askLevels()).toEqual([['16611.00', '0.029']]);
  });

  it('counts as stale after more than 3.5 s without an applied frame, measured on local receive time', () => {
    const book = new L2OrderBook(btc, btcPriceDecimals);
    expect(book.isStale(0)).toBe(true);
    book.apply(level1(100, '16493.50', '16493.60', 10), 10_000);
    expect(book.isStale(13_500)).toBe(false);
    expect(book.isStale(13_501)).toBe(true);
    expect(book.isStale(11_001, 1_000)).toBe(true);
    // A frame that needs a resync does not count as a sign of life.
    book.apply(level1(101, '16493.70', '16493.60', 12_000), 12_000);
    expect(book.isStale(13_600)).toBe(true);
    expect(book.lastAppliedReceivedMs).toBe(10_000);
    book.apply(level1(102, '16493.50', '16493.60', 13_000), 13_000);
    expect(book.isStale(13_600)).toBe(false);
  });

  it('forgets everything on reset but keeps the counters', () => {
    const book = new L2OrderBook(btc, btcPriceDecimals);
    book.apply(level1(100, '16493.50', '16493.60', 10), 10_000);
    book.reset();
    expect(book.top()).toBeNull();
    expect(book.isStale(10_001)).toBe(true);
    expect(book.counters.snapshots).toBe(1);
  });
});
