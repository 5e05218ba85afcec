// The engine's trade journal on the main thread: opens the SQLite file of its venue, records the session (start,
// stop, configuration without secrets, version) and the supervisor's worker crashes and restarts, and writes what is
// queued every journal.flushIntervalMs in one transaction. The threads' own events come to record() over ports; a
// decision, fill, round trip or risk event (a few a minute) is written at the next turn of the event loop instead of
// waiting for the timer, so a SIGKILL right after an order's fill still finds the decision that sent it.

import { readFileSync } from 'node:fs';
import type { Logger } from '@scalper/logging';
import {
  defaultJournalPath,
  JournalFileError,
  JournalWriter,
  summariseDays,
  utcDayStartMs,
  type OpenJournalOptions,
  type RoundTripRow,
} from '@scalper/journal';
import type { EngineConfig, JournalEvent, JournalHalt, JournalResume } from '@scalper/protocol';

/** The journal's name for a venue: one file each, so paper and live never mix. */
export function journalVenueName(engine: EngineConfig): string {
  if (engine.venue.kind !== 'bybit') return engine.venue.kind;
  if (engine.env === 'live') return 'mainnet';
  return engine.env === 'sim' ? 'url' : engine.env;
}

/** journal.path resolved: null when the journal is off. */
export function journalPathOf(engine: EngineConfig): string | null {
  const path = engine.journal.path;
  if (path === '') return null;
  return path === 'auto' ? defaultJournalPath(journalVenueName(engine)) : path;
}

export const engineVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Events that are money or risk: written at once (a SIGKILL then loses at most what the port still carried). */
const writtenAtOnce: ReadonlySet<JournalEvent['type']> = new Set(['Decision', 'Fill', 'RoundTrip', 'RiskEvent']);

export interface EngineJournalOptions {
  /**
   * A batch could not be written (disk full, file locked past the busy timeout, I/O error): the engine must stop
   * trading, since a bot that cannot record must not trade. Called once; the writer keeps the batch and tries again.
   */
  readonly onCannotWrite?: (reason: string) => void;
  /** File options for tests (a page cap stands in for a full disk). */
  readonly file?: OpenJournalOptions;
}

export class EngineJournal {
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private flushSoon: NodeJS.Immediate | null = null;
  private failing = false;
  private dayTrips: { readonly dayStart: number; readonly written: number; readonly trips: readonly RoundTripRow[] } | null = null;

  private constructor(
    readonly path: string,
    private readonly writer: JournalWriter,
    private readonly logger: Logger,
    flushIntervalMs: number,
    private readonly options: EngineJournalOptions,
  ) {
    this.timer = setInterval(() => this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  /** Opens the journal and records the session's start; null when journal.path is "". Throws one line on a bad file. */
  static open(engine: EngineConfig, logger: Logger, nowMs: number, options: EngineJournalOptions = {}): EngineJournal | null {
    const path = journalPathOf(engine);
    if (path === null) return null;
    const writer = JournalWriter.open(
      path,
      (event, error) => logger.error({ event: event.type, err: error }, 'journal: an event was refused'),
      options.file,
    );
    const journal = new EngineJournal(path, writer, logger, engine.journal.flushIntervalMs, options);
    // The credentials never reach the file: the config's copy goes without them.
    const { credentials: _credentials, ...withoutSecrets } = engine;
    journal.record({
      type: 'SessionStarted',
      tsMs: nowMs,
      venueKind: journalVenueName(engine),
      env: engine.env,
      version: engineVersion,
      configJson: JSON.stringify(withoutSecrets),
    });
    // A journal that cannot take its first write (a full disk) stops the start here, before anything trades.
    try {
      writer.flush();
    } catch (error) {
      journal.closed = true;
      clearInterval(journal.timer);
      writer.abandon();
      throw new JournalFileError(`journal ${path} cannot be written: ${(error as Error).message}`, { cause: error });
    }
    return journal;
  }

  record(event: JournalEvent): void {
    this.writer.record(event);
    if (writtenAtOnce.has(event.type) && this.flushSoon === null && !this.closed) {
      this.flushSoon = setImmediate(() => {
        this.flushSoon = null;
        this.flush();
      });
    }
  }

  /** What execution's start needs: the journal's last fill, the day's realised PnL and the halt in force. */
  resume(nowMs: number): JournalResume {
    this.flush();
    return this.writer.reader().resumeAt(nowMs);
  }

  /** Events written this run, and whether writing fails now (for the metrics). */
  get health(): { readonly written: number; readonly failing: boolean } {
    return { written: this.writer.counts.written, failing: this.failing };
  }

  /** The UTC day starting at `dayStartMs` in one line (trades, win rate, net PnL, fees), for the daily alert. */
  daySummary(dayStartMs: number): string {
    const [day] = summariseDays(this.writer.reader().roundTrips(dayStartMs, dayStartMs + 86_400_000));
    const date = new Date(dayStartMs).toISOString().slice(0, 10);
    if (day === undefined) return `Day ${date} (UTC): no round trips`;
    const winRate = ((day.wins / day.trades) * 100).toFixed(0);
    return `Day ${date} (UTC): ${day.trades} round trips, ${winRate} % won, net ${day.netPnl} USDT, fees ${day.fees} USDT`;
  }

  /**
   * The UTC day's round trips so far, oldest first (the dashboard's list and equity curve). Read again only when
   * something new was written, so a page open all day costs one query per trip, not per update.
   */
  tripsOfDay(nowMs: number): readonly RoundTripRow[] {
    const dayStart = utcDayStartMs(nowMs);
    const written = this.writer.counts.written;
    if (this.dayTrips === null || this.dayTrips.dayStart !== dayStart || this.dayTrips.written !== written) {
      this.dayTrips = { dayStart, written, trips: this.writer.reader().roundTrips(dayStart, dayStart + 86_400_000) };
    }
    return this.dayTrips.trips;
  }

  /** The day's last `count` round trips, a line each (for the /trades command). */
  lastTrips(count: number, nowMs: number): string[] {
    const dayStart = nowMs - (nowMs % 86_400_000);
    return this.writer
      .reader()
      .roundTrips(dayStart, nowMs + 1)
      .slice(-count)
      .map(
        (trip) =>
          `${new Date(trip.closedAtMs).toISOString().slice(11, 19)} ${trip.symbol} ${trip.side === 'Buy' ? 'long' : 'short'} ${trip.qty}: net ${trip.netPnl} USDT (${trip.exitReason})`,
      );
  }

  /** The halt the journal holds at `nowMs` (what execution restores at its start), or null. */
  haltInForce(nowMs: number): JournalHalt | null {
    return this.writer.reader().haltInForce(nowMs);
  }

  /**
   * Writes what is queued. A batch that fails stays queued for the next try; the first failure is logged at fatal
   * and reported through onCannotWrite (trading halts), a write that works again afterwards is logged too.
   */
  flush(): void {
    if (this.closed) return;
    try {
      this.writer.flush();
      if (this.failing) this.logger.warn({ path: this.path }, 'journal: writing works again; trading stays halted until a restart');
      this.failing = false;
    } catch (error) {
      if (this.failing) return;
      this.failing = true;
      const reason = `journal ${this.path} cannot be written: ${(error as Error).message}`;
      this.logger.fatal({ err: error, path: this.path, queued: this.writer.queued }, 'journal: a batch could not be written; halting trading');
      this.options.onCannotWrite?.(reason);
    }
  }

  /** Records the stop, writes everything and closes the file; idempotent. */
  close(reason: string, nowMs: number): void {
    if (this.closed) return;
    clearInterval(this.timer);
    if (this.flushSoon !== null) clearImmediate(this.flushSoon);
    this.record({ type: 'SessionStopped', tsMs: nowMs, reason });
    this.flush();
    this.closed = true;
    try {
      this.writer.close();
    } catch (error) {
      this.logger.error({ err: error, path: this.path }, 'journal: closing failed');
    }
  }
}
