// Tests of `pnpm sweep` as a child process (main thread of the CLI): bad usage exits 2 with one line naming the
// problem; a 2 x 2 grid on one worker thread over a small generated recording writes sweep.csv and sweep.html.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, expectUsageError, linesOf, runCli, writeSmallRecording } from '../test-support/cli-process.js';
import { repositoryConfigDir } from './cli-args.js';

let dir = '';
let recording = '';

// Jest's default 5 s for a hook is too short for the generation on a busy machine; other tests give it 60 s.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-cli-'));
  recording = await writeSmallRecording(dir);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the sweep CLI', () => {
  it('exits 2 naming --data when it is not given', async () => {
    expectUsageError('sweep', await runCli('sweep', ['--grid', 'windowTicks=10,20', '--threads', '1'], dir), '--data is required');
  });

  it('exits 2 naming an unknown config option', async () => {
    expectUsageError(
      'sweep',
      await runCli('sweep', ['--data', recording, '--grid', 'windowTicks=10,20', '--strategy.nope', '1'], dir),
      /^sweep: unknown option --strategy\.nope\b/,
    );
  });

  it('exits 2 naming the fault in a bad --grid, before running anything', async () => {
    const out = join(dir, 'bad-grid');
    const outcome = await runCli('sweep', ['--data', recording, '--grid', 'windowTicks=10:20:0', '--threads', '1', '--out', out], dir);
    expectUsageError('sweep', outcome, 'grid range for windowTicks: the step must be above 0, got 0');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming a grid value the config refuses, before running anything', async () => {
    const out = join(dir, 'bad-value');
    const outcome = await runCli('sweep', ['--data', recording, '--grid', 'windowTicks=10,abc', '--threads', '1', '--out', out], dir);
    expectUsageError('sweep', outcome, /^sweep: .*strategy\.windowTicks/);
    expect(existsSync(out)).toBe(false);
  });

  // The CLI opens --data itself before any thread starts (it used to let every worker fail and exit 1).
  it('exits 2 naming a recording that does not exist', async () => {
    const outcome = await runCli(
      'sweep',
      ['--data', join(dir, 'missing.jsonl.gz'), '--grid', 'windowTicks=10,20', '--threads', '1', '--out', join(dir, 'missing-out')],
      dir,
    );
    expect(outcome.code).toBe(2);
    expect(linesOf(outcome.stderr)).toEqual([expect.stringMatching(/^sweep: --data .*missing\.jsonl\.gz does not exist/)]);
  });

  it('exits 2 naming a search flag that does not fit, before running anything', async () => {
    const args = ['--data', recording, '--grid', 'windowTicks=10,20', '--threads', '1', '--out', join(dir, 'bad-search')];
    expectUsageError(
      'sweep',
      await runCli('sweep', [...args, '--search', 'random'], dir),
      '--search random needs --budget N (how many combinations to run)',
    );
    expectUsageError(
      'sweep',
      await runCli('sweep', [...args, '--budget', '3'], dir),
      '--budget and --eta go with --search random or --search halving',
    );
    expect(existsSync(join(dir, 'bad-search'))).toBe(false);
  });

  it("exits 2 when a queue sweep would load another config/ than its workers' (SCALPER_CONFIG_DIR)", async () => {
    const ownConfig = join(dir, 'own-config');
    cpSync(repositoryConfigDir, ownConfig, { recursive: true });
    const outcome = await runCli('sweep', ['--data', recording, '--grid', 'windowTicks=10', '--queue', 'redis://127.0.0.1:6379/0'], dir, {
      ...cleanEnv(),
      SCALPER_CONFIG_DIR: ownConfig,
    });
    expectUsageError(
      'sweep',
      outcome,
      `--queue runs on the workers' config/, not SCALPER_CONFIG_DIR (${ownConfig}): give the changes as options instead`,
    );
  });

  it('runs a successive-halving search: short rounds on the start of the data, then the survivors on all of it', async () => {
    const out = join(dir, 'halving-out');
    const outcome = await runCli(
      'sweep',
      [
        '--data',
        recording,
        '--grid',
        'windowTicks=10,20,stopLossPercent=0.3,0.5',
        '--search',
        'halving',
        '--eta',
        '2',
        '--threads',
        '1',
        '--out',
        out,
      ],
      dir,
    );
    expect(outcome.code).toBe(0);
    const progress = linesOf(outcome.stderr);
    expect(progress[0]).toBe(`sweep: 4 combinations (halving search: 6 runs) on 1 thread over ${recording}`);
    expect(progress.filter((line) => / round 1\/2, first 100 % of the in-sample span: net /.test(line))).toHaveLength(4);
    expect(progress.filter((line) => /out-of-sample net/.test(line))).toHaveLength(2);
    expect(outcome.stdout).toMatch(
      /^sweep: 2 ranked of 4 combinations, 6 runs in \d+\.\d s on 1 thread\(s\); successive halving, eta 2: all 4 combinations, 4 → 2; 6 runs, the replay time of \d+\.\d whole-data runs$/m,
    );
    expect(linesOf(readFileSync(join(out, 'sweep.csv'), 'utf8'))).toHaveLength(3);
  }, 60_000);

  it('runs a 2 x 2 grid on one thread and writes the ranked sweep.csv (a header and 4 rows) and sweep.html', async () => {
    const out = join(dir, 'sweep-out');
    const outcome = await runCli(
      'sweep',
      ['--data', recording, '--grid', 'windowTicks=10,20,stopLossPercent=0.3,0.5', '--threads', '1', '--out', out],
      dir,
    );
    expect(outcome.code).toBe(0);
    const progress = linesOf(outcome.stderr);
    expect(progress[0]).toBe(`sweep: 4 combinations on 1 thread over ${recording}`);
    expect(progress.slice(1).map((line) => /^sweep: \[(\d)\/4\] /.exec(line)?.[1])).toEqual(['1', '2', '3', '4']);
    expect(outcome.stdout).toMatch(/^sweep: 4 ranked of 4 combinations, 4 runs in \d+\.\d s on 1 thread\(s\); grid: all 4 combinations$/m);
    expect(outcome.stdout).toContain(`sweep: wrote ${join(out, 'sweep.csv')} and ${join(out, 'sweep.html')}\n`);

    const [header, ...rows] = linesOf(readFileSync(join(out, 'sweep.csv'), 'utf8'));
    const columns = (header ?? '').split(',');
    expect(columns.slice(0, 3)).toEqual(['rank', 'windowTicks', 'stopLossPercent']);
    expect(columns).toEqual(expect.arrayContaining(['inSample.netPnl', 'outOfSample.netPnl', 'inSample.trades', 'outOfSample.trades']));
    expect(rows).toHaveLength(4);
    const cells = rows.map((row) => row.split(','));
    for (const row of cells) expect(row).toHaveLength(columns.length);
    expect(cells.map((row) => row[0])).toEqual(['1', '2', '3', '4']);
    expect(cells.map((row) => `${row[1]}/${row[2]}`).sort()).toEqual(['10/0.3', '10/0.5', '20/0.3', '20/0.5']);
    // Ranked on in-sample net PnL, best first.
    const net = columns.indexOf('inSample.netPnl');
    const nets = cells.map((row) => Number(row[net]));
    expect([...nets].sort((a, b) => b - a)).toEqual(nets);

    const html = readFileSync(join(out, 'sweep.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link\b|\b(src|href)="(https?:)?\/\//i);
    expect(html).toContain('<th scope="row">Combinations</th><td>4</td>');
    // Each CSV row is a table row with the same rank and parameters (the second cell holds an optional warning flag).
    for (const [rank, windowTicks, stopLoss] of cells) {
      expect(html).toMatch(
        new RegExp(`<tr><td>${rank}</td><td[^>]*>.*?</td><td>${windowTicks}</td><td>${(stopLoss ?? '').replace('.', '\\.')}</td>`),
      );
    }
  }, 60_000);
});
