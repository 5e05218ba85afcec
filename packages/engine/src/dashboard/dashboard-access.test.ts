import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLoopback } from '../config/listen-address.js';
import { dashboardAccessFrom, persistedToken } from './dashboard-access.js';

const goodToken = 'Zm9vYmFyYmF6cXV4LXRva2VuLTEyMzQ1';

describe('dashboard access', () => {
  it('serves loopback with a token of its own, or the one SCALPER_DASHBOARD_TOKEN sets', () => {
    expect(dashboardAccessFrom('127.0.0.1:9465', {}, { make: () => 'made-here', source: 'a test' })).toEqual({
      listen: '127.0.0.1:9465',
      host: '127.0.0.1',
      port: 9465,
      token: 'made-here',
      tokenSource: 'a test',
    });
    expect(dashboardAccessFrom('[::1]:0', { SCALPER_DASHBOARD_TOKEN: goodToken })).toMatchObject({
      host: '::1',
      port: 0,
      token: goodToken,
      tokenSource: 'SCALPER_DASHBOARD_TOKEN',
    });
    expect(dashboardAccessFrom('', { SCALPER_DASHBOARD_TOKEN: goodToken })).toBeNull();
  });

  it('refuses an address other machines reach without a token, and a weak token anywhere', () => {
    expect(() => dashboardAccessFrom('0.0.0.0:9465', {})).toThrow(
      'dashboard.listen 0.0.0.0:9465 is reachable from other machines: set SCALPER_DASHBOARD_TOKEN (24+ characters) in the environment, or listen on 127.0.0.1 and use an SSH tunnel',
    );
    expect(() => dashboardAccessFrom('10.0.0.5:9465', {})).toThrow(/reachable from other machines/);
    expect(dashboardAccessFrom('0.0.0.0:9465', { SCALPER_DASHBOARD_TOKEN: goodToken })?.token).toBe(goodToken);
    expect(() => dashboardAccessFrom('127.0.0.1:9465', { SCALPER_DASHBOARD_TOKEN: 'short' })).toThrow(/must be 24 or more URL-safe characters/);
    expect(() => dashboardAccessFrom('127.0.0.1:9465', { SCALPER_DASHBOARD_TOKEN: `${goodToken} with spaces` })).toThrow(/URL-safe/);
    expect([isLoopback('127.0.0.2'), isLoopback('localhost'), isLoopback('::1'), isLoopback('192.168.1.2'), isLoopback('127.evil.com')]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('keeps its own token in a file only its owner reads, reuses it, and refuses one others could read or place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-token-'));
    try {
      const path = join(dir, 'data', 'dashboard.token');
      const first = persistedToken(path);
      expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(persistedToken(path)).toBe(first);
      writeFileSync(path, 'too short\n', { mode: 0o600 });
      const replaced = persistedToken(path);
      expect(replaced).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(readFileSync(path, 'utf8').trim()).toBe(replaced);
      chmodSync(path, 0o644);
      expect(() => persistedToken(path)).toThrow(
        `${path} can be read by other users (mode 644): run chmod 600 ${path}, or remove it for a new token`,
      );
      rmSync(path);
      symlinkSync(join(dir, 'elsewhere'), path);
      expect(() => persistedToken(path)).toThrow(/is not a regular file \(a link\?\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
