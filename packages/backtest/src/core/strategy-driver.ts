// Drives the live StrategyCore in a backtest (backtest thread): drains the same SharedArrayBuffer tick ring the
// market-data core writes, passes books, feed status, switches, timers and execution feedback in at the replay's
// time, records every decision with its trigger, and hands the actions on, exactly as the strategy worker does.

import { createRingTick, TickRingConsumer, type RingTick, type StrategyPayloads } from '@scalper/protocol';
import type { ExecutionFeedback } from '@scalper/execution';
import { StrategyCore, type StrategyAction, type StrategyParams } from '@scalper/strategy';
import type { DecisionRecord, DecisionTrigger } from './backtest-types.js';
import { decisionRecord, tickTrigger } from './decision-record.js';

export type StrategyFeedback = ExecutionFeedback | { readonly type: 'TradingHalted'; readonly halt: StrategyPayloads['TradingHalted'] };

const timerTrigger: DecisionTrigger = { kind: 'timer' };
const bookTrigger: DecisionTrigger = { kind: 'book' };
const feedbackTrigger: DecisionTrigger = { kind: 'feedback' };
const symbolTrigger: DecisionTrigger = { kind: 'symbol-changed' };
const haltTrigger: DecisionTrigger = { kind: 'halt' };
const feedTrigger: DecisionTrigger = { kind: 'feed-status' };

export class StrategyDriver {
  readonly core: StrategyCore;
  readonly decisions: DecisionRecord[] = [];
  private readonly consumer: TickRingConsumer;
  private nowMs = 0;
  /** Reused for every tick: the hot path allocates only when the core returns an order. */
  private readonly visit = (tick: RingTick): void => {
    const action = this.core.onTick(tick, this.nowMs);
    if (action !== null) this.emit(action, tickTrigger(tick));
  };

  constructor(
    params: StrategyParams,
    ring: SharedArrayBuffer,
    /** Sends an action towards execution (through the order latency). */
    private readonly send: (action: StrategyAction, nowMs: number) => void,
  ) {
    this.core = new StrategyCore(params);
    this.consumer = new TickRingConsumer(ring, createRingTick());
  }

  drain(nowMs: number): void {
    this.nowMs = nowMs;
    this.consumer.drain(this.visit);
  }

  onBook(top: StrategyPayloads['OrderBook']['top'], nowMs: number): void {
    this.emitAll(this.core.onBook(top, nowMs), nowMs, bookTrigger);
  }

  onFeedStatus(status: StrategyPayloads['FeedStatus'], nowMs: number): void {
    this.emitAll(this.core.onFeedStatus(status, nowMs), nowMs, feedTrigger);
  }

  onSymbolChanged(change: StrategyPayloads['SymbolChanged'], nowMs: number): void {
    this.emitAll(this.core.onSymbolChanged(change, nowMs), nowMs, symbolTrigger);
  }

  onTimer(nowMs: number): void {
    this.emitAll(this.core.onTimer(nowMs), nowMs, timerTrigger);
  }

  onFeedback(message: StrategyFeedback, nowMs: number): void {
    switch (message.type) {
      case 'OrderUpdate':
        return this.emitAll(this.core.onOrderUpdate(message.update, nowMs), nowMs, feedbackTrigger);
      case 'Fill':
        return this.emitAll(this.core.onFill(message.fill), nowMs, feedbackTrigger);
      case 'PositionUpdate':
        return this.emitAll(this.core.onPosition(message.position, nowMs), nowMs, feedbackTrigger);
      case 'OrderDenied':
        return this.emitAll(this.core.onOrderDenied(message, nowMs), nowMs, feedbackTrigger);
      case 'TradingHalted':
        return this.emitAll(this.core.onTradingHalted(message.halt, nowMs), nowMs, haltTrigger);
    }
  }

  private emitAll(actions: readonly StrategyAction[], nowMs: number, trigger: DecisionTrigger): void {
    this.nowMs = nowMs;
    for (const action of actions) this.emit(action, trigger);
  }

  private emit(action: StrategyAction, trigger: DecisionTrigger): void {
    this.decisions.push(decisionRecord(action, this.nowMs, trigger));
    this.send(action, this.nowMs);
  }
}
