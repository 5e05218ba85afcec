import { describe, expect, it } from '@jest/globals';
import type { WsDataFrame } from '@scalper/bybit';
import {
  createRingEntry,
  createTickRing,
  TickRingConsumer,
  TickRingProducer,
  toDecimalString,
  toSymbol,
  feedStatusFromCodes,
  ringLayout,
  type InstrumentScale,
  type RingEntry,
} from '@scalper/protocol';
import { scaleFromInstrument, scaleFromInstruments } from './instrument-scale.js';
import { MarketDataCore } from './market-data-core.js';
import { bookFrame, documentedInstruments, tradeFrame } from './test-support/market-data-fixtures.js';

const btc = toSymbol('BTCUSDT');
const eth = toSymbol('ETHUSDT');
const ethScale: InstrumentScale = {
  symbol: eth,
  tickSize: toDecimalString('0.01'),
  qtyStep: toDecimalString('0.01'),
  priceDecimals: 2,
  sizeDecimals: 2,
};

function btcScale(): InstrumentScale {
  const scale = scaleFromInstruments(documentedInstruments, btc);
  if (!scale.ok) throw new Error(scale.reason);
  return scale.value;
}

function setup(): { core: MarketDataCore; consumer: TickRingConsumer } {
  const buffer = createTickRing({ capacity: 64, overflow: 'drop-oldest' });
  const core = new MarketDataCore(new TickRingProducer(buffer));
  return { core, consumer: new TickRingConsumer(buffer, createRingEntry()) };
}

function drain(consumer: TickRingConsumer): RingEntry[] {
  const entries: RingEntry[] = [];
  consumer.drain((entry) => entries.push({ ...entry }));
  return entries;
}

function drainKind(consumer: TickRingConsumer, kind: number): RingEntry[] {
  return drain(consumer).filter((entry) => entry.kind === kind);
}

const { kEntryBook, kEntryFeed, kEntryTrade } = ringLayout;

/** Open socket, on BTCUSDT with the subscribe confirmed, at t = 0. */
function liveOnBtc(): { core: MarketDataCore; consumer: TickRingConsumer } {
  const s = setup();
  s.core.onConnectionState('open', 0);
  s.core.onSwitchSymbol({ symbol: btc, score: 1, previousScore: null }, btcScale(), 0);
  s.core.confirmSubscribed(btc, 0);
  return s;
}

describe('MarketDataCore', () => {
  it('hot-swaps: plans the topics and epoch, drops late old-symbol trades, and writes the new ones', () => {
    const { core, consumer } = liveOnBtc();
    core.onFrame(tradeFrame('BTCUSDT', [{}]), 10);
    const { plan } = core.onSwitchSymbol({ symbol: eth, score: 2e9, previousScore: 1.5e9 }, ethScale, 20);
    expect(plan.steps).toEqual([
      { kind: 'unsubscribe', topics: ['orderbook.1.BTCUSDT', 'publicTrade.BTCUSDT'] },
      { kind: 'symbol-changed', payload: { previous: btc, symbol: eth, epoch: 2, scale: ethScale } },
      { kind: 'subscribe', topics: ['orderbook.1.ETHUSDT', 'publicTrade.ETHUSDT'] },
    ]);
    expect(core.symbol).toBe(eth);
    expect(core.epoch).toBe(2);
    expect(core.isSubscribed).toBe(false);
    // BTC trades still in flight before the unsubscribe is acknowledged.
    expect(core.onFrame(tradeFrame('BTCUSDT', [{}, {}]), 30).ringWrites).toBe(0);
    expect(core.onFrame(tradeFrame('ETHUSDT', [{ p: '1200.50', v: '0.25', S: 'Sell' }]), 40).ringWrites).toBe(1);
    expect(drainKind(consumer, kEntryTrade).map((t) => [t.epoch, t.priceRaw, t.sizeRaw, t.priceDecimals])).toEqual([
      [1, 165785, 1, 1],
      [2, 120050, 25, 2],
    ]);
    expect(core.stats()).toMatchObject({ tradesWritten: 2, tradesDroppedOtherSymbol: 2, epoch: 2 });
  });

  it('answers a SwitchSymbol for the subscribed symbol with an empty plan', () => {
    const { core } = liveOnBtc();
    const { plan } = core.onSwitchSymbol({ symbol: btc, score: 1, previousScore: 1 }, btcScale(), 5);
    expect(plan).toMatchObject({ kind: 'unchanged', steps: [], epoch: 1 });
  });

  it('writes a book top into the ring only when it changed, and the feed live on the first whole book, in receive order', () => {
    const { core, consumer } = liveOnBtc();
    drain(consumer);
    core.onFrame(tradeFrame('BTCUSDT', [{}]), 90);
    const first = core.onFrame(bookFrame('BTCUSDT', { u: 1, bid: ['16493.5', '0.006'], ask: ['16611.0', '0.029'] }), 100);
    expect(first.bookTopWritten).toBe(true);
    expect(first.feedStatus).toEqual({ state: 'live', reason: 'the book is whole and fresh', reasonMs: 0, tsEventMs: 100 });
    const again = core.onFrame(bookFrame('BTCUSDT', { u: 2, bid: ['16493.5', '0.006'], ask: ['16611.0', '0.029'] }), 200);
    expect(again.bookTopWritten).toBe(false);
    expect(again.feedStatus).toBeNull();
    core.onFrame(tradeFrame('BTCUSDT', [{}]), 250);
    const moved = core.onFrame(bookFrame('BTCUSDT', { u: 3, bid: ['16494.0', '1'], ask: ['16611.0', '0.029'] }), 300);
    expect(moved.bookTopWritten).toBe(true);
    const entries = drain(consumer);
    expect(entries.map((e) => e.kind)).toEqual([kEntryTrade, kEntryBook, kEntryFeed, kEntryTrade, kEntryBook]);
    // Scaled like the trades: price by the tickSize's decimals (1), size by the qtyStep's (3).
    expect(entries[1]).toMatchObject({ epoch: 1, priceRaw: 164935, sizeRaw: 6, askPriceRaw: 166110, askSizeRaw: 29, tsRecvMs: 100 });
    expect(entries[1]).toMatchObject({ priceDecimals: 1, sizeDecimals: 3 });
    const feed = entries[2] as RingEntry;
    expect(feedStatusFromCodes(feed.side, feed.sizeRaw, feed.priceRaw, feed.tsEventMs)).toEqual({
      state: 'live',
      reason: 'the book is whole and fresh',
      tsEventMs: 100,
    });
    expect(entries[4]).toMatchObject({ priceRaw: 164940, sizeRaw: 1000 });
  });

  it('writes a book whose size is finer than the qtyStep as NaN, which strategy refuses, and counts it', () => {
    const { core, consumer } = liveOnBtc();
    drain(consumer);
    core.onFrame(bookFrame('BTCUSDT', { u: 1, bid: ['16493.5', '0.0061'], ask: ['16611.0', '0.029'] }), 100);
    const [book] = drainKind(consumer, kEntryBook);
    expect(book?.sizeRaw).toBeNaN();
    expect(core.stats()['bookTopsUnscaled']).toBe(1);
  });

  it('publishes the latest feed state and book top again when a full ring dropped one of them', () => {
    const buffer = createTickRing({ capacity: 8, overflow: 'drop-oldest' });
    const core = new MarketDataCore(new TickRingProducer(buffer));
    const consumer = new TickRingConsumer(buffer, createRingEntry());
    core.onConnectionState('open', 0);
    core.onSwitchSymbol({ symbol: btc, score: 1, previousScore: null }, btcScale(), 0);
    core.confirmSubscribed(btc, 0);
    core.onFrame(bookFrame('BTCUSDT', { u: 1, bid: ['16493.5', '0.006'], ask: ['16611.0', '0.029'] }), 100);
    drain(consumer);
    core.onFrame(bookFrame('BTCUSDT', { u: 2, bid: ['16494.0', '0.006'], ask: ['16611.0', '0.029'] }), 110);
    // Eight trades in a 7-entry ring: the book top goes as the oldest entry.
    core.onFrame(
      tradeFrame(
        'BTCUSDT',
        Array.from({ length: 8 }, () => ({})),
      ),
      120,
    );
    const entries = drain(consumer);
    expect(entries.slice(-2).map((e) => e.kind)).toEqual([kEntryFeed, kEntryBook]);
    expect(entries.at(-1)).toMatchObject({ priceRaw: 164940, tsRecvMs: 110 });
    expect(core.stats()['stateRepublished']).toBe(1);
  });

  it('turns stalled and asks for a resubscribe after 3.5 s without a book frame, and live again on a snapshot', () => {
    const { core } = liveOnBtc();
    core.onFrame(bookFrame('BTCUSDT', { u: 1, bid: ['1.0', '1'], ask: ['1.1', '1'] }), 1_000);
    expect(core.onTimer(4_500)).toEqual({ feedStatus: null, resync: null });
    const stale = core.onTimer(4_501);
    expect(stale.feedStatus).toEqual({ state: 'stalled', reason: 'no book frame for', reasonMs: 3501, tsEventMs: 4_501 });
    expect(stale.resync).toEqual({ topic: 'orderbook.1.BTCUSDT', reason: 'no book frame for 3501 ms' });
    expect(core.onTimer(5_000)).toEqual({ feedStatus: null, resync: null });
    core.onBookResubscribed(5_100);
    const back = core.onFrame(bookFrame('BTCUSDT', { u: 1, bid: ['1.0', '1'], ask: ['1.1', '1'] }), 5_200);
    expect(back.feedStatus?.state).toBe('live');
    expect(back.bookTopWritten).toBe(true);
  });

  it('does not ask for a resubscribe before the subscribe was confirmed', () => {
    const s = setup();
    s.core.onConnectionState('open', 0);
    s.core.onSwitchSymbol({ symbol: btc, score: 1, previousScore: null }, btcScale(), 0);
    expect(s.core.onTimer(10_000).resync).toBeNull();
  });

  it('surfaces resync-needed from a broken book and reports the feed stalled at once', () => {
    const { core } = liveOnBtc();
    core.onFrame(bookFrame('BTCUSDT', { u: 1, bid: ['1.0', '1'], ask: ['1.1', '1'] }), 100);
    const broken = core.onFrame(bookFrame('BTCUSDT', { u: 5, type: 'delta', bid: ['1.0', '2'] }), 200);
    expect(broken.resync).toEqual({ topic: 'orderbook.1.BTCUSDT', reason: 'gap: expected u 2, got 5' });
    expect(broken.feedStatus).toEqual({ state: 'stalled', reason: 'the book awaits a snapshot', reasonMs: 0, tsEventMs: 200 });
    expect(core.stats()['bookResyncRequests']).toBe(1);
  });

  it('follows the connection: reconnecting while it is down, stalled until the replayed snapshot, then live', () => {
    const s = setup();
    expect(s.core.onConnectionState('connecting', 0)).toEqual({
      state: 'reconnecting',
      reason: 'connection connecting',
      reasonMs: 0,
      tsEventMs: 0,
    });
    expect(s.core.onConnectionState('open', 10)).toMatchObject({ state: 'stalled', reason: 'no symbol yet' });
    s.core.onSwitchSymbol({ symbol: btc, score: 1, previousScore: null }, btcScale(), 20);
    s.core.confirmSubscribed(btc, 30);
    s.core.onFrame(bookFrame('BTCUSDT', { u: 1, bid: ['1.0', '1'], ask: ['1.1', '1'] }), 40);
    expect(s.core.onConnectionState('reconnecting', 50)).toMatchObject({ state: 'reconnecting' });
    expect(s.core.onConnectionState('connecting', 60)).toBeNull();
    expect(s.core.onConnectionState('open', 70)).toMatchObject({ state: 'stalled' });
    const replayed = s.core.onFrame(bookFrame('BTCUSDT', { u: 1, bid: ['1.0', '1'], ask: ['1.1', '1'] }), 80);
    expect(replayed.feedStatus?.state).toBe('live');
    expect(replayed.bookTopWritten).toBe(true);
    expect(s.core.onConnectionState('closed', 90)).toMatchObject({ state: 'stalled', reason: 'connection closed' });
  });

  it('counts frames that are neither trades nor books', () => {
    const { core } = liveOnBtc();
    const ticker: WsDataFrame = {
      kind: 'ticker',
      topic: 'tickers.BTCUSDT',
      symbol: 'BTCUSDT',
      action: 'snapshot',
      tsMs: 1,
      data: {},
    };
    expect(core.onFrame(ticker, 0).kind).toBe('other');
    expect(core.stats()['otherFrames']).toBe(1);
  });

  it('builds the scale from instruments-info and refuses an instrument that is not Trading', () => {
    expect(btcScale()).toEqual({ symbol: btc, tickSize: '0.10', qtyStep: '0.001', priceDecimals: 1, sizeDecimals: 3 });
    const item = { ...(documentedInstruments[0] as Record<string, unknown>), status: 'Settling' };
    expect(scaleFromInstrument(item)).toEqual({ ok: false, reason: 'instrument BTCUSDT is Settling, not Trading' });
    expect(scaleFromInstruments(documentedInstruments, eth)).toEqual({
      ok: false,
      reason: 'instruments-info has no ETHUSDT',
    });
    expect(scaleFromInstrument(null).ok).toBe(false);
  });
});
