// Linear ticker items from GET /v5/market/tickers (scanner thread): the inputs of the volatility score.

import type { DecimalString, Symbol } from '@scalper/protocol';
import { FieldReader } from './field-reader.js';
import { parsed, refused, type ParseResult } from './parse-result.js';

export interface TickerSnapshot {
  readonly symbol: Symbol;
  readonly lastPrice: DecimalString;
  /** A fraction: "0.05" is +5 %. */
  readonly price24hPcnt: DecimalString;
  /** In the quote coin (USDT for linear USDT perpetuals). */
  readonly turnover24h: DecimalString;
  readonly volume24h: DecimalString;
  readonly bid1Price: DecimalString | null;
  readonly ask1Price: DecimalString | null;
}

export function parseTickerItem(raw: unknown): ParseResult<TickerSnapshot> {
  const r = new FieldReader(raw, 'ticker');
  const ticker: TickerSnapshot = {
    symbol: r.symbol('symbol'),
    lastPrice: r.decimal('lastPrice', 'nonNegative'),
    price24hPcnt: r.decimal('price24hPcnt'),
    turnover24h: r.decimal('turnover24h', 'nonNegative'),
    volume24h: r.decimal('volume24h', 'nonNegative'),
    bid1Price: r.optionalDecimal('bid1Price', 'nonNegative'),
    ask1Price: r.optionalDecimal('ask1Price', 'nonNegative'),
  };
  return r.problem === null ? parsed(ticker) : refused(r.problem);
}
