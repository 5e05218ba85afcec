// The key check end to end: the CLI, as a user runs it, against a venue whose key is good, can withdraw, or is
// read-only. A refused key ends the start with exit code 1 and one line on stderr, before any order could be sent.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVenue, type RunningVenue } from '@scalper/sim-venue';
import { runCliToEnd, startCli, venueUrlEnv } from './test-support/cli-process.js';

const accounts = {
  good: { apiKey: 'KS-GOOD-KEY-000001', apiSecret: 'ks-good-secret-0000000001' },
  withdraw: {
    apiKey: 'KS-WITHDRAW-KEY-01',
    apiSecret: 'ks-withdraw-secret-00001',
    permissions: { ContractTrade: ['Order', 'Position'], Wallet: ['AccountTransfer', 'Withdraw'] },
  },
  readOnly: { apiKey: 'KS-READONLY-KEY-01', apiSecret: 'ks-readonly-secret-00001', readOnly: true },
  spotOnly: { apiKey: 'KS-SPOTONLY-KEY-01', apiSecret: 'ks-spotonly-secret-00001', permissions: { Spot: ['SpotTrade'] } },
};

let venue: RunningVenue;
/** Every REST request the venue received. */
const received: { method: string; path: string }[] = [];

beforeAll(async () => {
  venue = await startVenue({
    seed: 9,
    market: 'calm',
    tradesPerSecondPerSymbol: 20,
    accounts: Object.values(accounts),
    probe: { restRequestReceived: (method, path) => received.push({ method, path }) },
  });
});

afterAll(async () => {
  await venue.close();
});

const venueEnv = (account: { apiKey: string; apiSecret: string }): Record<string, string> => venueUrlEnv(venue, account);

async function refusedRun(account: { apiKey: string; apiSecret: string }) {
  const before = received.length;
  const run = await runCliToEnd(['--venue', 'url'], venueEnv(account));
  const requests = received.slice(before);
  return { ...run, requests };
}

describe('the API key check at start', () => {
  it('lets a read-write key with contract rights and no withdrawal start all four workers', async () => {
    const cli = startCli(['--venue', 'url'], venueEnv(accounts.good));
    // Signals are handled once the engine has started: wait past that (the scanner's first switch) before SIGTERM.
    await cli.waitFor(/"msg":"symbol switched"/);
    expect((cli.stdout().match(/"msg":"worker started"/g) ?? []).length).toBe(4);
    expect(cli.stdout()).toContain('"msg":"API key permissions checked"');
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).not.toContain('start failed');
  }, 60_000);

  it('refuses a key that can withdraw: exit 1, one line naming the problem, no worker but execution, no POST sent', async () => {
    const run = await refusedRun(accounts.withdraw);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'start failed: execution failed to start: KeyRefusedError: API key refused: it can withdraw funds (permissions.Wallet includes "Withdraw"). ' +
        'Use a read-write key with ContractTrade Order and Position and without Withdraw.\n',
    );
    expect(run.stdout).not.toContain('"msg":"worker started"');
    // The check runs right after the clock sync: the venue saw the time and the key query, and nothing else.
    expect(run.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v5/market/time', 'GET /v5/user/query-api']);
    expect(venue.engine.orderHistory(accounts.withdraw.apiKey, 'BTCUSDT')).toEqual([]);
  }, 60_000);

  it('refuses a read-only key the same way', async () => {
    const run = await refusedRun(accounts.readOnly);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^start failed: execution failed to start: KeyRefusedError: API key refused: it is read-only \(readOnly 1\)[^\n]*\n$/);
    expect(run.requests.every((r) => r.method === 'GET')).toBe(true);
  }, 60_000);

  it('refuses a key without derivatives order and position rights', async () => {
    const run = await refusedRun(accounts.spotOnly);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('API key refused: it lacks derivatives rights (permissions.ContractTrade has no "Order" or "Position")');
  }, 60_000);

  it("checks the embedded venue's paper key too, before execution reports started", async () => {
    const cli = startCli([], { SCALPER_SCANNER_INTERVAL_MS: '2000' });
    await cli.waitFor(/"msg":"symbol switched"/);
    const out = cli.stdout();
    expect(out.indexOf('"msg":"API key permissions checked"')).toBeGreaterThan(-1);
    expect(out.indexOf('"msg":"API key permissions checked"')).toBeLessThan(out.indexOf('"thread":"execution","msg":"worker started"'));
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  }, 60_000);
});
