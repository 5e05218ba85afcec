// startVenue: the embedded Bybit-compatible exchange in this process (venue thread = the caller's thread). Returns
// its URLs, live fault controls, state accessors for tests, and a close() that stops every timer and socket.

import { instrumentCatalog } from '../core/market/instrument-catalog.js';
import { MarketSimulator } from '../core/market/market-simulator.js';
import type { MarketProfileName } from '../core/market/market-profile.js';
import type { MarketSource } from '../core/market-source.js';
import { SeededRandom, deriveSeed } from '../core/market/seeded-random.js';
import { LatencyModel } from '../core/fill-model/latency-model.js';
import { SlippageLevel } from '../core/fill-model/slippage-level.js';
import type { MatchingEngine } from '../core/trading/index.js';
import { applyFaultSetting, noFaults, type FaultPlan, type InjectedFault } from '../server/fault-plan.js';
import { PrivateWsHub } from '../server/private-ws-hub.js';
import { TradeWsHub } from '../server/trade-ws-hub.js';
import { HeldLine } from '../server/held-line.js';
import type { PrivateEventSink } from './private-event-publisher.js';
import { PublicWsHub } from '../server/public-ws-hub.js';
import { listenVenueServer } from '../server/venue-server.js';
import { PublicFeed, type FeedCounters } from './public-feed.js';
import { connectUpstream, type RunningUpstream, type UpstreamOptions } from './paper-upstream.js';
import { openReplayMarket, type ReplayOptions } from './replay-source.js';
import { assembleVenue, type VenueAccount, type VenueAssembly } from './venue-assembly.js';
import { VenueRecorder, type VenueRecordingOptions, type VenueRecordingStats } from './venue-recorder.js';
import { probeClockMs, type VenueProbe } from './venue-probe.js';

/** The documented paper account: what `pnpm start` uses when no keys are given. Not a secret. */
export const paperApiKey = 'SIM-PAPER-KEY-0001';
export const paperApiSecret = 'SIM-PAPER-SECRET-0000000000000001';

export type { VenueAccount };

/**
 * The backtest's fill model, for a venue whose market is real (paper trading): orders reach the matching engine
 * `orderLatencyMs` (+ jitter) after they arrive, answers and private events leave `feedbackLatencyMs` (+ jitter)
 * later, what the book cannot fill fills `slippageBps` past its last level, and these fees apply.
 */
export interface FillModelOptions {
  readonly orderLatencyMs: number;
  readonly feedbackLatencyMs: number;
  readonly latencyJitterMs: number;
  readonly slippageBps: number;
  readonly makerFeeRate: string;
  readonly takerFeeRate: string;
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
  /**
   * Paper trading: the public data of a real Bybit (instruments, tickers, each subscribed symbol's depth and trades)
   * instead of simulated markets; orders, positions and fills stay in this venue. Not with `replay`.
   */
  readonly upstream?: UpstreamOptions;
  /** Records what the venue's clients receive (and the upstream depth) for a backtest; default: no recording. */
  readonly record?: VenueRecordingOptions;
  /** Default: none (orders match on arrival, no slippage level, the matching engine's default fees). */
  readonly fillModel?: FillModelOptions;
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
  /** The WebSocket trade API (order.create, order.cancel). */
  readonly wsTradeUrl: string;
  readonly market: MarketSource;
  readonly engine: MatchingEngine;
  /** Live fault settings: change fields directly or through setFault. */
  readonly faults: FaultPlan;
  setFault(setting: string): void;
  /** Scripts a move of `movePercent` % over `durationMs` with `flowBoost` times the volume (simulation only). */
  impulse(symbol: string, movePercent: number, durationMs: number, flowBoost?: number): void;
  stats(): VenueStats;
  /** The session recording's counts so far; null without one. */
  recording(): VenueRecordingStats | null;
  /** Stops every timer and socket, then completes the recording (a failed write rejects here). */
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

  if (options.replay !== undefined && options.upstream !== undefined) throw new Error('a venue replays a recording or relays an upstream, not both');
  // Paper: each upstream frame is relayed at once (one venue tick per turn of the event loop, however many frames
  // came in it), not on the next 10 ms tick; `relayOnArrival: false` keeps the tick's cadence (the benchmark's baseline).
  let feed: PublicFeed | null = null;
  let relayPending = false;
  let stopped = false;
  const relayNow = (): void => {
    relayPending = false;
    if (!stopped) feed?.tick(now());
  };
  const onUpstreamFrame = (text: string): void => {
    options.probe?.upstreamFrameReceived?.(text, probeClockMs());
    if (options.upstream?.relayOnArrival === false || relayPending) return;
    relayPending = true;
    setImmediate(relayNow);
  };
  const upstream: RunningUpstream | null =
    options.upstream === undefined ? null : await connectUpstream({ ...options.upstream, onFrame: onUpstreamFrame });
  const market: MarketSource =
    upstream !== null
      ? upstream.market
      : options.replay === undefined
        ? new MarketSimulator({
            startMs,
            seed,
            ...(options.tradesPerSecondPerSymbol === undefined ? {} : { tradesPerSecondPerSymbol: options.tradesPerSecondPerSymbol }),
            ...(options.dayWindowMs === undefined ? {} : { dayWindowMs: options.dayWindowMs }),
            steadyTradeRate: options.steadyTradeRate === true,
            ...(options.market === undefined ? {} : { profile: options.market }),
          })
        : await openReplayMarket(options.replay, startMs, instrumentCatalog);
  const recorder =
    options.record === undefined
      ? null
      : await VenueRecorder.open(
          options.record,
          upstream === null ? 'embedded venue (simulated market)' : `paper venue on ${options.upstream?.wsPublicUrl}`,
          market.instruments(),
          now(),
        ).catch(async (error: unknown) => {
          await upstream?.close();
          throw error;
        });
  if (recorder !== null && upstream !== null) upstream.market.onDepthApplied = (text, nowMs) => recorder.frame(nowMs, text);
  const onFault = (fault: InjectedFault): void => options.probe?.faultInjected?.(fault, probeClockMs());
  const publicHub = new PublicWsHub({
    faults,
    now,
    random,
    symbolExists: (symbol) => market.has(symbol),
    onFault,
    ...(recorder === null ? {} : { onPublished: (text: string) => recorder.frame(now(), text) }),
    onSubscribed: (socket, topic) => {
      options.probe?.topicSubscribed?.('public', topic, probeClockMs());
      feed?.sendInitial(
        (text) => {
          recorder?.frame(now(), text);
          publicHub.sendText(socket, text);
        },
        topic,
        now(),
      );
    },
  });
  const fillModel = options.fillModel;
  const fillLatency =
    fillModel === undefined
      ? undefined
      : {
          toVenue: new HeldLine(
            new LatencyModel(fillModel.orderLatencyMs, fillModel.latencyJitterMs, new SeededRandom(deriveSeed(seed, 'order-latency'))),
          ),
          toClient: new HeldLine(
            new LatencyModel(fillModel.feedbackLatencyMs, fillModel.latencyJitterMs, new SeededRandom(deriveSeed(seed, 'feedback-latency'))),
          ),
        };
  const privateHub: PrivateWsHub = new PrivateWsHub({
    faults,
    now,
    secretOf: (apiKey: string): string | undefined => venue.keys.secretOf(apiKey),
    onSubscribed: (topic) => options.probe?.topicSubscribed?.('private', topic, probeClockMs()),
  });
  // With the fill model, private events take the answers' line: a fill's events never pass its order's answer.
  const privateSink: PrivateEventSink =
    fillLatency === undefined
      ? privateHub
      : { publish: (apiKey, topic, items) => fillLatency.toClient.send(() => privateHub.publish(apiKey, topic, items)) };
  const venue: VenueAssembly = assembleVenue({
    market,
    accounts: options.accounts ?? [{ apiKey: paperApiKey, apiSecret: paperApiSecret }],
    trading: {
      seed,
      startingBalance: options.startingBalance ?? '10000',
      ...(fillModel === undefined ? {} : { makerFeeRate: fillModel.makerFeeRate, takerFeeRate: fillModel.takerFeeRate }),
    },
    now,
    privateSink,
    ...(fillModel === undefined ? {} : { slippage: new SlippageLevel(fillModel.slippageBps, 'backtest.slippageBps') }),
    ...(recorder === null ? {} : { onTickersServed: (nowMs: number, items: readonly Record<string, unknown>[]) => recorder.tickers(nowMs, items) }),
    faults,
    random,
    onFault,
    dropPrivateStreams: () => {
      privateHub.dropAll();
      options.probe?.streamsDropped?.('private', probeClockMs());
    },
  });
  const { engine, tradedSymbols } = venue;
  feed = new PublicFeed(market, engine, publicHub, privateHub, privateSink, faults, tradedSymbols, startMs, options.probe);
  const tradeProbe = options.probe?.tradeRequestReceived;
  const tradeHub = new TradeWsHub({
    ...venue.rest,
    ...(fillLatency === undefined ? {} : { fillLatency }),
    ...(tradeProbe === undefined ? {} : { onRequest: (op: string, order: unknown) => tradeProbe(op, order, probeClockMs()) }),
  });
  const server = await listenVenueServer(options.host ?? '127.0.0.1', options.port ?? 0, {
    ...venue.rest,
    publicHub,
    privateHub,
    tradeHub,
    ...(options.probe === undefined ? {} : { probe: options.probe }),
    ...(fillLatency === undefined ? {} : { fillLatency }),
  });
  const runningFeed = feed;
  const timer = setInterval(() => {
    const tickAtMs = now();
    runningFeed.tick(tickAtMs);
    tradeHub.tick(tickAtMs);
  }, options.tickIntervalMs ?? 10);

  let closing: Promise<void> | null = null;
  return {
    restUrl: server.restUrl,
    wsPublicUrl: server.wsPublicUrl,
    wsPrivateUrl: server.wsPrivateUrl,
    wsTradeUrl: server.wsTradeUrl,
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
    recording: () => recorder?.stats() ?? null,
    close: () => {
      closing ??= (async () => {
        stopped = true;
        clearInterval(timer);
        fillLatency?.toVenue.close();
        fillLatency?.toClient.close();
        await upstream?.close();
        await server.close();
        await recorder?.close();
      })();
      return closing;
    },
  };
}
