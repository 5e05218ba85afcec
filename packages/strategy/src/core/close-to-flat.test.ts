// A close is driven to flat (Jest thread): a close that fills partly and is cancelled (Bybit's
// PartiallyFilledCanceled), or one that never ends while the venue still reports size, is followed by another until
// the position is flat; exits are looked at again after a close in flight has timed out.

import { describe, expect, it } from '@jest/globals';
import type { StrategyAction } from './strategy-core.js';
import { toDecimalString } from '@scalper/protocol';
import {
  bookTop,
  orderUpdate,
  placed,
  positionReport,
  readyCore,
  sui,
  symbolChanged,
  t0,
  wif,
  type Ready,
} from './test-support/strategy-fixtures.js';

/** Enters long and holds 200 at 5.000; returns the time. */
function holdLong(ready: Ready): number {
  const { core, feed, now } = ready;
  core.onBook(bookTop(sui, '4.999', '5.001', now + 10), now + 10);
  const entry = placed(core.onTick(feed.next('5.020', '1', now + 10), now + 10));
  core.onOrderUpdate(orderUpdate(entry.orderLinkId, sui, 'Buy', 'Filled', '200', '200'), now + 15);
  core.onPosition(positionReport(sui, 'Buy', '200', '5.000'), now + 20);
  return now + 20;
}

function closeOf(actions: readonly StrategyAction[]): Extract<StrategyAction, { type: 'ClosePosition' }> {
  const close = actions.find((a) => a.type === 'ClosePosition');
  if (close?.type !== 'ClosePosition') throw new Error(`expected a close, got ${JSON.stringify(actions)}`);
  return close;
}

describe('a close driven to flat', () => {
  it('closes the rest when the close fills partly and is cancelled while the venue still reports size', () => {
    const ready = readyCore({ maxHoldingMs: 1_000, exitRetryMs: 500 });
    const opened = holdLong(ready);
    const first = closeOf(ready.core.onTimer(opened + 1_000));
    // Bybit: PartiallyFilledCanceled, which reads as Cancelled with a fill; 120 of 200 remain.
    ready.core.onOrderUpdate(orderUpdate(first.orderLinkId, sui, 'Sell', 'Cancelled', '200', '80'), opened + 1_010);
    ready.core.onPosition(positionReport(sui, 'Buy', '120', '5.000'), opened + 1_020);
    expect(ready.core.onTimer(opened + 1_400)).toEqual([]);
    const second = closeOf(ready.core.onTimer(opened + 1_520));
    expect(second.orderLinkId).not.toBe(first.orderLinkId);
    expect(second.reason).toBe('max-holding-time');
  });

  it('closes again when a close in flight has no outcome after closeTimeoutMs and the position is still held', () => {
    const ready = readyCore({ maxHoldingMs: 1_000, closeTimeoutMs: 3_000 });
    const opened = holdLong(ready);
    const first = closeOf(ready.core.onTimer(opened + 1_000));
    expect(ready.core.onTimer(opened + 3_999)).toEqual([]);
    const second = closeOf(ready.core.onTimer(opened + 4_000));
    expect(second.orderLinkId).not.toBe(first.orderLinkId);
    expect(ready.core.counters.exitTimeouts).toBe(1);
  });

  it('is done when the venue reports flat, whatever became of the close order', () => {
    const ready = readyCore({ maxHoldingMs: 1_000, closeTimeoutMs: 3_000 });
    const opened = holdLong(ready);
    const first = closeOf(ready.core.onTimer(opened + 1_000));
    ready.core.onOrderUpdate(orderUpdate(first.orderLinkId, sui, 'Sell', 'Filled', '200', '200'), opened + 1_010);
    ready.core.onPosition(positionReport(sui, 'None', '0', '0'), opened + 1_020);
    expect(ready.core.onTimer(opened + 10_000)).toEqual([]);
    expect(ready.core.status().phase).toBe('flat');
  });

  it('gives up a close nobody reports when no size is held, closes again, and is done at the flat report', () => {
    const ready = readyCore({ closeTimeoutMs: 3_000 });
    const { core, feed, now } = ready;
    core.onBook(bookTop(sui, '4.999', '5.001', now + 10), now + 10);
    const entry = placed(core.onTick(feed.next('5.020', '1', now + 10), now + 10));
    // The entry's outcome was unknown: only its fill came back, never its end, nor a position report.
    core.onFill({
      execId: 'x-1',
      orderId: 'o-1',
      orderLinkId: entry.orderLinkId,
      symbol: sui,
      side: 'Buy',
      price: toDecimalString('5.001'),
      qty: toDecimalString('200'),
      fee: toDecimalString('0.55'),
      isMaker: false,
      tsEventMs: t0 + 20,
    });
    // The scanner moves on: the filled entry in the old symbol is closed.
    const first = closeOf(core.onSymbolChanged(symbolChanged(wif, 2, sui), now + 30));
    expect(core.onTimer(now + 3_029)).toEqual([]);
    const second = closeOf(core.onTimer(now + 3_030));
    expect(second.orderLinkId).not.toBe(first.orderLinkId);
    // Execution finds the venue flat and says so: the entry is over too.
    core.onPosition({ ...positionReport(sui, 'None', '0', '0'), tsEventMs: t0 + 3_040 }, now + 3_040);
    expect(core.status().phase).toBe('flat');
    expect(core.onTimer(now + 10_000)).toEqual([]);
  });
});
