// One pino JSON logger per thread (every thread): `worker` bound at creation, `symbol` bound by withSymbol, known
// secret fields redacted by path and every line passed through the SecretScrubber before it is written.

import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { SecretScrubber } from './secret-scrubber.js';

export type { Logger } from 'pino';
export type LogLevel = LevelWithSilent;

/** Fields that hold credentials or signatures wherever they appear (one level of nesting and request headers). */
export const redactedPaths: readonly string[] = [
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
  /** Defaults to stdout (fd 1), written asynchronously; tests pass a memory stream. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const scrubber = new SecretScrubber();
  scrubber.add(...(options.secrets ?? []));
  const destination = options.destination ?? pino.destination({ fd: 1, sync: false });
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
