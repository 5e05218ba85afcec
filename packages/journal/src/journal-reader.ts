// Reads the journal back (main thread at start, and the pnpm journal CLI): the realised PnL of a span, the last
// journaled fill (where a backfill starts), and the halt in force, if any. Sums are exact: big.js over TEXT.

import Big from 'big.js';
import type Database from 'better-sqlite3';
import { toDecimalString, type JournalHalt, type JournalResume } from '@scalper/protocol';
import { openJournalFile } from './journal-file.js';

export type HaltInForce = JournalHalt;

/** One journaled round trip, as stored (money as exact decimal text). */
export interface RoundTripRow {
  readonly symbol: string;
  readonly side: string;
  readonly qty: string;
  readonly entryPrice: string;
  readonly exitPrice: string;
  readonly openedAtMs: number;
  readonly closedAtMs: number;
  readonly exitReason: string;
  readonly grossPnl: string;
  readonly fees: string;
  readonly netPnl: string;
}

export interface RealisedSpan {
  readonly netPnl: string;
  readonly fees: string;
  readonly roundTrips: number;
}

/** 00:00 UTC of the day `nowMs` falls in. */
export function utcDayStartMs(nowMs: number): number {
  return nowMs - (((nowMs % 86_400_000) + 86_400_000) % 86_400_000);
}

export class JournalReader {
  private constructor(private readonly db: Database.Database) {}

  /** Read-only; the file must exist. */
  static open(path: string): JournalReader {
    // A reader is never blocked by the engine's WAL writes; only a lock taken on purpose makes it wait, and then briefly.
    return new JournalReader(openJournalFile(path, { readOnly: true, busyTimeoutMs: 2_000 }));
  }

  /** For the writer's own process: a reader over an already open connection. */
  static over(db: Database.Database): JournalReader {
    return new JournalReader(db);
  }

  /** Round trips closed in [fromMs, toMs): their net PnL and fees summed exactly. */
  realisedBetween(fromMs: number, toMs: number): RealisedSpan {
    const trips = this.roundTrips(fromMs, toMs);
    let net = new Big(0);
    let fees = new Big(0);
    for (const trip of trips) {
      net = net.plus(trip.netPnl);
      fees = fees.plus(trip.fees);
    }
    return { netPnl: net.toString(), fees: fees.toString(), roundTrips: trips.length };
  }

  /** Round trips closed in [fromMs, toMs), oldest first. */
  roundTrips(fromMs: number, toMs: number): RoundTripRow[] {
    return this.db
      .prepare(
        'SELECT symbol, side, qty, entry_price AS entryPrice, exit_price AS exitPrice, opened_at_ms AS openedAtMs, closed_at_ms AS closedAtMs, ' +
          'exit_reason AS exitReason, gross_pnl AS grossPnl, fees, net_pnl AS netPnl FROM round_trips ' +
          'WHERE closed_at_ms >= ? AND closed_at_ms < ? ORDER BY closed_at_ms, id',
      )
      .all(fromMs, toMs) as RoundTripRow[];
  }

  /** The newest journaled fill's time, or null for a journal without fills. */
  lastFillTimeMs(): number | null {
    const row = this.db.prepare('SELECT max(ts_ms) AS last FROM fills').get() as { last: number | null };
    return row.last;
  }

  /** The last halt, if no resume came after it and its end (if it has one) is after `nowMs`. */
  haltInForce(nowMs: number): HaltInForce | null {
    const row = this.db
      .prepare(
        "SELECT kind, reason, until_ms AS untilMs, ts_ms AS tsMs FROM risk_events WHERE kind IN ('halted', 'resumed') ORDER BY ts_ms DESC, id DESC LIMIT 1",
      )
      .get() as { kind: string; reason: string; untilMs: number | null; tsMs: number } | undefined;
    if (row === undefined || row.kind !== 'halted') return null;
    if (row.untilMs !== null && row.untilMs <= nowMs) return null;
    return { reason: row.reason, sinceMs: row.tsMs, untilMs: row.untilMs };
  }

  /** What an execution start needs from the journal at `nowMs` (see JournalResume). */
  resumeAt(nowMs: number): JournalResume {
    const dayStartMs = utcDayStartMs(nowMs);
    // The whole day: a trip stamped by the venue's clock may be a moment ahead of this host's.
    const day = this.realisedBetween(dayStartMs, dayStartMs + 86_400_000);
    return {
      dayStartMs,
      lastFillTimeMs: this.lastFillTimeMs(),
      dayRealisedNet: toDecimalString(day.netPnl),
      dayRoundTrips: day.roundTrips,
      halt: this.haltInForce(nowMs),
    };
  }

  close(): void {
    this.db.close();
  }
}
