// Bybit frame texts for the backtest's tests (test thread): the documented payloads in packages/bybit/fixtures,
// re-aimed at a symbol the replay knows, and classified with the live classifier as the backtest loop does.

import { readFileSync } from 'node:fs';
import { classifyWsFrame, type OrderBookFrame, type TickerFrame, type TradeFrame } from '@scalper/bybit';

/** dist/test-support/ -> packages/bybit/fixtures/ */
const fixturesDir = new URL('../../../bybit/fixtures/', import.meta.url);

/** A fixture's payload (the documented example, as Bybit sent it). */
export function fixturePayload<T = Record<string, unknown>>(name: string): T {
  return (JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8')) as { payload: T }).payload;
}

export type Level = readonly [price: string, size: string];

/** An orderbook frame text shaped as the documented orderbook.50 snapshot, for `depth` and `symbol`. */
export function bookFrameText(input: {
  readonly symbol: string;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  readonly action?: 'snapshot' | 'delta';
  readonly updateId?: number;
  readonly tsMs?: number;
  readonly depth?: number;
}): string {
  const documented = fixturePayload<{ ts: number; cts: number; data: { u: number; seq: number } }>('ws_orderbook50_snapshot_docs.json');
  return JSON.stringify({
    topic: `orderbook.${input.depth ?? 1}.${input.symbol}`,
    type: input.action ?? 'snapshot',
    ts: input.tsMs ?? documented.ts,
    data: { s: input.symbol, b: input.bids, a: input.asks, u: input.updateId ?? documented.data.u, seq: documented.data.seq },
    cts: documented.cts,
  });
}

/** A publicTrade frame text: the documented item's fields, overridden per item. */
export function tradeFrameText(symbol: string, items: readonly Readonly<Record<string, unknown>>[], tsMs?: number): string {
  const documented = fixturePayload<{ ts: number; data: Record<string, unknown>[] }>('ws_public_trade_docs.json');
  const template = documented.data[0] as Record<string, unknown>;
  return JSON.stringify({
    topic: `publicTrade.${symbol}`,
    type: 'snapshot',
    ts: tsMs ?? documented.ts,
    data: items.map((item) => ({ ...template, s: symbol, ...item })),
  });
}

export function tickerFrameText(
  symbol: string,
  action: 'snapshot' | 'delta',
  data: Readonly<Record<string, unknown>>,
  tsMs = 1_672_304_486_868,
): string {
  return JSON.stringify({ topic: `tickers.${symbol}`, type: action, ts: tsMs, cs: 1, data: { symbol, ...data } });
}

function classified<K extends 'orderbook' | 'trade' | 'ticker'>(text: string, kind: K): Extract<ReturnType<typeof classifyWsFrame>, { kind: K }> {
  const frame = classifyWsFrame(text);
  if (frame.kind !== kind) throw new Error(`expected a ${kind} frame, the classifier said ${frame.kind}: ${JSON.stringify(frame)}`);
  return frame as Extract<ReturnType<typeof classifyWsFrame>, { kind: K }>;
}

export function bookFrame(input: Parameters<typeof bookFrameText>[0]): OrderBookFrame {
  return classified(bookFrameText(input), 'orderbook');
}

export function tradeFrame(symbol: string, items: readonly Readonly<Record<string, unknown>>[], tsMs?: number): TradeFrame {
  return classified(tradeFrameText(symbol, items, tsMs), 'trade');
}

export function tickerFrame(symbol: string, action: 'snapshot' | 'delta', data: Readonly<Record<string, unknown>>, tsMs?: number): TickerFrame {
  return classified(tickerFrameText(symbol, action, data, tsMs), 'ticker');
}
