// Runs the compiled CLI as a user would and checks its exit codes and output.

import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));

function runCli(args: string[], env: Record<string, string> = {}) {
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCALPER_') && !name.startsWith('BYBIT_')));
  return spawnSync(process.execPath, [mainScript, ...args], { env: { ...cleanEnv, ...env }, encoding: 'utf8', timeout: 30_000 });
}

describe('the engine CLI', () => {
  it('exits with code 2 and one clear line on a bad config value', () => {
    const result = runCli(['--ring.capacity', '1000']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'config error: invalid configuration: ring.capacity: must be a power of two from 1024 to 4194304: value was 1000\n',
    );
  });

  it('starts with the defaults, logs JSON and never prints the secret', () => {
    const secret = 'cli-secret-value-0123456789';
    const result = runCli([], { BYBIT_API_KEY: 'cli-key-0123456789', BYBIT_API_SECRET: secret });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ worker: 'main', msg: 'configuration loaded', env: 'sim', credentialsSet: true });
    expect(result.stdout).not.toContain(secret);
  });

  it('prints the options table on --help', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('`--strategy.windowTicks`');
    expect(result.stdout).toContain('`SCALPER_STRATEGY_WINDOW_TICKS`');
  });
});
