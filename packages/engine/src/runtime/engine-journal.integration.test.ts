// The engine keeps its trade journal (issue 17, first part): a run on the embedded venue opens the journal of its
// venue, records the session with its configuration but no secret, the supervisor's crash and restart of a worker,
// and the stop with its reason; a journal that cannot be opened stops the start before anything runs.

import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { JournalReader } from '@scalper/journal';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '@scalper/logging';
import { toDecimalString, type JournalEvent } from '@scalper/protocol';
import { Writable } from 'node:stream';
import { EngineJournal, journalPathOf, journalVenueName } from './engine-journal.js';
import { startQuietEngine } from './test-support/test-engine.js';
import { until } from './test-support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'engine-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quietLogger = () => createLogger({ worker: 'main', level: 'warn', destination: new Writable({ write: (_c, _e, callback) => callback() }) });
const configOf = (argv: string[], env: Record<string, string> = {}) => loadConfig({ argv, env, configDir: repositoryConfigDir }).config;
const keys = { BYBIT_API_KEY: 'k'.repeat(18), BYBIT_API_SECRET: 's'.repeat(36) };

describe('journal.path', () => {
  it('is one file per venue by default, so paper and live never mix, and none with ""', () => {
    expect(journalVenueName(configOf([]))).toBe('sim');
    expect(journalVenueName(configOf(['--venue.kind', 'paper']))).toBe('paper');
    expect(journalVenueName(configOf(['--env', 'testnet'], keys))).toBe('testnet');
    expect(journalVenueName(configOf(['--env', 'demo'], keys))).toBe('demo');
    expect(journalVenueName(configOf(['--env', 'live', '--trading.confirmLive', 'true'], keys))).toBe('mainnet');
    expect(journalVenueName(configOf(['--venue.kind', 'bybit'], keys))).toBe('url');
    expect(journalPathOf(configOf(['--venue.kind', 'paper']))).toBe(join(process.cwd(), 'data', 'journal', 'paper.sqlite'));
    expect(journalPathOf(configOf(['--journal.path', '']))).toBeNull();
    expect(journalPathOf(configOf(['--journal.path', '/tmp/x.sqlite']))).toBe('/tmp/x.sqlite');
  });
});

describe('the engine with a journal', () => {
  it('records the session, a worker crash and its restart, and the stop, without the secret', async () => {
    const path = join(dir, 'sim.sqlite');
    const engine = await startQuietEngine(['--journal.path', path, '--log.level', 'warn']);
    let reason: string;
    try {
      await engine.supervisor.kill('strategy');
      await until(() => (engine.supervisor.restartCount > 0 ? true : undefined), 'the strategy restart', 30_000);
    } finally {
      reason = await engine.stop('test over');
    }
    expect(reason).toBe('test over');
    const db = new Database(path, { readonly: true });
    try {
      const session = db
        .prepare('SELECT venue_kind AS venue, env, stop_reason AS reason, stopped_at_ms AS stoppedAt, config_json AS config FROM sessions')
        .get() as Record<string, unknown>;
      expect(session).toMatchObject({ venue: 'sim', env: 'sim', reason: 'test over', stoppedAt: expect.any(Number) });
      const config = JSON.parse(String(session['config'])) as Record<string, unknown>;
      expect(config['venue']).toMatchObject({ kind: 'sim' });
      expect(config['credentials']).toBeUndefined();
      expect(String(session['config'])).not.toMatch(/apiSecret|SIM-PAPER-SECRET/);
      const events = db.prepare('SELECT worker, kind FROM runtime_events ORDER BY id').all();
      expect(events).toEqual([
        { worker: 'strategy', kind: 'crashed' },
        { worker: 'strategy', kind: 'restarted' },
      ]);
    } finally {
      db.close();
    }
  }, 90_000);

  it('does not start at all when its journal path cannot be written, and says which path', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder\n');
    const path = join(blocker, 'journal.sqlite');
    await expect(startQuietEngine(['--journal.path', path])).rejects.toThrow(
      `cannot open journal ${path}: EEXIST: file already exists, mkdir '${blocker}'`,
    );
  });

  it('does not start at all when its journal cannot be opened, and says which file', async () => {
    const path = join(dir, 'not-a-journal.sqlite');
    writeFileSync(path, 'plain text, not SQLite\n'.repeat(40));
    await expect(startQuietEngine(['--journal.path', path])).rejects.toThrow(
      /^cannot (open|use) journal .*not-a-journal\.sqlite: file is not a database/,
    );
  });
});

describe("the journal's day summary (the daily alert)", () => {
  it("sums a UTC day's round trips in one line, and says when there were none", () => {
    const day = Date.UTC(2026, 11, 6);
    const journal = EngineJournal.open(configOf(['--journal.path', join(dir, 'summary.sqlite')]), quietLogger(), day);
    if (journal === null) throw new Error('no journal');
    try {
      const trip = (closedAtMs: number, net: string): JournalEvent => ({
        type: 'RoundTrip',
        symbol: 'BTCUSDT',
        side: 'Buy',
        qty: toDecimalString('0.002'),
        entryPrice: toDecimalString('97000'),
        exitPrice: toDecimalString('97100'),
        openedAtMs: closedAtMs - 4_000,
        closedAtMs,
        exitReason: 'take-profit',
        grossPnl: toDecimalString('0.2'),
        fees: toDecimalString('0.1'),
        netPnl: toDecimalString(net),
      });
      journal.record(trip(day + 1_000, '1.25'));
      journal.record(trip(day + 2_000, '-0.5'));
      journal.record(trip(day + 86_400_000 + 1_000, '9'));
      journal.flush();
      expect(journal.daySummary(day)).toBe('Day 2026-12-06 (UTC): 2 round trips, 50 % won, net 0.75 USDT, fees 0.2 USDT');
      expect(journal.daySummary(day - 86_400_000)).toBe('Day 2026-12-05 (UTC): no round trips');
    } finally {
      journal.close('test over', day + 3_000);
    }
  });
});

describe('what the journal writes at once', () => {
  it('writes a decision at the next turn of the event loop, as a fill, and batches an order status for the timer', async () => {
    const path = join(dir, 'at-once.sqlite');
    const journal = EngineJournal.open(configOf(['--journal.path', path, '--journal.flushIntervalMs', '60000']), quietLogger(), Date.now());
    if (journal === null) throw new Error('no journal');
    const rows = (table: string): number => {
      const db = new Database(path, { readonly: true });
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    try {
      const tsMs = Date.now();
      journal.record({ type: 'OrderStatus', tsMs, orderLinkId: 'l0', orderId: 'o0', status: 'New', retCode: null, message: null });
      await new Promise((resolve) => setImmediate(resolve));
      expect(rows('order_events')).toBe(0);
      journal.record({
        type: 'Decision',
        tsMs,
        symbol: 'BTCUSDT',
        action: 'PlaceOrder',
        orderLinkId: 'l1',
        side: 'Buy',
        qty: '0.002',
        orderType: 'Market',
        timeInForce: 'IOC',
        reason: null,
        detailJson: '{}',
      } as JournalEvent);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      // A SIGKILL right after the order's fill must still find the decision that sent it.
      expect(rows('decisions')).toBe(1);
    } finally {
      journal.close('test over', Date.now());
    }
  });
});

describe('a journal that cannot be written', () => {
  it('halts trading for the run and says why; the halt is not journaled, so a start with room may trade', async () => {
    const path = join(dir, 'full.sqlite');
    const notices: string[] = [];
    // A page cap at the file's size once opened: the next page the journal needs fails as a full disk would.
    const engine = await startQuietEngine(['--journal.path', path, '--log.level', 'warn'], {
      journalFile: { maxPageCount: 1 },
      writeStatus: (line) => notices.push(line),
      statusIntervalMs: 200,
    });
    try {
      const journal = engine.journal!;
      const detail = JSON.stringify({ padding: 'x'.repeat(3_000) });
      for (let i = 0; i < 20; i++) {
        journal.record({ type: 'RuntimeEvent', tsMs: Date.now(), worker: 'strategy', kind: 'reconnected', detail });
      }
      journal.flush();
      const stats = await until(async () => {
        const s = await engine.supervisor.stats();
        return s.execution['halted'] !== '' && s.strategy['halted'] !== '' ? s : undefined;
      }, 'both workers to halt');
      expect(String(stats.execution['halted'])).toMatch(/^journal .*full\.sqlite cannot be written: database or disk is full$/);
      await until(
        () => (notices.some((line) => /^HALTED \(journal .*full\.sqlite cannot be written/.test(line)) ? true : undefined),
        'a HALTED status line',
      );
      expect(notices).toContainEqual(
        expect.stringMatching(
          /^TRADING HALTED \(journal .* cannot be written: database or disk is full\): flattening, no new entries until restart$/,
        ),
      );
    } finally {
      await engine.stop('test over');
    }
    // Not journaled as a kill switch: once the disk has room, the next start may trade.
    const reader = JournalReader.open(path);
    try {
      expect(reader.haltInForce(Date.now())).toBeNull();
    } finally {
      reader.close();
    }
  }, 60_000);
});
