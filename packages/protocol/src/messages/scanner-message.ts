// Messages the scanner worker receives (from market-data): whether a switch it asked for took effect, and which
// symbol market-data is on when the scanner (re)connects.

import type { Symbol } from '../domain/symbol.js';
import type { ErrorValue } from './result.js';
import type { MessageUnion } from './message-map.js';

export interface ScannerPayloads {
  SwitchCompleted: { symbol: Symbol; tsEventMs: number };
  /**
   * The switch to `symbol` did not complete. `current` is the symbol market-data is really on now (the new one when
   * only its subscribe failed: market-data keeps subscribing it by itself), so the two never disagree.
   */
  SwitchFailed: { symbol: Symbol; error: ErrorValue; current: Symbol | null };
  /**
   * Market-data's answer to a scanner that (re)connected: the symbol it is on (null before the first switch). A
   * restarted scanner waits for it before its first scan, so it goes on from the traded symbol instead of choosing
   * the top coin afresh without the switch threshold.
   */
  MarketDataOn: { symbol: Symbol | null; tsEventMs: number };
}

export type ScannerMessage = MessageUnion<ScannerPayloads>;
