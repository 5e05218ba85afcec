// Tests of `pnpm soak` argument parsing (main thread): defaults, pnpm's separators, and one clear line for each
// kind of bad usage; the compiled CLI's --help and exit code 2, as a user gets them.

import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseSoakArgs, SoakUsageError } from './soak-args.js';

const soakScript = fileURLToPath(new URL('./soak.js', import.meta.url));

function usageErrorOf(argv: string[]): string {
  try {
    parseSoakArgs(argv);
  } catch (error) {
    if (error instanceof SoakUsageError) return error.message;
    throw error;
  }
  throw new Error(`expected a SoakUsageError for ${JSON.stringify(argv)}`);
}

describe('soak arguments', () => {
  it('default to 10 minutes with seed 7', () => {
    expect(parseSoakArgs([])).toEqual({ kind: 'run', minutes: 10, seed: 7 });
  });

  it("read the same with or without pnpm's -- separators, and in the --name=value form", () => {
    expect(parseSoakArgs(['--', '--minutes', '1', '--', '--seed', '3'])).toEqual({ kind: 'run', minutes: 1, seed: 3 });
    expect(parseSoakArgs(['--minutes', '1', '--seed', '3'])).toEqual({ kind: 'run', minutes: 1, seed: 3 });
    expect(parseSoakArgs(['--minutes=0.5', '--seed=0'])).toEqual({ kind: 'run', minutes: 0.5, seed: 0 });
  });

  it('ask for the usage on --help, whatever else is given', () => {
    expect(parseSoakArgs(['--', '--help'])).toEqual({ kind: 'help' });
    expect(parseSoakArgs(['--minutes', 'x', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--mins', '1'], 'unknown flag --mins'],
    [['1'], 'unexpected argument "1"'],
    [['--minutes'], '--minutes needs a value'],
    [['--minutes', '--seed', '3'], '--minutes needs a value'],
    [['--minutes', '0'], '--minutes needs a positive number, got "0"'],
    [['--minutes', '-1'], '--minutes needs a positive number, got "-1"'],
    [['--minutes', 'ten'], '--minutes needs a positive number, got "ten"'],
    [['--seed', '1.5'], '--seed needs an integer from 0 to 2147483647, got "1.5"'],
    [['--seed', '3', '--seed', '4'], '--seed is given twice'],
  ])('refuse %j with "%s"', (argv, message) => {
    expect(usageErrorOf(argv)).toBe(message);
  });
});

describe('the soak CLI', () => {
  it('prints its usage on --help and exits 2 with the problem and the usage on an unknown flag, before any soak starts', () => {
    const help = spawnSync(process.execPath, [soakScript, '--', '--help'], { encoding: 'utf8', timeout: 10_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: pnpm soak /);
    const bad = spawnSync(process.execPath, [soakScript, '--', '--hours', '1'], { encoding: 'utf8', timeout: 10_000 });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^soak: unknown flag --hours\nusage: pnpm soak /);
  });
});
