// The market-data worker entry (market-data thread): one public WebSocket under the MarketDataRuntime. Trades go
// into the tick ring (no postMessage per trade); book tops and feed states go to strategy over a bounded link; the
// scanner's SwitchSymbol hot-swaps the subscriptions on the same socket.

import { BybitRestClient, BybitRestTransport, BybitWsConnection } from '@scalper/bybit';
import { createWorkerLogger } from '@scalper/logging';
import { hostWorker, journalSinkOn, localNowMs, WorkerLinks } from '@scalper/protocol';
import { MarketDataRuntime, marketDataTimerMs } from './index.js';

hostWorker('market-data', async (init) => {
  const { engine, venue } = init.config;
  const log = createWorkerLogger('market-data', init.config);
  const journal = journalSinkOn(init.journal);
  let publicOpened = false;
  if (init.ring === undefined) throw new Error('market-data needs the tick ring');
  const rest = new BybitRestClient(new BybitRestTransport({ baseUrl: venue.restUrl, timeoutMs: engine.venue.requestTimeoutMs }));
  const links: WorkerLinks<'market-data'> = new WorkerLinks({
    worker: 'market-data',
    channels: engine.channels,
    handlers: { SwitchSymbol: (m) => void runtime.switchSymbol(m) },
    onBackpressure: (link, state, stats) => log.warn({ link, state, stats }, 'link back-pressure'),
    onSenderOpened: (port) => (port === 'toStrategy' ? runtime.strategyReconnected() : runtime.scannerReconnected()),
  });
  const ws: BybitWsConnection = new BybitWsConnection(
    { url: venue.wsPublicUrl, name: 'public' },
    {
      onFrame: (frame, receivedAtMs) => runtime.onFrame(frame, receivedAtMs),
      onRehearsal: (frame, receivedAtMs) => runtime.onRehearsal(frame, receivedAtMs),
      onStateChange: (state, reason) => {
        log.info({ state, reason }, 'public stream state');
        if (state === 'open') {
          if (publicOpened)
            journal({ type: 'RuntimeEvent', tsMs: Date.now(), worker: 'market-data', kind: 'reconnected', detail: `public stream: ${reason}` });
          publicOpened = true;
        }
        runtime.onConnectionState(state);
      },
      onProblem: (problem) => log.warn({ problem }, 'public stream problem'),
    },
  );
  const runtime = new MarketDataRuntime(init.ring, {
    now: localNowMs,
    warmEveryMs: engine.ring.warmEveryMs,
    logger: log,
    stream: { subscribe: (topics) => ws.subscribe([...topics]), unsubscribe: (topics) => ws.unsubscribe([...topics]), topics: () => ws.topics() },
    instruments: (symbol) => rest.linearInstruments({ symbol }),
    toStrategy: (message) => links.sendMessage('toStrategy', message),
    toScanner: (message) => links.sendMessage('toScanner', message),
  });
  links.open(init.ports);
  await ws.connect();
  const timer = setInterval(() => {
    runtime.onTimer();
    links.flushCredits();
  }, marketDataTimerMs);
  const { warmEveryMs } = engine.ring;
  const warmer = warmEveryMs > 0 ? setInterval(() => runtime.rehearsalDue() && ws.rehearse(), warmEveryMs) : undefined;
  const stats = (options?: { resetLatency?: boolean }) => ({ ...runtime.stats(options), reconnects: ws.stats().reconnects });
  return {
    replacePorts: (ports) => links.open(ports),
    async stop() {
      clearInterval(timer);
      clearInterval(warmer);
      await ws.close();
      links.close();
      return stats();
    },
    stats,
    detail: () => `${runtime.core.symbol ?? 'no symbol'} ${ws.stats().state}`,
  };
});
