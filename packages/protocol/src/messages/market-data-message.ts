// Messages the market-data worker receives (from the scanner).

import type { Symbol } from '../domain/symbol.js';
import type { MessageUnion } from './message-map.js';

export interface MarketDataPayloads {
  /** Hot-swap the public subscriptions to `symbol`; `score` is the scanner's volatility score, for the logs. */
  SwitchSymbol: { symbol: Symbol; score: number; previousScore: number | null };
}

export type MarketDataMessage = MessageUnion<MarketDataPayloads>;
