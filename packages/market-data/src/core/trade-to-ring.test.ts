import { describe, expect, it } from '@jest/globals';
import {
  createRingEntry,
  createTickRing,
  readTickRingStats,
  ringLayout,
  TickRingConsumer,
  TickRingProducer,
  toDecimalString,
  toSymbol,
  type InstrumentScale,
  type RingEntry,
} from '@scalper/protocol';
import { scaleFromInstruments } from './instrument-scale.js';
import { documentedInstruments, documentedTrade, tradeFrame } from './test-support/market-data-fixtures.js';
import { priceScaleRefusal, sizeScaleRefusal, TradeToRing } from './trade-to-ring.js';

const btc = toSymbol('BTCUSDT');
const eth = toSymbol('ETHUSDT');

/** tickSize 0.01 gives 2 price decimals: "16578.50" becomes 1657850. */
const btcCents: InstrumentScale = {
  symbol: btc,
  tickSize: toDecimalString('0.01'),
  qtyStep: toDecimalString('0.001'),
  priceDecimals: 2,
  sizeDecimals: 3,
};

function ring(capacity = 16): { buffer: SharedArrayBuffer; producer: TickRingProducer; consumer: TickRingConsumer } {
  const buffer = createTickRing({ capacity, overflow: 'drop-oldest' });
  return { buffer, producer: new TickRingProducer(buffer), consumer: new TickRingConsumer(buffer, createRingEntry()) };
}

function readAll(consumer: TickRingConsumer): RingEntry[] {
  const ticks: RingEntry[] = [];
  consumer.drain((tick) => ticks.push({ ...tick }));
  return ticks;
}

describe('TradeToRing', () => {
  it('writes the documented trade as exact scaled integers with side, times, epoch and seq', () => {
    const { producer, consumer } = ring();
    const writer = new TradeToRing(producer);
    writer.setSymbol(btcCents, 7);
    expect(writer.writeFrame(tradeFrame('BTCUSDT', [{}]), 1672304486901.25)).toBe(1);
    expect(readAll(consumer)).toEqual([
      {
        kind: ringLayout.kEntryTrade,
        priceRaw: 1657850,
        sizeRaw: 1,
        askPriceRaw: 0,
        askSizeRaw: 0,
        tsEventMs: 1672304486865,
        tsRecvMs: 1672304486901.25,
        seq: 1,
        epoch: 7,
        side: ringLayout.kSideBuy,
        priceDecimals: 2,
        sizeDecimals: 3,
      },
    ]);
    expect(writer.counters.written).toBe(1);
    expect(writer.lastWrittenRecvMs).toBe(1672304486901.25);
  });

  it("scales by the decimals of the instrument's own tickSize from instruments-info", () => {
    const scale = scaleFromInstruments(documentedInstruments, btc);
    if (!scale.ok) throw new Error(scale.reason);
    expect(scale.value).toMatchObject({ tickSize: '0.10', priceDecimals: 1, sizeDecimals: 3 });
    const { producer, consumer } = ring();
    const writer = new TradeToRing(producer);
    writer.setSymbol(scale.value, 1);
    writer.writeFrame(tradeFrame('BTCUSDT', [{}]), 0);
    expect(readAll(consumer)[0]).toMatchObject({ priceRaw: 165785, sizeRaw: 1, priceDecimals: 1 });
  });

  it('codes a Sell taker as kSideSell', () => {
    const { producer, consumer } = ring();
    const writer = new TradeToRing(producer);
    writer.setSymbol(btcCents, 1);
    writer.writeFrame(tradeFrame('BTCUSDT', [{ S: 'Sell', p: '16578.49', v: '2.5' }]), 0);
    expect(readAll(consumer)[0]).toMatchObject({ side: ringLayout.kSideSell, priceRaw: 1657849, sizeRaw: 2500 });
  });

  it('drops and counts trades of a symbol other than the current one', () => {
    const { producer, consumer } = ring();
    const writer = new TradeToRing(producer);
    expect(writer.writeFrame(tradeFrame('BTCUSDT', [{}, {}]), 0)).toBe(0); // before any symbol
    writer.setSymbol(btcCents, 1);
    expect(writer.writeFrame(tradeFrame('ETHUSDT', [{}, {}, {}]), 0)).toBe(0);
    // An item naming another symbol inside a frame of the current one is dropped on its own.
    expect(writer.writeFrame(tradeFrame('BTCUSDT', [{}, { s: eth }]), 0)).toBe(1);
    expect(writer.counters.droppedOtherSymbol).toBe(6);
    expect(readAll(consumer)).toHaveLength(1);
  });

  it('counts malformed and unscalable items by reason and still writes the good ones of the frame', () => {
    const { producer, consumer } = ring();
    const writer = new TradeToRing(producer);
    writer.setSymbol(btcCents, 1);
    const frame = tradeFrame('BTCUSDT', [{ p: 'NaN' }, { p: '-1' }, { T: 'soon' }, { p: '16578.505' }, { v: '0.0001' }, 'not an object', {}]);
    expect(writer.writeFrame(frame, 0)).toBe(1);
    expect(writer.counters.refused).toBe(6);
    expect(Object.fromEntries(writer.refusedByReason())).toEqual({
      'trade p is not a positive decimal': 2,
      'trade T is not a millisecond timestamp': 1,
      [priceScaleRefusal]: 1,
      [sizeScaleRefusal]: 1,
      'trade item is not an object': 1,
    });
    expect(readAll(consumer).map((t) => t.priceRaw)).toEqual([1657850]);
  });

  it('counts trades more than the tolerance older than the latest, and still writes them', () => {
    const { producer, consumer } = ring();
    const writer = new TradeToRing(producer, { outOfOrderToleranceMs: 100 });
    writer.setSymbol(btcCents, 1);
    const t = documentedTrade.T;
    const times = [t, t - 100, t + 500, t + 399, t + 500];
    writer.writeFrame(
      tradeFrame(
        'BTCUSDT',
        times.map((T) => ({ T })),
      ),
      0,
    );
    expect(writer.counters.outOfOrder).toBe(1);
    expect(readAll(consumer).map((tick) => tick.tsEventMs - t)).toEqual([0, -100, 500, 399, 500]);
  });

  it('stamps the new epoch and decimals after a symbol change', () => {
    const { producer, consumer } = ring();
    const writer = new TradeToRing(producer);
    writer.setSymbol(btcCents, 1);
    writer.writeFrame(tradeFrame('BTCUSDT', [{}]), 0);
    const ethScale: InstrumentScale = {
      symbol: eth,
      tickSize: toDecimalString('0.001'),
      qtyStep: toDecimalString('0.01'),
      priceDecimals: 3,
      sizeDecimals: 2,
    };
    writer.setSymbol(ethScale, 2);
    writer.writeFrame(tradeFrame('BTCUSDT', [{}]), 0);
    writer.writeFrame(tradeFrame('ETHUSDT', [{ p: '1200.5', v: '0.25' }]), 0);
    expect(readAll(consumer).map((t) => [t.epoch, t.priceRaw, t.sizeRaw, t.priceDecimals])).toEqual([
      [1, 1657850, 1, 2],
      [2, 1200500, 25, 3],
    ]);
  });

  it('counts the entries a full ring drops', () => {
    const { buffer, producer, consumer } = ring(2);
    const writer = new TradeToRing(producer);
    writer.setSymbol(btcCents, 1);
    writer.writeFrame(tradeFrame('BTCUSDT', [{ p: '1' }, { p: '2' }, { p: '3' }]), 0);
    expect(writer.counters).toMatchObject({ written: 3, ringDroppedOldest: 2 });
    expect(readTickRingStats(buffer).droppedOldest).toBe(2);
    expect(readAll(consumer).map((t) => t.priceRaw)).toEqual([300]);
  });

  it('refuses a negative tolerance', () => {
    expect(() => new TradeToRing(ring().producer, { outOfOrderToleranceMs: -1 })).toThrow('outOfOrderToleranceMs');
  });
});
