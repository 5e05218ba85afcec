// The dashboard from the CLI, as a trader starts it: one line with its address and token at start (the token kept in
// data/dashboard.token, 0600, and never in the logs), and a public address without SCALPER_DASHBOARD_TOKEN refused.

import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runCliToEnd, startCli } from './test-support/cli-process.js';

describe('the dashboard from the CLI', () => {
  it('refuses to start on an address other machines reach without SCALPER_DASHBOARD_TOKEN, in one line', async () => {
    const { code, stdout, stderr } = await runCliToEnd(['--dashboard.listen', '0.0.0.0:0'], {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'config error: dashboard.listen 0.0.0.0:0 is reachable from other machines: set SCALPER_DASHBOARD_TOKEN (24+ characters) in the environment, or listen on 127.0.0.1 and use an SSH tunnel\n',
    );
  });

  it("refuses to start in one line when the dashboard's port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const { code, stderr } = await runCliToEnd(['--dashboard.listen', `127.0.0.1:${port}`], {
        SCALPER_DASHBOARD_TOKEN: 'a-token-for-a-taken-port-0001',
      });
      expect(code).toBe(1);
      expect(stderr).toContain(
        `dashboard.listen 127.0.0.1:${port}: the port is in use (another engine?); set another host:port, or "" for no dashboard`,
      );
    } finally {
      taken.close();
    }
  });

  it('prints the address with the token kept in data/dashboard.token (0600), which the logs never show, and serves the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalper-dashboard-cli-'));
    const cli = startCli(['--dashboard.listen', '127.0.0.1:0', '--scanner.intervalMs', '2000'], { JOURNAL_STREAM: '' }, dir);
    try {
      await cli.waitFor(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+ \(from your own machine: ssh -N -L \d+:127\.0\.0\.1:\d+ you@this-server/);
      const tokenFile = join(dir, 'data', 'dashboard.token');
      const token = readFileSync(tokenFile, 'utf8').trim();
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const url = /Dashboard: (\S+)/.exec(cli.stderr())?.[1] ?? '';
      expect(url).toMatch(new RegExp(`\\?token=${token}$`));
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
      expect((await fetch(url.replace(/\?token=.*$/, ''))).status).toBe(401);
      await cli.waitFor(/"msg":"dashboard served"/);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).not.toContain(token);
      expect(cli.stdout()).toContain(`"tokenFrom":"${tokenFile}"`);
    } finally {
      cli.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names where the token is instead of printing it when stderr is journald (systemd)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalper-dashboard-cli-'));
    const cli = startCli(['--dashboard.listen', '127.0.0.1:0', '--scanner.intervalMs', '2000'], { JOURNAL_STREAM: '8:12345' }, dir);
    try {
      const tokenFile = join(dir, 'data', 'dashboard.token');
      await cli.waitFor(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=<\S+>/);
      expect(cli.stderr()).toContain(`?token=<${tokenFile}>`);
      const token = readFileSync(tokenFile, 'utf8').trim();
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(cli.stdout() + cli.stderr()).not.toContain(token);
    } finally {
      cli.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
