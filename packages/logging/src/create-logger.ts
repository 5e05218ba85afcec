// One pino JSON logger per thread (every thread): `worker` bound at creation, `symbol` bound by withSymbol, known
// secret fields redacted by path and every line passed through the SecretScrubber before it is written, whichever
// way it goes out (fd 1, this thread's process.stdout, or a destination the caller gives).

import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { SecretScrubber } from './secret-scrubber.js';

export type { Logger } from 'pino';
export type LogLevel = LevelWithSilent;
/** log.format: the main thread resolves `auto` and tells the workers `pretty` or `json`. */
export type LogFormat = 'auto' | 'pretty' | 'json';

/** Fields that hold credentials or signatures wherever they appear (one level of nesting and request headers). */
const redactedPaths: readonly string[] = [
  'apiKey',
  'apiSecret',
  'secret',
  'signature',
  'sign',
  '*.apiKey',
  '*.apiSecret',
  '*.secret',
  '*.signature',
  '*.sign',
  'credentials',
  '*.credentials',
  'headers["x-bapi-sign"]',
  'headers["X-BAPI-SIGN"]',
  'headers["x-bapi-api-key"]',
  'headers["X-BAPI-API-KEY"]',
  '*.headers["x-bapi-sign"]',
  '*.headers["X-BAPI-SIGN"]',
  '*.headers["x-bapi-api-key"]',
  '*.headers["X-BAPI-API-KEY"]',
];

export interface LoggerOptions {
  /** The thread: main, scanner, market-data, strategy, execution, venue, ... */
  readonly worker: string;
  readonly level: LogLevel;
  /** Values that must never reach the output, such as the API secret and key. */
  readonly secrets?: readonly string[];
  /**
   * Without a destination: `pretty` writes the JSON lines to this thread's process.stdout, which in a worker spawned
   * with `{ stdout: true }` the main thread reads and renders for the terminal; `json` (and `auto`, the default)
   * writes to fd 1 directly, asynchronously, as every thread did before pretty mode existed.
   */
  readonly format?: LogFormat;
  /** Overrides `format`; the main thread's renderer and tests pass one. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const scrubber = new SecretScrubber();
  scrubber.add(...(options.secrets ?? []));
  const destination = options.destination ?? (options.format === 'pretty' ? process.stdout : pino.destination({ fd: 1, sync: false }));
  return pino(
    {
      level: options.level,
      base: { pid: process.pid, worker: options.worker },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...redactedPaths], censor: '[REDACTED]' },
      hooks: { streamWrite: (line) => scrubber.scrub(line) },
    },
    destination,
  );
}

/** A child logger that stamps every line with the traded symbol; make one per symbol switch, not per message. */
export function withSymbol(logger: Logger, symbol: string): Logger {
  return logger.child({ symbol });
}

/** What a worker's logger is made from: the config's log settings, and the credentials it must never print. */
export interface WorkerLogSettings {
  readonly engine: { readonly log: { readonly level: LogLevel; readonly format: LogFormat } };
  readonly credentials: { readonly apiKey: string; readonly apiSecret: string };
}

/** A worker thread's logger: its name on every line, the configured level and format, the credentials scrubbed. */
export function createWorkerLogger(worker: string, settings: WorkerLogSettings): Logger {
  const { engine, credentials } = settings;
  return createLogger({ worker, level: engine.log.level, format: engine.log.format, secrets: [credentials.apiKey, credentials.apiSecret] });
}
