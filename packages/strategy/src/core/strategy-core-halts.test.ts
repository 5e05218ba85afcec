import { describe, expect, it } from '@jest/globals';
import { bookTop, placed, readyCore, sui } from './test-support/strategy-fixtures.js';

describe('StrategyCore halts', () => {
  it('opens nothing while halted until untilMs, counts the blocked signals and shows the halt in its status', () => {
    const { core, feed, now } = readyCore();
    expect(core.onTradingHalted({ reason: 'risk.maxDailyLossUsd', untilMs: now + 1_000, tsEventMs: now }, now)).toEqual([]);
    core.onBook(bookTop(sui, '4.999', '5.001', now + 10), now + 10);
    expect(core.onTick(feed.next('5.020', '1', now + 10), now + 10)).toBeNull();
    expect(core.counters.blocked.halted).toBe(1);
    expect(core.haltedAt(now + 10)).toBe('risk.maxDailyLossUsd');
    expect(core.status().halt).toEqual({ reason: 'risk.maxDailyLossUsd', untilMs: now + 1_000 });
    core.onBook(bookTop(sui, '4.999', '5.001', now + 1_000), now + 1_000);
    expect(placed(core.onTick(feed.next('5.030', '1', now + 1_000), now + 1_000)).side).toBe('Buy');
    expect(core.haltedAt(now + 1_000)).toBeNull();
  });

  it('cancels a working entry, and a halt for good (untilMs null) outlasts a later, shorter one', () => {
    const { core, feed, now } = readyCore({ minTopSize: '100000' }); // a thin book: the entry is a PostOnly limit
    const entry = placed(core.onTick(feed.next('5.020', '1', now + 10), now + 10));
    expect(entry.timeInForce).toBe('PostOnly');
    expect(core.onTradingHalted({ reason: 'kill switch: SIGUSR2', untilMs: null, tsEventMs: now + 20 }, now + 20)).toEqual([
      { type: 'CancelAll', symbol: sui, reason: 'halted: kill switch: SIGUSR2', orderLinkId: 's-1-1-e' },
    ]);
    core.onTradingHalted({ reason: 'risk.maxDailyLossUsd', untilMs: now + 30, tsEventMs: now + 25 }, now + 25);
    expect(core.haltedAt(now + 10 * 86_400_000)).toBe('kill switch: SIGUSR2');
  });

  it('opens again once the kill switch is lifted, but keeps a halt that has an end', () => {
    const { core, feed, now } = readyCore();
    core.onTradingHalted({ reason: 'kill switch: dashboard', untilMs: null, tsEventMs: now }, now);
    expect(core.onTradingResumed({ reason: 'resumed by hand', tsEventMs: now + 5 }, now + 5)).toEqual([]);
    expect(core.haltedAt(now + 5)).toBeNull();
    core.onBook(bookTop(sui, '4.999', '5.001', now + 10), now + 10);
    expect(placed(core.onTick(feed.next('5.020', '1', now + 10), now + 10)).side).toBe('Buy');

    const daily = readyCore();
    daily.core.onTradingHalted({ reason: 'risk.maxDailyLossUsd', untilMs: daily.now + 1_000, tsEventMs: daily.now }, daily.now);
    daily.core.onTradingResumed({ reason: 'resumed by hand', tsEventMs: daily.now + 5 }, daily.now + 5);
    expect(daily.core.haltedAt(daily.now + 5)).toBe('risk.maxDailyLossUsd');
  });
});
