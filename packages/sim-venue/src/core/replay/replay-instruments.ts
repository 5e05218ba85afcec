// Instrument rules for a replay (venue thread): the catalog's rules where they fit the recording, otherwise rules
// derived from the decimals the recording shows, so a recording of any Bybit symbol replays.

import type { InstrumentSpec } from '../venue-types.js';
import type { RecordedFrame } from './replay-file.js';

function decimalsOf(text: unknown): number {
  if (typeof text !== 'string') return 0;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function step(decimals: number): string {
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}

interface Seen {
  priceDecimals: number;
  sizeDecimals: number;
  firstPrice: string | null;
}

export function deriveInstrumentSpecs(frames: readonly RecordedFrame[], catalog: readonly InstrumentSpec[]): InstrumentSpec[] {
  const seen = new Map<string, Seen>();
  const note = (symbol: string, price: unknown, size: unknown): void => {
    let entry = seen.get(symbol);
    if (entry === undefined) seen.set(symbol, (entry = { priceDecimals: 0, sizeDecimals: 0, firstPrice: null }));
    entry.priceDecimals = Math.max(entry.priceDecimals, decimalsOf(price));
    entry.sizeDecimals = Math.max(entry.sizeDecimals, decimalsOf(size));
    if (entry.firstPrice === null && typeof price === 'string') entry.firstPrice = price;
  };
  for (const { topic, frame } of frames) {
    if (!/^(publicTrade|orderbook\.\d+)\.[A-Z0-9]+$/.test(topic)) continue;
    const symbol = topic.slice(topic.lastIndexOf('.') + 1);
    const data = frame['data'];
    if (topic.startsWith('publicTrade.') && Array.isArray(data)) {
      for (const item of data as Record<string, unknown>[]) note(symbol, item['p'], item['v']);
    } else if (typeof data === 'object' && data !== null) {
      for (const key of ['b', 'a']) {
        const levels = (data as Record<string, unknown>)[key];
        if (Array.isArray(levels)) for (const level of levels) if (Array.isArray(level)) note(symbol, level[0], level[1]);
      }
    }
  }
  const specs: InstrumentSpec[] = [];
  for (const [symbol, entry] of seen) {
    const known = catalog.find((spec) => spec.symbol === symbol);
    if (known !== undefined && known.priceDecimals >= entry.priceDecimals && known.sizeDecimals >= entry.sizeDecimals) {
      specs.push(known);
      continue;
    }
    const tick = step(entry.priceDecimals);
    const qty = step(entry.sizeDecimals);
    specs.push({
      symbol,
      baseCoin: symbol.replace(/USDT$/, ''),
      tickSize: tick,
      qtyStep: qty,
      minOrderQty: qty,
      maxOrderQty: '1000000',
      maxMktOrderQty: '100000',
      postOnlyMaxOrderQty: '1000000',
      minNotionalValue: '5',
      minPrice: tick,
      maxPrice: '10000000',
      priceDecimals: entry.priceDecimals,
      sizeDecimals: entry.sizeDecimals,
      startPrice: entry.firstPrice ?? tick,
      startTurnover24h: '0',
    });
  }
  return specs.sort((a, b) => a.symbol.localeCompare(b.symbol));
}
