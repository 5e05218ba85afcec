// Routes one REST request to the venue API the way Bybit's gateway would (venue thread): method and path,
// signature and permission checks for private endpoints, rate-limit headers, the envelope, and the REST faults.

import { queryApiRecord, readAccess, type RouteAccess } from './api-keys.js';
import { authenticate, refusals } from './request-auth.js';
import { errorEnvelope, isRefusal, okEnvelope } from './envelope.js';
import { faultFires, type FaultPlan, type InjectedFault } from './fault-plan.js';
import type { PrivateRateLimiter } from './private-rate-limiter.js';
import type { PrivateApi, PublicApi, QueryParams, VenueApi } from './venue-api.js';

export interface RestRequestIn {
  readonly method: string;
  readonly path: string;
  /** The raw query string, exactly as received (it is what the client signed). */
  readonly rawQuery: string;
  readonly body: string;
  readonly header: (name: string) => string | undefined;
}

export interface RestResponseOut {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The late-answer fault: the request was carried out, its answer is held this long. */
  readonly holdMs?: number;
}

type PublicRoute = (api: PublicApi, query: QueryParams) => unknown;
type PrivateGetRoute = (api: PrivateApi, key: string, query: QueryParams) => unknown;
type PrivatePostRoute = (api: PrivateApi, key: string, body: unknown) => unknown;

const publicRoutes: Readonly<Record<string, PublicRoute>> = {
  '/v5/market/tickers': (api, q) => api.tickers(q),
  '/v5/market/instruments-info': (api, q) => api.instruments(q),
  '/v5/market/orderbook': (api, q) => api.orderBook(q),
};

/** Reads need any valid key. */
const privateGetRoutes: Readonly<Record<string, PrivateGetRoute>> = {
  '/v5/order/realtime': (api, k, q) => api.openOrders(k, q),
  '/v5/position/list': (api, k, q) => api.positions(k, q),
  '/v5/execution/list': (api, k, q) => api.executions(k, q),
  '/v5/position/closed-pnl': (api, k, q) => api.closedPnl(k, q),
  '/v5/account/wallet-balance': (api, k, q) => api.walletBalance(k, q),
};

/** Answered from the key registry, not the trading API: "any permission can access this endpoint" (Bybit docs). */
const keyInfoPath = '/v5/user/query-api';

const orderWrite: RouteAccess = { write: true, group: 'ContractTrade', permission: 'Order' };
const positionWrite: RouteAccess = { write: true, group: 'ContractTrade', permission: 'Position' };

const privatePostRoutes: Readonly<Record<string, { readonly access: RouteAccess; readonly route: PrivatePostRoute }>> = {
  '/v5/order/create': { access: orderWrite, route: (api, k, b) => api.createOrder(k, b) },
  '/v5/order/cancel': { access: orderWrite, route: (api, k, b) => api.cancelOrder(k, b) },
  '/v5/order/cancel-all': { access: orderWrite, route: (api, k, b) => api.cancelAll(k, b) },
  '/v5/position/set-leverage': { access: positionWrite, route: (api, k, b) => api.setLeverage(k, b) },
  '/v5/position/switch-mode': { access: positionWrite, route: (api, k, b) => api.switchMode(k, b) },
};

/** Market data anyone may read: no key, and no order latency in the paper venue (it is the upstream's own data). */
export function isPublicMarketPath(path: string): boolean {
  return Object.hasOwn(publicRoutes, path);
}

function parseQuery(raw: string): QueryParams {
  return Object.fromEntries(new URLSearchParams(raw));
}

function json(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): RestResponseOut {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export interface RestRouterDeps {
  readonly api: VenueApi;
  readonly faults: FaultPlan;
  readonly limiter: PrivateRateLimiter;
  readonly now: () => number;
  /** In [0, 1): drives the probabilistic faults (seeded, so fault runs repeat). */
  readonly random: () => number;
  readonly onFault?: (fault: InjectedFault) => void;
}

export function routeRest(request: RestRequestIn, deps: RestRouterDeps): RestResponseOut {
  const now = deps.now();
  const { method, path } = request;
  if (deps.faults.http503Probability > 0 && deps.random() < deps.faults.http503Probability) {
    return { status: 503, headers: { 'Content-Type': 'text/html' }, body: '<html><body>503 Service Temporarily Unavailable</body></html>' };
  }
  if (path === '/v5/market/time') {
    if (method !== 'GET') return json(404, errorEnvelope(10017, 'Route not found', now));
    return json(200, okEnvelope({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` }, now));
  }
  const publicRoute = publicRoutes[path];
  if (publicRoute !== undefined) {
    if (method !== 'GET') return json(404, errorEnvelope(10017, 'Route not found', now));
    return answer(publicRoute(deps.api.publicApi, parseQuery(request.rawQuery)), now);
  }
  const getRoute = path === keyInfoPath ? () => null : privateGetRoutes[path];
  const postRoute = privatePostRoutes[path];
  if ((getRoute === undefined || method !== 'GET') && (postRoute === undefined || method !== 'POST')) {
    return json(404, errorEnvelope(10017, `Route not found: ${method} ${path}`, now));
  }
  const payload = method === 'GET' ? request.rawQuery : request.body;
  const access = method === 'POST' && postRoute !== undefined ? postRoute.access : readAccess;
  const key = authenticate(
    {
      apiKey: request.header('x-bapi-api-key'),
      timestamp: request.header('x-bapi-timestamp'),
      recvWindow: request.header('x-bapi-recv-window'),
      sign: request.header('x-bapi-sign'),
    },
    payload,
    now,
    (apiKey) => deps.api.keyOf(apiKey),
    access,
  );
  if (isRefusal(key)) return json(200, errorEnvelope(key.retCode, key.retMsg, now));
  const verdict = deps.limiter.check(key, path, now);
  if (!verdict.allowed) return json(200, errorEnvelope(10006, 'Too many visits!', now), verdict.headers);
  if (deps.faults.rateLimitProbability > 0 && deps.random() < deps.faults.rateLimitProbability) {
    // Bybit sometimes omits the reset header on 10006: the injected fault does too.
    return json(200, errorEnvelope(10006, 'Too many visits!', now));
  }
  if (path === keyInfoPath) {
    const record = deps.api.keyOf(key);
    return answer(record === undefined ? refusals.apiKeyInvalid : queryApiRecord(record, now), now, verdict.headers);
  }
  if (getRoute !== undefined && method === 'GET') {
    return answer(getRoute(deps.api.privateApi, key, parseQuery(request.rawQuery)), now, verdict.headers);
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body === '' ? '{}' : request.body);
  } catch {
    return json(200, errorEnvelope(10001, 'Request body is not valid JSON', now), verdict.headers);
  }
  const out = answer((postRoute as { route: PrivatePostRoute }).route(deps.api.privateApi, key, body), now, verdict.headers);
  if (path === '/v5/order/create' && faultFires(deps.faults.lateCreateAnswerProbability, deps.random)) {
    deps.onFault?.('lateCreateAnswer');
    return { ...out, holdMs: deps.faults.lateCreateAnswerMs };
  }
  return out;
}

function answer(outcome: unknown, now: number, headers: Readonly<Record<string, string>> = {}): RestResponseOut {
  if (isRefusal(outcome)) return json(200, errorEnvelope(outcome.retCode, outcome.retMsg, now), headers);
  return json(200, okEnvelope(outcome, now), headers);
}
