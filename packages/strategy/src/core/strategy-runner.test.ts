// Tests of the strategy runtime (Jest thread): ticks read from a real tick ring, each decision reported with what
// triggered it before it goes to execution, a halt reported and obeyed, and the live pump stopping when told.

import { describe, expect, it } from '@jest/globals';
import { createTickRing, TickRingProducer, type ExecutionMessage, type StrategyMessage } from '@scalper/protocol';
import type { DecisionTrigger } from './decision-trigger.js';
import { defaultStrategyParams } from './strategy-params.js';
import { strategyTimerMs, StrategyRunner } from './strategy-runner.js';
import { bookTop, sui, symbolChanged, t0, TickFeed } from './test-support/strategy-fixtures.js';

function harness() {
  const ring = createTickRing({ capacity: 1024, overflow: 'drop-oldest' });
  const producer = new TickRingProducer(ring);
  const sent: ExecutionMessage[] = [];
  const decisions: { action: string; trigger: DecisionTrigger }[] = [];
  const halts: string[] = [];
  let now = t0;
  const runner = new StrategyRunner(defaultStrategyParams, ring, {
    now: () => now,
    toExecution: (action) => void sent.push(action),
    onDecision: (action, _tsMs, trigger) => void decisions.push({ action: action.type, trigger }),
    onHalted: (halt) => void halts.push(halt.reason),
  });
  const receive = (message: StrategyMessage): void => runner.receive(message);
  const feed = new TickFeed(1);
  /** A live SUIUSDT feed, a tight deep book, and a full window of trades at 5.000. */
  const warm = (): void => {
    receive({ type: 'SymbolChanged', ...symbolChanged(sui, 1) });
    receive({ type: 'FeedStatus', state: 'live', reason: 'test', tsEventMs: now });
    for (let i = 0; i < runner.core.params.windowTicks; i++) {
      now += 10;
      receive({ type: 'OrderBook', top: bookTop(sui, '4.999', '5.001', now) });
      producer.push(feed.next('5.000', '1', now));
      runner.drain();
    }
  };
  return { runner, producer, feed, sent, decisions, halts, receive, warm, advance: (ms: number) => (now += ms), now: () => now };
}

describe('StrategyRunner', () => {
  it('reads ticks from the ring and reports the entry with the tick that triggered it, before sending it', () => {
    const h = harness();
    h.warm();
    h.producer.push(h.feed.next('5.020', '1', h.advance(10)));
    expect(h.runner.drain()).toBe(1);
    // The symbol change asked execution to set the account up; the tick's entry followed.
    expect(h.sent.map((a) => a.type)).toEqual(['PrepareSymbol', 'PlaceOrder']);
    expect(h.sent[0]).toEqual({ type: 'PrepareSymbol', symbol: sui });
    expect(h.decisions).toEqual([{ action: 'PlaceOrder', trigger: { kind: 'tick', tsEventMs: h.now(), price: '5.020', size: '1.0' } }]);
    expect(h.runner.stats()).toMatchObject({ ticks: 21, signals: 1, entries: 1, lastPrice: 5.02, symbol: 'SUIUSDT' });
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
    });
    expect(rounds).toBe(6);
    expect(timers).toBe(5);
  });
});
