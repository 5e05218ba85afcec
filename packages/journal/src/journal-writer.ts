// The journal's one writer (main thread): the threads' journal events are queued as they arrive and written by
// flush() in one transaction per batch, so a burst costs one fsync-free commit, not one per event. Fills are unique
// by execId: a replayed private stream or a backfill writes an execution once.

import type Database from 'better-sqlite3';
import type { JournalEvent } from '@scalper/protocol';
import { openJournalFile, type OpenJournalOptions } from './journal-file.js';
import { JournalReader } from './journal-reader.js';

export interface JournalWriterCounts {
  /** Events written (a duplicate fill or order counts as written, not twice). */
  written: number;
  duplicateFills: number;
  batches: number;
  /** Events refused by SQLite (a bad field): logged by the host, never retried. */
  failed: number;
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    session: db.prepare(
      'INSERT INTO sessions (started_at_ms, venue_kind, env, version, config_json) VALUES (@tsMs, @venueKind, @env, @version, @configJson)',
    ),
    sessionStop: db.prepare('UPDATE sessions SET stopped_at_ms = @tsMs, stop_reason = @reason WHERE id = @sessionId'),
    decision: db.prepare(
      'INSERT INTO decisions (session_id, ts_ms, symbol, action, order_link_id, side, qty, order_type, time_in_force, reason, detail_json) ' +
        'VALUES (@sessionId, @tsMs, @symbol, @action, @orderLinkId, @side, @qty, @orderType, @timeInForce, @reason, @detailJson)',
    ),
    order: db.prepare(
      'INSERT INTO orders (order_link_id, session_id, ts_ms, symbol, side, order_type, time_in_force, qty, price, reduce_only) ' +
        'VALUES (@orderLinkId, @sessionId, @tsMs, @symbol, @side, @orderType, @timeInForce, @qty, @price, @reduceOnly) ON CONFLICT (order_link_id) DO NOTHING',
    ),
    orderStatus: db.prepare(
      'INSERT INTO order_events (session_id, ts_ms, order_link_id, order_id, status, ret_code, message) ' +
        'VALUES (@sessionId, @tsMs, @orderLinkId, @orderId, @status, @retCode, @message)',
    ),
    fill: db.prepare(
      // ON CONFLICT, not OR IGNORE: only a repeated execId is skipped; a NOT NULL violation still fails loudly.
      'INSERT INTO fills (exec_id, session_id, ts_ms, order_id, order_link_id, symbol, side, price, qty, fee, is_maker) ' +
        'VALUES (@execId, @sessionId, @tsMs, @orderId, @orderLinkId, @symbol, @side, @price, @qty, @fee, @isMaker) ON CONFLICT (exec_id) DO NOTHING',
    ),
    roundTrip: db.prepare(
      'INSERT INTO round_trips (session_id, symbol, side, qty, entry_price, exit_price, opened_at_ms, closed_at_ms, exit_reason, gross_pnl, fees, net_pnl) ' +
        'VALUES (@sessionId, @symbol, @side, @qty, @entryPrice, @exitPrice, @openedAtMs, @closedAtMs, @exitReason, @grossPnl, @fees, @netPnl)',
    ),
    risk: db.prepare('INSERT INTO risk_events (session_id, ts_ms, kind, reason, until_ms) VALUES (@sessionId, @tsMs, @kind, @reason, @untilMs)'),
    runtime: db.prepare('INSERT INTO runtime_events (session_id, ts_ms, worker, kind, detail) VALUES (@sessionId, @tsMs, @worker, @kind, @detail)'),
  };
}

export class JournalWriter {
  readonly counts: JournalWriterCounts = { written: 0, duplicateFills: 0, batches: 0, failed: 0 };
  private queue: JournalEvent[] = [];
  private sessionId: number | null = null;
  private readonly statements: Statements;
  private readonly writeBatch: Database.Transaction<(events: readonly JournalEvent[]) => void>;
  private closed = false;
  private ownReader: JournalReader | null = null;

  private constructor(
    private readonly db: Database.Database,
    private readonly onFailure: (event: JournalEvent, error: Error) => void,
  ) {
    this.statements = prepare(db);
    this.writeBatch = db.transaction((events: readonly JournalEvent[]) => {
      for (const event of events) this.write(event);
    });
  }

  /** Creates or upgrades the file at `path`; `onFailure` hears an event SQLite refused (the rest of its batch is written). */
  static open(path: string, onFailure: (event: JournalEvent, error: Error) => void, options: OpenJournalOptions = {}): JournalWriter {
    return new JournalWriter(openJournalFile(path, { ...options, readOnly: false }), onFailure);
  }

  /** The session this writer journals (from its SessionStarted on), or null before. */
  get currentSessionId(): number | null {
    return this.sessionId;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Queues one event; nothing touches the disk until flush(). */
  record(event: JournalEvent): void {
    if (!this.closed) this.queue.push(event);
  }

  /**
   * Writes every queued event in one transaction; returns how many. When the transaction itself fails (the file is
   * locked past the busy timeout, the disk is full) nothing of it was written: the events go back to the front of the
   * queue for the next flush, and the error is thrown for the host to log.
   */
  flush(): number {
    if (this.queue.length === 0 || this.closed) return 0;
    const events = this.queue;
    this.queue = [];
    const counts = { ...this.counts };
    try {
      // BEGIN IMMEDIATE: a lock held elsewhere fails the batch at its start, not one event in the middle of it.
      this.writeBatch.immediate(events);
    } catch (error) {
      Object.assign(this.counts, counts);
      this.queue = events.concat(this.queue);
      throw error;
    }
    this.counts.batches++;
    return events.length;
  }

  /** Reads this writer's own file (what it has flushed), for the resume an execution start needs. */
  reader(): JournalReader {
    this.ownReader ??= JournalReader.over(this.db);
    return this.ownReader;
  }

  /** Closes the file without writing what is queued (it could not be written); idempotent. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.db.close();
  }

  /** Flushes and closes the file; idempotent. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }

  private write(event: JournalEvent): void {
    const s = this.statements;
    const sessionId = this.sessionId;
    try {
      switch (event.type) {
        case 'SessionStarted':
          this.sessionId = Number(s.session.run(event).lastInsertRowid);
          break;
        case 'SessionStopped':
          if (sessionId !== null) s.sessionStop.run({ ...event, sessionId });
          break;
        case 'Decision':
          s.decision.run({ ...event, sessionId });
          break;
        case 'OrderRequested':
          s.order.run({ ...event, sessionId, reduceOnly: event.reduceOnly ? 1 : 0 });
          break;
        case 'OrderStatus':
          s.orderStatus.run({ ...event, sessionId });
          break;
        case 'Fill':
          if (s.fill.run({ ...event, sessionId, isMaker: event.isMaker ? 1 : 0 }).changes === 0) this.counts.duplicateFills++;
          break;
        case 'RoundTrip':
          s.roundTrip.run({ ...event, sessionId });
          break;
        case 'RiskEvent':
          s.risk.run({ ...event, sessionId });
          break;
        case 'RuntimeEvent':
          s.runtime.run({ ...event, sessionId });
          break;
      }
      this.counts.written++;
    } catch (error) {
      // Only this event's own fault (a constraint, a value SQLite cannot bind) is its alone; a lock or I/O error
      // fails the whole batch, which flush() keeps for the next try.
      if (!isEventFault(error)) throw error;
      this.counts.failed++;
      this.onFailure(event, error as Error);
    }
  }
}

function isEventFault(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG');
}
