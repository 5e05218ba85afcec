// Test support for the scanner core (tests only): tickers and instrument rules built from Bybit's documented items.
// Not exported from the package; the rules go through the adapter's own parser so tests see what production sees.

import { readFileSync } from 'node:fs';
import { parseInstrumentRules, type InstrumentRules, type TickerSnapshot } from '@scalper/bybit';
import { toDecimalString, toSymbol } from '@scalper/protocol';

interface InstrumentsPayload {
  payload: { result: { list: Record<string, unknown>[] } };
}

const documentedInstrument = (
  JSON.parse(
    readFileSync(new URL('../../../../bybit/fixtures/rest_instruments_info_linear_docs.json', import.meta.url), 'utf8'),
  ) as InstrumentsPayload
).payload.result.list[0] as Record<string, unknown>;

/** The documented raw BTCUSDT instruments-info item renamed to `symbol`, with top-level fields replaced. */
export function instrumentItem(symbol: string, edits: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(documentedInstrument), symbol, ...edits };
}

/** The rules of instrumentItem(symbol, edits), through the adapter's parser. */
export function instrument(symbol: string, edits: Record<string, unknown> = {}): InstrumentRules {
  const parsed = parseInstrumentRules(instrumentItem(symbol, edits));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** A ticker whose score is turnover × |pcnt| (× boost); the other fields do not matter to the scanner. */
export function ticker(symbol: string, turnover24h: string, price24hPcnt: string): TickerSnapshot {
  return {
    symbol: toSymbol(symbol),
    lastPrice: toDecimalString('1'),
    price24hPcnt: toDecimalString(price24hPcnt),
    turnover24h: toDecimalString(turnover24h),
    volume24h: toDecimalString('1'),
    bid1Price: null,
    ask1Price: null,
  };
}
