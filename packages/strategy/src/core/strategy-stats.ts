// Counters the strategy core keeps, and the per-tick hook benchmarks use to measure decision latency
// (strategy thread). Counters are plain number fields bumped in place: no allocation on the hot path.

import type { RingEntry } from '@scalper/protocol';
import { entryBlocks, type EntryBlock } from './entry-rules.js';

export interface StrategyCounters {
  /** Ring entries handed to onTick. */
  ticks: number;
  /** Ticks of an epoch other than the current symbol's (old symbol, or SymbolChanged not yet received). */
  oldEpochSkipped: number;
  /** Ticks whose decimals disagree with the symbol's scale: a broken producer, never traded on. */
  badScaleSkipped: number;
  /** Ticks older than staleDataMs: they still enter the window, but no decision is taken on them. */
  staleSkipped: number;
  /** Gaps in the ring's seq (entries dropped on overflow); each gap empties the window. */
  seqGaps: number;
  /** Fresh ticks whose momentum crossed the threshold. */
  signals: number;
  /** Signals that did not become an order, by reason. */
  blocked: Record<EntryBlock, number>;
  entries: number;
  /** Entries that ended without any fill (cancelled, rejected). */
  entriesUnfilled: number;
  /** Entries execution's risk checks refused. */
  entriesDenied: number;
  /** ClosePosition actions sent. */
  exits: number;
  /** Closes rejected, cancelled unfilled or denied. */
  exitFailures: number;
  /** Closes that ended short of flat (partly filled, then cancelled): the rest is closed again. */
  exitsPartial: number;
  /** Closes given up after closeTimeoutMs without an outcome while the position was still held. */
  exitTimeouts: number;
  positionsOpened: number;
  positionsClosed: number;
  booksAccepted: number;
  booksRejected: number;
  fills: number;
  /** Momentum of the newest fresh tick with a full window; NaN until there is one. */
  lastMomentum: number;
}

export function createStrategyCounters(): StrategyCounters {
  const blocked = {} as Record<EntryBlock, number>;
  for (const reason of entryBlocks) blocked[reason] = 0;
  return {
    ticks: 0,
    oldEpochSkipped: 0,
    badScaleSkipped: 0,
    staleSkipped: 0,
    seqGaps: 0,
    signals: 0,
    blocked,
    entries: 0,
    entriesUnfilled: 0,
    entriesDenied: 0,
    exits: 0,
    exitFailures: 0,
    exitsPartial: 0,
    exitTimeouts: 0,
    positionsOpened: 0,
    positionsClosed: 0,
    booksAccepted: 0,
    booksRejected: 0,
    fills: 0,
    lastMomentum: Number.NaN,
  };
}

/** What onTick did with a tick. */
export type TickOutcome = 'old-epoch' | 'bad-scale' | 'stale' | 'warming-up' | 'no-signal' | 'blocked' | 'entry' | 'exit';

/**
 * Called once at the end of every onTick. A benchmark or the worker can time the decision here (tick.tsRecvMs to
 * nowMs is the ring's queueing delay; a clock read here, against one before onTick, is the compute time).
 * Implementations must not allocate per call if they are to run in production.
 */
export interface DecisionStats {
  onTick(tick: RingEntry, nowMs: number, outcome: TickOutcome): void;
}

export const noDecisionStats: DecisionStats = { onTick() {} };
