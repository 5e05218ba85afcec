// The scanner worker entry (scanner thread): the ScanLoop with REST tickers and instruments, and the links to
// market-data (SwitchSymbol out, its answer in).

import { BybitRestClient, BybitRestTransport } from '@scalper/bybit';
import { createWorkerLogger } from '@scalper/logging';
import { hostWorker, wallClock, WorkerLinks } from '@scalper/protocol';
import { parseInstrumentList, ScanLoop } from './index.js';

/** How long the first scan waits to hear which symbol market-data is on. */
const firstScanWaitMs = 3_000;

hostWorker('scanner', async (init) => {
  const { engine, venue } = init.config;
  const log = createWorkerLogger('scanner', init.config);
  const rest = new BybitRestClient(new BybitRestTransport({ baseUrl: venue.restUrl, timeoutMs: engine.venue.requestTimeoutMs }));
  let heardFromMarketData: () => void = () => undefined;
  const marketDataHeard = new Promise<void>((resolve) => (heardFromMarketData = resolve));
  const links: WorkerLinks<'scanner'> = new WorkerLinks({
    worker: 'scanner',
    channels: engine.channels,
    handlers: {
      SwitchCompleted: (m) => loop.onSwitchCompleted(m),
      SwitchFailed: (m) => loop.onSwitchFailed(m),
      MarketDataOn: (m) => {
        loop.onMarketDataOn(m);
        heardFromMarketData();
      },
    },
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
  // A restarted scanner must know the traded symbol before it scans, or it picks the top coin without the switch
  // threshold. Market-data answers at once; if it is itself restarting, the scan goes ahead after a while.
  let firstScanTimer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (firstScanTimer = setTimeout(resolve, firstScanWaitMs).unref()));
  loop.start(Promise.race([marketDataHeard, waited]).finally(() => clearTimeout(firstScanTimer)));
  return {
    replacePorts: (ports) => links.open(ports),
    async stop() {
      loop.stop();
      links.close();
      return loop.core.stats();
    },
    stats: (options) => loop.stats(options),
    detail: () => loop.core.current ?? 'no symbol yet',
  };
});
