// Messages the scanner worker receives (from market-data): whether a switch it asked for took effect.

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
}

export type ScannerMessage = MessageUnion<ScannerPayloads>;
