// Test support (Jest thread): runs `npx -y pnpm@<pinned> <args>` from the repository root as a user would in a
// terminal, to its end, or (a server) until it says it is running and then Ctrl-C to the CLI's own process.

import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './cli-process.js';

/** packages/engine/dist/cli/test-support/ -> the repository root */
export const repositoryRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

interface RootPackage {
  readonly packageManager: string;
  readonly scripts: Readonly<Record<string, string>>;
}
export const rootPackage = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as RootPackage;

/** `pnpm@12.4.2`, from packageManager: the pnpm the README's `npx -y pnpm@...` lines name. */
export const pinnedPnpm = rootPackage.packageManager;

/** The file a root script runs with node (`pnpm build && node ... packages/engine/dist/cli/main.js` -> that path). */
export function scriptEntry(script: string): string | null {
  const command = rootPackage.scripts[script];
  return command === undefined ? null : (/\bnode\b.*?(\S+\.m?js)\b/.exec(command)?.[1] ?? null);
}

export interface UntilRunning {
  /** Output that says the CLI is up (stdout and stderr together). */
  readonly ready: RegExp;
  /** scriptEntry of the CLI: its process gets the SIGINT, as Ctrl-C would deliver it. */
  readonly entry: string;
}

export interface PnpmOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly timedOut: boolean;
  /** With `until`: whether the ready output came (and the SIGINT went). */
  readonly interrupted: boolean;
}

/** Every process below `root`, from one `ps` listing. */
function descendants(root: number): { pid: number; args: string }[] {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .flatMap((line) => {
      const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      return match === null ? [] : [{ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] as string }];
    });
  const found: { pid: number; args: string }[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const row of rows) {
      if (row.ppid !== parent) continue;
      found.push(row);
      queue.push(row.pid);
    }
  }
  return found;
}

/**
 * The SIGINT goes to the CLI's node process, not to the whole group: npx and sh would die of it at once, and the
 * exit code would say nothing about how the CLI stopped. With it, pnpm passes the CLI's own exit code up.
 */
export function runPnpm(
  args: readonly string[],
  options: { env?: Readonly<Record<string, string>>; timeoutMs: number; until?: UntilRunning },
): Promise<PnpmOutcome> {
  const env = cleanEnv(options.env ?? {});
  // Jest's --experimental-vm-modules would reach every node below and print its warning.
  delete env['NODE_OPTIONS'];
  const started = Date.now();
  // Its own process group, so whatever it leaves behind can be killed in one go.
  const child = spawn('npx', ['-y', pinnedPnpm, ...args], { cwd: repositoryRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let interrupted = false;
  let timedOut = false;
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // ESRCH: nothing left.
    }
  };
  const until = options.until;
  const poll =
    until === undefined
      ? null
      : setInterval(() => {
          if (interrupted || child.pid === undefined || !until.ready.test(stdout + stderr)) return;
          const targets = descendants(child.pid).filter((p) => p.args.startsWith('node ') && p.args.includes(until.entry));
          for (const target of targets) process.kill(target.pid, 'SIGINT');
          interrupted = targets.length > 0;
        }, 100);
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeoutMs);
  return new Promise((resolve) => {
    // 'close', not 'exit': it comes after the pipes are drained, so no late line is missed.
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      if (poll !== null) clearInterval(poll);
      killGroup();
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut, interrupted });
    });
  });
}
