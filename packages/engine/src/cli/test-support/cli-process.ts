// Test support (Jest thread): runs the compiled CLI as its own process, as a user would, and keeps everything it
// writes to stdout and stderr, every worker thread's log lines included (they share the process's fd 1).

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const mainScript = fileURLToPath(new URL('../main.js', import.meta.url));

export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when ended by a signal). */
  readonly exited: Promise<number | null>;
  /** Waits until stdout + stderr match, or fails naming what it waited for and what it saw. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** The caller's environment without any SCALPER_* or BYBIT_* variable, so only `env` configures the run. */
export function cleanEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('SCALPER_') && !entry[0].startsWith('BYBIT_'),
    ),
  );
  // No trade journal unless a test asks for one: tests must not write into the developer's data/journal/. No
  // metrics endpoint either: engines of parallel tests would all want its port. And no spinning strategy: the
  // engines of parallel test files share 2 cores with Jest, and a spinner there takes what their timing needs.
  return { ...base, SCALPER_JOURNAL_PATH: '', SCALPER_METRICS_LISTEN: '', SCALPER_DASHBOARD_LISTEN: '', SCALPER_RING_CONSUMER_WAIT: 'park', ...env };
}

/** The environment of `--venue url` against `venue` with `account`'s key, and a 2 s scan so tests need not wait. */
export function venueUrlEnv(
  venue: { readonly restUrl: string; readonly wsPublicUrl: string; readonly wsPrivateUrl: string },
  account: { readonly apiKey: string; readonly apiSecret: string },
): Record<string, string> {
  return {
    BYBIT_REST_URL: venue.restUrl,
    BYBIT_WS_PUBLIC_URL: venue.wsPublicUrl,
    BYBIT_WS_PRIVATE_URL: venue.wsPrivateUrl,
    BYBIT_API_KEY: account.apiKey,
    BYBIT_API_SECRET: account.apiSecret,
    SCALPER_SCANNER_INTERVAL_MS: '2000',
  };
}

/** `cwd`: where the CLI runs (what it keeps under data/ lands there); the test's own by default. */
export function startCli(args: readonly string[], env: Readonly<Record<string, string>>, cwd?: string): CliProcess {
  const child = spawn(process.execPath, [mainScript, ...args], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd === undefined ? {} : { cwd }),
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  // 'close', not 'exit': it comes after the pipes are drained, so no late line is missed.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out + err)) {
        if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
          throw new Error(
            `waited for ${pattern} (exit ${child.exitCode ?? child.signalCode}); stderr: ${err.slice(-500)}; stdout: ${out.slice(-1500)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Runs the CLI to its end; kills it if it outlives `timeoutMs`. */
export async function runCliToEnd(args: readonly string[], env: Readonly<Record<string, string>>, timeoutMs = 30_000) {
  const cli = startCli(args, env);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
  const code = await cli.exited;
  clearTimeout(timer);
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}
