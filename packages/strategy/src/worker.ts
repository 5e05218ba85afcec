// The strategy worker entry (strategy thread): reads trades from the tick ring (woken by Atomics.waitAsync, never
// a postMessage per trade), feeds the pure StrategyCore, forwards its orders to execution over a bounded link, and
// feeds execution's order, fill and position updates back into the core.

import { createLogger, type Logger } from '@scalper/logging';
import {
  createRingTick,
  dispatch,
  formatScaledDecimal,
  hostWorker,
  LatencyHistogram,
  LinkReceiver,
  LinkSender,
  TickRingConsumer,
  type ExecutionPayloads,
  type RingTick,
  type StrategyPayloads,
  type WorkerConfig,
  type WorkerInit,
} from '@scalper/protocol';
import { StrategyCore, warmEntryPath, type StrategyAction } from './index.js';

let settings: WorkerConfig | null = null;
let log: Logger | null = null;
let core: StrategyCore | null = null;
let consumer: TickRingConsumer | null = null;
let toExecution: LinkSender<ExecutionPayloads> | null = null;
/** By port name, so a peer's restart replaces its receiver instead of adding a second one. */
const receivers = new Map<string, LinkReceiver>();
let running = false;
let lastPrice = 0;
/** Frame receipt in market-data (the ring entry's tsRecvMs) to this thread's decision on the tick. */
const latency = new LatencyHistogram();

const nowMs = (): number => performance.timeOrigin + performance.now();

/** What made a decision, logged with it: a backtest of a recording of this run must find the same trigger. */
type Trigger = { kind: 'tick'; tsEventMs: number; price: string; size: string } | { kind: 'book' | 'timer' | 'feedback' | 'symbol-changed' | 'halt' | 'feed-status' };

function act(actions: readonly StrategyAction[] | StrategyAction | null, trigger: Trigger | (() => Trigger)): void {
  if (actions === null) return;
  const list = Array.isArray(actions) ? actions : [actions as StrategyAction];
  if (list.length === 0) return;
  const cause = typeof trigger === 'function' ? trigger() : trigger;
  for (const action of list) {
    log?.info({ ...action, action: action.type, trigger: cause }, 'strategy decision');
    toExecution?.sendMessage(action);
  }
}

const tickTrigger = (tick: RingTick) => (): Trigger => ({
  kind: 'tick',
  tsEventMs: tick.tsEventMs,
  price: formatScaledDecimal(tick.priceRaw, tick.priceDecimals),
  size: formatScaledDecimal(tick.sizeRaw, tick.sizeDecimals),
});

function onTick(tick: RingTick): void {
  const now = nowMs();
  const action = (core as StrategyCore).onTick(tick, now);
  if (action !== null) act(action, tickTrigger(tick));
  latency.recordMs(nowMs() - tick.tsRecvMs);
  lastPrice = tick.priceRaw / 10 ** tick.priceDecimals;
}

async function consumeLoop(): Promise<void> {
  const ring = (settings as WorkerConfig).engine.ring;
  let lastTimerAt = 0;
  while (running) {
    const handled = consumer === null ? 0 : consumer.drain(onTick, 4_096);
    const now = nowMs();
    if (now - lastTimerAt >= 100) {
      lastTimerAt = now;
      act((core as StrategyCore).onTimer(now), { kind: 'timer' });
      for (const receiver of receivers.values()) receiver.flushCredits();
    }
    if (handled === 0) {
      if (consumer === null) await new Promise((resolve) => setTimeout(resolve, ring.waitTimeoutMs));
      else await consumer.waitForData({ timeoutMs: ring.waitTimeoutMs, spinIterations: ring.spinIterations });
    } else {
      // Let port messages (book tops, fills) in between batches of ticks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const handlers = {
  SymbolChanged: (m: StrategyPayloads['SymbolChanged']) => act(core?.onSymbolChanged(m, nowMs()) ?? null, { kind: 'symbol-changed' }),
  OrderBook: (m: StrategyPayloads['OrderBook']) => act(core?.onBook(m.top, nowMs()) ?? null, { kind: 'book' }),
  TickRingAttached: (m: StrategyPayloads['TickRingAttached']) => {
    consumer = new TickRingConsumer(m.buffer, createRingTick());
  },
  FeedStatus: (m: StrategyPayloads['FeedStatus']) => act(core?.onFeedStatus(m, nowMs()) ?? null, { kind: 'feed-status' }),
  OrderUpdate: (m: StrategyPayloads['OrderUpdate']) => act(core?.onOrderUpdate(m.update, nowMs()) ?? null, { kind: 'feedback' }),
  Fill: (m: StrategyPayloads['Fill']) => act(core?.onFill(m.fill) ?? null, { kind: 'feedback' }),
  PositionUpdate: (m: StrategyPayloads['PositionUpdate']) => act(core?.onPosition(m.position, nowMs()) ?? null, { kind: 'feedback' }),
  OrderDenied: (m: StrategyPayloads['OrderDenied']) => act(core?.onOrderDenied(m, nowMs()) ?? null, { kind: 'feedback' }),
  TradingHalted: (m: StrategyPayloads['TradingHalted']) => {
    log?.error({ reason: m.reason, until: m.untilMs === null ? 'end of run' : new Date(m.untilMs).toISOString() }, 'TRADING HALTED: no new entries');
    act(core?.onTradingHalted(m, nowMs()) ?? null, { kind: 'halt' });
  },
};

hostWorker('strategy', {
  async start(init: WorkerInit) {
    settings = init.config as WorkerConfig;
    const { engine, credentials } = settings;
    log = createLogger({ worker: 'strategy', level: engine.log.level, format: engine.log.format, secrets: [credentials.apiKey, credentials.apiSecret] });
    // The prefix differs per start, so a restarted strategy can never reuse an orderLinkId of its previous life.
    core = new StrategyCore({ ...engine.strategy, cooldownAfterStopMs: engine.risk.cooldownAfterStopMs, orderLinkIdPrefix: `s${Date.now().toString(36)}` });
    const warmStartedAt = performance.now();
    const warmed = warmEntryPath(engine.strategy, 3_000, Date.now());
    log.info({ orders: warmed, ms: Math.round(performance.now() - warmStartedAt) }, 'entry path warmed up');
    await this.replacePorts(init.ports);
    running = true;
    void consumeLoop().catch((error: unknown) => {
      log?.fatal({ err: error }, 'strategy loop crashed');
      throw error;
    });
  },
  async replacePorts(ports) {
    const channels = (settings as WorkerConfig).engine.channels;
    if (ports['toExecution'] !== undefined) {
      toExecution?.close();
      toExecution = new LinkSender<ExecutionPayloads>(ports['toExecution'], {
        name: 'strategy->execution',
        capacity: channels.execution,
        onBackpressure: (name, state, stats) => log?.warn({ link: name, state, stats }, 'link back-pressure'),
      });
    }
    for (const [name, capacity] of [['fromMarketData', channels.data], ['fromExecution', channels.execution]] as const) {
      const port = ports[name];
      if (port === undefined) continue;
      receivers.get(name)?.close();
      receivers.set(name, new LinkReceiver(port, (m) => dispatch<StrategyPayloads>(handlers, m), { capacity }));
    }
  },
  async halt(reason: string) {
    handlers.TradingHalted({ reason, untilMs: null, tsEventMs: Date.now() });
  },
  async stop() {
    running = false;
    for (const receiver of receivers.values()) receiver.close();
    return this.stats();
  },
  stats(options) {
    const status = core?.status();
    const lat = latency.percentilesUs();
    if (options?.resetLatency === true) latency.reset();
    const counters = status?.counters;
    return {
      phase: status?.phase ?? 'idle',
      symbol: status?.symbol ?? '',
      ticks: counters?.ticks ?? 0,
      staleSkipped: counters?.staleSkipped ?? 0,
      signals: counters?.signals ?? 0,
      entries: counters?.entries ?? 0,
      exits: counters?.exits ?? 0,
      lastPrice,
      unrealisedPnl: status?.unrealisedPnl ?? '',
      momentum: counters?.lastMomentum ?? Number.NaN,
      momentumThreshold: core?.params.momentumThreshold ?? Number.NaN,
      windowTicks: status?.windowCount ?? 0,
      windowSize: core?.params.windowTicks ?? 0,
      entryBlock: core?.entryReadiness(nowMs()) ?? 'starting',
      vwap: status?.vwap ?? 0,
      spreadBps: status?.spreadBps ?? 0,
      halted: status?.halt !== null && status?.halt !== undefined && status.halt.untilMs > Date.now() ? status.halt.reason : '',
      decisionLatencyP50Us: lat.p50,
      decisionLatencyP99Us: lat.p99,
      decisionLatencyMaxUs: lat.max,
      decisionLatencyCount: lat.count,
      ...Object.fromEntries(Object.entries(counters?.blocked ?? {}).map(([reason, count]) => [`blocked_${reason}`, count])),
    };
  },
  detail: () => `${core?.status().symbol ?? 'no symbol'} ${core?.status().phase ?? ''}`,
});
