// One clock for staleness (Jest thread): the stale guard compares venue timestamps with the venue's time, which is
// the host's clock plus the offset execution measured. A host 2 s fast must not see every trade as stale; a host
// 2 s slow must not take a 1 s old trade or book for a fresh one.

import { describe, expect, it } from '@jest/globals';
import { bookTop, readyCore, sui } from './test-support/strategy-fixtures.js';

describe('staleness on the venue clock', () => {
  it('trades on fresh data when the host clock is 2 s fast, once it knows the offset', () => {
    const { core, feed, now } = readyCore();
    core.onVenueClock({ offsetMs: -2_000, tsEventMs: now });
    const at = now + 10;
    const venueNow = at - 2_000;
    core.onBook(bookTop(sui, '4.999', '5.001', venueNow), at);
    expect(core.onTick(feed.next('5.020', '1', venueNow, at), at)).toMatchObject({ type: 'PlaceOrder' });
    expect(core.counters.staleSkipped).toBe(0);
  });

  it('refuses a 1 s old trade and book when the host clock is 2 s slow, once it knows the offset', () => {
    const { core, feed, now } = readyCore();
    core.onVenueClock({ offsetMs: 2_000, tsEventMs: now });
    const at = now + 10;
    const oneSecondOld = at + 2_000 - 1_000;
    core.onBook(bookTop(sui, '4.999', '5.001', oneSecondOld), at);
    expect(core.entryReadiness(at)).toBe('no book');
    expect(core.onTick(feed.next('5.020', '1', oneSecondOld, at), at)).toBeNull();
    expect(core.counters.staleSkipped).toBe(1);
  });
});
