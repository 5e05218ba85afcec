// Builds the venue's public WebSocket frames as text (venue thread): publicTrade, orderbook snapshots and deltas,
// tickers. Built with templates rather than JSON.stringify of objects, because at 50,000 trades/s this is the
// venue's hot path; the shapes match Bybit's documented frames field for field.

import type { BookLevel, BookView, InstrumentSpec, SimTrade, TickerState } from '../core/venue-types.js';
import { scaledToText as scaledText } from '../core/market/decimal-scale.js';

const tickDirections = ['PlusTick', 'ZeroPlusTick', 'MinusTick', 'ZeroMinusTick'] as const;

/** Remembers each symbol's last trade price and direction, for Bybit's `L` (tick direction) field. */
export class TickDirectionTracker {
  private readonly last = new Map<string, { priceRaw: number; direction: number }>();

  next(symbol: string, priceRaw: number): string {
    const previous = this.last.get(symbol);
    let direction = 0;
    if (previous !== undefined) {
      if (priceRaw > previous.priceRaw) direction = 0;
      else if (priceRaw < previous.priceRaw) direction = 2;
      else direction = previous.direction === 0 || previous.direction === 1 ? 1 : 3;
    }
    this.last.set(symbol, { priceRaw, direction });
    return tickDirections[direction] as string;
  }
}

export function tradeFrameText(spec: InstrumentSpec, trades: readonly SimTrade[], nowMs: number, ticks: TickDirectionTracker): string {
  const items: string[] = [];
  for (const t of trades) {
    items.push(
      `{"T":${t.tsMs},"s":"${t.symbol}","S":"${t.side}","v":"${scaledText(t.sizeRaw, spec.sizeDecimals)}","p":"${scaledText(t.priceRaw, spec.priceDecimals)}","L":"${ticks.next(t.symbol, t.priceRaw)}","i":"${t.tradeId}","BT":false,"seq":${t.seq}}`,
    );
  }
  return `{"topic":"publicTrade.${spec.symbol}","type":"snapshot","ts":${nowMs},"data":[${items.join(',')}]}`;
}

function levelsText(levels: readonly BookLevel[], spec: InstrumentSpec, limit: number): string {
  const parts: string[] = [];
  const count = Math.min(limit, levels.length);
  for (let i = 0; i < count; i++) {
    const level = levels[i] as BookLevel;
    parts.push(`["${scaledText(level.priceRaw, spec.priceDecimals)}","${scaledText(level.sizeRaw, spec.sizeDecimals)}"]`);
  }
  return `[${parts.join(',')}]`;
}

export function bookFrameText(
  spec: InstrumentSpec,
  depth: 1 | 50,
  action: 'snapshot' | 'delta',
  bids: readonly BookLevel[],
  asks: readonly BookLevel[],
  updateId: number,
  seq: number,
  nowMs: number,
): string {
  // A snapshot is the best `depth` levels; a delta carries every change of that window, deletes included (up to
  // twice the depth when the whole window moved).
  const limit = action === 'snapshot' ? depth : Number.POSITIVE_INFINITY;
  return (
    `{"topic":"orderbook.${depth}.${spec.symbol}","type":"${action}","ts":${nowMs},"data":{"s":"${spec.symbol}",` +
    `"b":${levelsText(bids, spec, limit)},"a":${levelsText(asks, spec, limit)},"u":${updateId},"seq":${seq}},"cts":${nowMs}}`
  );
}

export function bookSnapshotText(spec: InstrumentSpec, depth: 1 | 50, book: BookView, updateId: number, seq: number, nowMs: number): string {
  return bookFrameText(spec, depth, 'snapshot', book.bids, book.asks, updateId, seq, nowMs);
}

/** The ticker fields a linear ticker carries, as REST /v5/market/tickers and the tickers topic both report them. */
export function tickerItem(spec: InstrumentSpec, ticker: TickerState, nowMs: number): Record<string, string> {
  const last = scaledText(ticker.lastPriceRaw, spec.priceDecimals);
  const prev = scaledText(ticker.prevPrice24hRaw, spec.priceDecimals);
  const change = ticker.prevPrice24hRaw > 0 ? (ticker.lastPriceRaw - ticker.prevPrice24hRaw) / ticker.prevPrice24hRaw : 0;
  return {
    symbol: spec.symbol,
    lastPrice: last,
    indexPrice: last,
    markPrice: last,
    prevPrice24h: prev,
    price24hPcnt: change.toFixed(6),
    highPrice24h: scaledText(Math.max(ticker.lastPriceRaw, ticker.prevPrice24hRaw), spec.priceDecimals),
    lowPrice24h: scaledText(Math.min(ticker.lastPriceRaw, ticker.prevPrice24hRaw), spec.priceDecimals),
    prevPrice1h: prev,
    openInterest: '0',
    openInterestValue: '0',
    turnover24h: ticker.turnover24h,
    volume24h: ticker.volume24h,
    fundingRate: '0.0001',
    nextFundingTime: String(Math.ceil(nowMs / 28_800_000) * 28_800_000),
    predictedDeliveryPrice: '',
    basisRate: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    ask1Size: ticker.bestAsk === null ? '' : scaledText(ticker.bestAsk.sizeRaw, spec.sizeDecimals),
    bid1Price: ticker.bestBid === null ? '' : scaledText(ticker.bestBid.priceRaw, spec.priceDecimals),
    ask1Price: ticker.bestAsk === null ? '' : scaledText(ticker.bestAsk.priceRaw, spec.priceDecimals),
    bid1Size: ticker.bestBid === null ? '' : scaledText(ticker.bestBid.sizeRaw, spec.sizeDecimals),
    basis: '',
    preOpenPrice: '',
    preQty: '',
    curPreListingPhase: '',
    fundingIntervalHour: '8',
    basisRateYear: '',
    fundingCap: '0.005',
  };
}

export function tickerFrameText(spec: InstrumentSpec, ticker: TickerState, nowMs: number, seq: number): string {
  return tickerSnapshotText(tickerItem(spec, ticker, nowMs), nowMs, seq);
}

/** A tickers snapshot frame around one ticker item (REST's list item and the topic's data have the same fields). */
export function tickerSnapshotText(item: Readonly<Record<string, unknown>>, nowMs: number, seq: number): string {
  return JSON.stringify({ topic: `tickers.${String(item['symbol'])}`, type: 'snapshot', data: item, cs: seq, ts: nowMs });
}

/** One instruments-info list item, field for field as Bybit documents a linear perpetual. */
export function instrumentItem(spec: InstrumentSpec, symbolId: number): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    symbolId,
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: spec.baseCoin,
    quoteCoin: 'USDT',
    launchTime: '1585526400000',
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(spec.priceDecimals),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: spec.minPrice, maxPrice: spec.maxPrice, tickSize: spec.tickSize },
    lotSizeFilter: {
      maxOrderQty: spec.maxOrderQty,
      minOrderQty: spec.minOrderQty,
      qtyStep: spec.qtyStep,
      postOnlyMaxOrderQty: spec.postOnlyMaxOrderQty,
      maxMktOrderQty: spec.maxMktOrderQty,
      minNotionalValue: spec.minNotionalValue,
    },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: 'USDT',
    copyTrading: 'both',
    upperFundingRate: '0.005',
    lowerFundingRate: '-0.005',
    isPreListing: false,
    preListingInfo: null,
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    symbolType: '',
  };
}
