// When the strategy may open a position: the momentum signal and the gates in front of it (strategy thread,
// per-tick hot path: plain numbers and string constants, no allocation).

import type { Side } from '@scalper/protocol';

/** Why a signal did not become an order; each reason has a counter. */
export type EntryBlock = 'halted' | 'feed-not-live' | 'busy' | 'cooldown' | 'no-book' | 'stale-book' | 'wide-spread' | 'zero-qty' | 'bad-stop';

export const entryBlocks: readonly EntryBlock[] = [
  'halted',
  'feed-not-live',
  'busy',
  'cooldown',
  'no-book',
  'stale-book',
  'wide-spread',
  'zero-qty',
  'bad-stop',
];

/** Long above +threshold, short below −threshold (strictly, as the seed's "entry if > 0.1 %"), else nothing. */
export function entrySide(momentum: number, threshold: number): Side | null {
  if (momentum > threshold) return 'Buy';
  if (momentum < -threshold) return 'Sell';
  return null;
}

/** What the entry gates look at; the strategy core keeps one and refills it, so a signal allocates nothing. */
export interface EntryGates {
  /** A risk limit or the kill switch halted trading. */
  halted: boolean;
  feedLive: boolean;
  /** Something is working, held or closing: one position at a time. */
  busy: boolean;
  inCooldown: boolean;
  /** +Infinity when there is no book yet. */
  bookAgeMs: number;
  spreadBps: number;
  staleDataMs: number;
  maxEntrySpreadBps: number;
}

/**
 * The gates a signal must pass before sizing, in order: trading is not halted; the feed is live (never trade on
 * data we cannot vouch for); one position at a time; no cooldown; a book younger than `staleDataMs`; a spread no
 * wider than `maxEntrySpreadBps`. Returns the first that fails, or null.
 */
export function entryBlock(gates: Readonly<EntryGates>): EntryBlock | null {
  const { halted, feedLive, busy, inCooldown, bookAgeMs, spreadBps: spread, staleDataMs, maxEntrySpreadBps } = gates;
  if (halted) return 'halted';
  if (!feedLive) return 'feed-not-live';
  if (busy) return 'busy';
  if (inCooldown) return 'cooldown';
  if (bookAgeMs === Number.POSITIVE_INFINITY) return 'no-book';
  if (bookAgeMs > staleDataMs) return 'stale-book';
  if (!(spread <= maxEntrySpreadBps)) return 'wide-spread';
  return null;
}
