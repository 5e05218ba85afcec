// Ctrl-C pressed again while the engine stops (Jest thread): the stop cancels orders and closes the position over
// REST, and a second SIGINT or a SIGTERM then must not kill the process half-way (Node's default for a signal with
// no listener left). The venue answers REST slowly here, so the stop lasts long enough to be interrupted.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVenue, type RunningVenue } from '@scalper/sim-venue';
import { startCli, venueUrlEnv } from './test-support/cli-process.js';

const account = { apiKey: 'RS-REPEAT-KEY-0001', apiSecret: 'rs-repeat-secret-0000001' };
let venue: RunningVenue;

beforeAll(async () => {
  venue = await startVenue({ seed: 5, market: 'calm', tradesPerSecondPerSymbol: 60, accounts: [account] });
});

afterAll(async () => {
  await venue.close();
});

describe('signals during the stop', () => {
  it('keeps stopping cleanly, closes the position and exits 0 when SIGINT and SIGTERM arrive again during the stop', async () => {
    const cli = startCli(['--venue', 'url', '--strategy.minTopSize', '0.001', '--strategy.positionSizeUsd', '200'], venueUrlEnv(venue, account));
    try {
      await cli.waitFor(/"msg":"symbol switched"/);
      const symbol = /"symbol":"(\w+)","previous":null,"epoch":1,"kind":"swap","msg":"symbol switched"/.exec(cli.stdout())?.[1] ?? '';
      // A move past the momentum threshold: the engine enters, so the stop has a position to close.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      venue.impulse(symbol, 1.5, 1_500, 3);
      await cli.waitFor(/"msg":"fill"/);
      // From here each REST answer takes 1.5 s: the stop's cancel-all and position read outlast the signals below.
      venue.setFault('restLatencyMs=1500');
      cli.child.kill('SIGINT');
      await cli.waitFor(/"msg":"engine stopping"/);
      cli.child.kill('SIGINT');
      await cli.waitFor(/"signal":"SIGINT","stoppingSince":"SIGINT","msg":"already stopping/);
      cli.child.kill('SIGTERM');
      await cli.waitFor(/"signal":"SIGTERM","stoppingSince":"SIGINT","msg":"already stopping/);
      expect(await cli.exited).toBe(0);
    } finally {
      venue.setFault('restLatencyMs=0');
      cli.child.kill('SIGKILL');
    }
    const stdout = cli.stdout();
    expect(stdout).toMatch(/"reason":"SIGINT","msg":"engine stopped"/);
    expect(stdout).toContain('"msg":"open orders cancelled on shutdown"');
    expect(stdout).toContain('"msg":"position closed on shutdown"');
    expect(venue.engine.positions(account.apiKey).every((position) => position.size.eq(0))).toBe(true);
    // Said once per signal, and the stop ran once.
    expect(stdout.match(/"msg":"engine stopping"/g)).toHaveLength(1);
    expect(stdout.match(/"msg":"already stopping: open orders are cancelled and the position closed first"/g)).toHaveLength(2);
  }, 60_000);
});
