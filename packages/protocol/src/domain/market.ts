// Market data as the rest of the engine sees it, after the Bybit adapter has parsed the venue's frames (any thread).

import type { DecimalString } from './decimal-string.js';
import type { Side } from './order-enums.js';
import type { Symbol } from './symbol.js';

export interface Trade {
  readonly symbol: Symbol;
  readonly tradeId: string;
  /** The taker's side. */
  readonly side: Side;
  readonly price: DecimalString;
  readonly size: DecimalString;
  readonly tsEventMs: number;
  readonly isBlockTrade: boolean;
}

/** Best bid and ask (orderbook.1), with the venue's update id so stale or reordered books can be dropped. */
export interface OrderBookTop {
  readonly symbol: Symbol;
  readonly bidPrice: DecimalString;
  readonly bidSize: DecimalString;
  readonly askPrice: DecimalString;
  readonly askSize: DecimalString;
  readonly updateId: number;
  readonly tsEventMs: number;
}

/** The instrument's precision, which decides how prices and sizes are scaled to integers in the tick ring. */
export interface InstrumentScale {
  readonly symbol: Symbol;
  readonly tickSize: DecimalString;
  readonly qtyStep: DecimalString;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}
