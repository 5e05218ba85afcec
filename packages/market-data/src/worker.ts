// The market-data worker entry (market-data thread): one public WebSocket. SwitchSymbol from the scanner hot-swaps
// the subscriptions on the same socket; every trade goes into the tick ring (no postMessage per trade); book tops
// and feed status go to strategy over a bounded link.

import { BybitRestClient, BybitRestTransport, BybitWsConnection, type WsDataFrame } from '@scalper/bybit';
import { createLogger, type Logger } from '@scalper/logging';
import {
  dispatch,
  errorValueFrom,
  hostWorker,
  LatencyHistogram,
  LinkReceiver,
  LinkSender,
  TickRingProducer,
  type MarketDataPayloads,
  type ScannerPayloads,
  type StrategyPayloads,
  type WorkerConfig,
  type WorkerInit,
} from '@scalper/protocol';
import { MarketDataCore, scaleFromInstruments } from './index.js';

let settings: WorkerConfig | null = null;
let log: Logger | null = null;
let core: MarketDataCore | null = null;
let ws: BybitWsConnection | null = null;
let rest: BybitRestClient | null = null;
let toStrategy: LinkSender<StrategyPayloads> | null = null;
let toScanner: LinkSender<ScannerPayloads> | null = null;
let receiver: LinkReceiver | null = null;
let timer: NodeJS.Timeout | null = null;
let ring: SharedArrayBuffer | null = null;
/**
 * How far trade frames arrive behind the venue's own `ts`: a backlog (venue, network or this thread falling behind)
 * shows as a lag that grows. Only as good as the two clocks' agreement, so a fair backlog signal, not a latency.
 */
const feedLag = new LatencyHistogram();
/** Switches and resyncs run one at a time, in order, on the one socket. */
let queue: Promise<void> = Promise.resolve();

const nowMs = (): number => performance.timeOrigin + performance.now();

function onFrame(frame: WsDataFrame, receivedAtMs: number): void {
  if (frame.kind === 'trade') feedLag.recordMs(receivedAtMs - frame.tsMs);
  const out = core?.onFrame(frame, receivedAtMs);
  if (out === undefined) return;
  if (out.bookTop !== null) toStrategy?.send('OrderBook', { top: out.bookTop });
  if (out.feedStatus !== null) toStrategy?.send('FeedStatus', out.feedStatus);
  if (out.resync !== null) resync(out.resync.topic, out.resync.reason);
}

function resync(topic: string, reason: string): void {
  queue = queue.then(async () => {
    log?.warn({ topic, reason }, 'book needs a resync: resubscribing');
    await ws?.unsubscribe([topic]);
    await ws?.subscribe([topic]);
    core?.onBookResubscribed(nowMs());
  }).catch((error: unknown) => log?.error({ err: error, topic }, 'resubscribe failed'));
}

function onSwitch(message: MarketDataPayloads['SwitchSymbol']): void {
  queue = queue.then(async () => {
    try {
      const list = await (rest as BybitRestClient).linearInstruments({ symbol: message.symbol });
      const scale = scaleFromInstruments(list, message.symbol);
      if (!scale.ok) throw new Error(scale.reason);
      const { plan, feedStatus } = (core as MarketDataCore).onSwitchSymbol(message, scale.value, nowMs());
      if (feedStatus !== null) toStrategy?.send('FeedStatus', feedStatus);
      for (const step of plan.steps) {
        if (step.kind === 'unsubscribe') await ws?.unsubscribe(step.topics);
        else if (step.kind === 'subscribe') await ws?.subscribe(step.topics);
        else toStrategy?.send('SymbolChanged', step.payload);
      }
      core?.confirmSubscribed(message.symbol, nowMs());
      log?.info({ symbol: message.symbol, previous: plan.previous, epoch: plan.epoch, kind: plan.kind }, 'symbol switched');
      toScanner?.send('SwitchCompleted', { symbol: message.symbol, tsEventMs: Date.now() });
    } catch (error) {
      log?.error({ err: error, symbol: message.symbol }, 'symbol switch failed');
      toScanner?.send('SwitchFailed', { symbol: message.symbol, error: errorValueFrom(error, 'VENUE_UNAVAILABLE') });
    }
  });
}

hostWorker('market-data', {
  async start(init: WorkerInit) {
    settings = init.config as WorkerConfig;
    const { engine, venue, credentials } = settings;
    log = createLogger({ worker: 'market-data', level: engine.log.level, format: engine.log.format, secrets: [credentials.apiKey, credentials.apiSecret] });
    if (init.ring === undefined) throw new Error('market-data needs the tick ring');
    ring = init.ring;
    core = new MarketDataCore(new TickRingProducer(init.ring), { topRefreshMs: 250 });
    rest = new BybitRestClient(new BybitRestTransport({ baseUrl: venue.restUrl, timeoutMs: engine.venue.requestTimeoutMs }));
    await this.replacePorts(init.ports);
    const logger = log;
    ws = new BybitWsConnection(
      { url: venue.wsPublicUrl, name: 'public' },
      {
        onFrame,
        onStateChange: (state, reason) => {
          logger.info({ state, reason }, 'public stream state');
          const status = core?.onConnectionState(state, nowMs());
          if (status !== null && status !== undefined) toStrategy?.send('FeedStatus', status);
        },
        onProblem: (problem) => logger.warn({ problem }, 'public stream problem'),
      },
    );
    await ws.connect();
    timer = setInterval(() => {
      const out = core?.onTimer(nowMs());
      if (out?.feedStatus) toStrategy?.send('FeedStatus', out.feedStatus);
      if (out?.resync) resync(out.resync.topic, out.resync.reason);
      receiver?.flushCredits();
    }, 250);
  },
  async replacePorts(ports) {
    const channels = (settings as WorkerConfig).engine.channels;
    if (ports['toStrategy'] !== undefined) {
      toStrategy?.close();
      toStrategy = new LinkSender<StrategyPayloads>(ports['toStrategy'], {
        name: 'market-data->strategy',
        capacity: channels.data,
        coalesce: ['OrderBook', 'FeedStatus'],
        onBackpressure: (name, state, stats) => log?.warn({ link: name, state, stats }, 'link back-pressure'),
      });
      if (ring !== null) toStrategy.send('TickRingAttached', { buffer: ring });
      // A restarted strategy knows nothing yet: tell it the current symbol again.
      const symbol = core?.symbol ?? null;
      const scale = core?.scale ?? null;
      if (symbol !== null && scale !== null) toStrategy.send('SymbolChanged', { previous: null, symbol, epoch: core?.epoch ?? 0, scale });
    }
    if (ports['toScanner'] !== undefined) toScanner?.close();
    if (ports['toScanner'] !== undefined) toScanner = new LinkSender<ScannerPayloads>(ports['toScanner'], { name: 'market-data->scanner', capacity: channels.commands });
    if (ports['fromScanner'] !== undefined) {
      receiver?.close();
      receiver = new LinkReceiver(ports['fromScanner'], (m) => dispatch<MarketDataPayloads>({ SwitchSymbol: onSwitch }, m), { capacity: channels.commands });
    }
  },
  async stop() {
    if (timer !== null) clearInterval(timer);
    await ws?.close();
    receiver?.close();
    return { ...(core?.stats() ?? {}), ...(ws === null ? {} : { reconnects: ws.stats().reconnects }) };
  },
  stats: (options) => {
    const lag = feedLag.percentilesUs();
    if (options?.resetLatency === true) feedLag.reset();
    return {
      ...(core?.stats() ?? {}),
      symbol: core?.symbol ?? '',
      reconnects: ws?.stats().reconnects ?? 0,
      feedLagP50Us: lag.p50,
      feedLagP99Us: lag.p99,
      feedLagMaxUs: lag.max,
    };
  },
  detail: () => `${core?.symbol ?? 'no symbol'} ${ws?.stats().state ?? 'idle'}`,
});
