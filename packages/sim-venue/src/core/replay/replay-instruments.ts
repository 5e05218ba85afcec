// Instrument rules for a replay (venue thread): the recording's own instruments-info items where its header has
// them, else the catalog's rules where they fit the recording, else rules derived from the decimals the recording
// shows, so a recording of any Bybit symbol replays.

import type { InstrumentSpec } from '../venue-types.js';
import { specsBySymbol } from '../market/instrument-items.js';

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

const marketTopic = /^(publicTrade|orderbook\.\d+)\.[A-Z0-9]+$/;

/** Looks at frames one at a time (a streaming pass over a recording) and remembers each symbol's decimals. */
export class ReplaySymbolScan {
  private readonly seen = new Map<string, Seen>();

  noteFrame(frame: Readonly<Record<string, unknown>>): void {
    const topic = frame['topic'];
    if (typeof topic !== 'string' || !marketTopic.test(topic)) return;
    const symbol = topic.slice(topic.lastIndexOf('.') + 1);
    const data = frame['data'];
    if (topic.startsWith('publicTrade.') && Array.isArray(data)) {
      for (const item of data as Record<string, unknown>[]) this.note(symbol, item['p'], item['v']);
    } else if (typeof data === 'object' && data !== null) {
      for (const key of ['b', 'a']) {
        const levels = (data as Record<string, unknown>)[key];
        if (Array.isArray(levels)) for (const level of levels) if (Array.isArray(level)) this.note(symbol, level[0], level[1]);
      }
    }
  }

  /** A spec for every symbol seen: the recorded item's, the catalog's where it fits, or one derived from the decimals. */
  specs(recordedItems: readonly unknown[], catalog: readonly InstrumentSpec[]): InstrumentSpec[] {
    const recorded = specsBySymbol(recordedItems);
    const specs: InstrumentSpec[] = [];
    for (const [symbol, entry] of this.seen) {
      const fromRecording = recorded.get(symbol);
      if (fromRecording !== undefined) {
        specs.push({ ...fromRecording, startPrice: entry.firstPrice ?? fromRecording.tickSize });
        continue;
      }
      const known = catalog.find((spec) => spec.symbol === symbol);
      if (known !== undefined && known.priceDecimals >= entry.priceDecimals && known.sizeDecimals >= entry.sizeDecimals) {
        specs.push(known);
        continue;
      }
      specs.push(derivedSpec(symbol, entry));
    }
    return specs.sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  private note(symbol: string, price: unknown, size: unknown): void {
    let entry = this.seen.get(symbol);
    if (entry === undefined) this.seen.set(symbol, (entry = { priceDecimals: 0, sizeDecimals: 0, firstPrice: null }));
    entry.priceDecimals = Math.max(entry.priceDecimals, decimalsOf(price));
    entry.sizeDecimals = Math.max(entry.sizeDecimals, decimalsOf(size));
    if (entry.firstPrice === null && typeof price === 'string') entry.firstPrice = price;
  }
}

function derivedSpec(symbol: string, entry: Seen): InstrumentSpec {
  const tick = step(entry.priceDecimals);
  const qty = step(entry.sizeDecimals);
  return {
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
  };
}
