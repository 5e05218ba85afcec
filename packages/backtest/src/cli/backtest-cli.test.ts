// Tests of `pnpm backtest` as a child process (main thread of the CLI): bad usage and a missing recording exit 2
// with one line naming the problem; a run on a small generated recording prints the summary and writes the report.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalWriter } from '@scalper/journal';
import { toDecimalString, type JournalEvent } from '@scalper/protocol';
import { expectUsageError, linesOf, runCli, writeSmallRecording } from '../test-support/cli-process.js';

let dir = '';
let recording = '';

// Jest's default 5 s for a hook is too short for the generation on a busy machine; other tests give it 60 s.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backtest-cli-'));
  recording = await writeSmallRecording(dir);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the backtest CLI', () => {
  it('exits 2 naming --data when it is not given', async () => {
    expectUsageError('backtest', await runCli('backtest', ['--strategy.windowTicks', '20'], dir), '--data is required');
  });

  it('exits 2 naming an unknown config option', async () => {
    expectUsageError(
      'backtest',
      await runCli('backtest', ['--data', recording, '--strategy.nope', '1'], dir),
      /^backtest: unknown option --strategy\.nope\b/,
    );
  });

  it('exits 2 naming a time it cannot read', async () => {
    expectUsageError(
      'backtest',
      await runCli('backtest', ['--data', recording, '--from', 'yesterday'], dir),
      /^backtest: --from must be an ISO time .* got "yesterday"$/,
    );
  });

  it('exits 2 with one line naming a recording that does not exist, and writes no report', async () => {
    const missing = join(dir, 'missing.jsonl.gz');
    const outcome = await runCli('backtest', ['--data', missing, '--report', join(dir, 'never.html')], dir);
    expect(outcome.code).toBe(2);
    expect(linesOf(outcome.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^backtest: --data ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist`)),
    ]);
    expect(existsSync(join(dir, 'never.html'))).toBe(false);
  });

  it('replays a generated recording, prints the summary and writes a self-contained HTML report', async () => {
    const report = join(dir, 'out', 'report.html');
    const outcome = await runCli('backtest', ['--data', recording, '--report', report], dir);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const out = outcome.stdout;
    const trades = /^ {2}trades +(\d+) \((\d+) won, (\d+) lost\)$/m.exec(out);
    expect(trades).not.toBeNull();
    const [, total, won, lost] = (trades as RegExpExecArray).map(Number);
    expect(total).toBe((won as number) + (lost as number));
    expect(out).toMatch(/^ {2}win rate +\d+\.\d{2} %$/m);
    expect(out).toMatch(/^ {2}net PnL +-?\d+(\.\d+)? USDT$/m);
    expect(out).toMatch(/^ {2}period +2025-01-06T00:00:00\.\d{3}Z \.\. 2025-01-06T00:10:0\d\.\d{3}Z/m);
    expect(out).toContain(`  report       ${report}\n`);

    const html = readFileSync(report, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain(`<th scope="row">Trades</th><td>${total}</td>`);
    expect(html).toContain('<th scope="row">Net PnL</th>');
    expect(html).toContain('<svg');
    // Self-contained: nothing fetched from elsewhere (scripts, styles, images, fonts).
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\((?!#)/i);
    // Nothing written beside it: the working folder holds the recording and the report's folder only.
    expect(readdirSync(dir).sort()).toEqual(['out', 'recording.jsonl.gz']);
  }, 60_000);

  it("puts a journal's round trips of the recording's span next to the backtest's with --compare-journal", async () => {
    const journalPath = join(dir, 'paper.sqlite');
    const writer = JournalWriter.open(journalPath, () => undefined);
    const d = toDecimalString;
    const trip = (openedAt: string, netPnl: string): JournalEvent => ({
      type: 'RoundTrip',
      symbol: 'ZZZUSDT',
      side: 'Buy',
      qty: d('1'),
      entryPrice: d('1.0'),
      exitPrice: d('1.1'),
      openedAtMs: Date.parse(openedAt),
      closedAtMs: Date.parse(openedAt) + 30_000,
      exitReason: 'take-profit',
      grossPnl: d(netPnl),
      fees: d('0'),
      netPnl: d(netPnl),
    });
    writer.record(trip('2025-01-05T23:00:00Z', '5')); // before the recording: left out
    writer.record(trip('2025-01-06T00:05:00Z', '0.25'));
    writer.close();
    const outcome = await runCli('backtest', ['--data', recording, '--report', join(dir, 'compare.html'), '--compare-journal', journalPath], dir);
    expect(outcome.code).toBe(0);
    const total = Number(/^ {2}trades +(\d+) /m.exec(outcome.stdout)?.[1]);
    expect(outcome.stdout).toContain(`journal vs backtest (${journalPath})`);
    expect(outcome.stdout).toMatch(/^ {2}00:05:00\.000 {2}ZZZUSDT +Buy +0\.25 take-profit +not in the backtest/m);
    expect(outcome.stdout).toContain(`  matched      0, journal only 1, backtest only ${total}\n`);
    expect(outcome.stdout).toMatch(/^ {2}net PnL +journal 0\.25 USDT, backtest -?\d+(\.\d+)? USDT$/m);
  }, 60_000);

  it('exits 2 in one line when the journal to compare with does not exist', async () => {
    const missing = join(dir, 'no-journal.sqlite');
    const outcome = await runCli('backtest', ['--data', recording, '--compare-journal', missing], dir);
    expect(outcome.code).toBe(2);
    expect(linesOf(outcome.stderr)).toEqual([
      `backtest: --compare-journal: journal ${missing} does not exist (journal.path; the engine creates it on its first run)`,
    ]);
  });
});
