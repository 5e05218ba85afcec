// The systemd unit in deploy/systemd/ (Jest thread): restarts on failure, reads the keys from an environment file,
// logs to journald, stops with SIGTERM within a bound, runs the built engine; `systemd-analyze verify` accepts it
// (pointed at this checkout) where systemd is installed, and every name in the example environment is an option.

import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repositoryConfigDir } from './config-dir.js';
import { loadConfig } from '../config/load-config.js';

const root = dirname(repositoryConfigDir);
const unit = readFileSync(join(root, 'deploy', 'systemd', 'scalper.service'), 'utf8');
const envExample = readFileSync(join(root, 'deploy', 'systemd', 'scalper.env.example'), 'utf8');
const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

/** The unit's [Service] settings by name (the last one wins, as in systemd). */
function serviceSettings(text: string): Map<string, string> {
  const section = text.split(/^\[Service\]$/m)[1]?.split(/^\[/m)[0] ?? '';
  const settings = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match !== null) settings.set(match[1] as string, match[2] as string);
  }
  return settings;
}

describe('deploy/systemd/scalper.service', () => {
  const settings = serviceSettings(unit);

  it('restarts on failure, takes its keys from an environment file, logs to journald and stops with SIGTERM', () => {
    expect(settings.get('Restart')).toBe('on-failure');
    expect(settings.get('EnvironmentFile')).toBe('/etc/scalper/scalper.env');
    expect([settings.get('StandardOutput'), settings.get('StandardError')]).toEqual(['journal', 'journal']);
    expect(settings.get('KillSignal')).toBe('SIGTERM');
    // The engine's own stop waits up to 15 s a worker; the unit must not SIGKILL it mid-flatten.
    expect(Number(settings.get('TimeoutStopSec'))).toBeGreaterThanOrEqual(60);
    expect(settings.get('ExecStart')).toMatch(/ \/opt\/scalper\/packages\/engine\/dist\/cli\/main\.js$/);
    expect(settings.get('ReadWritePaths')?.split(' ')).toContain('/opt/scalper/data');
  });

  (systemdAnalyze ? it : it.skip)('passes systemd-analyze verify, pointed at this checkout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'systemd-unit-'));
    try {
      const envFile = join(dir, 'scalper.env');
      writeFileSync(envFile, envExample);
      chmodSync(envFile, 0o600);
      const local = unit.replaceAll('/opt/scalper', root).replace('/usr/bin/node', process.execPath).replace('/etc/scalper/scalper.env', envFile);
      const path = join(dir, 'scalper.service');
      writeFileSync(path, local);
      const verify = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
      expect({ status: verify.status, output: `${verify.stdout}${verify.stderr}`.trim() }).toEqual({ status: 0, output: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/systemd/scalper.env.example', () => {
  it('sets only options the engine knows, and they load (paper on the live market)', () => {
    const env: Record<string, string> = {};
    for (const line of envExample.split('\n')) {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (match !== null) env[match[1] as string] = match[2] as string;
    }
    expect(Object.keys(env).length).toBeGreaterThan(0);
    const { config } = loadConfig({ argv: [], env, configDir: repositoryConfigDir });
    expect(config.venue.kind).toBe('paper');
    expect(config.metrics.listen).toBe('127.0.0.1:9464');
    expect(config.dashboard.listen).toBe('127.0.0.1:9465');
  });
});
