// recordFrames (the `pnpm record` process, main thread): records a venue's public trades, orderbook.1 tops and
// tickers for some symbols into a recording file, with the instruments-info items in its header. Public data only:
// no keys are needed or sent.

import { BybitRestClient, BybitRestTransport, BybitWsConnection, type WsConnectionState } from '@scalper/bybit';
import { recordingFormat, RecordingWriter, type RecordingHeader } from '@scalper/recording';

export interface RecordFramesOptions {
  /** e.g. wss://stream.bybit.com/v5/public/linear, or the embedded venue's ws://127.0.0.1:port/v5/public/linear. */
  readonly wsPublicUrl: string;
  /** e.g. https://api.bybit.com. */
  readonly restUrl: string;
  readonly symbols: readonly string[];
  readonly durationMs: number;
  readonly file: string;
  /** Called every progressIntervalMs (default 10 s) while recording. */
  readonly onProgress?: (progress: RecordProgress) => void;
  readonly progressIntervalMs?: number;
  /** Aborting stops the recording early; the file is still closed properly. */
  readonly signal?: AbortSignal;
  /** Give up when the socket is not open this long after the start; default 30 s. */
  readonly connectTimeoutMs?: number;
  /** Refuse to replace an existing file; default false. */
  readonly exclusive?: boolean;
  /** Connection state changes, for a log line. */
  readonly onStateChange?: (state: WsConnectionState, reason: string) => void;
}

export interface RecordedFrameCounts {
  readonly trade: number;
  readonly orderbook: number;
  readonly ticker: number;
  /** Any other data frame the venue pushed (none is subscribed; counted rather than assumed away). */
  readonly other: number;
}

export interface RecordProgress {
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly frames: number;
  readonly framesByKind: RecordedFrameCounts;
  readonly bytes: number;
  readonly pendingBytes: number;
  readonly droppedFrames: number;
  readonly reconnects: number;
  readonly state: WsConnectionState;
}

export interface RecordResult {
  readonly file: string;
  readonly header: RecordingHeader;
  readonly frames: number;
  readonly framesByKind: RecordedFrameCounts;
  /** Uncompressed bytes written, header included. */
  readonly bytes: number;
  /** Bytes on disk (compressed for .gz). */
  readonly fileBytes: number;
  /** Frames dropped because the disk fell more than 64 MiB behind. */
  readonly droppedFrames: number;
  readonly reconnects: number;
  readonly elapsedMs: number;
  readonly stoppedBy: 'duration' | 'abort';
}

const symbolPattern = /^[A-Z0-9]{2,30}$/;

/** The topics recorded for one symbol. */
function recordedTopics(symbol: string): string[] {
  return [`publicTrade.${symbol}`, `orderbook.1.${symbol}`, `tickers.${symbol}`];
}

function checkOptions(options: RecordFramesOptions): void {
  if (options.symbols.length === 0) throw new Error('symbols must list at least one symbol');
  for (const symbol of options.symbols) {
    if (!symbolPattern.test(symbol)) throw new Error(`symbols: ${JSON.stringify(symbol)} is not a Bybit symbol such as BTCUSDT`);
  }
  if (new Set(options.symbols).size !== options.symbols.length) throw new Error('symbols lists a symbol twice');
  if (!(options.durationMs > 0) || !Number.isFinite(options.durationMs)) {
    throw new Error(`durationMs must be a positive number of ms, got ${options.durationMs}`);
  }
}

/** The venue's own instruments-info items for the symbols; refuses a symbol it does not list or does not trade. */
async function fetchInstrumentItems(restUrl: string, symbols: readonly string[]): Promise<Record<string, unknown>[]> {
  const client = new BybitRestClient(new BybitRestTransport({ baseUrl: restUrl, maxRetries: 2 }));
  const listed = new Map<string, Record<string, unknown>>();
  for (const raw of await client.linearInstruments()) {
    if (typeof raw !== 'object' || raw === null) continue;
    const item = raw as Record<string, unknown>;
    if (typeof item['symbol'] === 'string') listed.set(item['symbol'], item);
  }
  return symbols.map((symbol) => {
    const item = listed.get(symbol);
    if (item === undefined) throw new Error(`the venue at ${restUrl} does not list ${symbol} as a linear instrument`);
    if (item['status'] !== undefined && item['status'] !== 'Trading') {
      throw new Error(`${symbol} is not trading on ${restUrl} (status ${String(item['status'])})`);
    }
    return item;
  });
}

/** Resolves after ms, or at once when the signal aborts; the timer never outlives the wait. */
function waitOrAbort(ms: number, signal: AbortSignal | undefined): Promise<'duration' | 'abort'> {
  if (signal?.aborted === true) return Promise.resolve('abort');
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve('abort');
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve('duration');
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function recordFrames(options: RecordFramesOptions): Promise<RecordResult> {
  checkOptions(options);
  const symbols = [...options.symbols];
  const instruments = await fetchInstrumentItems(options.restUrl, symbols);
  // Wall-clock ms since the epoch, for startedAtMs and every t: the venue's own `ts` is on that clock, and files
  // recorded by different processes (or days apart) merge correctly. The connection's receivedAtMs is the
  // monotonic performance clock, whose origin is per process and which does not follow NTP corrections.
  const startedAtMs = Date.now();
  const header: RecordingHeader = { format: recordingFormat, source: options.wsPublicUrl, symbols, startedAtMs, instruments };
  const writer = await RecordingWriter.open(options.file, { exclusive: options.exclusive === true });
  writer.writeHeader(header);

  const counts = { trade: 0, orderbook: 0, ticker: 0, other: 0 };
  const connection = new BybitWsConnection(
    { url: options.wsPublicUrl, name: 'recorder-public' },
    {
      onFrame: (frame, _receivedAtMs, text) => {
        writer.writeFrame(Date.now(), text);
        if (frame.kind === 'trade' || frame.kind === 'orderbook' || frame.kind === 'ticker') counts[frame.kind]++;
        else counts.other++;
      },
      ...(options.onStateChange === undefined ? {} : { onStateChange: options.onStateChange }),
    },
  );
  const started = performance.now();
  const progress = (): RecordProgress => ({
    elapsedMs: Math.round(performance.now() - started),
    durationMs: options.durationMs,
    frames: writer.frames,
    framesByKind: { ...counts },
    bytes: writer.bytes,
    pendingBytes: writer.pendingBytes,
    droppedFrames: writer.droppedFrames,
    reconnects: connection.stats().reconnects,
    state: connection.state,
  });
  const onProgress = options.onProgress;
  const progressTimer = onProgress === undefined ? null : setInterval(() => onProgress(progress()), options.progressIntervalMs ?? 10_000);

  let stoppedBy: 'duration' | 'abort';
  try {
    // The subscriptions are replayed by the connection after any reconnect; we only ask once.
    const ready = (async () => {
      await connection.connect();
      await connection.subscribe(symbols.flatMap(recordedTopics));
    })();
    ready.catch(() => undefined); // the race below reports a failure; a late one (after close()) is not news
    const connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
    const first = await Promise.race([
      ready.then(() => 'ready' as const),
      waitOrAbort(Math.min(connectTimeoutMs, options.durationMs), options.signal),
    ]);
    if (first === 'duration' && connectTimeoutMs < options.durationMs) {
      throw new Error(`no open, subscribed connection to ${options.wsPublicUrl} within ${connectTimeoutMs} ms`);
    }
    stoppedBy = first === 'ready' ? await waitOrAbort(options.durationMs - (performance.now() - started), options.signal) : first;
  } finally {
    if (progressTimer !== null) clearInterval(progressTimer);
    await connection.close();
    await writer.close();
  }
  return {
    file: options.file,
    header,
    frames: writer.frames,
    framesByKind: { ...counts },
    bytes: writer.bytes,
    fileBytes: writer.fileBytes,
    droppedFrames: writer.droppedFrames,
    reconnects: connection.stats().reconnects,
    elapsedMs: Math.round(performance.now() - started),
    stoppedBy,
  };
}
