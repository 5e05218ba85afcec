// The public REST endpoints of the venue (venue thread): tickers, instruments-info with cursor paging, orderbook.

import type { MarketSource } from '../core/market-source.js';
import type { VenueRefusal } from '../server/envelope.js';
import { instrumentItem, tickerItem } from '../server/public-frames.js';
import { scaledToText as scaledText } from '../core/market/decimal-scale.js';
import type { PublicApi, QueryParams } from '../server/venue-api.js';

const categoryError: VenueRefusal = { retCode: 10001, retMsg: 'params error: category only support linear' };

/** `onTickersServed` hears every full tickers answer (what a scanner ranked): a session recording. */
export function createPublicApi(
  market: MarketSource,
  now: () => number,
  onTickersServed?: (nowMs: number, items: readonly Record<string, unknown>[]) => void,
): PublicApi {
  const symbolIds = new Map(market.instruments().map((spec, index) => [spec.symbol, index + 1]));
  return {
    tickers(query: QueryParams) {
      if (query['category'] !== 'linear') return categoryError;
      const outage = market.tickerOutage?.() ?? null;
      // Bybit's 10016 (server error): the scanner's client retries it, then its scan fails naming the cause.
      if (outage !== null) return { retCode: 10016, retMsg: `paper venue: the upstream's tickers are unavailable: ${outage}` };
      const nowMs = now();
      const wanted = query['symbol'];
      const list = market
        .tickers(nowMs)
        .filter((ticker) => wanted === undefined || ticker.symbol === wanted)
        .flatMap((ticker) => {
          const spec = market.instrument(ticker.symbol);
          return spec === undefined ? [] : [tickerItem(spec, ticker, nowMs)];
        });
      if (wanted !== undefined && list.length === 0) return { retCode: 10001, retMsg: `params error: symbol invalid: ${wanted}` };
      if (wanted === undefined) onTickersServed?.(nowMs, list);
      return { category: 'linear', list };
    },
    instruments(query: QueryParams) {
      if (query['category'] !== 'linear') return categoryError;
      const limit = Math.min(1000, Math.max(1, Number(query['limit'] ?? 500) || 500));
      const start = query['cursor'] !== undefined && /^\d+$/.test(query['cursor']) ? Number(query['cursor']) : 0;
      const specs = market
        .instruments()
        .filter((spec) => query['symbol'] === undefined || spec.symbol === query['symbol'])
        .filter(() => query['status'] === undefined || query['status'] === 'Trading');
      const page = specs.slice(start, start + limit);
      const next = start + limit < specs.length ? String(start + limit) : '';
      return { category: 'linear', list: page.map((spec) => instrumentItem(spec, symbolIds.get(spec.symbol) ?? 0)), nextPageCursor: next };
    },
    orderBook(query: QueryParams) {
      if (query['category'] !== 'linear') return categoryError;
      const symbol = query['symbol'] ?? '';
      const spec = market.instrument(symbol);
      if (spec === undefined) return { retCode: 10001, retMsg: `params error: symbol invalid: ${symbol}` };
      const limit = Math.min(500, Math.max(1, Number(query['limit'] ?? 25) || 25));
      const book = market.book(symbol);
      const side = (levels: typeof book.bids) =>
        levels.slice(0, limit).map((l) => [scaledText(l.priceRaw, spec.priceDecimals), scaledText(l.sizeRaw, spec.sizeDecimals)]);
      const nowMs = now();
      return { s: symbol, b: side(book.bids), a: side(book.asks), ts: nowMs, u: book.updateId, seq: book.updateId, cts: nowMs };
    },
  };
}
