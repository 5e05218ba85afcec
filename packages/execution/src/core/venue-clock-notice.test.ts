// Tests of the venue clock notice (Jest thread): strategy hears the offset at start and after each re-sync, a host
// clock off by more than a quarter of the stale limit is warned about, and a failed re-sync takes nothing down.

import { describe, expect, it } from '@jest/globals';
import type { RuntimeClock } from '@scalper/protocol';
import { MemoryLogger } from './test-support/test-host.js';
import { VenueClockNotice } from './venue-clock-notice.js';

function harness(offsets: number[], failSync = false) {
  const tasks: (() => Promise<void> | void)[] = [];
  const clock: RuntimeClock = { now: () => 5, sleep: () => Promise.resolve(), every: (_ms, task) => (tasks.push(task), () => undefined) };
  const logger = new MemoryLogger();
  const sent: number[] = [];
  let reads = 0;
  const notice = new VenueClockNotice(
    {
      offsetMs: () => offsets[Math.min(reads++, offsets.length - 1)] as number,
      sync: () => (failSync ? Promise.reject(new Error('timeout')) : Promise.resolve()),
    },
    500,
    clock,
    logger,
    (message) => void sent.push(message.offsetMs),
  );
  return { notice, tasks, logger, sent };
}

describe('VenueClockNotice', () => {
  it('tells strategy the offset at start and after a re-sync, and warns only past a quarter of the stale limit', async () => {
    const { notice, tasks, logger, sent } = harness([100, -2_000]);
    notice.start();
    expect(sent).toEqual([100]);
    expect(logger.messages('warn')).toEqual([]);
    await tasks[0]?.();
    expect(sent).toEqual([100, -2_000]);
    expect(logger.messages('warn')).toEqual([
      'HOST CLOCK IS OFF from the venue: staleness is judged on the venue clock, but fix the host clock (NTP)',
    ]);
  });

  it('keeps the last offset when a re-sync fails, without throwing out of the timer', async () => {
    const { notice, tasks, logger, sent } = harness([50], true);
    notice.start();
    await expect(Promise.resolve(tasks[0]?.())).resolves.toBeUndefined();
    expect(sent).toEqual([50]);
    expect(logger.messages('warn')).toEqual(['venue clock re-sync failed; the last offset stays']);
  });
});
