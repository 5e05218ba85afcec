// The execution worker entry (execution thread): checks the key, then runs the ExecutionService with the WebSocket
// trade API and signed REST, the private stream (order, execution, position, wallet) and the links to strategy.
// Everything else (the queue, flatten, shutdown, reconciles, stats) is the service's, shared with the backtest.

import { BybitRestClient, BybitRestTransport, BybitWsConnection, createHttpSend, RateLimiter, retryTransient } from '@scalper/bybit';
import { createWorkerLogger } from '@scalper/logging';
import {
  coreToSpare,
  hostWorker,
  journalSinkOn,
  localNowMs,
  RehearsalPacer,
  wallClock,
  WorkerLinks,
  type ExecutionMessage,
  type StatsOptions,
} from '@scalper/protocol';
import { EntryWireWatch, ExecutionMetrics, ExecutionService, OrderPathRehearsal, requireTradingKey, warmOrderPath } from './index.js';
import { openTradeSocket } from './trade-socket.js';

hostWorker('execution', async (init) => {
  const { engine, venue, credentials } = init.config;
  const log = createWorkerLogger('execution', init.config);
  const journal = journalSinkOn(init.journal);
  const entryWire = new EntryWireWatch(engine.execution.maxEntryAgeMs, localNowMs);
  const metrics = new ExecutionMetrics();
  // One order budget per account, whichever way an order goes: REST and the trade API share one rate limiter.
  const limiter = new RateLimiter();
  const transport = new BybitRestTransport({
    limiter,
    baseUrl: venue.restUrl,
    credentials,
    recvWindowMs: engine.venue.recvWindowMs,
    timeoutMs: engine.venue.requestTimeoutMs,
    maxRetries: 0,
    http: entryWire.wrap(metrics.wrap(createHttpSend())),
    onIpBan: (until) => log.fatal({ until: new Date(until).toISOString() }, 'Bybit answered HTTP 403 (IP ban): all HTTP traffic stopped'),
  });
  await retryTransient(() => transport.syncClock(), { attempts: 5 });
  // Before any port is wired (so before any order can arrive): a key that can withdraw, or cannot trade, ends the
  // start here, on every venue including the embedded one.
  const key = await requireTradingKey(new BybitRestClient(transport), { attempts: 5, demo: engine.env === 'demo' });
  if (key === null) log.warn({ restUrl: venue.restUrl }, 'API key permissions unverified: Bybit demo trading does not serve /v5/user/query-api here');
  else log.info({ readOnly: key.readOnly, permissions: key.permissions, expiredAt: key.expiredAt }, 'API key permissions checked');
  const warmStartedAt = performance.now();
  log.info({ orders: warmOrderPath(3_000, Date.now()), ms: Math.round(performance.now() - warmStartedAt) }, 'order path warmed up');
  // While no order came for ring.warmEveryMs and a core is free, the order path rehearses (OrderPathRehearsal).
  const rehearsal = new OrderPathRehearsal();
  const pacer = new RehearsalPacer(engine.ring.warmEveryMs, init.ring === undefined ? () => false : coreToSpare(init.ring));
  const submit = (message: ExecutionMessage): void => {
    pacer.noteReal(localNowMs());
    void service.submit(message);
  };
  let strategyLinkOpenings = 0;
  const links: WorkerLinks<'execution'> = new WorkerLinks({
    worker: 'execution',
    channels: engine.channels,
    handlers: { PlaceOrder: submit, ClosePosition: submit, CancelAll: submit, PrepareSymbol: submit },
    onBackpressure: (link, state, stats) => log.warn({ link, state, stats }, 'link back-pressure'),
    // The first opening is this worker's own start; any later one is a restarted strategy.
    onSenderOpened: () => service.strategyConnected(strategyLinkOpenings++ > 0),
  });
  const { recvWindowMs, requestTimeoutMs } = engine.venue;
  const trade = openTradeSocket({ url: venue.wsTradeUrl, credentials, transport, limiter, recvWindowMs, requestTimeoutMs, entryWire, log });
  const service = new ExecutionService(engine, {
    client: new BybitRestClient(transport),
    ...(trade === null ? {} : { tradeSocket: trade }),
    clock: wallClock(() => transport.clockOffset),
    localNow: localNowMs,
    entryWire,
    // On the threads' shared clock (monotonic, which an NTP step does not move), not Date.now(): strategy adds it to that.
    venueClock: { offsetMs: () => Date.now() + transport.clockOffset - localNowMs(), sync: () => transport.syncClock() },
    logger: log,
    toStrategy: (messages) => messages.forEach((message) => links.sendMessage('toStrategy', message)),
    journal,
    metrics,
    ...(init.resume === undefined ? {} : { resume: init.resume }),
  });
  links.open(init.ports);
  await service.start();
  let privateOpened = false;
  const ws = new BybitWsConnection(
    // Pinged every 5 s, not Bybit's suggested 20 s: the private stream is quiet by nature, so a half-open socket
    // shows only as a missing pong, and every second of it is a second the position may be wrong (the soak found this).
    { url: venue.wsPrivateUrl, name: 'private', auth: credentials, pingIntervalMs: 5_000, pongTimeoutMs: 3_000 },
    {
      onFrame: (frame) => service.onPrivateFrame(frame),
      onStateChange: (state, reason) => {
        log.info({ state, reason }, 'private stream state');
        if (state !== 'open') return;
        if (privateOpened)
          journal({ type: 'RuntimeEvent', tsMs: Date.now(), worker: 'execution', kind: 'reconnected', detail: `private stream: ${reason}` });
        privateOpened = true;
        // After a reconnect the stream may have missed updates: ask REST what is true now.
        void service.reconcile();
      },
      onProblem: (problem) => log.warn({ problem }, 'private stream problem'),
    },
  );
  await ws.connect();
  await ws.subscribe(['order', 'execution', 'position', 'wallet']);

  const tradeStats = (): Record<string, number | string> =>
    trade === null ? { tradeSocket: 'off' } : { tradeSocket: trade.state, tradeReconnects: Number(trade.stats()['reconnects']) };
  // Started last: a start that fails before this leaves no timer behind.
  const rehearser =
    engine.ring.warmEveryMs > 0 ? setInterval(() => pacer.due(localNowMs()) && rehearsal.run(2, Date.now()), engine.ring.warmEveryMs) : undefined;
  const stats = (options?: StatsOptions) => ({
    ...service.stats(options),
    privateReconnects: ws.stats().reconnects,
    ...tradeStats(),
    rehearsals: pacer.rehearsals,
    ...(options?.entryTimes === true ? { entryTimes: JSON.stringify(entryWire.entryTimes()) } : {}),
  });
  return {
    replacePorts: (ports) => links.open(ports),
    halt: (reason) => service.halt(reason),
    closePositions: (reason) => service.closeNow(reason),
    resumeTrading: async (reason) => service.resumeTrading(reason),
    async stop(reason) {
      clearInterval(rehearser);
      links.closeReceivers();
      await service.stop(reason);
      await Promise.all([ws.close(), trade?.close()]);
      return stats();
    },
    stats,
    metrics: () => metrics.snapshot(entryWire.frameToOrderHistogram()),
    detail: () => `${service.core.knownPositions().length} symbols, ${ws.stats().state}`,
  };
});
