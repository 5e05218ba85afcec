// Every CLI of the backtest package as a child process (main thread of each): --help prints its usage and exits 0,
// with or without pnpm's `--` before it, and an unknown flag exits 2 naming it, before any work starts.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliName } from '../test-support/cli-process.js';

/** What each CLI needs before it looks at the rest: backtest and sweep check --data and --grid first, sweep-worker --queue. */
const required: Readonly<Record<CliName, readonly string[]>> = {
  record: [],
  backtest: ['--data', 'recording.jsonl.gz'],
  sweep: ['--data', 'recording.jsonl.gz', '--grid', 'windowTicks=10,20'],
  'sweep-worker': ['--queue', 'redis://127.0.0.1:6379/0'],
  'generate-data': [],
};
const names = Object.keys(required) as CliName[];
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backtest-cli-help-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each(names)('pnpm %s', (name) => {
  it("prints its usage on --help, and the same after pnpm's --", async () => {
    const plain = await runCli(name, ['--help'], dir);
    expect(plain).toEqual({ code: 0, stdout: expect.stringMatching(new RegExp(`^usage: pnpm ${name} -- --`)), stderr: '' });
    expect(await runCli(name, ['--', '--help'], dir)).toEqual(plain);
  }, 30_000);

  it("exits 2 naming an unknown flag given after pnpm's --, and writes nothing", async () => {
    // backtest and sweep hand unknown flags to the config loader, which says "unknown option".
    const outcome = await runCli(name, ['--', ...required[name], '--', '--bogus', '1'], dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(new RegExp(`^${name}: unknown (flag|option) --bogus\\b`));
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});
