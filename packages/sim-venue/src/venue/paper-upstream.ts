// The paper venue's upstream (venue thread): public data from a real Bybit (mainnet by default) feeding the
// LiveMarket: the instruments at start and the tickers every few seconds over REST, and one public socket that
// holds exactly the topics the LiveMarket asks for. Unsigned throughout: it has no key, and opens no private socket.

import { BybitRestClient, BybitRestTransport, BybitWsConnection, errorValueOf } from '@scalper/bybit';
import { LiveMarket } from '../core/live/live-market.js';

export interface UpstreamOptions {
  /** Bybit's REST base, e.g. https://api.bybit.com. */
  readonly restUrl: string;
  /** Bybit's public linear stream, e.g. wss://stream.bybit.com/v5/public/linear. */
  readonly wsPublicUrl: string;
  /** How often the tickers are fetched again; default 5 s (Bybit's public REST allows 600 requests per 5 s per IP). */
  readonly tickerRefreshMs?: number;
  readonly requestTimeoutMs?: number;
  /** How long the start waits for the upstream's public stream to open; default 15 s. */
  readonly connectTimeoutMs?: number;
  /** False: the venue relays upstream frames on its own clock tick only (benchmarks compare); default true. */
  readonly relayOnArrival?: boolean;
  /** The depth relayed for each symbol, which market orders walk; default 50 (LiveMarket's). */
  readonly bookDepth?: 1 | 50 | 200 | 1000;
  /**
   * Told after each upstream frame is queued (with its text and receipt time). The venue relays it at once through
   * this instead of on its next clock tick (10 ms away at worst); default on.
   */
  readonly onFrame?: (text: string, receivedAtMs: number) => void;
  /** What went wrong upstream, for the venue's log. */
  readonly onProblem?: (message: string) => void;
}

export interface UpstreamStats {
  readonly tickerRefreshes: number;
  readonly tickerRefreshFailures: number;
  /** Epoch ms of the last tickers that arrived; 0 before the first. */
  readonly tickersAtMs: number;
  readonly upstreamReconnects: number;
  readonly framesRelayed: number;
  /** Relayed books found crossed and asked for again. */
  readonly bookResyncs: number;
}

export interface RunningUpstream {
  readonly market: LiveMarket;
  stats(): UpstreamStats;
  close(): Promise<void>;
}

/** How often the socket's topics are compared with the ones wanted, to retry a refused subscribe. */
const topicCheckMs = 1_000;

export async function connectUpstream(options: UpstreamOptions): Promise<RunningUpstream> {
  const problem = options.onProblem ?? (() => undefined);
  const rest = new BybitRestClient(new BybitRestTransport({ baseUrl: options.restUrl, timeoutMs: options.requestTimeoutMs ?? 10_000 }));
  let wanted: readonly string[] = [];
  let framesRelayed = 0;
  let reconnects = 0;
  const ws = new BybitWsConnection(
    { url: options.wsPublicUrl, name: 'upstream' },
    {
      onFrame: (_frame, receivedAtMs, text) => {
        framesRelayed++;
        market.onUpstreamFrame(text);
        options.onFrame?.(text, receivedAtMs);
      },
      onStateChange: (state) => {
        if (state === 'reconnecting') reconnects++;
      },
      onProblem: (found) => problem(`upstream stream: ${found.kind}: ${found.message}`),
    },
  );
  // One change of topics at a time: two at once would ask for the same missing topic twice.
  let holding = false;
  let holdAgain = false;
  /** Held topics to unsubscribe and subscribe again (a crossed relayed book wants a fresh snapshot). */
  const renew = new Set<string>();
  const holdTopics = async (): Promise<void> => {
    if (holding) {
      holdAgain = true;
      return;
    }
    holding = true;
    try {
      do {
        holdAgain = false;
        const held = ws.topics();
        const extra = held.filter((topic) => !wanted.includes(topic));
        const missing = wanted.filter((topic) => !held.includes(topic));
        if (extra.length > 0) await ws.unsubscribe(extra);
        if (missing.length > 0) await ws.subscribe(missing);
        const again = [...renew].filter((topic) => wanted.includes(topic) && !missing.includes(topic));
        renew.clear();
        if (again.length > 0) {
          await ws.unsubscribe(again);
          await ws.subscribe(again);
        }
      } while (holdAgain);
    } catch (error) {
      problem(`upstream topics: ${errorValueOf(error).message}; tried again in ${topicCheckMs} ms`);
    } finally {
      holding = false;
    }
  };
  // Without the instruments the venue has no market at all: a start that cannot read them stops, naming the upstream.
  // The transport already tries a network failure or a 5xx again.
  const instrumentItems = await rest.linearInstruments().catch((error: unknown) => {
    throw new Error(`paper venue: cannot read the instruments of its upstream ${options.restUrl} (venue.restUrl): ${errorValueOf(error).message}`, {
      cause: error,
    });
  });
  const market: LiveMarket = new LiveMarket({
    instrumentItems,
    upstream: {
      setTopics: (topics) => {
        wanted = [...topics];
        void holdTopics();
      },
      resubscribe: (topic) => {
        problem(`upstream ${topic}: the relayed book came out crossed (a delta lost or wrong); asked for a new snapshot`);
        renew.add(topic);
        void holdTopics();
      },
    },
    ...(options.bookDepth === undefined ? {} : { bookDepth: options.bookDepth }),
  });

  let tickerRefreshes = 0;
  let tickerRefreshFailures = 0;
  let tickersAtMs = 0;
  let refreshing = false;
  const refreshTickers = async (): Promise<void> => {
    // A slow upstream: the refresh still under way stands for this one.
    if (refreshing) return;
    refreshing = true;
    try {
      market.setTickers(await rest.linearTickerItems());
      tickerRefreshes++;
      tickersAtMs = Date.now();
    } catch (error) {
      tickerRefreshFailures++;
      const reason = errorValueOf(error).message;
      market.tickersUnavailable(reason);
      problem(`upstream tickers: ${reason}`);
    } finally {
      refreshing = false;
    }
  };
  await refreshTickers();
  const tickerTimer = setInterval(() => void refreshTickers(), options.tickerRefreshMs ?? 5_000);
  const topicTimer = setInterval(() => void holdTopics(), topicCheckMs);
  // The socket reconnects by itself for ever; at start, a stream that never opens is a wrong URL or no network.
  const connectLimitMs = options.connectTimeoutMs ?? 15_000;
  let limitTimer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    limitTimer = setTimeout(() => reject(new Error(`not open after ${connectLimitMs} ms`)), connectLimitMs);
  });
  try {
    await Promise.race([ws.connect(), limit]);
  } catch (error) {
    clearInterval(tickerTimer);
    clearInterval(topicTimer);
    await ws.close();
    throw new Error(
      `paper venue: cannot open its upstream's public stream ${options.wsPublicUrl} (venue.wsPublicUrl): ${error instanceof Error ? error.message : errorValueOf(error).message}`,
      {
        cause: error,
      },
    );
  } finally {
    clearTimeout(limitTimer);
  }
  return {
    market,
    stats: () => ({
      tickerRefreshes,
      tickerRefreshFailures,
      tickersAtMs,
      upstreamReconnects: reconnects,
      framesRelayed,
      bookResyncs: market.bookResyncs,
    }),
    close: async () => {
      clearInterval(tickerTimer);
      clearInterval(topicTimer);
      await ws.close();
    },
  };
}
