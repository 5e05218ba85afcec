// The README's commands, run as written (Jest thread; each command is its own pnpm process tree): every command of
// its ```bash blocks that works offline runs through the pinned pnpm from the repository root, servers until they
// say they are running and then Ctrl-C; the rest are skipped by name with the reason. Then every CLI's --help.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readmeCommands, type ReadmeCommand } from './test-support/readme-commands.js';
import { repositoryRoot, rootPackage, runPnpm, scriptEntry, type PnpmOutcome } from './test-support/pnpm-process.js';

const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
const commands = readmeCommands(readme);

/** README commands this test does not run, by name (`pnpm ...`, whichever way the README spells pnpm). */
const skipped: Readonly<Record<string, string>> = {
  'pnpm install': 'needs the npm registry; the test runs in an installed checkout',
  'pnpm install --frozen-lockfile': 'needs the npm registry; the test runs in an installed checkout',
  'pnpm test': 'is the suite this test is part of: it would run itself',
  'pnpm start -- --venue paper': "needs the network: its market is Bybit mainnet's (paper-upstream.integration.test.ts runs it on a local upstream)",
  'pnpm start -- --venue paper --record data/paper-day.jsonl.gz':
    'needs the network, as --venue paper (paper-recording.integration.test.ts records a session on a local upstream)',
  'pnpm start -- --venue demo': 'needs the network and a Bybit demo key (BYBIT_API_KEY, BYBIT_API_SECRET)',
  'pnpm --filter @scalper/engine test -- demo-smoke': 'runs Jest inside the suite this test is part of (it is skipped without a demo key anyway)',
  'pnpm start -- --venue testnet': 'needs the network and testnet keys (BYBIT_API_KEY, BYBIT_API_SECRET)',
  'pnpm start -- --venue mainnet --trading.confirmLive true': 'needs the network and mainnet keys, and trades real money',
  'pnpm record -- --symbols BTCUSDT,ETHUSDT --minutes 60': 'records from Bybit mainnet over the network, for an hour',
  'pnpm sweep-worker -- --queue redis://127.0.0.1:6379/2 --data-dir data':
    'needs a Redis server and runs until Ctrl-C (queue-sweep.integration.test.ts runs it against one; its --help runs)',
  'pnpm sweep -- --data data/sample --grid momentumThreshold=0.0005:0.003:0.0005,stopLossPercent=0.3,0.5,1 --queue redis://127.0.0.1:6379/2':
    'needs a Redis server and queue workers (queue-sweep.integration.test.ts runs a queued sweep against one)',
  'pnpm bench': 'takes about 20 minutes and rewrites docs/benchmarks.md (pnpm bench -- --help runs)',
  'pnpm bench -- --quick': 'takes about 3 minutes and rewrites docs/benchmarks.md (pnpm bench -- --help runs)',
  'pnpm bench:ring': 'a benchmark of about a minute that proves nothing here (pnpm bench -- --help runs, and it takes --only)',
  'pnpm format': 'rewrites the source files; pnpm check runs prettier --check instead',
};

/**
 * The CLIs that serve until stopped, what each prints once it is up, and its exit code after Ctrl-C. The soak has
 * no early stop: Ctrl-C ends it at once, with the shell's 128 + SIGINT.
 */
const servers: Readonly<Record<string, { readonly ready: RegExp; readonly code: number }>> = {
  start: { ready: /"thread":"scanner"[^\n]*"msg":"worker started"/, code: 0 },
  venue: { ready: /"restUrl":"http:\/\/127\.0\.0\.1:\d+"/, code: 0 },
  soak: { ready: /^soak: [\d.]+ min against the embedded venue/m, code: 130 },
};

/** What a CLI prints when it refuses an argument (engine, venue, backtest package, soak, bench, config-table). */
const refusal = /unknown (option|flag|argument)|unexpected argument/i;

const runnable = [...new Map(commands.filter((c) => c.pnpmArgs !== null && skipped[c.name] === undefined).map((c) => [c.name, c])).values()];

function outputTail(outcome: PnpmOutcome): string {
  return `stderr: ${outcome.stderr.slice(-1_200)}\nstdout: ${outcome.stdout.slice(-800)}`;
}

/** Empty when the command behaved: its expected exit code, no refused argument, a server that came up. */
function problemsOf(command: ReadmeCommand, outcome: PnpmOutcome, server: { readonly code: number } | undefined): string[] {
  const problems: string[] = [];
  if (outcome.timedOut) problems.push(`did not finish within its time (${outcome.ms} ms)`);
  if (server !== undefined && !outcome.interrupted) problems.push('never said it was running');
  const expected = server?.code ?? 0;
  if (outcome.code !== expected) problems.push(`exit code ${outcome.code ?? `signal ${outcome.signal}`}, expected ${expected}`);
  const refused = refusal.exec(outcome.stdout + outcome.stderr);
  if (refused !== null) problems.push(`printed "${refused[0]}"`);
  const args = command.pnpmArgs ?? [];
  if (args.includes('--help') && !outcome.stdout.includes(`usage: pnpm ${args[0] as string}`)) problems.push('printed no usage on --help');
  return problems.length === 0 ? [] : [`${command.name} (README.md line ${command.line}): ${problems.join('; ')}\n${outputTail(outcome)}`];
}

/** Top-level entries of the repository and of the output folders CLIs write into by default. */
const outputFolders = ['.', 'reports', join('data', 'recordings')];
function outputEntries(): Set<string> {
  const entries = new Set<string>();
  for (const folder of outputFolders) {
    const path = join(repositoryRoot, folder);
    if (existsSync(path)) for (const name of readdirSync(path)) entries.add(join(folder, name));
  }
  return entries;
}

/** `git status` of the tracked files, or null outside a git checkout. */
function trackedStatus(): string | null {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repositoryRoot, encoding: 'utf8' });
  } catch {
    return null;
  }
}

let statusBefore: string | null = null;
beforeAll(() => {
  statusBefore = trackedStatus();
});

describe('the README', () => {
  it('has commands in its bash blocks, each of them runnable through pnpm or skipped here by name', () => {
    expect(runnable.length).toBeGreaterThan(0);
    const neither = commands.filter((c) => c.pnpmArgs === null && skipped[c.name] === undefined).map((c) => `${c.name} (line ${c.line})`);
    expect(neither).toEqual([]);
    // A skip entry whose command left the README is stale.
    const names = new Set(commands.map((c) => c.name));
    expect(Object.keys(skipped).filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(runnable.map((command) => [command.name, command] as const))(
    'runs `%s` offline without a usage error',
    async (_name, command) => {
      const args = command.pnpmArgs as readonly string[];
      const script = args[0] as string;
      const server = args.includes('--help') ? undefined : servers[script];
      const entry = scriptEntry(script);
      const before = outputEntries();
      let outcome: PnpmOutcome;
      try {
        outcome = await runPnpm(args, {
          env: command.env,
          timeoutMs: 150_000,
          ...(server === undefined || entry === null ? {} : { until: { ready: server.ready, entry } }),
        });
      } finally {
        // What the command wrote by default (reports/backtest-<time>.html, my.html, reports/sweep-<time>/) goes.
        for (const created of outputEntries()) if (!before.has(created)) rmSync(join(repositoryRoot, created), { recursive: true, force: true });
      }
      expect(problemsOf(command, outcome, server)).toEqual([]);
    },
    180_000,
  );
});

describe('every CLI script of package.json', () => {
  const notClis = ['build', 'check', 'clean', 'format', 'pretest', 'test'];
  // bench:<name> is `pnpm bench -- --only <name>`, whose usage is bench's.
  const clis = Object.keys(rootPackage.scripts).filter((name) => !notClis.includes(name) && !name.startsWith('bench:'));

  it('is one of the CLIs issue 13 names (and market-stats, journal, sweep-worker), so a new one gets its --help checked here', () => {
    expect([...clis].sort()).toEqual([
      'backtest',
      'bench',
      'config-table',
      'generate-data',
      'journal',
      'market-stats',
      'record',
      'soak',
      'start',
      'sweep',
      'sweep-worker',
      'venue',
    ]);
  });

  // `pnpm start --help` is pnpm's own help (start is a pnpm command), so the check goes through `--`, as README says.
  // A CLI whose `-- --help` the README shows was checked above.
  const unchecked = clis.filter((name) => !runnable.some((command) => command.name === `pnpm ${name} -- --help`));
  it.each(unchecked)(
    'pnpm %s -- --help prints its usage and exits 0',
    async (name) => {
      const outcome = await runPnpm([name, '--', '--help'], { timeoutMs: 60_000 });
      expect({ code: outcome.code, usage: outcome.stdout.includes(`usage: pnpm ${name}`) }).toEqual({ code: 0, usage: true });
    },
    90_000,
  );
});

afterAll(() => {
  // No command of the README may change a tracked file (pnpm config-table on a current table, for one).
  expect(trackedStatus()).toBe(statusBefore);
});
