// The scanner worker entry (scanner thread): the ScanLoop with REST tickers and instruments, and the links to
// market-data (SwitchSymbol out, its answer in).

import { BybitRestClient, BybitRestTransport } from '@scalper/bybit';
import { createWorkerLogger } from '@scalper/logging';
import { hostWorker, wallClock, WorkerLinks } from '@scalper/protocol';
import { parseInstrumentList, ScanLoop } from './index.js';

hostWorker('scanner', async (init) => {
  const { engine, venue } = init.config;
  const log = createWorkerLogger('scanner', init.config);
  const rest = new BybitRestClient(new BybitRestTransport({ baseUrl: venue.restUrl, timeoutMs: engine.venue.requestTimeoutMs }));
  const links: WorkerLinks<'scanner'> = new WorkerLinks({
    worker: 'scanner',
    channels: engine.channels,
    handlers: { SwitchCompleted: (m) => loop.onSwitchCompleted(m), SwitchFailed: (m) => loop.onSwitchFailed(m) },
    onSenderOpened: () => void loop.marketDataReconnected(),
  });
  const loop = new ScanLoop(engine.scanner, {
    clock: wallClock(),
    logger: log,
    fetch: async () => {
      const [tickers, instruments] = await Promise.all([rest.linearTickers(), rest.linearInstruments()]);
      return { tickers: tickers.items, refused: tickers.refused.length, instruments: parseInstrumentList(instruments).rules };
    },
    switchSymbol: (decision) => links.send('toMarketData', 'SwitchSymbol', decision),
  });
  links.open(init.ports);
  loop.start();
  return {
    replacePorts: (ports) => links.open(ports),
    async stop() {
      loop.stop();
      links.close();
      return loop.core.stats();
    },
    stats: () => loop.stats(),
    detail: () => loop.core.current ?? 'no symbol yet',
  };
});
