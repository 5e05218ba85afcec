// The InstrumentScale of a symbol from Bybit's instruments-info (market-data thread, once per switch): the decimals
// that turn its trade prices and sizes into exact ring integers. Parsing stays in the adapter (parseInstrumentRules).

import { isTradingStatus, parseInstrumentRules } from '@scalper/bybit';
import type { InstrumentScale, Symbol } from '@scalper/protocol';

export type ScaleResult = { readonly ok: true; readonly value: InstrumentScale } | { readonly ok: false; readonly reason: string };

/** One raw instruments-info item into its scale; a malformed item or one not Trading is refused with the reason. */
export function scaleFromInstrument(raw: unknown): ScaleResult {
  const parsed = parseInstrumentRules(raw);
  if (!parsed.ok) return parsed;
  if (!isTradingStatus(parsed.value)) {
    return { ok: false, reason: `instrument ${parsed.value.symbol} is ${parsed.value.status}, not Trading` };
  }
  return { ok: true, value: parsed.value.scale };
}

/** The scale of `symbol` from a raw instruments-info list (BybitRestClient.linearInstruments({ symbol })). */
export function scaleFromInstruments(list: readonly unknown[], symbol: Symbol): ScaleResult {
  const item = list.find((raw) => typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)['symbol'] === symbol);
  if (item === undefined) return { ok: false, reason: `instruments-info has no ${symbol}` };
  return scaleFromInstrument(item);
}
