import { describe, expect, it } from '@jest/globals';
import { StrategyCore } from './strategy-core.js';
import { defaultStrategyParams } from './strategy-params.js';
import type { TickOutcome } from './strategy-stats.js';
import { bookTop, placed, readyCore, sui, symbolChanged, t0, TickFeed } from './test-support/strategy-fixtures.js';

describe('StrategyCore entries', () => {
  it('goes long with a market IOC when momentum tops the threshold on a tight, deep book', () => {
    const { core, feed, now } = readyCore();
    // 19 trades at 5.000 and one at 5.020: VWAP 5.001, momentum 0.38 %.
    const order = placed(core.onTick(feed.next('5.020', '1', now + 10), now + 10));
    expect(order).toEqual({
      orderLinkId: 's-1-1-e',
      symbol: sui,
      side: 'Buy',
      orderType: 'Market',
      timeInForce: 'IOC',
      qty: '200.0', // the seed's sizing: $1000 at a $5.000 mid
      stopLoss: '4.976', // 0.5 % below the 5.001 ask it will take, rounded up to the tick
      reduceOnly: false,
      tsCreatedMs: now + 10,
      referencePrice: '5.001', // the ask it expects to take, for execution's notional check
      tsTriggerRecvMs: now + 10, // when the trade that triggered it arrived, for the frame-to-order latency
    });
    expect(core.counters.entries).toBe(1);
    expect(core.counters.lastMomentum).toBeCloseTo(0.019 / 5.001, 12);
    expect(core.status().phase).toBe('entering');
  });

  it('goes short when momentum falls below minus the threshold', () => {
    const { core, feed, now } = readyCore();
    const order = placed(core.onTick(feed.next('4.980', '1', now + 10), now + 10));
    expect(order.side).toBe('Sell');
    expect(order.orderType).toBe('Market');
    expect(order.stopLoss).toBe('5.023'); // 0.5 % above the 4.999 bid, rounded down to the tick
  });

  it('does nothing while momentum stays within the threshold', () => {
    const { core, feed, now } = readyCore();
    // VWAP 5.0001, momentum 0.038 %: below 0.1 %.
    expect(core.onTick(feed.next('5.002', '1', now + 10), now + 10)).toBeNull();
    expect(core.counters.signals).toBe(0);
  });

  it('waits for a full window after a symbol change', () => {
    const core = new StrategyCore(defaultStrategyParams);
    const feed = new TickFeed(1);
    core.onSymbolChanged(symbolChanged(sui, 1), t0);
    core.onFeedStatus({ state: 'live', reason: 'test', tsEventMs: t0 }, t0);
    core.onBook(bookTop(sui, '4.999', '5.001', t0), t0);
    for (let i = 0; i < 18; i++) core.onTick(feed.next('5.000', '1', t0), t0);
    expect(core.onTick(feed.next('5.100', '1', t0), t0)).toBeNull();
    expect(core.counters.lastMomentum).toBeNaN();
    expect(placed(core.onTick(feed.next('5.100', '1', t0), t0)).side).toBe('Buy');
  });

  it('says what blocks an entry from the start, and forgets the old momentum when the symbol changes', () => {
    const core = new StrategyCore(defaultStrategyParams);
    expect(core.entryReadiness(t0)).toBe('no symbol yet');
    core.onSymbolChanged(symbolChanged(sui, 1), t0);
    expect(core.entryReadiness(t0)).toBe('feed stalled');
    core.onFeedStatus({ state: 'live', reason: 'test', tsEventMs: t0 }, t0);
    expect(core.entryReadiness(t0)).toBe('no book');
    core.onBook(bookTop(sui, '4.999', '5.001', t0), t0);
    expect(core.entryReadiness(t0 + 10)).toBe('ready');
    expect(core.entryReadiness(t0 + 501)).toBe('stale book (501 ms)');

    const { core: trading, feed, now } = readyCore();
    trading.onTick(feed.next('5.020', '1', now + 10), now + 10);
    expect(trading.entryReadiness(now + 10)).toBe('entering');
    expect(trading.counters.lastMomentum).toBeGreaterThan(0);
    trading.onSymbolChanged(symbolChanged(sui, 2), now + 20);
    expect(trading.counters.lastMomentum).toBeNaN();
  });

  it('never trades on a trade older than staleDataMs, by venue time or by time waiting in the ring', () => {
    const { core, feed, now } = readyCore();
    const at = now + 10;
    expect(core.onTick(feed.next('5.020', '1', at - 600, at - 600), at)).toBeNull();
    expect(core.onTick(feed.next('5.020', '1', at - 600, at - 5), at)).toBeNull();
    expect(core.onTick(feed.next('5.020', '1', at, at - 501), at)).toBeNull();
    expect(core.counters.staleSkipped).toBe(3);
    expect(core.counters.entries).toBe(0);
    // Stale trades still joined the window (3 x 5.020 of 20): the next fresh one decides on it.
    expect(placed(core.onTick(feed.next('5.020', '1', at), at)).side).toBe('Buy');
  });

  it('never trades on a book older than staleDataMs', () => {
    const { core, feed, now } = readyCore();
    const at = now + 501;
    expect(core.onTick(feed.next('5.020', '1', at), at)).toBeNull();
    expect(core.counters.blocked['stale-book']).toBe(1);
  });

  it('ignores ring entries of an old epoch', () => {
    const { core, feed, now } = readyCore();
    feed.epoch = 0; // still in the ring from the previous symbol
    for (let i = 0; i < 20; i++) expect(core.onTick(feed.next('6.000', '1', now), now)).toBeNull();
    expect(core.counters.oldEpochSkipped).toBe(20);
    // Had they entered the window, 5.000 would now be far below the VWAP and open a short.
    feed.epoch = 1;
    expect(core.onTick(feed.next('5.000', '1', now), now)).toBeNull();
    expect(core.counters.lastMomentum).toBe(0);
    expect(core.counters.signals).toBe(0);
    expect(core.counters.seqGaps).toBe(0);
  });

  it('empties the window when the ring skipped entries', () => {
    const { core, feed, now } = readyCore();
    core.onRingGap(); // the runner saw a hole in the ring's numbering
    expect(core.onTick(feed.next('5.020', '1', now + 10), now + 10)).toBeNull();
    expect(core.counters.seqGaps).toBe(1);
    expect(core.status().windowCount).toBe(1);
  });

  it('joins the bid with a PostOnly limit when the spread is wide, stop measured from the limit price', () => {
    // Spread 30 bps: above the 10 bps market limit, within the 50 bps entry limit.
    const { core, feed, now } = readyCore({}, '10.000', '10.030', '10.010');
    const order = placed(core.onTick(feed.next('10.050', '1', now + 10), now + 10));
    expect(order.orderType).toBe('Limit');
    expect(order.timeInForce).toBe('PostOnly');
    expect(order.price).toBe('10.000');
    expect(order.stopLoss).toBe('9.950'); // the seed's example: 10.00 with a 0.5 % stop is 9.95
    expect(order.qty).toBe('99.8'); // 1000 / 10.015 = 99.85..., down to the 0.1 step
  });

  it('posts at the ask for a short when the book is tight but its top sizes are not above minTopSize', () => {
    const core = new StrategyCore(defaultStrategyParams);
    const feed = new TickFeed(1);
    core.onSymbolChanged(symbolChanged(sui, 1), t0);
    core.onFeedStatus({ state: 'live', reason: 'test', tsEventMs: t0 }, t0);
    core.onBook(bookTop(sui, '4.999', '5.001', t0, '100', '500'), t0);
    for (let i = 0; i < 20; i++) core.onTick(feed.next('5.000', '1', t0), t0);
    const order = placed(core.onTick(feed.next('4.980', '1', t0), t0));
    expect([order.orderType, order.timeInForce, order.price]).toEqual(['Limit', 'PostOnly', '5.001']);
  });

  it('opens nothing while the spread is wider than maxEntrySpreadBps', () => {
    const { core, feed, now } = readyCore({}, '9.900', '10.100', '10.000');
    expect(core.onTick(feed.next('10.100', '1', now + 10), now + 10)).toBeNull();
    expect(core.counters.blocked['wide-spread']).toBe(1);
  });

  it('opens nothing until the feed is reported live', () => {
    const core = new StrategyCore(defaultStrategyParams);
    const feed = new TickFeed(1);
    core.onSymbolChanged(symbolChanged(sui, 1), t0);
    core.onBook(bookTop(sui, '4.999', '5.001', t0), t0);
    for (let i = 0; i < 20; i++) core.onTick(feed.next('5.000', '1', t0), t0);
    expect(core.onTick(feed.next('5.020', '1', t0), t0)).toBeNull();
    expect(core.counters.blocked['feed-not-live']).toBe(1);
    core.onFeedStatus({ state: 'live', reason: 'test', tsEventMs: t0 }, t0);
    expect(placed(core.onTick(feed.next('5.020', '1', t0), t0)).side).toBe('Buy');
  });

  it('rounds the quantity down to qtyStep', () => {
    const { core, feed, now } = readyCore({}, '2.999', '3.001', '3.000');
    expect(placed(core.onTick(feed.next('3.020', '1', now + 10), now + 10)).qty).toBe('333.3');
  });

  it('opens nothing when the budget buys less than one qtyStep, and waits before sizing again', () => {
    const { core, feed, now } = readyCore({ positionSizeUsd: '0.1' });
    expect(core.onTick(feed.next('5.020', '1', now + 10), now + 10)).toBeNull();
    expect(core.counters.blocked['zero-qty']).toBe(1);
    expect(core.onTick(feed.next('5.020', '1', now + 20), now + 20)).toBeNull();
    expect(core.counters.blocked.cooldown).toBe(1);
  });

  it('reports every tick outcome to the decisionStats hook', () => {
    const outcomes: TickOutcome[] = [];
    const core = new StrategyCore(
      { ...defaultStrategyParams, windowTicks: 2 },
      { decisionStats: { onTick: (_tick, _now, outcome) => void outcomes.push(outcome) } },
    );
    const feed = new TickFeed(1);
    core.onTick(feed.next('5.000', '1', t0), t0);
    core.onSymbolChanged(symbolChanged(sui, 1), t0);
    core.onFeedStatus({ state: 'live', reason: 'test', tsEventMs: t0 }, t0);
    core.onBook(bookTop(sui, '4.999', '5.001', t0), t0);
    core.onTick(feed.next('5.000', '1', t0 - 1000), t0);
    core.onTick(feed.next('5.000', '1', t0), t0);
    core.onTick(feed.next('5.001', '1', t0), t0);
    core.onTick(feed.next('5.100', '1', t0), t0);
    core.onTick(feed.next('5.300', '1', t0), t0);
    expect(outcomes).toEqual(['old-epoch', 'stale', 'no-signal', 'no-signal', 'entry', 'blocked']);
    expect(core.counters.blocked.busy).toBe(1);
  });
});
