// Runs the backtest package's CLIs as child processes for tests (test thread): a clean environment without
// SCALPER_* variables or Jest's NODE_OPTIONS, a chosen working folder, and a small generated recording.

import { expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset } from '../data/generate-dataset.js';

export interface CliOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type CliName = 'backtest' | 'sweep' | 'sweep-worker' | 'record' | 'generate-data';

/** dist/test-support/ -> dist/cli/<name>.js */
export function cliPath(name: CliName): string {
  return fileURLToPath(new URL(`../cli/${name}.js`, import.meta.url));
}

/** Only what node needs to start: PATH (and HOME, TMPDIR if set); nothing the CLIs would read as configuration. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export function runCli(name: CliName, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath(name), ...args], { cwd, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The lines of a stream's text, without the final newline. */
export function linesOf(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Two catalog symbols, ten minutes of market time: about 15,000 frames, written in well under a second. */
export async function writeSmallRecording(dir: string): Promise<string> {
  const file = join(dir, 'recording.jsonl.gz');
  // The calm market: these tests are about the CLI, and it generates in a fraction of the live-like one's time.
  await generateDataset({
    symbols: ['SUIUSDT', 'WIFUSDT'],
    hours: 10 / 60,
    seed: 3,
    tradesPerSecond: 3,
    market: 'calm',
    startMs: Date.UTC(2025, 0, 6),
    file,
  });
  return file;
}

/** Exit 2, nothing on stdout, the problem on the first stderr line, and at most the usage line after it. */
export function expectUsageError(name: 'backtest' | 'sweep', outcome: CliOutcome, problem: string | RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe('');
  const [first, ...rest] = linesOf(outcome.stderr);
  if (typeof problem === 'string') expect(first).toBe(`${name}: ${problem}`);
  else expect(first).toMatch(problem);
  for (const line of rest) expect(line).toMatch(new RegExp(`^usage: pnpm ${name} -- --data `));
  expect(rest.length).toBeLessThanOrEqual(1);
}
