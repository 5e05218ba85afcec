// What made a strategy decision (strategy thread, and backtests): logged with each decision live and recorded with
// it in a backtest, so a backtest of a recording of a live run can be matched decision by decision.

import { formatScaledDecimal, type RingEntry } from '@scalper/protocol';

export type DecisionTrigger =
  | { readonly kind: 'tick'; readonly tsEventMs: number; readonly price: string; readonly size: string }
  | { readonly kind: 'book' | 'timer' | 'feedback' | 'symbol-changed' | 'halt' | 'feed-status' };

export function tickTrigger(tick: RingEntry): DecisionTrigger {
  return {
    kind: 'tick',
    tsEventMs: tick.tsEventMs,
    price: formatScaledDecimal(tick.priceRaw, tick.priceDecimals),
    size: formatScaledDecimal(tick.sizeRaw, tick.sizeDecimals),
  };
}
