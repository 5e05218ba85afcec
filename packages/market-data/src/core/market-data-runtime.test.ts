// Tests of the market-data runtime (Jest thread): the scanner's switch carried out step by step through the stream
// port (unsubscribe, SymbolChanged, subscribe) with the answer to the scanner, a failed instruments read answered as
// SwitchFailed, switches one at a time, trades, book tops and feed states into the ring in receive order, and a
// restarted strategy told the symbol again.

import { describe, expect, it } from '@jest/globals';
import { BybitApiError } from '@scalper/bybit';
import {
  createRingEntry,
  createTickRing,
  feedStatusFromCodes,
  ringLayout,
  setSpinPermit,
  TickRingConsumer,
  toSymbol,
  type MessageUnion,
  type RingEntry,
  type ScannerPayloads,
  type StrategyPayloads,
} from '@scalper/protocol';
import { MarketDataRuntime, type MarketDataPorts } from './market-data-runtime.js';
import { bookFrame, documentedInstruments, tradeFrame } from './test-support/market-data-fixtures.js';

const btc = toSymbol('BTCUSDT');
const eth = toSymbol('ETHUSDT');
const ethItem = { ...(documentedInstruments[0] as Record<string, unknown>), symbol: 'ETHUSDT' };

function harness(overrides: Partial<MarketDataPorts> = {}) {
  const steps: string[] = [];
  const toStrategy: MessageUnion<StrategyPayloads>[] = [];
  const toScanner: MessageUnion<ScannerPayloads>[] = [];
  const ringWrites: number[] = [];
  const logged: string[] = [];
  const log = (_fields: object, message: string): void => void logged.push(message);
  const ring = createTickRing({ capacity: 1024, overflow: 'drop-oldest' });
  const runtime = new MarketDataRuntime(ring, {
    now: () => 1_000,
    logger: { info: log, warn: log, error: log },
    stream: {
      subscribe: async (topics) => void steps.push(`subscribe ${topics.join(',')}`),
      unsubscribe: async (topics) => void steps.push(`unsubscribe ${topics.join(',')}`),
    },
    instruments: () => [...documentedInstruments, ethItem],
    toStrategy: (m) => {
      toStrategy.push(m);
      if (m.type === 'SymbolChanged') steps.push(`SymbolChanged ${m.symbol} epoch ${m.epoch}`);
    },
    toScanner: (m) => void toScanner.push(m),
    onRingWrites: (count) => void ringWrites.push(count),
    ...overrides,
  });
  return { runtime, ring, steps, toStrategy, toScanner, ringWrites, logged };
}

describe('MarketDataRuntime', () => {
  it('rehearses only while a core is free and no trade came for ring.warmEveryMs, never into the real ring', async () => {
    let now = 1_000;
    const { runtime, ring } = harness({ now: () => now, warmEveryMs: 1 });
    const consumer = new TickRingConsumer(ring, createRingEntry());
    const taken = (): number => consumer.drain(() => undefined);
    const rehearsals = (): unknown => runtime.stats()['rehearsals'];
    runtime.onConnectionState('open');
    await runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    runtime.onFrame(tradeFrame('BTCUSDT', [{}]), now);
    taken();
    now += 5;
    expect(runtime.rehearsalDue()).toBe(false); // the main thread has not said a core is free
    setSpinPermit(ring, true);
    expect(runtime.rehearsalDue()).toBe(true);
    runtime.onRehearsal(tradeFrame('BTCUSDT', [{}]), now);
    now += 0.5;
    expect(runtime.rehearsalDue()).toBe(false); // within the period of the last rehearsal
    now += 1;
    expect(runtime.rehearsalDue()).toBe(true);
    runtime.onRehearsal(tradeFrame('BTCUSDT', [{}]), now);
    expect(rehearsals()).toBe(2);
    expect(taken()).toBe(0); // nothing rehearsed reached the real ring
    runtime.onFrame(tradeFrame('BTCUSDT', [{ i: 'next' }]), now);
    now += 0.5;
    expect(runtime.rehearsalDue()).toBe(false); // a real trade frame just ran the path
    expect(taken()).toBe(1);
    setSpinPermit(ring, false);
    now += 10;
    expect(runtime.rehearsalDue()).toBe(false);
    expect(rehearsals()).toBe(2);
  });

  it("takes a rehearsed frame through the real frame path into the scratch ring, with the real path's refusals", async () => {
    const now = 1_000;
    const { runtime, ring } = harness({ now: () => now, warmEveryMs: 1 });
    const consumer = new TickRingConsumer(ring, createRingEntry());
    const taken = (): number => consumer.drain(() => undefined);
    expect(runtime.onRehearsal(tradeFrame('BTCUSDT', [{}]), now)).toBe(0); // no symbol yet
    runtime.onConnectionState('open');
    await runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    runtime.onFrame(tradeFrame('BTCUSDT', [{}]), now);
    taken();
    const before = runtime.stats();
    const frame = tradeFrame('BTCUSDT', [{}, { i: 'second', p: '16579.00' }]);
    // 1,000 rehearsals of 2 trades through a 256-slot scratch ring: drained each time, none refused or dropped.
    for (let i = 0; i < 1_000; i++) expect(runtime.onRehearsal(frame, now)).toBe(2);
    expect(runtime.onRehearsal(tradeFrame('BTCUSDT', [{ p: '16578.555' }]), now)).toBe(0); // off the tick grid
    expect(runtime.onRehearsal(tradeFrame('ETHUSDT', [{}]), now)).toBe(0); // another symbol
    expect(taken()).toBe(0);
    // The real core's counters and the real histograms never count a rehearsal.
    expect(runtime.stats()).toEqual(before);
  });

  it('never rehearses without ring.warmEveryMs (backtests)', async () => {
    let now = 1_000;
    const { runtime, ring } = harness({ now: () => now });
    setSpinPermit(ring, true);
    await runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    runtime.onFrame(tradeFrame('BTCUSDT', [{}]), now);
    now += 100;
    expect(runtime.rehearsalDue()).toBe(false);
  });

  it('tries the instruments read again after a passing 503 instead of failing the switch (a restart resumes)', async () => {
    let reads = 0;
    const waits: number[] = [];
    const unavailable = new BybitApiError({ httpStatus: 503, retCode: null, retMsg: 'Service Unavailable', endpoint: '/v5/market/instruments-info' });
    const { runtime, toScanner } = harness({
      instruments: () => (reads++ < 2 ? Promise.reject(unavailable) : [...documentedInstruments, ethItem]),
      sleep: async (ms) => void waits.push(ms),
    });
    runtime.onConnectionState('open');
    await runtime.switchSymbol({ symbol: eth, score: 2, previousScore: null });
    expect(toScanner).toEqual([{ type: 'SwitchCompleted', symbol: eth, tsEventMs: 1_000 }]);
    expect(waits).toEqual([250, 500]);
  });

  it("carries out a hot swap in the plan's order on the one stream and answers the scanner", async () => {
    const { runtime, steps, toScanner } = harness();
    runtime.onConnectionState('open');
    await runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    await runtime.switchSymbol({ symbol: eth, score: 2, previousScore: 1 });
    expect(steps).toEqual([
      'SymbolChanged BTCUSDT epoch 1',
      'subscribe orderbook.1.BTCUSDT,publicTrade.BTCUSDT',
      'unsubscribe orderbook.1.BTCUSDT,publicTrade.BTCUSDT',
      'SymbolChanged ETHUSDT epoch 2',
      'subscribe orderbook.1.ETHUSDT,publicTrade.ETHUSDT',
    ]);
    expect(toScanner.map((m) => `${m.type} ${m.symbol}`)).toEqual(['SwitchCompleted BTCUSDT', 'SwitchCompleted ETHUSDT']);
  });

  it("runs switches one at a time: a second waits for the first's subscribe to finish", async () => {
    let releaseSubscribe: () => void = () => undefined;
    const { runtime, steps } = harness({
      stream: {
        subscribe: (topics) => {
          steps.push(`subscribe ${topics.join(',')}`);
          return topics[0]?.endsWith('BTCUSDT') === true ? new Promise<void>((resolve) => (releaseSubscribe = resolve)) : undefined;
        },
        unsubscribe: (topics) => void steps.push(`unsubscribe ${topics.join(',')}`),
      },
    });
    const first = runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    const second = runtime.switchSymbol({ symbol: eth, score: 2, previousScore: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps.filter((s) => s.includes('ETHUSDT'))).toEqual([]);
    releaseSubscribe();
    await Promise.all([first, second]);
    expect(steps.at(-1)).toBe('subscribe orderbook.1.ETHUSDT,publicTrade.ETHUSDT');
  });

  it('answers SwitchFailed, naming why, when the venue has no rules for the symbol', async () => {
    const { runtime, toScanner, logged } = harness({ instruments: () => [] });
    await runtime.switchSymbol({ symbol: eth, score: 2, previousScore: null });
    expect(toScanner).toEqual([
      { type: 'SwitchFailed', symbol: eth, error: { code: 'VENUE_UNAVAILABLE', message: 'Error: instruments-info has no ETHUSDT' }, current: null },
    ]);
    expect(logged).toContain('symbol switch failed');
  });

  it('writes trades, book tops and feed states to the ring in receive order, and tells a restarted strategy the symbol again', async () => {
    const { runtime, ring, toStrategy, ringWrites } = harness();
    const consumer = new TickRingConsumer(ring, createRingEntry());
    const entries = (): RingEntry[] => {
      const out: RingEntry[] = [];
      consumer.drain((entry) => void out.push({ ...entry }));
      return out;
    };
    runtime.onConnectionState('open');
    await runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    entries();
    ringWrites.length = 0;
    runtime.onFrame(bookFrame('BTCUSDT', { u: 1 }), 1_000);
    runtime.onFrame(tradeFrame('BTCUSDT', [{}, { i: 'second' }]), 1_000);
    // The book's top, the feed turning live on it, then the two trades: each call reports what it wrote.
    expect(ringWrites).toEqual([2, 2]);
    const { kEntryBook, kEntryFeed, kEntryTrade } = ringLayout;
    expect(entries().map((e) => e.kind)).toEqual([kEntryBook, kEntryFeed, kEntryTrade, kEntryTrade]);
    expect(toStrategy.filter((m) => m.type !== 'SymbolChanged')).toEqual([]);
    const before = toStrategy.length;
    runtime.strategyReconnected();
    expect(toStrategy.slice(before)).toEqual([{ type: 'SymbolChanged', previous: null, symbol: btc, epoch: 1, scale: expect.anything() }]);
    // The feed's state goes into the ring too, though unchanged: a restarted strategy opens nothing before it hears "live".
    const [feed, ...rest] = entries();
    expect(rest).toEqual([]);
    expect(feed === undefined ? null : feedStatusFromCodes(feed.side, feed.sizeRaw, feed.priceRaw, feed.tsEventMs)).toEqual({
      state: 'live',
      reason: 'the book is whole and fresh',
      tsEventMs: 1_000,
    });
    expect(runtime.stats()).toMatchObject({ symbol: 'BTCUSDT', tradesWritten: 2 });
  });

  it("finishes a swap when the venue refuses the old topics' unsubscribe: strategy is told, the new topics flow, the old ones are dropped later", async () => {
    let refuseUnsubscribe = true;
    const calls: string[] = [];
    const { runtime, toStrategy, toScanner } = harness({
      stream: {
        subscribe: async (topics) => void calls.push(`subscribe ${topics.join(',')}`),
        unsubscribe: async (topics) => {
          if (refuseUnsubscribe) throw new Error('unsubscribe refused: success false');
          calls.push(`unsubscribe ${topics.join(',')}`);
        },
      },
    });
    runtime.onConnectionState('open');
    await runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    await runtime.switchSymbol({ symbol: eth, score: 2, previousScore: 1 });
    expect(calls).toEqual(['subscribe orderbook.1.BTCUSDT,publicTrade.BTCUSDT', 'subscribe orderbook.1.ETHUSDT,publicTrade.ETHUSDT']);
    expect(toStrategy.filter((m) => m.type === 'SymbolChanged').map((m) => (m.type === 'SymbolChanged' ? `${m.symbol} ${m.epoch}` : ''))).toEqual([
      'BTCUSDT 1',
      'ETHUSDT 2',
    ]);
    expect(toScanner.map((m) => `${m.type} ${m.symbol}`)).toEqual(['SwitchCompleted BTCUSDT', 'SwitchCompleted ETHUSDT']);
    expect(runtime.stats()['strayTopics']).toBe(2);
    // The stray topics go at the next timer once the venue takes the unsubscribe.
    refuseUnsubscribe = false;
    runtime.onTimer();
    await runtime.idle();
    expect(calls.at(-1)).toBe('unsubscribe orderbook.1.BTCUSDT,publicTrade.BTCUSDT');
    expect(runtime.stats()).toMatchObject({ strayTopics: 0, symbol: 'ETHUSDT' });
  });

  it('says which symbol it is on when a subscribe fails, tells strategy that symbol, and subscribes again by itself', async () => {
    let refuseSubscribe = true;
    let refusals = 0;
    let clock = 1_000;
    const steps: string[] = [];
    const { runtime, toScanner, toStrategy } = harness({
      now: () => clock,
      stream: {
        subscribe: async (topics) => {
          if (refuseSubscribe && topics[0]?.endsWith('ETHUSDT') === true) {
            refusals++;
            throw new Error('subscribe refused: success false');
          }
          steps.push(`subscribe ${topics.join(',')}`);
        },
        unsubscribe: async (topics) => void steps.push(`unsubscribe ${topics.join(',')}`),
      },
    });
    runtime.onConnectionState('open');
    await runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    await runtime.switchSymbol({ symbol: eth, score: 2, previousScore: 1 });
    expect(toScanner.at(-1)).toMatchObject({ type: 'SwitchFailed', symbol: eth, current: eth });
    const told = toStrategy.filter((m) => m.type === 'SymbolChanged').map((m) => (m.type === 'SymbolChanged' ? `${m.symbol} ${m.epoch}` : ''));
    expect(told).toEqual(['BTCUSDT 1', 'ETHUSDT 2']);
    // The first retry comes at the next timer; while the venue still refuses, 1 s later, then 2 s after that.
    const retriedAt: number[] = [];
    for (let step = 0; step < 16; step++) {
      clock += 250;
      const before = refusals;
      runtime.onTimer();
      await runtime.idle();
      if (refusals > before) retriedAt.push(clock - 1_000);
    }
    expect(retriedAt).toEqual([250, 1_250, 3_250]);
    refuseSubscribe = false;
    clock += 4_000;
    runtime.onTimer();
    await runtime.idle();
    expect(steps.at(-1)).toBe('subscribe orderbook.1.ETHUSDT,publicTrade.ETHUSDT');
    expect(runtime.stats()).toMatchObject({ symbol: 'ETHUSDT', topicsConfirmed: 1 });
    // A retry of the switch the scanner may still send tells strategy nothing twice.
    await runtime.switchSymbol({ symbol: eth, score: 2, previousScore: 1 });
    expect(toStrategy.filter((m) => m.type === 'SymbolChanged')).toHaveLength(2);
  });

  it('subscribes again a topic a reconnect lost (the venue refused its replay), after giving the replay time', async () => {
    let clock = 1_000;
    const confirmed = new Set<string>();
    const steps: string[] = [];
    const { runtime } = harness({
      now: () => clock,
      stream: {
        subscribe: async (topics) => {
          steps.push(`subscribe ${topics.join(',')}`);
          for (const topic of topics) confirmed.add(topic);
        },
        unsubscribe: async (topics) => void topics.forEach((topic) => confirmed.delete(topic)),
        topics: () => [...confirmed],
      },
    });
    runtime.onConnectionState('open');
    await runtime.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    // The socket drops; on the new one the venue refuses the replay of publicTrade.BTCUSDT.
    runtime.onConnectionState('reconnecting');
    runtime.onConnectionState('open');
    confirmed.delete('publicTrade.BTCUSDT');
    clock += 1_000; // the replay may still be under way: nothing yet
    runtime.onTimer();
    await runtime.idle();
    expect(steps).toEqual(['subscribe orderbook.1.BTCUSDT,publicTrade.BTCUSDT']);
    clock += 1_500;
    runtime.onTimer();
    await runtime.idle();
    expect(steps.at(-1)).toBe('subscribe publicTrade.BTCUSDT');
    expect([...confirmed].sort()).toEqual(['orderbook.1.BTCUSDT', 'publicTrade.BTCUSDT']);
  });

  it("goes on from the ring's last epoch after a restart, so no entry of its previous life can match, and tells a restarted scanner its symbol", async () => {
    const ring = createTickRing({ capacity: 1024, overflow: 'drop-oldest' });
    const ports = (toStrategy: MessageUnion<StrategyPayloads>[], toScanner: MessageUnion<ScannerPayloads>[]): MarketDataPorts => ({
      now: () => 1_000,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      stream: { subscribe: () => undefined, unsubscribe: () => undefined },
      instruments: () => [...documentedInstruments, ethItem],
      toStrategy: (m) => void toStrategy.push(m),
      toScanner: (m) => void toScanner.push(m),
    });
    const first = new MarketDataRuntime(ring, ports([], []));
    await first.switchSymbol({ symbol: btc, score: 1, previousScore: null });
    await first.switchSymbol({ symbol: eth, score: 2, previousScore: 1 });
    const toStrategy: MessageUnion<StrategyPayloads>[] = [];
    const toScanner: MessageUnion<ScannerPayloads>[] = [];
    const restarted = new MarketDataRuntime(ring, ports(toStrategy, toScanner));
    restarted.scannerReconnected();
    expect(toScanner).toEqual([{ type: 'MarketDataOn', symbol: null, tsEventMs: 1_000 }]);
    await restarted.switchSymbol({ symbol: eth, score: 2, previousScore: null });
    expect(toStrategy.find((m) => m.type === 'SymbolChanged')).toMatchObject({ symbol: eth, epoch: 3 });
    restarted.scannerReconnected();
    expect(toScanner.at(-1)).toEqual({ type: 'MarketDataOn', symbol: eth, tsEventMs: 1_000 });
  });
});
