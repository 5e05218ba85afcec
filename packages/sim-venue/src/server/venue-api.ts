// What the REST router and the WebSocket servers need from the venue's state (venue thread). The venue wires its
// market simulator and trading core behind this interface, so the servers know nothing of matching or prices.

import type { VenueKey } from './api-keys.js';
import type { VenueRefusal } from './envelope.js';

export type QueryParams = Readonly<Record<string, string>>;

export interface PublicApi {
  tickers(query: QueryParams): unknown | VenueRefusal;
  instruments(query: QueryParams): unknown | VenueRefusal;
  orderBook(query: QueryParams): unknown | VenueRefusal;
}

/** Each call is made for an authenticated API key; bodies are the parsed JSON the client sent. */
export interface PrivateApi {
  createOrder(apiKey: string, body: unknown): unknown | VenueRefusal;
  cancelOrder(apiKey: string, body: unknown): unknown | VenueRefusal;
  cancelAll(apiKey: string, body: unknown): unknown | VenueRefusal;
  openOrders(apiKey: string, query: QueryParams): unknown | VenueRefusal;
  positions(apiKey: string, query: QueryParams): unknown | VenueRefusal;
  executions(apiKey: string, query: QueryParams): unknown | VenueRefusal;
  closedPnl(apiKey: string, query: QueryParams): unknown | VenueRefusal;
  walletBalance(apiKey: string, query: QueryParams): unknown | VenueRefusal;
  setLeverage(apiKey: string, body: unknown): unknown | VenueRefusal;
  switchMode(apiKey: string, body: unknown): unknown | VenueRefusal;
}

export interface VenueApi {
  readonly publicApi: PublicApi;
  readonly privateApi: PrivateApi;
  /** The key's secret, read-only flag and permissions; undefined for a key the venue was not given. */
  keyOf(apiKey: string): VenueKey | undefined;
}
