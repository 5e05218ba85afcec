// What would stop an entry right now, in words, for the status line (strategy thread, on a stats request; never per
// tick). The same gates as entryBlock, in its order, so the status says what the next signal would run into.

import type { FeedState } from '@scalper/protocol';
import { entryBlock } from './entry-rules.js';
import type { StrategyPhase } from './strategy-status.js';

export interface ReadinessInput {
  readonly nowMs: number;
  readonly phase: StrategyPhase;
  readonly halted: boolean;
  readonly feedState: FeedState;
  /** Entries are held until then: a cooldown after an exit or a stop, or a pause after a refused entry. */
  readonly entryAllowedAtMs: number;
  readonly bookAgeMs: number;
  readonly spreadBps: number;
  readonly staleDataMs: number;
  readonly maxEntrySpreadBps: number;
}

/** Busy, said as what is in flight: one position at a time, so exactly one of these holds. */
const busyWords: Readonly<Record<StrategyPhase, string>> = {
  'no-symbol': 'no symbol yet',
  flat: 'ready',
  entering: 'entering',
  open: 'in position',
  exiting: 'closing',
};

/** 'ready' when nothing blocks; otherwise the first gate that would, e.g. 'cooldown 42 s' or 'wide spread 63.2 bps'. */
export function entryReadiness(input: ReadinessInput): string {
  const { phase, nowMs } = input;
  const busy = phase === 'entering' || phase === 'open' || phase === 'exiting';
  if (phase === 'no-symbol' && !input.halted) return busyWords[phase];
  const block = entryBlock({
    halted: input.halted,
    feedLive: input.feedState === 'live',
    busy,
    inCooldown: nowMs < input.entryAllowedAtMs,
    bookAgeMs: input.bookAgeMs,
    spreadBps: input.spreadBps,
    staleDataMs: input.staleDataMs,
    maxEntrySpreadBps: input.maxEntrySpreadBps,
  });
  switch (block) {
    case null:
      return 'ready';
    case 'halted':
      return 'halted';
    case 'feed-not-live':
      return `feed ${input.feedState}`;
    case 'busy':
      return busyWords[phase];
    case 'cooldown':
      return `cooldown ${Math.ceil((input.entryAllowedAtMs - nowMs) / 1000)} s`;
    case 'no-book':
      return 'no book';
    case 'stale-book':
      return `stale book (${Math.round(input.bookAgeMs)} ms)`;
    case 'wide-spread':
      return Number.isFinite(input.spreadBps) ? `wide spread ${input.spreadBps.toFixed(1)} bps` : 'wide spread';
    default:
      // zero-qty and bad-stop are found while sizing an order, not by a gate; they hold entries as a pause instead.
      return block;
  }
}
