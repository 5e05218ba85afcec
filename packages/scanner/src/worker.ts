// The scanner worker entry (scanner thread): every scanner.intervalMs it fetches tickers and instruments over REST,
// lets the core score them, logs the top five (info when the leader changed, else debug), and sends SwitchSymbol to
// market-data when the core decides.

import { BybitRestClient, BybitRestTransport } from '@scalper/bybit';
import { createLogger } from '@scalper/logging';
import { dispatch, hostWorker, LinkReceiver, LinkSender, type MarketDataPayloads, type ScannerPayloads, type WorkerConfig, type WorkerInit } from '@scalper/protocol';
import { describeRanking, parseInstrumentList, ScannerCore } from './index.js';

let timer: NodeJS.Timeout | null = null;
let core: ScannerCore | null = null;
let toMarketData: LinkSender<MarketDataPayloads> | null = null;
let receiver: LinkReceiver | null = null;
let commandsCapacity = 32;
/** The previous scan's top symbol: a ranking with the same leader is routine (debug), a new leader is news (info). */
let lastTop: string | null = null;

hostWorker('scanner', {
  async start(init: WorkerInit) {
    const { engine, venue, credentials } = init.config as WorkerConfig;
    const log = createLogger({ worker: 'scanner', level: engine.log.level, format: engine.log.format, secrets: [credentials.apiKey, credentials.apiSecret] });
    const rest = new BybitRestClient(new BybitRestTransport({ baseUrl: venue.restUrl, timeoutMs: engine.venue.requestTimeoutMs }));
    const scanner = new ScannerCore({ ...engine.scanner });
    commandsCapacity = engine.channels.commands;
    core = scanner;
    this.replacePorts(init.ports);
    const scan = async (): Promise<void> => {
      try {
        const [tickers, instruments] = await Promise.all([rest.linearTickers(), rest.linearInstruments()]);
        const { rules } = parseInstrumentList(instruments);
        const result = scanner.onTickers(tickers.items, rules, Date.now());
        const top = result.ranking[0]?.symbol ?? null;
        const level = top !== lastTop || result.decision !== null ? 'info' : 'debug';
        lastTop = top;
        log[level]({ top: describeRanking(result.ranking), current: result.current, refused: tickers.refused.length }, 'scanner results');
        if (result.decision !== null) {
          log.info({ symbol: result.decision.symbol, score: result.decision.score, previousScore: result.decision.previousScore }, 'new top coin: switching');
          toMarketData?.send('SwitchSymbol', result.decision);
        }
      } catch (error) {
        log.error({ err: error }, 'scan failed; next scan at the next interval');
      }
    };
    void scan();
    timer = setInterval(() => void scan(), engine.scanner.intervalMs);
  },
  async replacePorts(ports) {
    const { toMarketData: out, fromMarketData: inbound } = ports;
    if (out !== undefined) toMarketData?.close();
    if (out !== undefined) toMarketData = new LinkSender<MarketDataPayloads>(out, { name: 'scanner->market-data', capacity: commandsCapacity });
    if (inbound !== undefined) {
      receiver?.close();
      receiver = new LinkReceiver(
        inbound,
        (message) =>
          dispatch<ScannerPayloads>({ SwitchCompleted: (m) => core?.onSwitchCompleted(m), SwitchFailed: (m) => core?.onSwitchFailed(m) }, message),
        { capacity: commandsCapacity },
      );
    }
  },
  async stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    receiver?.close();
    toMarketData?.close();
    return core?.stats() ?? {};
  },
  stats: () => ({
    ...(core?.stats() ?? {}),
    currentSymbol: core?.current ?? '',
    currentScore: core?.currentScore ?? '',
    pendingSymbol: core?.pendingSymbol ?? '',
    pendingScore: core?.pendingScore ?? '',
  }),
  detail: () => core?.current ?? 'no symbol yet',
});
