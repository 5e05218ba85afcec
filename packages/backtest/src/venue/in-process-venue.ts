// The embedded venue without sockets (backtest thread): the same REST router, signature checks, matching engine and
// fees as `pnpm venue`, reached through an HttpSend that calls the router directly, and a private stream that hands
// Bybit-shaped frame texts to a callback. The execution core cannot tell it from the venue on 127.0.0.1.

import type { HttpAnswer, HttpRequest, HttpSend } from '@scalper/bybit';
import {
  assembleVenue,
  noFaults,
  publishVenueEvents,
  routeRest,
  SeededRandom,
  type MatchingEngine,
  type PrivateEventSink,
  type PrivateTopicName,
  type SimTrade,
  type VenueAssembly,
} from '@scalper/sim-venue';
import type { FillRecord } from '../core/backtest-types.js';
import type { BacktestMarket } from './backtest-market.js';

export interface InProcessVenueOptions {
  readonly market: BacktestMarket;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly startingBalance: string;
  readonly makerFeeRate: string;
  readonly takerFeeRate: string;
  readonly seed: number;
  /** The backtest clock: the venue's time is the replay's time. */
  readonly now: () => number;
  /** One private frame text, as the venue's private WebSocket would push it. */
  readonly onPrivateFrame: (text: string) => void;
  /** Every execution the venue made, straight from the matching engine (the ledger's truth). */
  readonly onFill: (fill: FillRecord) => void;
}

function headerReader(headers: Readonly<Record<string, string>>): HttpAnswer['headers'] {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name) => lower.get(name.toLowerCase()) ?? null };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export class InProcessVenue {
  readonly engine: MatchingEngine;
  private readonly venue: VenueAssembly;
  private readonly sink: PrivateEventSink;
  private messageSeq = 0;

  constructor(private readonly options: InProcessVenueOptions) {
    this.sink = { publish: (apiKey, topic, items) => this.publish(apiKey, topic, items) };
    const random = new SeededRandom(options.seed);
    this.venue = assembleVenue({
      market: options.market,
      accounts: [{ apiKey: options.apiKey, apiSecret: options.apiSecret }],
      trading: {
        seed: options.seed,
        startingBalance: options.startingBalance,
        makerFeeRate: options.makerFeeRate,
        takerFeeRate: options.takerFeeRate,
      },
      now: options.now,
      privateSink: this.sink,
      faults: { ...noFaults },
      random: () => random.next(),
    });
    this.engine = this.venue.engine;
  }

  /** The execution core's HTTP: every request goes through the venue's router, synchronously, at the replay's time. */
  readonly http: HttpSend = (request: HttpRequest): Promise<HttpAnswer> => {
    const url = new URL(request.url);
    const headers = request.headers;
    const lowerHeaders = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    const answer = routeRest(
      {
        method: request.method,
        path: url.pathname,
        rawQuery: url.search.startsWith('?') ? url.search.slice(1) : url.search,
        body: request.body ?? '',
        header: (name) => lowerHeaders.get(name.toLowerCase()),
      },
      this.venue.rest,
    );
    return Promise.resolve({ status: answer.status, headers: headerReader(answer.headers), text: answer.body });
  };

  /** Trades of one frame: resting orders and stop losses of traded symbols react to each, in order. */
  onTrades(trades: readonly SimTrade[]): void {
    if (trades.length === 0 || !this.venue.tradedSymbols.has((trades[0] as SimTrade).symbol)) return;
    const spec = this.options.market.instrument((trades[0] as SimTrade).symbol);
    if (spec === undefined) return;
    const now = this.options.now();
    for (const trade of trades) {
      const events = this.engine.onTrade(trade, spec, now);
      if (events.length > 0) publishVenueEvents(this.sink, events);
    }
  }

  private publish(apiKey: string, topic: PrivateTopicName, items: readonly unknown[]): void {
    if (apiKey !== this.options.apiKey || items.length === 0) return;
    if (topic === 'execution') for (const item of items) this.options.onFill(fillOf(item));
    this.messageSeq++;
    this.options.onPrivateFrame(JSON.stringify({ id: `bt-${this.messageSeq}`, topic, creationTime: this.options.now(), data: items }));
  }
}

/** The venue's execution record as the ledger's FillRecord (the strings are the venue's exact decimals). */
function fillOf(item: unknown): FillRecord {
  const record = item as Record<string, unknown>;
  return {
    tsMs: Number(record['execTime']),
    symbol: text(record['symbol']),
    side: record['side'] === 'Sell' ? 'Sell' : 'Buy',
    price: text(record['execPrice']),
    qty: text(record['execQty']),
    fee: text(record['execFee']),
    isMaker: record['isMaker'] === true,
    orderLinkId: text(record['orderLinkId']),
  };
}
