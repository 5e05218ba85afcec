// `pnpm journal` as a user runs it (Jest thread, child processes on a journal written by JournalWriter): today, days,
// trades of a span and CSV export; one clear line and exit 1 for a missing or unusable file, exit 2 for bad usage.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JournalEvent } from '@scalper/protocol';
import { utcDayStartMs } from '../journal-reader.js';
import { JournalWriter } from '../journal-writer.js';
import { roundTripEvent } from '../test-support/journal-events.js';

const cli = fileURLToPath(new URL('./journal.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'journal-cli-'));
const path = join(dir, 'paper.sqlite');
const today = utcDayStartMs(Date.now());
const yesterday = today - 86_400_000;

const trip = (closedAtMs: number, netPnl: string, exitReason = 'take-profit'): JournalEvent => roundTripEvent(closedAtMs, netPnl, { exitReason });

beforeAll(() => {
  const writer = JournalWriter.open(path, () => undefined);
  writer.record({ type: 'SessionStarted', tsMs: yesterday, venueKind: 'paper', env: 'sim', version: '0.1.0', configJson: '{}' });
  writer.record(trip(yesterday + 3_600_000, '-1.5', 'stop, "venue"'));
  writer.record(trip(yesterday + 7_200_000, '0.25'));
  writer.record(trip(today + 1_000, '0.15'));
  writer.record({ type: 'RiskEvent', tsMs: today + 2_000, kind: 'halted', reason: 'kill switch: file exists', untilMs: null });
  writer.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function journal(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('pnpm journal', () => {
  it("prints today's round trips, win rate, net PnL after fees and the halt in force", () => {
    const out = journal('--', 'today', '--path', path);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      `${new Date(today).toISOString().slice(0, 10)} (UTC): 1 round trips, win rate 100 %, net 0.15 USDT after 0.05 USDT of fees`,
    );
    expect(out.stdout).toMatch(/halted since .* until resumed: kill switch: file exists/);
  });

  it('prints one row per UTC day with exact sums', () => {
    const out = journal('days', '--path', path);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^day +trades +win rate +net PnL +fees$/);
    expect(lines[1]).toMatch(new RegExp(`^${new Date(yesterday).toISOString().slice(0, 10)} +2 +50 % +-1\\.25 +0\\.1$`));
    expect(lines[2]).toMatch(/ 1 +100 % +0\.15 +0\.05$/);
  });

  it('lists the round trips of a span and exports them as CSV, quoting what needs it', () => {
    const from = new Date(yesterday).toISOString().slice(0, 10);
    const trades = journal('trades', '--path', path, '--from', from, '--to', new Date(today).toISOString());
    expect(trades.code).toBe(0);
    expect(trades.stdout.trim().split('\n')).toHaveLength(3);
    const csv = journal('export', '--csv', '--path', path, '--from', from);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split('\r\n');
    expect(rows[0]).toBe('openedAt,closedAt,symbol,side,qty,entryPrice,exitPrice,exitReason,grossPnl,fees,netPnl');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain(',"stop, ""venue""",0.2,0.05,-1.5');
    const out = join(dir, 'trips.csv');
    expect(journal('export', '--csv', '--path', path, '--from', from, '--out', out).stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe(rows[0]);
  });

  it('reads data/journal/<venue>.sqlite by default, and says in one line when it is not there', () => {
    const out = journal('today', '--venue', 'demo');
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      `journal: journal ${join(dir, 'data', 'journal', 'demo.sqlite')} does not exist (journal.path; the engine creates it on its first run)\n`,
    );
  });

  it('refuses a file that is not a journal in one line', () => {
    const bad = join(dir, 'notes.sqlite');
    writeFileSync(bad, 'these are my notes, not a database\n'.repeat(30));
    const out = journal('days', '--path', bad);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^journal: cannot (open|use) journal .*notes\.sqlite: file is not a database\n$/);
  });

  it.each([
    [[], 'name a command: today, days, trades, export, resume'],
    [['week'], 'no command "week": today, days, trades, export, resume'],
    [['export', '--path', 'x'], 'export needs --csv (the one format it writes)'],
    [['trades', '--from', 'yesterday'], '--from must be an ISO date or time'],
    [['days', '--venue', 'binance'], '--venue must be one of sim, paper, testnet, demo, mainnet'],
    [['days', '--bogus'], 'unknown flag --bogus'],
  ])('exits 2 on %j with the problem and the usage', (args, problem) => {
    const out = journal(...args);
    expect(out.code).toBe(2);
    expect(out.stderr.startsWith(`journal: ${problem}`)).toBe(true);
    expect(out.stderr).toContain('usage: pnpm journal');
  });

  it('lifts the halt in force with resume, for the next start, and says so when there is none', () => {
    const own = join(dir, 'resume.sqlite');
    const writer = JournalWriter.open(own, () => undefined);
    writer.record({ type: 'RiskEvent', tsMs: Date.now() - 1_000, kind: 'halted', reason: 'kill switch: file STOP exists', untilMs: null });
    writer.close();
    const lifted = journal('--', 'resume', '--path', own);
    expect(lifted.code).toBe(0);
    expect(lifted.stdout).toMatch(/^halt lifted \(kill switch: file STOP exists, since .*\): the engine's next start may trade/);
    expect(journal('today', '--path', own).stdout).not.toMatch(/HALTED/);
    expect(journal('resume', '--path', own).stdout).toBe('no halt in force: nothing to resume\n');
    expect(journal('resume', '--path', join(dir, 'none.sqlite')).code).toBe(1);
  });

  it('says in one line that the file is locked when another process holds it', () => {
    const held = join(dir, 'held.sqlite');
    JournalWriter.open(held, () => undefined).close();
    const db = new Database(held);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    try {
      const out = journal('today', '--path', held);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(
        /^journal: cannot use journal .*held\.sqlite: database is locked \(another process holds it: is a second engine writing this journal\?\)\n$/,
      );
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
  });

  it('prints its usage on --help', () => {
    const out = journal('--', '--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^usage: pnpm journal -- today\|days\|trades\|export/);
  });
});
