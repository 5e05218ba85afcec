// startVenue: the embedded Bybit-compatible exchange in this process (venue thread = the caller's thread). Returns
// its URLs, live fault controls, state accessors for tests, and a close() that stops every timer and socket.

import { instrumentCatalog } from '../core/market/instrument-catalog.js';
import { MarketSimulator } from '../core/market/market-simulator.js';
import type { MarketProfileName } from '../core/market/market-profile.js';
import type { MarketSource } from '../core/market-source.js';
import { ReplayMarket } from '../core/replay/replay-market.js';
import { openReplayMarket, type ReplayOptions } from './replay-source.js';
import { SeededRandom, deriveSeed } from '../core/market/seeded-random.js';
import { MatchingEngine } from '../core/trading/index.js';
import { ApiKeyRegistry, type ApiKeySpec } from '../server/api-keys.js';
import { applyFaultSetting, noFaults, type FaultPlan } from '../server/fault-plan.js';
import { defaultEndpointLimit, PrivateRateLimiter } from '../server/private-rate-limiter.js';
import { PrivateWsHub } from '../server/private-ws-hub.js';
import { PublicWsHub } from '../server/public-ws-hub.js';
import { listenVenueServer } from '../server/venue-server.js';
import { PublicFeed, type FeedCounters } from './public-feed.js';
import { createPrivateApi } from './venue-private-api.js';
import { createPublicApi } from './venue-public-api.js';
import { probeClockMs, type VenueProbe } from './venue-probe.js';

/** The documented paper account: what `pnpm start` uses when no keys are given. Not a secret. */
export const paperApiKey = 'SIM-PAPER-KEY-0001';
export const paperApiSecret = 'SIM-PAPER-SECRET-0000000000000001';

/**
 * One account and its API key. `readOnly` (default false) and `permissions` (default tradingKeyPermissions:
 * ContractTrade Order and Position, DerivativesTrade, no Wallet rights, so no withdrawal) are what
 * GET /v5/user/query-api reports and what the venue enforces, answering 10005 to a write the key may not make.
 */
export interface VenueAccount extends ApiKeySpec {
  /** USDT; default 10,000. */
  readonly startingBalance?: string;
}

export interface VenueOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly seed?: number;
  readonly tradesPerSecondPerSymbol?: number;
  /** The simulated markets' character: live-like (default) or calm (scripted tests). */
  readonly market?: MarketProfileName;
  /** Keep every tape at tradesPerSecondPerSymbol whatever the regime (benchmarks). */
  readonly steadyTradeRate?: boolean;
  /** How often the markets advance and frames go out; default 10 ms. */
  readonly tickIntervalMs?: number;
  /** Default: the paper account. */
  readonly accounts?: readonly VenueAccount[];
  readonly startingBalance?: string;
  /** "name=value" settings, as the CLI's --fault takes them. */
  readonly faults?: readonly string[];
  readonly dayWindowMs?: number;
  /** Replay recorded public frames (JSON Lines, optionally gzipped) instead of simulating markets. */
  readonly replay?: ReplayOptions;
  /** Benchmark hooks: trade frames sent, REST requests received. */
  readonly probe?: VenueProbe;
}

export interface VenueStats extends FeedCounters {
  readonly publicSockets: number;
  readonly privateSockets: number;
  readonly framesSent: number;
}

export interface RunningVenue {
  readonly restUrl: string;
  readonly wsPublicUrl: string;
  readonly wsPrivateUrl: string;
  readonly market: MarketSource;
  readonly engine: MatchingEngine;
  /** Live fault settings: change fields directly or through setFault. */
  readonly faults: FaultPlan;
  setFault(setting: string): void;
  /** Scripts a move of `movePercent` % over `durationMs` with `flowBoost` times the volume (simulation only). */
  impulse(symbol: string, movePercent: number, durationMs: number, flowBoost?: number): void;
  stats(): VenueStats;
  close(): Promise<void>;
}

export async function startVenue(options: VenueOptions = {}): Promise<RunningVenue> {
  const seed = options.seed ?? 42;
  const now = Date.now;
  const startMs = now();
  const faults: FaultPlan = { ...noFaults };
  for (const setting of options.faults ?? []) applyFaultSetting(faults, setting, startMs);
  const faultRandom = new SeededRandom(deriveSeed(seed, 'faults'));
  const random = (): number => faultRandom.next();

  const market: MarketSource =
    options.replay === undefined
      ? new MarketSimulator({
          startMs,
          seed,
          ...(options.tradesPerSecondPerSymbol === undefined ? {} : { tradesPerSecondPerSymbol: options.tradesPerSecondPerSymbol }),
          ...(options.dayWindowMs === undefined ? {} : { dayWindowMs: options.dayWindowMs }),
          steadyTradeRate: options.steadyTradeRate === true,
          ...(options.market === undefined ? {} : { profile: options.market }),
        })
      : await openReplayMarket(options.replay, startMs, instrumentCatalog);
  const engine = new MatchingEngine({ seed, startingBalance: options.startingBalance ?? '10000' });
  const keys = new ApiKeyRegistry();
  for (const account of options.accounts ?? [{ apiKey: paperApiKey, apiSecret: paperApiSecret }]) {
    keys.add(account, startMs);
    engine.openAccount(account.apiKey, account.startingBalance ?? options.startingBalance ?? '10000');
  }
  const secretOf = (apiKey: string): string | undefined => keys.secretOf(apiKey);
  const tradedSymbols = new Set<string>();

  let feed: PublicFeed | null = null;
  const publicHub = new PublicWsHub({
    faults,
    now,
    random,
    symbolExists: (symbol) => market.has(symbol),
    onSubscribed: (socket, topic) => {
      options.probe?.topicSubscribed?.('public', topic, probeClockMs());
      feed?.sendInitial((text) => publicHub.sendText(socket, text), topic, now());
    },
  });
  const privateHub = new PrivateWsHub({ faults, now, secretOf, onSubscribed: (topic) => options.probe?.topicSubscribed?.('private', topic, probeClockMs()) });
  const privateApi = createPrivateApi(engine, market, privateHub, now);
  const trackedPrivateApi = {
    ...privateApi,
    createOrder(apiKey: string, body: unknown) {
      const symbol = typeof body === 'object' && body !== null ? (body as { symbol?: unknown }).symbol : undefined;
      if (typeof symbol === 'string' && market.has(symbol)) tradedSymbols.add(symbol);
      return privateApi.createOrder(apiKey, body);
    },
  };
  feed = new PublicFeed(market, engine, publicHub, privateHub, faults, tradedSymbols, startMs, options.probe);
  const server = await listenVenueServer(options.host ?? '127.0.0.1', options.port ?? 0, {
    api: { publicApi: createPublicApi(market, now), privateApi: trackedPrivateApi, keyOf: (apiKey) => keys.keyOf(apiKey) },
    faults,
    limiter: new PrivateRateLimiter(defaultEndpointLimit),
    now,
    random,
    publicHub,
    privateHub,
    ...(options.probe === undefined ? {} : { probe: options.probe }),
  });
  const runningFeed = feed;
  const timer = setInterval(() => runningFeed.tick(now()), options.tickIntervalMs ?? 10);

  let closing: Promise<void> | null = null;
  return {
    restUrl: server.restUrl,
    wsPublicUrl: server.wsPublicUrl,
    wsPrivateUrl: server.wsPrivateUrl,
    market,
    engine,
    faults,
    setFault: (setting) => applyFaultSetting(faults, setting, now()),
    impulse: (symbol, movePercent, durationMs, flowBoost = 1) => {
      if (!(market instanceof MarketSimulator)) throw new Error('impulse works on the simulated market, not on a replay');
      market.impulse(symbol, now(), movePercent, durationMs, flowBoost);
    },
    stats: () => ({
      ...runningFeed.counters,
      publicSockets: publicHub.socketCount,
      privateSockets: privateHub.socketCount,
      framesSent: publicHub.sentFrames,
    }),
    close: () => {
      closing ??= (async () => {
        clearInterval(timer);
        await server.close();
      })();
      return closing;
    },
  };
}
