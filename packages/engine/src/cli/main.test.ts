// Runs the compiled CLI as a user would and checks its exit codes and output.

import { describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { duplicateKeys } from './test-support/duplicate-keys.js';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));

function runCli(args: string[], env: Record<string, string> = {}) {
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCALPER_') && !name.startsWith('BYBIT_')));
  return spawnSync(process.execPath, [mainScript, ...args], {
    env: { ...cleanEnv, SCALPER_JOURNAL_PATH: '', SCALPER_METRICS_LISTEN: '', SCALPER_DASHBOARD_LISTEN: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('the engine CLI', () => {
  it('exits with code 2 and one clear line on a bad config value', () => {
    const result = runCli(['--ring.capacity', '1000']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('config error: invalid configuration: ring.capacity: must be a power of two from 1024 to 4194304: value was 1000\n');
  });

  it('runs the four workers against the embedded venue, halts on SIGUSR2, stops cleanly on SIGTERM, never prints the secret, and writes only JSON lines without a duplicate key to a pipe', async () => {
    const secret = 'cli-secret-value-0123456789';
    const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCALPER_') && !name.startsWith('BYBIT_')));
    const child = spawn(process.execPath, [mainScript], {
      // Debug, so the routine lines (unchanged reconciles, rankings) are checked for duplicate keys too.
      env: {
        ...cleanEnv,
        SCALPER_JOURNAL_PATH: '',
        SCALPER_METRICS_LISTEN: '',
        SCALPER_DASHBOARD_LISTEN: '',
        BYBIT_API_KEY: 'cli-key-0123456789',
        BYBIT_API_SECRET: secret,
        SCALPER_SCANNER_INTERVAL_MS: '2000',
        SCALPER_LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('"msg":"symbol switched"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((stdout.match(/"msg":"worker started"/g) ?? []).length).toBe(4);
    // The kill switch by signal: both trading workers halt, and the process keeps running until told to stop.
    child.kill('SIGUSR2');
    while ((stdout.match(/"msg":"halted"/g) ?? []).length < 2 && Date.now() < deadline + 10_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stdout).toContain('"msg":"KILL SWITCH: flattening and halting all trading"');
    expect(stderr).toContain('KILL SWITCH (kill switch: SIGUSR2)');
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    // stdout is a pipe, so log.format auto is JSON: every line is one JSON object, no key twice at any depth (the
    // main thread once logged `{ worker: name }` over its own `worker`).
    for (const line of stdout.trim().split('\n')) expect({ line, duplicates: duplicateKeys(line) }).toEqual({ line, duplicates: [] });
    expect(stdout).toContain('"thread":"strategy","msg":"worker started"');
    expect(stdout).toContain('"level":"debug"');
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ worker: 'main', msg: 'configuration loaded', env: 'sim', credentialsSet: true });
    expect(lines.some((line) => line['msg'] === 'engine stopped' && line['reason'] === 'SIGTERM')).toBe(true);
    expect(stderr).toContain('worker        counter');
    expect(stderr.indexOf('session trades')).toBeGreaterThan(-1);
    expect(stderr.indexOf('session trades')).toBeLessThan(stderr.indexOf('worker        counter'));
    expect(stdout + stderr).not.toContain(secret);
  }, 60_000);

  it('prints the options table on --help', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('`--strategy.windowTicks`');
    expect(result.stdout).toContain('`SCALPER_STRATEGY_WINDOW_TICKS`');
  });

  it("reads its arguments after pnpm's -- separators as without them", () => {
    const help = runCli(['--', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: pnpm start /);
    // The bad value is reported, not the separators: both -- are gone before --venue is translated and options load.
    const bad = runCli(['--', '--venue', 'sim', '--', '--ring.capacity', '1000']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('config error: invalid configuration: ring.capacity: must be a power of two from 1024 to 4194304: value was 1000\n');
  });

  it('exits with code 2 naming an unknown option', () => {
    const result = runCli(['--', '--strategy.nope', '1']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^config error: unknown option --strategy\.nope\b/);
  });
});
