// The venue's parts behind its wire (venue thread, and backtests): accounts and their API keys, the matching engine,
// the public and private APIs with the traded-symbol tracking, and the rate limiter. `pnpm venue` serves them over
// HTTP and WebSockets; a backtest calls the same router in-process. One assembly, so the two cannot drift.

import type { SlippageLevel } from '../core/fill-model/slippage-level.js';
import type { MarketSource } from '../core/market-source.js';
import { MatchingEngine, type TradingVenueOptions } from '../core/trading/index.js';
import { ApiKeyRegistry, type ApiKeySpec } from '../server/api-keys.js';
import { faultFires, type FaultPlan, type InjectedFault } from '../server/fault-plan.js';
import { defaultEndpointLimit, PrivateRateLimiter } from '../server/private-rate-limiter.js';
import type { RestRouterDeps } from '../server/rest-router.js';
import type { PrivateEventSink } from './private-event-publisher.js';
import { halfDepthBook, isReduceOnly } from './close-faults.js';
import { createPrivateApi } from './venue-private-api.js';
import { createPublicApi } from './venue-public-api.js';

/**
 * One account and its API key. `readOnly` (default false) and `permissions` (default tradingKeyPermissions:
 * ContractTrade Order and Position, DerivativesTrade, no Wallet rights, so no withdrawal) are what
 * GET /v5/user/query-api reports and what the venue enforces, answering 10005 to a write the key may not make.
 */
export interface VenueAccount extends ApiKeySpec {
  /** USDT; default: the venue's starting balance. */
  readonly startingBalance?: string;
}

export interface VenueAssemblyOptions {
  readonly market: MarketSource;
  readonly accounts: readonly VenueAccount[];
  /** The matching engine's settings: seed, starting balance, fee rates. */
  readonly trading: TradingVenueOptions;
  readonly now: () => number;
  /** Where order, execution, position and wallet updates go: the private sockets, or a backtest's callback. */
  readonly privateSink: PrivateEventSink;
  readonly faults: FaultPlan;
  /** In [0, 1): drives the probabilistic faults. */
  readonly random: () => number;
  /** Told each time a probabilistic fault fires. */
  readonly onFault?: (fault: InjectedFault) => void;
  /** The paper venue's slippage past the relayed book; a backtest's market brings its own. */
  readonly slippage?: SlippageLevel;
  /** Hears every full tickers answer (a session recording). */
  readonly onTickersServed?: (nowMs: number, items: readonly Record<string, unknown>[]) => void;
  /** Closes every private socket (the drop-on-close fault); without it that fault never fires. */
  readonly dropPrivateStreams?: () => void;
}

export interface VenueAssembly {
  readonly engine: MatchingEngine;
  readonly keys: ApiKeyRegistry;
  /** Symbols with orders: their trades must reach the matching engine even with no public subscriber. */
  readonly tradedSymbols: ReadonlySet<string>;
  /** What the REST router needs: the APIs, the faults, the limiter, the clock. */
  readonly rest: RestRouterDeps;
}

export function assembleVenue(options: VenueAssemblyOptions): VenueAssembly {
  const { market, now } = options;
  const engine = new MatchingEngine(options.trading);
  const keys = new ApiKeyRegistry();
  const createdAtMs = now();
  for (const account of options.accounts) {
    keys.add(account, createdAtMs);
    engine.openAccount(account.apiKey, account.startingBalance ?? options.trading.startingBalance ?? '10000');
  }
  const tradedSymbols = new Set<string>();
  const { faults, random } = options;
  const onFault = (fault: InjectedFault): void => options.onFault?.(fault);
  const privateApi = createPrivateApi(engine, market, options.privateSink, now, (spec, body) => {
    const book = options.slippage === undefined ? market.book(spec.symbol) : options.slippage.extend(market.book(spec.symbol), spec);
    if (!isReduceOnly(body) || !faultFires(faults.partialCloseProbability, random)) return book;
    onFault('partialClose');
    return halfDepthBook(book, body, spec);
  });
  return {
    engine,
    keys,
    tradedSymbols,
    rest: {
      api: {
        publicApi: createPublicApi(market, now, options.onTickersServed),
        privateApi: {
          ...privateApi,
          createOrder(apiKey: string, body: unknown) {
            const symbol = typeof body === 'object' && body !== null ? (body as { symbol?: unknown }).symbol : undefined;
            if (typeof symbol === 'string' && market.has(symbol)) tradedSymbols.add(symbol);
            // Before the order's updates are pushed, so the client's stream misses them and must catch up.
            if (isReduceOnly(body) && options.dropPrivateStreams !== undefined && faultFires(faults.dropPrivateOnCloseProbability, random)) {
              onFault('privateDropOnClose');
              options.dropPrivateStreams();
            }
            return privateApi.createOrder(apiKey, body);
          },
        },
        keyOf: (apiKey) => keys.keyOf(apiKey),
      },
      faults,
      limiter: new PrivateRateLimiter(defaultEndpointLimit),
      now,
      random,
      onFault,
    },
  };
}
