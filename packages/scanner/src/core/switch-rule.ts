// The seed's should_switch (scanner thread): when the scan's top symbol replaces the one market-data is on.
// Hysteresis by a multiplier, so two symbols of similar score do not make the engine flip-flop every scan.

import type { Symbol } from '@scalper/protocol';

/** The symbol market-data is on, with its score re-computed from this scan's tickers; null score = it vanished. */
export interface CurrentStanding {
  readonly symbol: Symbol;
  readonly score: number | null;
}

export interface Candidate {
  readonly symbol: Symbol;
  readonly score: number;
}

export type SwitchVerdict =
  | { readonly switch: true; readonly reason: 'no-current' | 'beats-threshold' | 'current-vanished' }
  | { readonly switch: false; readonly reason: 'no-candidate' | 'same-symbol' | 'below-threshold' };

/**
 * Switch when there is no current symbol, when the current one is no longer a tradable ticker (null score), or
 * when the top is another symbol and new score > current score × threshold (strictly, as in the seed).
 * Example: SUIUSDT 1.5e9 now, VIRTUALUSDT 2.0e9 on top, threshold 1.2: 2.0e9 > 1.8e9, so switch.
 */
export function shouldSwitch(current: CurrentStanding | null, top: Candidate | null, threshold: number): SwitchVerdict {
  if (top === null) return { switch: false, reason: 'no-candidate' };
  if (current === null) return { switch: true, reason: 'no-current' };
  if (top.symbol === current.symbol) return { switch: false, reason: 'same-symbol' };
  if (current.score === null) return { switch: true, reason: 'current-vanished' };
  return top.score > current.score * threshold ? { switch: true, reason: 'beats-threshold' } : { switch: false, reason: 'below-threshold' };
}
