// Tests of the strategy runtime (Jest thread): trades, book tops and feed states read from a real tick ring in
// order, each decision reported with what triggered it before it goes to execution, a halt reported and obeyed, a
// hole in the ring noticed, and the live pump stopping when told.

import { describe, expect, it } from '@jest/globals';
import { createTickRing, TickRingProducer, type ExecutionMessage, type StrategyMessage } from '@scalper/protocol';
import type { DecisionTrigger } from './decision-trigger.js';
import { defaultStrategyParams } from './strategy-params.js';
import { strategyTimerMs, StrategyRunner } from './strategy-runner.js';
import { bookTop, feedEntry, sui, symbolChanged, t0, TickFeed } from './test-support/strategy-fixtures.js';

function harness(capacity = 1024) {
  const ring = createTickRing({ capacity, overflow: 'drop-oldest' });
  const producer = new TickRingProducer(ring);
  const sent: ExecutionMessage[] = [];
  const decisions: { action: string; trigger: DecisionTrigger }[] = [];
  const halts: string[] = [];
  /** Sends and reports in the order they happened. */
  const sequence: string[] = [];
  let now = t0;
  const runner = new StrategyRunner(defaultStrategyParams, ring, {
    now: () => now,
    toExecution: (action) => {
      sent.push(action);
      sequence.push(`sent ${action.type}`);
    },
    onDecision: (action, _tsMs, trigger) => {
      decisions.push({ action: action.type, trigger });
      sequence.push(`reported ${action.type}`);
    },
    onHalted: (halt) => void halts.push(halt.reason),
  });
  const receive = (message: StrategyMessage): void => runner.receive(message);
  const feed = new TickFeed(1);
  /** A live SUIUSDT feed, a tight deep book, and a full window of trades at 5.000. */
  const warm = (): void => {
    receive({ type: 'SymbolChanged', ...symbolChanged(sui, 1) });
    producer.push(feedEntry('live', now));
    for (let i = 0; i < runner.core.params.windowTicks; i++) {
      now += 10;
      producer.push(bookTop(sui, '4.999', '5.001', now));
      producer.push(feed.next('5.000', '1', now));
      runner.drain();
    }
  };
  return { runner, producer, feed, sent, decisions, sequence, halts, receive, warm, advance: (ms: number) => (now += ms), now: () => now };
}

describe('StrategyRunner', () => {
  it('reads ticks from the ring and reports the entry with the tick that triggered it, then sends it', () => {
    const h = harness();
    h.warm();
    h.sequence.length = 0;
    h.producer.push(h.feed.next('5.020', '1', h.advance(10)));
    expect(h.runner.drain()).toBe(1);
    // Journaled before it goes out, so a crash right after the fill keeps the decision too.
    expect(h.sequence).toEqual(['reported PlaceOrder', 'sent PlaceOrder']);
    // The symbol change asked execution to set the account up; the tick's entry followed.
    expect(h.sent.map((a) => a.type)).toEqual(['PrepareSymbol', 'PlaceOrder']);
    expect(h.sent[0]).toEqual({ type: 'PrepareSymbol', symbol: sui });
    expect(h.decisions).toEqual([{ action: 'PlaceOrder', trigger: { kind: 'tick', tsEventMs: h.now(), price: '5.020', size: '1.0' } }]);
    expect(h.runner.stats()).toMatchObject({ ticks: 21, signals: 1, entries: 1, lastPrice: 5.02, symbol: 'SUIUSDT' });
  });

  it('hands each trade, and only trades, to onTrade after the core took it', () => {
    const ring = createTickRing({ capacity: 64, overflow: 'drop-oldest' });
    const producer = new TickRingProducer(ring);
    const seen: string[] = [];
    const runner = new StrategyRunner(defaultStrategyParams, ring, {
      now: () => t0,
      toExecution: () => undefined,
      onTrade: (entry) => void seen.push(`${entry.priceRaw} ticks ${String(runner.stats()['ticks'])}`),
    });
    runner.receive({ type: 'SymbolChanged', ...symbolChanged(sui, 1) });
    const feed = new TickFeed(1);
    producer.push(feedEntry('live', t0));
    producer.push(bookTop(sui, '4.999', '5.001', t0));
    producer.push(feed.next('5.000', '1', t0));
    producer.push(feed.next('5.002', '1', t0));
    expect(runner.drain()).toBe(4);
    expect(seen).toEqual(['5000 ticks 1', '5002 ticks 2']);
  });

  it('judges each trade against the book received before it, in ring order, not a book that came after', () => {
    const h = harness();
    h.warm();
    // A book gone wide, then the impulse trade: the entry must post on the wide book (PostOnly), not cross it.
    h.producer.push(bookTop(sui, '4.990', '5.010', h.advance(10)));
    h.producer.push(h.feed.next('5.020', '1', h.now()));
    // A tight book after the trade must not be the one the trade's decision saw.
    h.producer.push(bookTop(sui, '4.999', '5.001', h.advance(1)));
    expect(h.runner.drain()).toBe(3);
    const placed = h.sent.find((a) => a.type === 'PlaceOrder');
    expect(placed).toMatchObject({ order: { orderType: 'Limit', timeInForce: 'PostOnly', price: '4.990' } });
  });

  it('opens nothing until a live feed entry arrives in the ring, and stops opening at a stalled one', () => {
    const h = harness();
    h.receive({ type: 'SymbolChanged', ...symbolChanged(sui, 1) });
    for (let i = 0; i < 25; i++) {
      h.producer.push(bookTop(sui, '4.999', '5.001', h.advance(10)));
      h.producer.push(h.feed.next(i < 24 ? '5.000' : '5.020', '1', h.now()));
    }
    h.runner.drain();
    expect(h.sent.filter((a) => a.type === 'PlaceOrder')).toEqual([]);
    expect(h.runner.stats()).toMatchObject({ feedState: 'stalled' });
    h.producer.push(feedEntry('live', h.now()));
    h.runner.drain();
    expect(h.runner.stats()).toMatchObject({ feedState: 'live' });
    h.producer.push(feedEntry('stalled', h.advance(10)));
    h.runner.drain();
    expect(h.runner.stats()).toMatchObject({ feedState: 'stalled' });
  });

  it('takes the first book of a new symbol that arrived in the ring before its SymbolChanged message', () => {
    const h = harness();
    h.warm();
    const newSymbol = symbolChanged(sui, 2); // from here the fixture stamps SUIUSDT's book entries with epoch 2
    h.producer.push(bookTop(sui, '6.000', '6.010', h.advance(10)));
    h.runner.drain();
    // Strategy still trades epoch 1: the book of epoch 2 waits for its symbol instead of being lost.
    expect(h.runner.stats()['spreadBps']).toBe(4);
    h.receive({ type: 'SymbolChanged', ...newSymbol });
    expect(h.runner.stats()['spreadBps']).toBeCloseTo(16.65, 2);
  });

  it('empties the window when the ring dropped entries, wherever the hole is', () => {
    const h = harness(8);
    h.warm();
    expect(h.runner.core.status().windowCount).toBe(20);
    // Nine entries into a 7-entry ring: the two oldest go, and the runner sees the hole in the numbering.
    for (let i = 0; i < 9; i++) h.producer.push(h.feed.next('5.000', '1', h.advance(1)));
    h.runner.drain();
    expect(h.runner.core.counters.seqGaps).toBe(1);
    expect(h.runner.core.status().windowCount).toBe(7);
  });

  it('reports how long the position has waited on an order, and the longest wait, from its timer', () => {
    const h = harness();
    h.warm();
    h.producer.push(h.feed.next('5.020', '1', h.advance(10)));
    h.runner.drain();
    h.runner.onTimer();
    for (let i = 0; i < 5; i++) {
      h.advance(strategyTimerMs);
      h.runner.onTimer();
    }
    expect(h.runner.stats()).toMatchObject({ phase: 'entering', transitionalMs: 5 * strategyTimerMs, longestTransitionalMs: 5 * strategyTimerMs });
    const entry = h.sent.find((a) => a.type === 'PlaceOrder');
    if (entry?.type !== 'PlaceOrder') throw new Error('no entry');
    h.receive({ type: 'OrderDenied', orderLinkId: entry.order.orderLinkId, reason: 'test', tsEventMs: h.now() });
    h.advance(strategyTimerMs);
    h.runner.onTimer();
    expect(h.runner.stats()).toMatchObject({ phase: 'flat', transitionalMs: 0, longestTransitionalMs: 5 * strategyTimerMs });
  });

  it('reports a halt and opens nothing after it', () => {
    const h = harness();
    h.warm();
    h.receive({ type: 'TradingHalted', reason: 'kill switch: test', untilMs: null, tsEventMs: h.now() });
    h.producer.push(h.feed.next('5.020', '1', h.advance(10)));
    h.runner.drain();
    expect(h.halts).toEqual(['kill switch: test']);
    expect(h.sent.filter((a) => a.type !== 'PrepareSymbol')).toEqual([]);
    expect(h.runner.stats()['entryBlock']).toBe('halted');
  });

  it('pumps the ring until told to stop, running the timer every strategyTimerMs', async () => {
    const h = harness();
    h.warm();
    let timers = 0;
    let rounds = 0;
    await h.runner.pump({
      running: () => {
        rounds++;
        h.advance(strategyTimerMs);
        return rounds <= 5;
      },
      yieldToPorts: async () => undefined,
      onTimer: () => void timers++,
      waitTimeoutMs: 1,
      spinIterations: 0,
      spinMicros: 0,
      spinNeedsPermit: false,
    });
    expect(rounds).toBe(6);
    expect(timers).toBe(5);
  });
});
