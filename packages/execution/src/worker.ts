// The execution worker entry (execution thread): signed REST orders through the ExecutionCore (idempotent by
// orderLinkId, retried with backoff, never blind), the private stream for order, fill and position updates, and
// reconciliation from REST at start and after every private reconnect, and the session's round trips (SessionTrades)
// from the fills it forwards. On stop it cancels open orders and, if configured, closes the position.

import Big from 'big.js';
import { BybitRestClient, BybitRestTransport, BybitWsConnection } from '@scalper/bybit';
import { createLogger, type Logger } from '@scalper/logging';
import {
  dispatch,
  hostWorker,
  LinkReceiver,
  LinkSender,
  type ExecutionMessage,
  type ExecutionPayloads,
  type Position,
  type StrategyPayloads,
  type Symbol,
  type WorkerConfig,
  type WorkerInit,
} from '@scalper/protocol';
import {
  ExecutionCore,
  haltExitReason,
  requireTradingKey,
  SessionTrades,
  shutdownExitReason,
  SymbolSetups,
  warmOrderPath,
  type ExecutionFeedback,
  type HandleOutcome,
} from './index.js';

let settings: WorkerConfig | null = null;
let log: Logger | null = null;
let core: ExecutionCore | null = null;
let ws: BybitWsConnection | null = null;
let toStrategy: LinkSender<StrategyPayloads> | null = null;
let receiver: LinkReceiver | null = null;
let ordersSent = 0;
let fills = 0;
/** The message execution is working on and since when, and how many wait behind it: a stuck queue shows here. */
let inFlight: { type: string; sinceMs: number } | null = null;
let queued = 0;
let reconcileTimer: NodeJS.Timeout | null = null;
let reconciling = false;
/** One-way mode and leverage, once per symbol, before its first order. */
let setups: SymbolSetups | null = null;
/** Messages are handled one at a time, in arrival order: a close must never overtake the entry it closes. */
let queue: Promise<void> = Promise.resolve();
/** This run's round trips, from every fill forwarded and every close asked for: the status line's trips and net. */
const session = new SessionTrades();

function forward(messages: readonly ExecutionFeedback[]): void {
  for (const message of messages) {
    if (message.type === 'Fill') {
      fills++;
      const { symbol, side, qty, price, fee, isMaker, orderLinkId } = message.fill;
      log?.info({ symbol, side, qty, price, fee, isMaker, orderLinkId }, 'fill');
    }
    const trip = session.onFeedback(message);
    if (trip !== null) {
      const { symbol, side, qty, entryPrice, exitPrice, netPnl, fees, exitReason } = trip;
      log?.info({ symbol, side, qty, entryPrice, exitPrice, netPnl, fees, exitReason }, 'round trip closed');
    }
    toStrategy?.sendMessage(message);
  }
}

/**
 * Trading stops (a risk limit or the kill switch): strategy is told, working orders are cancelled and every open
 * position is closed at once, not behind the queue (cancelling first makes a backing-off entry give up its retry).
 */
function haltTrading(reason: string, untilMs: number | null): Promise<void> {
  toStrategy?.send('TradingHalted', { reason, untilMs, tsEventMs: Date.now() });
  return flattenAll(`halted: ${reason}`);
}

async function flattenAll(reason: string): Promise<void> {
  const symbols = new Set<Symbol>([...(setups?.symbols() ?? []), ...(core as ExecutionCore).openPositionSymbols()]);
  await Promise.all(
    [...symbols].map(async (symbol) => {
      const { cancelled, closed } = await cancelAndClose(symbol, reason, haltExitReason);
      log?.error({ symbol, reason, cancelled: cancelled.result.ok, closed: closed === null ? null : closed.result.ok ? closed.result.value : closed.result.error }, 'flattened');
    }),
  );
}

/**
 * Cancels `symbol`'s working orders, then (when `exitReason` is given) closes its position from the venue's size
 * and names the session's trip by it; the close's feedback goes to strategy.
 */
async function cancelAndClose(symbol: Symbol, reason: string, exitReason: string | null): Promise<{ cancelled: HandleOutcome; closed: HandleOutcome | null }> {
  if (exitReason !== null) session.onCloseRequested(symbol, exitReason);
  const { cancelled, closed } = await (core as ExecutionCore).cancelAndClose(symbol, reason, exitReason !== null);
  if (closed !== null) forward(closed.toStrategy);
  return { cancelled: cancelled.outcome, closed: closed?.outcome ?? null };
}

function onMessage(message: ExecutionMessage): void {
  queued++;
  queue = queue.then(async () => {
    queued--;
    inFlight = { type: message.type, sinceMs: Date.now() };
    try {
      if (message.type === 'PlaceOrder') {
        await (setups as SymbolSetups).prepare(message.order.symbol);
        ordersSent++;
      }
      if (message.type === 'ClosePosition') session.onCloseRequested(message.symbol, message.reason);
      const handled = await (core as ExecutionCore).handle(message);
      const level = handled.outcome.result.ok ? 'info' : 'error';
      log?.[level]({ message: message.type, outcome: handled.outcome }, 'execution outcome');
      forward(handled.toStrategy);
    } catch (error) {
      log?.error({ err: error, message: message.type }, 'execution failed');
      if (message.type === 'PlaceOrder') {
        toStrategy?.send('OrderDenied', { orderLinkId: message.order.orderLinkId, reason: (error as Error).message, tsEventMs: Date.now() });
      }
    } finally {
      inFlight = null;
    }
  });
}

hostWorker('execution', {
  async start(init: WorkerInit) {
    settings = init.config as WorkerConfig;
    const { engine, venue, credentials } = settings;
    log = createLogger({ worker: 'execution', level: engine.log.level, format: engine.log.format, secrets: [credentials.apiKey, credentials.apiSecret] });
    const logger = log;
    const transport = new BybitRestTransport({
      baseUrl: venue.restUrl,
      credentials,
      recvWindowMs: engine.venue.recvWindowMs,
      timeoutMs: engine.venue.requestTimeoutMs,
      maxRetries: 0,
      onIpBan: (until) => logger.fatal({ until: new Date(until).toISOString() }, 'Bybit answered HTTP 403 (IP ban): all HTTP traffic stopped'),
    });
    await transport.syncClock();
    // Before any port is wired (so before any order can arrive): a key that can withdraw, or cannot trade, ends
    // the start here, on every venue including the embedded one.
    const key = await requireTradingKey(new BybitRestClient(transport), { attempts: 3 });
    logger.info({ readOnly: key.readOnly, permissions: key.permissions, expiredAt: key.expiredAt }, 'API key permissions checked');
    const warmStartedAt = performance.now();
    const warmed = warmOrderPath(3_000, Date.now());
    logger.info({ orders: warmed, ms: Math.round(performance.now() - warmStartedAt) }, 'order path warmed up');
    const rest = new BybitRestClient(transport);
    setups = new SymbolSetups(rest, engine.execution.leverage, (symbol, report) => logger.info({ symbol, report }, 'account ready for symbol'));
    core = new ExecutionCore({
      client: rest,
      now: () => Date.now() + transport.clockOffset,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      logger,
      retry: { maxRetries: engine.execution.maxRetries, baseDelayMs: engine.execution.retryBaseDelayMs, maxDelayMs: engine.execution.retryMaxDelayMs },
      risk: { maxPositionNotionalUsd: engine.risk.maxPositionNotionalUsd, maxDailyLossUsd: engine.risk.maxDailyLossUsd, maxOrdersPerMinute: engine.risk.maxOrdersPerMinute },
      onRiskHalt: (halt) => haltTrading(halt.reason, halt.untilDay === null ? null : halt.untilDay * 86_400_000),
    });
    await this.replacePorts(init.ports);
    const reconciled = await core.reconcile();
    forward(reconciled.toStrategy);
    session.adopt(core.knownPositions());
    ws = new BybitWsConnection(
      // Pinged every 5 s, not Bybit's suggested 20 s: the private stream is quiet by nature, so a half-open socket
      // shows only as a missing pong, and every second of it is a second the position may be wrong (the soak found this).
      { url: venue.wsPrivateUrl, name: 'private', auth: { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret }, pingIntervalMs: 5_000, pongTimeoutMs: 3_000 },
      {
        onFrame: (frame) => forward((core as ExecutionCore).onPrivateFrame(frame)),
        onStateChange: (state, reason) => {
          logger.info({ state, reason }, 'private stream state');
          // After a reconnect the stream may have missed updates: ask REST what is true now.
          if (state === 'open') void core?.reconcile().then((r) => forward(r.toStrategy));
        },
        onProblem: (problem) => logger.warn({ problem }, 'private stream problem'),
      },
    );
    await ws.connect();
    await ws.subscribe(['order', 'execution', 'position', 'wallet']);
    // A safety net under the stream: a position update lost to a half-open socket (no drop, so no reconnect and no
    // reconcile) would leave strategy believing in a position the venue has closed. Found by the soak run.
    reconcileTimer = setInterval(() => {
      if (reconciling) return;
      reconciling = true;
      void core?.reconcile().then((r) => forward(r.toStrategy)).finally(() => (reconciling = false));
    }, engine.execution.reconcileIntervalMs);
  },
  async replacePorts(ports) {
    const channels = (settings as WorkerConfig).engine.channels;
    if (ports['toStrategy'] !== undefined) {
      toStrategy?.close();
      toStrategy = new LinkSender<StrategyPayloads>(ports['toStrategy'], {
        name: 'execution->strategy',
        capacity: channels.execution,
        onBackpressure: (name, state, stats) => log?.warn({ link: name, state, stats }, 'link back-pressure'),
      });
      // A restarted strategy learns the positions from the tracker, which keeps only the newest report of each.
      for (const position of core?.knownPositions() ?? []) toStrategy.send('PositionUpdate', { position });
    }
    if (ports['fromStrategy'] !== undefined) {
      receiver?.close();
      receiver = new LinkReceiver(
        ports['fromStrategy'],
        (m) =>
          dispatch<ExecutionPayloads>(
            { PlaceOrder: (x) => onMessage(x), ClosePosition: (x) => onMessage(x), CancelAll: (x) => onMessage(x) },
            m,
          ),
        { capacity: channels.execution },
      );
    }
  },
  async halt(reason: string) {
    (core as ExecutionCore).haltForGood(reason);
    await haltTrading(reason, null);
  },
  async stop(reason) {
    if (reconcileTimer !== null) clearInterval(reconcileTimer);
    receiver?.close();
    await queue;
    const engine = (settings as WorkerConfig).engine;
    for (const symbol of new Set([...(setups?.symbols() ?? []), ...(core?.knownPositions() ?? []).map((p) => p.symbol)])) {
      if (core === null) break;
      const { cancelled, closed } = await cancelAndClose(symbol as Symbol, `shutdown: ${reason}`, engine.risk.closeOnShutdown ? shutdownExitReason : null);
      log?.warn({ symbol, outcome: cancelled }, 'open orders cancelled on shutdown');
      if (closed !== null) log?.warn({ symbol, outcome: closed }, 'position closed on shutdown');
    }
    // The close's fill arrives on the private stream: wait for it (briefly) so the summary counts the last trip.
    for (let waited = 0; engine.risk.closeOnShutdown && session.hasOpenTrip() && waited < 2_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await ws?.close();
    return this.stats();
  },
  stats() {
    const known = core?.knownPositions() ?? [];
    const position = known.find((p) => p.side !== 'None') ?? null;
    const realised = known.reduce((sum, p) => sum.plus(p.realisedPnl), new Big(0));
    return {
      ...(core?.stats() ?? {}),
      ordersSent,
      fills,
      positionSide: position?.side ?? 'flat',
      positionSize: position?.size ?? '0',
      unrealisedPnl: position?.unrealisedPnl ?? '0',
      realisedPnl: realised.toFixed(),
      halted: core?.haltNow()?.reason ?? '',
      privateReconnects: ws?.stats().reconnects ?? 0,
      inFlight: inFlight === null ? '' : `${inFlight.type} for ${Date.now() - inFlight.sinceMs} ms`,
      queued,
      ...session.stats(),
    };
  },
  detail: () => `${core?.knownPositions().length ?? 0} symbols, ${ws?.stats().state ?? 'idle'}`,
});
