// Test support for the market-data core (tests only): frames built from Bybit's documented payloads through the
// adapter's own classifier, so the tests feed the core exactly what the socket would. Not exported.

import { readFileSync } from 'node:fs';
import { classifyWsFrame, type OrderBookFrame, type TradeFrame } from '@scalper/bybit';

function fixture<T>(name: string): T {
  const url = new URL(`../../../../bybit/fixtures/${name}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { payload: T }).payload;
}

export interface TradeItem {
  T: number;
  s: string;
  S: string;
  v: string;
  p: string;
  L: string;
  i: string;
  BT: boolean;
  seq: number;
}

interface TradePayload {
  topic: string;
  type: string;
  ts: number;
  data: TradeItem[];
}

/** The documented publicTrade.BTCUSDT item: Buy 0.001 at "16578.50", T 1672304486865. */
export const documentedTrade: TradeItem = fixture<TradePayload>('ws_public_trade_docs.json').data[0] as TradeItem;

/** The documented linear instruments-info list (BTCUSDT: tickSize 0.10, qtyStep 0.001). */
export const documentedInstruments: unknown[] = fixture<{ result: { list: unknown[] } }>('rest_instruments_info_linear_docs.json').result.list;

/** A publicTrade frame of `symbol` whose items are the documented trade with fields replaced. */
export function tradeFrame(symbol: string, items: readonly (Partial<TradeItem> | unknown)[]): TradeFrame {
  const data = items.map((item) => (typeof item === 'object' && item !== null ? { ...documentedTrade, s: symbol, ...item } : item));
  const frame = classifyWsFrame(JSON.stringify({ topic: `publicTrade.${symbol}`, type: 'snapshot', ts: 1, data }));
  if (frame.kind !== 'trade') throw new Error(`not a trade frame: ${JSON.stringify(frame)}`);
  return frame;
}

export interface BookFrameSpec {
  readonly u: number;
  readonly bid?: readonly [string, string];
  readonly ask?: readonly [string, string];
  readonly type?: 'snapshot' | 'delta';
  readonly ts?: number;
}

/** An orderbook.1 frame of `symbol`, default touch 16493.50 x 0.006 / 16611.00 x 0.029 (the documented book). */
export function bookFrame(symbol: string, spec: BookFrameSpec): OrderBookFrame {
  const bid = spec.bid ?? ['16493.50', '0.006'];
  const ask = spec.ask ?? ['16611.00', '0.029'];
  const frame = classifyWsFrame(
    JSON.stringify({
      topic: `orderbook.1.${symbol}`,
      type: spec.type ?? 'snapshot',
      ts: spec.ts ?? 1672304484978,
      data: { s: symbol, b: [bid], a: [ask], u: spec.u, seq: spec.u },
      cts: 1672304484976,
    }),
  );
  if (frame.kind !== 'orderbook') throw new Error(`not an orderbook frame: ${JSON.stringify(frame)}`);
  return frame;
}
