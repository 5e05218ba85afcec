import { describe, expect, it } from '@jest/globals';
import type { StrategyCore } from './strategy-core.js';
import { bookTop, orderUpdate, placed, positionReport, readyCore, sui, type Ready } from './test-support/strategy-fixtures.js';
import type { TickFeed } from './test-support/strategy-fixtures.js';

function trade(core: StrategyCore, feed: TickFeed, price: string, at: number): ReturnType<StrategyCore['onTick']> {
  core.onBook(bookTop(sui, '4.999', '5.001', at), at);
  return core.onTick(feed.next(price, '1', at), at);
}

/** Enters long at ready.now + 10; execution reports it filled and a position of 200 at `avg`. */
function holdLong(ready: Ready, avg = '5.000', stopLoss: string | null = null): number {
  const { core, feed, now } = ready;
  const entry = placed(trade(core, feed, '5.020', now + 10));
  core.onOrderUpdate(orderUpdate(entry.orderLinkId, sui, 'Buy', 'Filled', '200', '200'), now + 15);
  core.onPosition(positionReport(sui, 'Buy', '200', avg, stopLoss), now + 20);
  return now + 20;
}

describe('StrategyCore exits', () => {
  it('takes profit when the last trade reaches takeProfitPercent above a long entry', () => {
    const ready = readyCore({ takeProfitPercent: 1 });
    const opened = holdLong(ready); // target 5.000 x 1.01 = 5.050
    expect(trade(ready.core, ready.feed, '5.049', opened + 10)).toBeNull();
    expect(trade(ready.core, ready.feed, '5.050', opened + 20)).toEqual({
      type: 'ClosePosition',
      symbol: sui,
      orderLinkId: 's-1-2-x',
      reason: 'take-profit',
    });
    expect(ready.core.counters.exits).toBe(1);
  });

  it('takes profit below a short entry', () => {
    const ready = readyCore({ takeProfitPercent: 1 });
    const { core, feed, now } = ready;
    const entry = placed(trade(core, feed, '4.980', now + 10));
    core.onOrderUpdate(orderUpdate(entry.orderLinkId, sui, 'Sell', 'Filled', '200', '200'), now + 15);
    core.onPosition(positionReport(sui, 'Sell', '200', '5.000'), now + 20);
    expect(trade(core, feed, '4.951', now + 30)).toBeNull();
    expect(trade(core, feed, '4.950', now + 40)).toMatchObject({ type: 'ClosePosition', reason: 'take-profit' });
  });

  it('takes profit at once when the last trade is already past the target as the position is reported', () => {
    const ready = readyCore({ takeProfitPercent: 0.2 });
    const { core, feed, now } = ready;
    const entry = placed(trade(core, feed, '5.020', now + 10)); // the last trade: 5.020
    core.onOrderUpdate(orderUpdate(entry.orderLinkId, sui, 'Buy', 'Filled', '200', '200'), now + 15);
    expect(core.onPosition(positionReport(sui, 'Buy', '200', '5.000'), now + 20)).toMatchObject([
      { type: 'ClosePosition', reason: 'take-profit' }, // target 5.010
    ]);
  });

  it('never takes profit when takeProfitPercent is 0', () => {
    const ready = readyCore();
    const opened = holdLong(ready);
    expect(trade(ready.core, ready.feed, '5.500', opened + 10)).toBeNull();
    expect(ready.core.onTimer(opened + 20)).toEqual([]);
  });

  it('closes a position held maxHoldingMs, once', () => {
    const ready = readyCore({ maxHoldingMs: 30_000 });
    const opened = holdLong(ready);
    expect(ready.core.onTimer(opened + 29_999)).toEqual([]);
    expect(ready.core.onTimer(opened + 30_000)).toEqual([{ type: 'ClosePosition', symbol: sui, orderLinkId: 's-1-2-x', reason: 'max-holding-time' }]);
    expect(ready.core.onTimer(opened + 30_001)).toEqual([]);
  });

  it('asks again exitRetryMs after a close is rejected', () => {
    const ready = readyCore({ maxHoldingMs: 1_000, exitRetryMs: 500 });
    const opened = holdLong(ready);
    const [close] = ready.core.onTimer(opened + 1_000);
    if (close?.type !== 'ClosePosition') throw new Error('expected a close');
    ready.core.onOrderUpdate(orderUpdate(close.orderLinkId, sui, 'Sell', 'Rejected', '200', '0'), opened + 1_010);
    expect(ready.core.counters.exitFailures).toBe(1);
    expect(ready.core.onTimer(opened + 1_400)).toEqual([]);
    expect(ready.core.onTimer(opened + 1_510)).toMatchObject([{ type: 'ClosePosition', orderLinkId: 's-1-3-x' }]);
  });

  it('closes a long whose stop the venue reports and the bid has reached (the seed checks stops on books)', () => {
    const ready = readyCore({ cooldownAfterStopMs: 10_000 });
    const opened = holdLong(ready, '5.000', '4.975');
    expect(ready.core.onBook(bookTop(sui, '4.976', '4.978', opened + 10), opened + 10)).toEqual([]);
    expect(ready.core.onBook(bookTop(sui, '4.975', '4.977', opened + 20), opened + 20)).toMatchObject([
      { type: 'ClosePosition', symbol: sui, reason: 'stop-loss' },
    ]);
    ready.core.onPosition(positionReport(sui, 'None', '0', '0'), opened + 30);
    expect(trade(ready.core, ready.feed, '5.020', opened + 5_000)).toBeNull();
    expect(ready.core.counters.blocked.cooldown).toBe(1);
  });

  it('falls back to the configured stop distance when the venue reports no stop', () => {
    const ready = readyCore();
    const opened = holdLong(ready, '5.000'); // 0.5 % below: 4.975
    expect(ready.core.onBook(bookTop(sui, '4.976', '4.978', opened + 10), opened + 10)).toEqual([]);
    expect(ready.core.onBook(bookTop(sui, '4.970', '4.972', opened + 20), opened + 20)).toMatchObject([{ reason: 'stop-loss' }]);
  });

  it('cancels an entry still working after entryTimeoutMs, again each timeout until it ends', () => {
    // 30 bps spread: the entry is a PostOnly limit that can rest unfilled.
    const ready = readyCore({ entryTimeoutMs: 3_000 }, '10.000', '10.030', '10.010');
    const { core, feed, now } = ready;
    const sent = now + 10;
    core.onBook(bookTop(sui, '10.000', '10.030', sent), sent);
    const order = placed(core.onTick(feed.next('10.050', '1', sent), sent));
    expect(order.timeInForce).toBe('PostOnly');
    expect(core.onTimer(sent + 2_999)).toEqual([]);
    expect(core.onTimer(sent + 3_000)).toEqual([{ type: 'CancelAll', symbol: sui, reason: 'entry-timeout', orderLinkId: 's-1-1-e' }]);
    expect(core.onTimer(sent + 3_001)).toEqual([]);
    expect(core.onTimer(sent + 6_000)).toHaveLength(1);
    core.onOrderUpdate(orderUpdate(order.orderLinkId, sui, 'Buy', 'Cancelled', order.qty, '0'), sent + 6_010);
    expect(core.status().phase).toBe('flat');
  });

  it('cancels a working entry and empties the window when the feed stops being live', () => {
    const ready = readyCore({}, '10.000', '10.030', '10.010');
    const { core, feed, now } = ready;
    core.onBook(bookTop(sui, '10.000', '10.030', now + 10), now + 10);
    placed(core.onTick(feed.next('10.050', '1', now + 10), now + 10));
    expect(core.onFeedStatus({ state: 'reconnecting', reason: 'socket closed', tsEventMs: now }, now + 20)).toEqual([
      { type: 'CancelAll', symbol: sui, reason: 'feed reconnecting', orderLinkId: 's-1-1-e' },
    ]);
    expect(core.status().windowCount).toBe(0);
  });

  it('cancels a working entry before closing, since a reduce-only close would not stop it filling', () => {
    const ready = readyCore({ maxHoldingMs: 1_000 }, '10.000', '10.030', '10.010');
    const { core, feed, now } = ready;
    core.onBook(bookTop(sui, '10.000', '10.030', now + 10), now + 10);
    const order = placed(core.onTick(feed.next('10.050', '1', now + 10), now + 10));
    core.onOrderUpdate(orderUpdate(order.orderLinkId, sui, 'Buy', 'PartiallyFilled', order.qty, '20'), now + 20);
    core.onPosition(positionReport(sui, 'Buy', '20', '10.000'), now + 30);
    expect(core.onTimer(now + 1_030).map((a) => a.type)).toEqual(['CancelAll', 'ClosePosition']);
  });
});
