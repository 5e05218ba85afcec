import { describe, expect, it } from '@jest/globals';
import { PingWatchdog } from './ping-watchdog.js';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('PingWatchdog', () => {
  it('pings every interval and stays quiet while pongs come back', async () => {
    const watchdog = new PingWatchdog(20, 30);
    let pings = 0;
    let timeouts = 0;
    watchdog.start(
      () => {
        pings++;
        setTimeout(() => watchdog.pong(), 2);
        return true;
      },
      () => timeouts++,
    );
    await sleep(150);
    watchdog.stop();
    expect(pings).toBeGreaterThanOrEqual(4);
    expect(timeouts).toBe(0);
  });

  it('times out once, measured from the oldest unanswered ping, and stops pinging', async () => {
    const watchdog = new PingWatchdog(20, 50);
    const pingsAt: number[] = [];
    const started = Date.now();
    const timedOut = new Promise<number>((resolve) => {
      watchdog.start(
        () => {
          pingsAt.push(Date.now());
          return true;
        },
        () => resolve(Date.now()),
      );
    });
    const at = await timedOut;
    const pingsAtTimeout = pingsAt.length;
    await sleep(60);
    expect(pingsAt.length).toBe(pingsAtTimeout);
    const first = pingsAt[0] ?? Number.NaN;
    expect(at - first).toBeGreaterThanOrEqual(45);
    expect(at - started).toBeLessThan(200);
  });

  it('arms no deadline for a ping that could not be sent', async () => {
    const watchdog = new PingWatchdog(10, 20);
    let timeouts = 0;
    watchdog.start(
      () => false,
      () => timeouts++,
    );
    await sleep(80);
    watchdog.stop();
    expect(timeouts).toBe(0);
  });
});
