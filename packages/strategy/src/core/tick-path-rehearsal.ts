// Rehearses strategy's per-trade path (strategy thread, while it spins idle, paced by a RehearsalPacer): a scratch
// StrategyRunner on a scratch ring takes a copy of the last real trade, stamped now, through the same ring read,
// visit and StrategyCore.onTick code the next real trade takes. Whatever the scratch core decides goes nowhere.

import { createRingEntry, createTickRing, ringLayout, TickRingProducer, type RingEntry, type StrategyMessage } from '@scalper/protocol';
import type { StrategyParams } from './strategy-params.js';
import { StrategyRunner } from './strategy-runner.js';

/** Rehearsals push one entry and drain it at once: a handful of slots is plenty. */
const scratchCapacity = 64;

export class TickPathRehearsal {
  private readonly producer: TickRingProducer;
  private readonly runner: StrategyRunner;
  private readonly trade: RingEntry = createRingEntry();
  private nowMs = 0;
  private haveTrade = false;

  constructor(params: StrategyParams) {
    const ring = createTickRing({ capacity: scratchCapacity, overflow: 'drop-oldest' });
    this.producer = new TickRingProducer(ring);
    this.runner = new StrategyRunner(params, ring, { now: () => this.nowMs, toExecution: () => undefined });
  }

  /** The real runner's symbol changed: the scratch one follows, so the copied trades match its epoch and scale. */
  onSymbolChanged(message: Extract<StrategyMessage, { type: 'SymbolChanged' }>, nowMs: number): void {
    this.nowMs = nowMs;
    this.runner.receive(message);
    this.haveTrade = false;
  }

  /** The last real trade (copied: the real runner reuses its entry). */
  noteTrade(entry: RingEntry): void {
    const trade = this.trade;
    trade.kind = ringLayout.kEntryTrade;
    trade.priceRaw = entry.priceRaw;
    trade.sizeRaw = entry.sizeRaw;
    trade.side = entry.side;
    trade.epoch = entry.epoch;
    trade.priceDecimals = entry.priceDecimals;
    trade.sizeDecimals = entry.sizeDecimals;
    this.haveTrade = true;
  }

  /** Trades the scratch core has taken (its `ticks` counter). */
  get ticksTaken(): number {
    return Number(this.runner.stats()['ticks']);
  }

  /** Runs the last trade through the scratch runner; true when there was one. */
  run(nowMs: number): boolean {
    if (!this.haveTrade) return false;
    this.nowMs = nowMs;
    this.trade.tsEventMs = nowMs;
    this.trade.tsRecvMs = nowMs;
    this.producer.push(this.trade);
    this.runner.drain();
    return true;
  }
}
