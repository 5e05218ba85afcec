// Bybit v5 REST endpoints as typed calls (execution and scanner threads): market data, orders, positions,
// leverage, wallet and the key's own permissions. Wire names and paging stay here; callers get protocol types or refusal reasons.

import { isDecimalString, type OrderRequest, type OrderUpdate, type Fill, type Symbol } from '@scalper/protocol';
import { parseApiKeyInfo, type ApiKeyInfo } from '../parse/api-key-parser.js';
import { parseClosedPnlItem, type ClosedPnlRecord } from '../parse/closed-pnl-parser.js';
import { parseExecutionItem, parseOrderItem } from '../parse/order-parsers.js';
import type { ParseResult } from '../parse/parse-result.js';
import { parsePositionItem, type ParsedPosition } from '../parse/position-parser.js';
import { parseTickerItem, type TickerSnapshot } from '../parse/ticker-parser.js';
import { parseWalletItem, type WalletSnapshot } from '../parse/wallet-parser.js';
import { BybitApiError, BybitTransportError } from '../errors/bybit-errors.js';
import { retCodeLeverageNotModified, retCodePositionModeNotModified } from '../errors/retry-policy.js';
import { cancelOrderBody, createOrderBody, orderAckOf, type OrderAck } from '../trade/order-bodies.js';
import { PreEncoded, type BybitRestTransport, type QueryValue } from './rest-transport.js';

/** Items the venue sent that a parser refused: reported, never silently dropped. */
export interface Parsed<T> {
  readonly items: readonly T[];
  readonly refused: readonly string[];
}

export interface BookSnapshot {
  readonly symbol: string;
  readonly bids: readonly (readonly [string, string])[];
  readonly asks: readonly (readonly [string, string])[];
  readonly updateId: number;
  readonly tsMs: number;
}

export type SetOutcome = 'set' | 'unchanged';

interface ListResult {
  readonly list?: unknown;
  readonly nextPageCursor?: unknown;
}

function parseList<T>(endpoint: string, list: unknown, parse: (raw: unknown) => ParseResult<T>): Parsed<T> {
  if (!Array.isArray(list)) throw new BybitTransportError('bad-response', endpoint, 'result.list is not an array');
  const items: T[] = [];
  const refused: string[] = [];
  for (const raw of list) {
    const outcome = parse(raw);
    if (outcome.ok) items.push(outcome.value);
    else refused.push(outcome.reason);
  }
  return { items, refused };
}

/** Cursor paging is capped so a venue that keeps sending cursors cannot loop us forever. */
const maxPages = 50;
/** The longest span GET /v5/execution/list and /v5/position/closed-pnl take in one query (startTime to endTime). */
export const historyQueryWindowMs = 7 * 86_400_000;

/** [startMs, endMs] cut into the 7-day spans one history query may cover, oldest first. */
export function historyWindows(startMs: number, endMs: number): { readonly startTime: number; readonly endTime: number }[] {
  const windows: { startTime: number; endTime: number }[] = [];
  for (let from = startMs; from <= endMs; from += historyQueryWindowMs + 1) {
    windows.push({ startTime: from, endTime: Math.min(endMs, from + historyQueryWindowMs) });
  }
  return windows;
}

export class BybitRestClient {
  constructor(private readonly transport: BybitRestTransport) {}

  async serverTimeMs(): Promise<number> {
    await this.transport.syncClock();
    return Date.now() + this.transport.clockOffset;
  }

  async linearTickers(): Promise<Parsed<TickerSnapshot>> {
    return parseList('/v5/market/tickers', await this.linearTickerItems(), parseTickerItem);
  }

  /** The linear tickers as Bybit sent them (every field), for a host that relays them (paper trading's venue). */
  async linearTickerItems(): Promise<readonly unknown[]> {
    const { result } = await this.transport.request<ListResult>({
      method: 'GET',
      path: '/v5/market/tickers',
      query: { category: 'linear' },
      signed: false,
    });
    if (!Array.isArray(result.list)) throw new BybitTransportError('bad-response', '/v5/market/tickers', 'result.list is not an array');
    return result.list as readonly unknown[];
  }

  /** Every linear instrument (raw items, parsed by instrument rules), following nextPageCursor. */
  async linearInstruments(query: { symbol?: string; status?: string } = {}): Promise<readonly unknown[]> {
    return this.pagedList('/v5/market/instruments-info', { category: 'linear', symbol: query.symbol, status: query.status, limit: 1000 }, false);
  }

  async orderBook(symbol: Symbol, limit = 50): Promise<BookSnapshot> {
    const { result } = await this.transport.request<{ s?: unknown; b?: unknown; a?: unknown; u?: unknown; ts?: unknown }>({
      method: 'GET',
      path: '/v5/market/orderbook',
      query: { category: 'linear', symbol, limit },
      signed: false,
    });
    if (!isLevelList(result.b) || !isLevelList(result.a) || !isCounter(result.u) || !isCounter(result.ts)) {
      throw new BybitTransportError('bad-response', '/v5/market/orderbook', 'book without [price, size] levels in b and a, or without u or ts');
    }
    return { symbol, bids: result.b, asks: result.a, updateId: result.u, tsMs: result.ts };
  }

  /**
   * How long a create sent now would wait for the rate limiter (X-Bapi-Limit-Status 0, or a 10006) before it
   * leaves; createOrder called in the same turn waits exactly this long.
   */
  createOrderHoldMs(): number {
    return this.transport.holdMs('/v5/order/create');
  }

  /**
   * One-way mode (positionIdx 0) always; the orderLinkId makes a retried create land at most once. `stillWanted`
   * is asked before the transport's own resend (after a 10002 clock resync): false ends it with the 10002 unsent.
   */
  async createOrder(order: OrderRequest, options: { readonly stillWanted?: () => boolean } = {}): Promise<OrderAck> {
    const body = createOrderBody(order);
    const { result } = await this.transport.request<{ orderId?: unknown; orderLinkId?: unknown }>({
      method: 'POST',
      path: '/v5/order/create',
      body,
      signed: true,
      ...(options.stillWanted === undefined ? {} : { stillWanted: options.stillWanted }),
    });
    return orderAckOf('/v5/order/create', result);
  }

  async cancelOrder(symbol: Symbol, id: { orderId: string } | { orderLinkId: string }): Promise<OrderAck> {
    const { result } = await this.transport.request<{ orderId?: unknown; orderLinkId?: unknown }>({
      method: 'POST',
      path: '/v5/order/cancel',
      body: cancelOrderBody(symbol, id),
      signed: true,
    });
    return orderAckOf('/v5/order/cancel', result);
  }

  /**
   * Cancels the symbol's active orders only: without orderFilter Bybit's linear cancel-all also removes conditional
   * orders and the position's TP/SL, which would leave a partly filled entry without its stop loss.
   */
  async cancelAll(symbol: Symbol): Promise<readonly OrderAck[]> {
    const { result } = await this.transport.request<{ list?: unknown }>({
      method: 'POST',
      path: '/v5/order/cancel-all',
      body: { category: 'linear', symbol, orderFilter: 'Order' },
      signed: true,
    });
    if (!Array.isArray(result.list)) throw new BybitTransportError('bad-response', '/v5/order/cancel-all', 'result.list is not an array');
    return result.list.map((item) => orderAckOf('/v5/order/cancel-all', item));
  }

  async openOrders(symbol: Symbol): Promise<Parsed<OrderUpdate>> {
    const list = await this.pagedList('/v5/order/realtime', { category: 'linear', symbol, openOnly: 0, limit: 50 }, true);
    return parseList('/v5/order/realtime', list, parseOrderItem);
  }

  async positions(symbol: Symbol): Promise<Parsed<ParsedPosition>> {
    const { result } = await this.transport.request<ListResult>({
      method: 'GET',
      path: '/v5/position/list',
      query: { category: 'linear', symbol },
      signed: true,
    });
    return parseList('/v5/position/list', result.list, parsePositionItem);
  }

  /** Every open USDT-settled linear position of the account (a fresh start does not know which symbols it holds). */
  async openPositions(): Promise<Parsed<ParsedPosition>> {
    const list = await this.pagedList('/v5/position/list', { category: 'linear', settleCoin: 'USDT', limit: 200 }, true);
    return parseList('/v5/position/list', list, parsePositionItem);
  }

  /** Every open USDT-settled linear order of the account. */
  async allOpenOrders(): Promise<Parsed<OrderUpdate>> {
    const list = await this.pagedList('/v5/order/realtime', { category: 'linear', settleCoin: 'USDT', openOnly: 0, limit: 50 }, true);
    return parseList('/v5/order/realtime', list, parseOrderItem);
  }

  async executions(symbol: Symbol, startTimeMs?: number): Promise<Parsed<Fill>> {
    const list = await this.pagedList('/v5/execution/list', { category: 'linear', symbol, startTime: startTimeMs, limit: 100 }, true);
    return parseList('/v5/execution/list', list, parseExecutionItem);
  }

  /**
   * Every trade execution of the account's linear contracts in [startMs, endMs], however long the span: each 7-day
   * window is one paged query (what a restart backfills into its journal).
   */
  async executionsBetween(startMs: number, endMs: number): Promise<Parsed<Fill>> {
    const list: unknown[] = [];
    for (const window of historyWindows(startMs, endMs)) {
      list.push(...(await this.pagedList('/v5/execution/list', { category: 'linear', ...window, limit: 100 }, true)));
    }
    return parseList('/v5/execution/list', list, parseExecutionItem);
  }

  /** The account's linear closed-PnL records (one per closing order) created in [startMs, endMs]. */
  async closedPnlBetween(startMs: number, endMs: number): Promise<Parsed<ClosedPnlRecord>> {
    const list: unknown[] = [];
    for (const window of historyWindows(startMs, endMs)) {
      list.push(...(await this.pagedList('/v5/position/closed-pnl', { category: 'linear', ...window, limit: 100 }, true)));
    }
    return parseList('/v5/position/closed-pnl', list, parseClosedPnlItem);
  }

  /** "Leverage not modified" (110043) means it already has that value: success. */
  async setLeverage(symbol: Symbol, leverage: string): Promise<SetOutcome> {
    return this.settingCall(retCodeLeverageNotModified, {
      path: '/v5/position/set-leverage',
      body: { category: 'linear', symbol, buyLeverage: leverage, sellLeverage: leverage },
    });
  }

  /** Mode 0 is one-way; "position mode not modified" (110025) means it already is. */
  async switchToOneWayMode(symbol: Symbol): Promise<SetOutcome> {
    return this.settingCall(retCodePositionModeNotModified, {
      path: '/v5/position/switch-mode',
      body: { category: 'linear', symbol, mode: 0 },
    });
  }

  async walletBalance(accountType: string): Promise<Parsed<WalletSnapshot>> {
    const { result } = await this.transport.request<ListResult>({
      method: 'GET',
      path: '/v5/account/wallet-balance',
      query: { accountType },
      signed: true,
    });
    return parseList('/v5/account/wallet-balance', result.list, parseWalletItem);
  }

  /**
   * The permissions of the key this client signs with (GET /v5/user/query-api; any permission may call it). A shape
   * the parser refuses is a bad-response error: the caller cannot tell what the key may do, so it must not trade.
   */
  async apiKeyInfo(): Promise<ApiKeyInfo> {
    const { result } = await this.transport.request<unknown>({ method: 'GET', path: '/v5/user/query-api', signed: true });
    const info = parseApiKeyInfo(result);
    if (!info.ok) throw new BybitTransportError('bad-response', '/v5/user/query-api', info.reason);
    return info.value;
  }

  private async settingCall(notModifiedCode: number, call: { path: string; body: Record<string, unknown> }): Promise<SetOutcome> {
    try {
      await this.transport.request({ method: 'POST', path: call.path, body: call.body, signed: true });
      return 'set';
    } catch (error) {
      if (error instanceof BybitApiError && error.retCode === notModifiedCode) return 'unchanged';
      throw error;
    }
  }

  private async pagedList(path: string, query: Record<string, QueryValue>, signed: boolean): Promise<unknown[]> {
    const all: unknown[] = [];
    let cursor: PreEncoded | undefined;
    for (let page = 0; page < maxPages; page++) {
      const { result } = await this.transport.request<ListResult>({ method: 'GET', path, query: { ...query, cursor }, signed });
      if (!Array.isArray(result.list)) throw new BybitTransportError('bad-response', path, 'result.list is not an array');
      all.push(...result.list);
      const next = result.nextPageCursor;
      if (typeof next !== 'string' || next === '') return all;
      cursor = new PreEncoded(next);
    }
    throw new BybitTransportError('bad-response', path, `still paging after ${maxPages} pages`);
  }
}

/** A REST book lists only levels that exist: [price, size] with both positive plain decimals. */
function isLevelList(value: unknown): value is (readonly [string, string])[] {
  const positive = (text: unknown): boolean => isDecimalString(text) && !text.startsWith('-') && /[1-9]/.test(text);
  return Array.isArray(value) && value.every((level) => Array.isArray(level) && level.length >= 2 && positive(level[0]) && positive(level[1]));
}

/** A venue counter or millisecond time: a safe integer, so neither 1e309 (Infinity) nor a rounded value. */
function isCounter(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
