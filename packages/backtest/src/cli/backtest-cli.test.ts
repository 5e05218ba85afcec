// Tests of `pnpm backtest` as a child process (main thread of the CLI): bad usage and a missing recording exit 2
// with one line naming the problem; a run on a small generated recording prints the summary and writes the report.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
