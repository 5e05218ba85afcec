// What the execution core takes from its host (execution thread): wall-clock time, a sleep for backoff and a
// structured logger. The core owns no timers, so Jest and backtests drive it with a test clock and a fake sleep.

/** pino's `(object, message)` call shape, so the worker can pass its pino logger unchanged. */
export interface ExecutionLogger {
  /** Routine events (a reconcile that changed nothing): off at the default level. */
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ExecutionEnvironment {
  /** Epoch milliseconds, comparable with the venue's timestamps (lookups ask the venue for fills since then). */
  readonly now: () => number;
  /** The only way the core waits: backoff between retries. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: ExecutionLogger;
}

const noop = (): void => {};

export const silentLogger: ExecutionLogger = { debug: noop, info: noop, warn: noop, error: noop };
