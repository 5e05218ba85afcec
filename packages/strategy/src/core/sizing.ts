// Position sizing: a fixed USD notional per entry, converted to a quantity on the instrument's qtyStep
// (strategy thread, order time only: big.js, never floats, since this amount becomes an order).

import Big from 'big.js';
import { floorToStep } from '@scalper/protocol';

const zero = new Big(0);

/** (bid + ask) / 2, exact: halving a finite decimal needs only one more digit. */
export function midPrice(bid: Big, ask: Big): Big {
  return bid.plus(ask).div(2);
}

/**
 * The seed's qty = position_value / mid_price ($1000 at $5.00 → 200), rounded down to `qtyStep` so the order never
 * exceeds the budget. Zero means the budget buys less than one step: no entry.
 */
export function entryQty(positionSizeUsd: Big, mid: Big, qtyStep: Big): Big {
  if (!mid.gt(0) || !qtyStep.gt(0)) return zero;
  let qty = floorToStep(positionSizeUsd.div(mid), qtyStep);
  // div rounds its last digit (at Big.DP places), which can lift a quotient sitting just below a step onto it;
  // stepping back once keeps qty × mid within the budget whatever the rounding did.
  if (qty.times(mid).gt(positionSizeUsd)) qty = qty.minus(qtyStep);
  return qty.gt(0) ? qty : zero;
}
