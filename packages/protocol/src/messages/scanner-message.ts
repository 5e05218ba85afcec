// Messages the scanner worker receives (from market-data): whether a switch it asked for took effect.

import type { Symbol } from '../domain/symbol.js';
import type { ErrorValue } from './result.js';
import type { MessageUnion } from './message-map.js';

export interface ScannerPayloads {
  SwitchCompleted: { symbol: Symbol; tsEventMs: number };
  SwitchFailed: { symbol: Symbol; error: ErrorValue };
}

export type ScannerMessage = MessageUnion<ScannerPayloads>;
