// The engine's trade journal on the main thread: opens the SQLite file of its venue, records the session (start,
// stop, configuration without secrets, version) and the supervisor's worker crashes and restarts, and writes what is
// queued every journal.flushIntervalMs in one transaction. The threads' own events come to record() over ports.

import { readFileSync } from 'node:fs';
import type { Logger } from '@scalper/logging';
import { defaultJournalPath, JournalWriter } from '@scalper/journal';
import type { EngineConfig, JournalEvent } from '@scalper/protocol';

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

const engineVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export class EngineJournal {
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly writer: JournalWriter,
    private readonly logger: Logger,
    flushIntervalMs: number,
  ) {
    this.timer = setInterval(() => this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  /** Opens the journal and records the session's start; null when journal.path is "". Throws one line on a bad file. */
  static open(engine: EngineConfig, logger: Logger, nowMs: number): EngineJournal | null {
    const path = journalPathOf(engine);
    if (path === null) return null;
    const writer = JournalWriter.open(path, (event, error) => logger.error({ event: event.type, err: error }, 'journal: an event was refused'));
    const journal = new EngineJournal(path, writer, logger, engine.journal.flushIntervalMs);
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
    journal.flush();
    return journal;
  }

  record(event: JournalEvent): void {
    this.writer.record(event);
  }

  /** Writes what is queued; a failed write is logged and the engine goes on (the journal never stops trading). */
  flush(): void {
    if (this.closed) return;
    try {
      this.writer.flush();
    } catch (error) {
      this.logger.error({ err: error, path: this.path }, 'journal: a batch could not be written');
    }
  }

  /** Records the stop, writes everything and closes the file; idempotent. */
  close(reason: string, nowMs: number): void {
    if (this.closed) return;
    clearInterval(this.timer);
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
