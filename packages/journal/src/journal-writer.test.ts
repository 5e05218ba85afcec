// Tests of the journal writer and reader (Jest thread, real SQLite files in a temp folder): every event kind written
// in batches, fills once per execId, a refused event that leaves its batch whole, a SIGKILL after a flush that loses
// nothing, exact PnL sums, and the halt in force.

import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecimalString, JournalEvent, JournalRoundTrip } from '@scalper/protocol';
import { JournalReader, utcDayStartMs } from './journal-reader.js';
import { JournalWriter } from './journal-writer.js';
import { fillEvent, roundTripEvent } from './test-support/journal-events.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newPath = (): string => join(dir, `j${++files}`, 'paper.sqlite');

const day = Date.UTC(2026, 11, 7);
const started: JournalEvent = { type: 'SessionStarted', tsMs: day + 1_000, venueKind: 'paper', env: 'sim', version: '0.1.0', configJson: '{"a":1}' };

const fill = fillEvent;
const trip = (closedAtMs: number, netPnl: string, fees: string): JournalRoundTrip =>
  roundTripEvent(closedAtMs, netPnl, { fees: fees as DecimalString });

describe('JournalWriter', () => {
  it('writes nothing until flush, then every event kind in one batch, tied to its session', () => {
    const path = newPath();
    const writer = JournalWriter.open(path, () => undefined);
    const events: JournalEvent[] = [
      started,
      {
        type: 'Decision',
        tsMs: day + 2_000,
        symbol: 'BTCUSDT',
        action: 'PlaceOrder',
        orderLinkId: 'l1',
        side: 'Buy',
        qty: '0.002',
        orderType: 'Market',
        timeInForce: 'IOC',
        reason: null,
        detailJson: '{}',
      } as JournalEvent,
      {
        type: 'OrderRequested',
        tsMs: day + 2_001,
        orderLinkId: 'l1',
        symbol: 'BTCUSDT',
        side: 'Buy',
        orderType: 'Market',
        timeInForce: 'IOC',
        qty: '0.002',
        price: null,
        reduceOnly: false,
      } as JournalEvent,
      { type: 'OrderStatus', tsMs: day + 2_003, orderLinkId: 'l1', orderId: 'o1', status: 'Filled', retCode: null, message: null },
      fill('e1', day + 2_003),
      trip(day + 7_000, '0.1', '0.1'),
      { type: 'RiskEvent', tsMs: day + 8_000, kind: 'denied', reason: 'max orders per minute', untilMs: null },
      { type: 'RuntimeEvent', tsMs: day + 9_000, worker: 'strategy', kind: 'restarted', detail: 'crashed: boom' },
      { type: 'SessionStopped', tsMs: day + 10_000, reason: 'SIGTERM' },
    ];
    for (const event of events) writer.record(event);
    const peek = new Database(path, { readonly: true });
    expect(peek.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 0 });
    expect(writer.flush()).toBe(events.length);
    expect(writer.counts).toMatchObject({ written: events.length, batches: 1, failed: 0 });
    const count = (table: string): unknown =>
      peek.prepare(`SELECT count(*) AS n, min(session_id) AS s FROM ${table}`).get() as { n: number; s: number };
    for (const table of ['decisions', 'orders', 'order_events', 'fills', 'round_trips', 'risk_events', 'runtime_events']) {
      expect({ table, ...(count(table) as object) }).toEqual({ table, n: 1, s: writer.currentSessionId });
    }
    expect(peek.prepare('SELECT stopped_at_ms AS stoppedAt, stop_reason AS reason, config_json AS config FROM sessions').get()).toEqual({
      stoppedAt: day + 10_000,
      reason: 'SIGTERM',
      config: '{"a":1}',
    });
    expect(peek.prepare('SELECT price, fee, is_maker AS maker FROM fills').get()).toEqual({ price: '97000.1', fee: '0.1067', maker: 0 });
    peek.close();
    writer.close();
  });

  it('writes a fill once per execId and an order once per orderLinkId, counting the repeats', () => {
    const writer = JournalWriter.open(newPath(), () => undefined);
    writer.record(started);
    writer.record(fill('e1', day + 1));
    writer.flush();
    writer.record(fill('e1', day + 1));
    writer.record(fill('e2', day + 2));
    writer.flush();
    expect(writer.counts.duplicateFills).toBe(1);
    writer.close();
  });

  it('hands an event SQLite refuses to onFailure and writes the rest of its batch', () => {
    const path = newPath();
    const refused: string[] = [];
    const writer = JournalWriter.open(path, (event, error) => void refused.push(`${event.type}: ${error.message}`));
    writer.record(started);
    writer.record({ ...fill('e1', day), symbol: null } as unknown as JournalEvent);
    writer.record(fill('e2', day + 5));
    writer.flush();
    writer.close();
    expect(refused).toEqual([expect.stringMatching(/^Fill: NOT NULL constraint failed: fills\.symbol/)]);
    const reader = JournalReader.open(path);
    expect(reader.lastFillTimeMs()).toBe(day + 5);
    reader.close();
  });

  it('keeps a batch it could not write (another connection holds the lock) and writes it with the next flush', () => {
    const path = newPath();
    const writer = JournalWriter.open(path, () => undefined, { busyTimeoutMs: 50 });
    writer.record(started);
    writer.flush();
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    writer.record(fill('e1', day + 1));
    writer.record(fill('e2', day + 2));
    expect(() => writer.flush()).toThrow(/database is locked/);
    expect(writer.queued).toBe(2);
    expect(writer.counts.written).toBe(1);
    other.exec('ROLLBACK');
    other.close();
    expect(writer.flush()).toBe(2);
    expect(writer.counts).toMatchObject({ written: 3, duplicateFills: 0 });
    writer.close();
    const reader = JournalReader.open(path);
    expect(reader.lastFillTimeMs()).toBe(day + 2);
    reader.close();
  });

  it('keeps every flushed fill when the process is killed with SIGKILL right after', () => {
    const path = newPath();
    const script = `
      import { JournalWriter } from ${JSON.stringify(fileURLToPath(new URL('./index.js', import.meta.url)))};
      const writer = JournalWriter.open(${JSON.stringify(path)}, () => undefined);
      writer.record(${JSON.stringify(started)});
      for (let i = 0; i < 500; i++) writer.record({ ...${JSON.stringify(fill('x', day))}, execId: 'e' + i, tsMs: ${day} + i });
      writer.flush();
      writer.record({ ...${JSON.stringify(fill('x', day))}, execId: 'never-flushed', tsMs: ${day} + 999 });
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const reader = JournalReader.open(path);
    expect(reader.lastFillTimeMs()).toBe(day + 499);
    reader.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM fills').get()).toEqual({ n: 500 });
    db.close();
  });
});

describe('JournalReader', () => {
  it("sums a day's round trips exactly, names the day's start in UTC, and finds the newest fill", () => {
    const path = newPath();
    const writer = JournalWriter.open(path, () => undefined);
    writer.record(started);
    writer.record(trip(day - 1, '-5', '1'));
    writer.record(trip(day + 1_000, '0.1', '0.01'));
    writer.record(trip(day + 2_000, '0.2', '0.02'));
    writer.record(trip(day + 86_400_000, '-7', '1'));
    writer.record(fill('e1', day + 3_000));
    writer.close();
    const reader = JournalReader.open(path);
    expect(utcDayStartMs(day + 12 * 3_600_000)).toBe(day);
    // Floats would say 0.30000000000000004.
    expect(reader.realisedBetween(day, day + 86_400_000)).toEqual({ netPnl: '0.3', fees: '0.03', roundTrips: 2 });
    expect(reader.lastFillTimeMs()).toBe(day + 3_000);
    reader.close();
  });

  it('finds the halt in force: the last halt not resumed and not past its end', () => {
    const path = newPath();
    const writer = JournalWriter.open(path, () => undefined);
    writer.record(started);
    writer.close();
    const halts = (events: readonly JournalEvent[]): JournalReader => {
      const w = JournalWriter.open(path, () => undefined);
      for (const event of events) w.record(event);
      w.close();
      return JournalReader.open(path);
    };
    let reader = halts([]);
    expect(reader.haltInForce(day)).toBeNull();
    reader.close();
    reader = halts([{ type: 'RiskEvent', tsMs: day + 1, kind: 'halted', reason: 'daily loss limit', untilMs: day + 86_400_000 }]);
    expect(reader.haltInForce(day + 10)).toEqual({ reason: 'daily loss limit', untilMs: day + 86_400_000, sinceMs: day + 1 });
    expect(reader.haltInForce(day + 86_400_000)).toBeNull();
    reader.close();
    reader = halts([{ type: 'RiskEvent', tsMs: day + 2, kind: 'halted', reason: 'kill switch', untilMs: null }]);
    expect(reader.haltInForce(day + 5 * 86_400_000)).toMatchObject({ reason: 'kill switch', untilMs: null });
    reader.close();
    reader = halts([{ type: 'RiskEvent', tsMs: day + 3, kind: 'resumed', reason: 'by hand', untilMs: null }]);
    expect(reader.haltInForce(day + 10)).toBeNull();
    reader.close();
  });
});
