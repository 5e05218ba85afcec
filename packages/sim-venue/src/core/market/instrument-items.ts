// Instrument rules from instruments-info items (venue thread, and backtests): a replay's fills obey the tick size and
// lot rules the recorded venue had; the embedded venue's catalog is the fallback.

import type { InstrumentSpec } from '../venue-types.js';
import { scaledToText } from './decimal-scale.js';
import { instrumentCatalog } from './instrument-catalog.js';

function field(item: unknown, group: string | null, name: string): string | null {
  const holder = group === null ? item : (item as Record<string, unknown> | null)?.[group];
  const value = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? value : null;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** One instruments-info item as an InstrumentSpec; null when a rule the matching needs is missing. */
export function specFromInstrumentItem(item: unknown): InstrumentSpec | null {
  const symbol = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['symbol'] : undefined;
  const tickSize = field(item, 'priceFilter', 'tickSize');
  const qtyStep = field(item, 'lotSizeFilter', 'qtyStep');
  const minOrderQty = field(item, 'lotSizeFilter', 'minOrderQty');
  const maxOrderQty = field(item, 'lotSizeFilter', 'maxOrderQty');
  if (typeof symbol !== 'string' || tickSize === null || qtyStep === null || minOrderQty === null || maxOrderQty === null) return null;
  const priceDecimals = decimalsOf(tickSize);
  return {
    symbol,
    baseCoin:
      typeof (item as Record<string, unknown>)['baseCoin'] === 'string'
        ? String((item as Record<string, unknown>)['baseCoin'])
        : symbol.replace(/USDT$/, ''),
    tickSize,
    qtyStep,
    minOrderQty,
    maxOrderQty,
    maxMktOrderQty: field(item, 'lotSizeFilter', 'maxMktOrderQty') ?? maxOrderQty,
    postOnlyMaxOrderQty: field(item, 'lotSizeFilter', 'postOnlyMaxOrderQty') ?? maxOrderQty,
    minNotionalValue: field(item, 'lotSizeFilter', 'minNotionalValue') ?? '5',
    minPrice: field(item, 'priceFilter', 'minPrice') ?? tickSize,
    maxPrice: field(item, 'priceFilter', 'maxPrice') ?? scaledToText(Number(tickSize.replace('.', '')) * 19_999_998, priceDecimals),
    priceDecimals,
    sizeDecimals: decimalsOf(qtyStep),
    startPrice: '0',
    startTurnover24h: '0',
  };
}

/** The usable items of an instruments-info list as specs, by symbol (the last item of a symbol wins). */
export function specsBySymbol(items: readonly unknown[]): Map<string, InstrumentSpec> {
  const specs = new Map<string, InstrumentSpec>();
  for (const item of items) {
    const spec = specFromInstrumentItem(item);
    if (spec !== null) specs.set(spec.symbol, spec);
  }
  return specs;
}

/**
 * The specs of `symbols`: from the recording's items where it has them, else from the embedded venue's catalog.
 * Throws naming the symbol when neither knows it: replaying a symbol without its rules would invent them.
 */
export function resolveInstrumentSpecs(symbols: Iterable<string>, recordedItems: readonly unknown[]): InstrumentSpec[] {
  const recorded = specsBySymbol(recordedItems);
  const specs: InstrumentSpec[] = [];
  for (const symbol of symbols) {
    const spec = recorded.get(symbol) ?? instrumentCatalog.find((s) => s.symbol === symbol);
    if (spec === undefined) {
      throw new Error(
        `the recording has no instruments-info for ${symbol} and the embedded venue's catalog does not list it: record with \`pnpm record\`, which stores the rules`,
      );
    }
    specs.push(spec);
  }
  return specs;
}
