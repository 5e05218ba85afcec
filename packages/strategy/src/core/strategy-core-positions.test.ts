import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { StrategyCore } from './strategy-core.js';
import { defaultStrategyParams } from './strategy-params.js';
import {
  bookTop,
  orderUpdate,
  placed,
  positionReport,
  readyCore,
  sui,
  symbolChanged,
  TickFeed,
  wif,
  type Ready,
  t0,
} from './test-support/strategy-fixtures.js';

/** Sends a fresh book and a trade at `at`, as the worker would. */
function trade(core: StrategyCore, feed: TickFeed, price: string, at: number): ReturnType<StrategyCore['onTick']> {
  core.onBook(bookTop(sui, '4.999', '5.001', at), at);
  return core.onTick(feed.next(price, '1', at), at);
}

function enterLong(ready: Ready, at = ready.now + 10): string {
  return placed(trade(ready.core, ready.feed, '5.020', at)).orderLinkId;
}

describe('StrategyCore: one position at a time', () => {
  it('opens nothing while an entry works, a position is held or a close is in flight', () => {
    const ready = readyCore({ maxHoldingMs: 1_000, cooldownAfterExitMs: 0 });
    const { core, feed, now } = ready;
    const entryId = enterLong(ready);
    expect(trade(core, feed, '5.020', now + 20)).toBeNull();
    core.onOrderUpdate(orderUpdate(entryId, sui, 'Buy', 'Filled', '200', '200'), now + 30);
    // Filled, but execution has not reported the position yet: still not flat.
    expect(trade(core, feed, '5.020', now + 40)).toBeNull();
    expect(core.onPosition(positionReport(sui, 'Buy', '200', '5.001'), now + 50)).toEqual([]);
    expect(core.status().phase).toBe('open');
    expect(trade(core, feed, '5.020', now + 60)).toBeNull();
    const [close] = core.onTimer(now + 1_050);
    expect(close).toMatchObject({ type: 'ClosePosition', symbol: sui, reason: 'max-holding-time' });
    expect(core.status().phase).toBe('exiting');
    expect(trade(core, feed, '5.020', now + 1_060)).toBeNull();
    expect(core.counters.blocked.busy).toBe(4);
    core.onPosition(positionReport(sui, 'None', '0', '0'), now + 1_070);
    expect(core.status().phase).toBe('flat');
    expect(placed(trade(core, feed, '5.020', now + 1_080)).side).toBe('Buy');
  });

  it('takes the position from execution, whichever of the order and position reports comes first', () => {
    const ready = readyCore();
    const { core, now } = ready;
    const entryId = enterLong(ready);
    core.onPosition(positionReport(sui, 'Buy', '200', '5.001'), now + 20);
    core.onOrderUpdate(orderUpdate(entryId, sui, 'Buy', 'Filled', '200', '200'), now + 30);
    expect(core.status()).toMatchObject({ phase: 'open', entryOrderLinkId: null, position: { side: 'Buy', size: '200' } });
  });

  it('is flat again after an entry ends unfilled, and waits entryRetryDelayMs before the next', () => {
    const ready = readyCore({ entryRetryDelayMs: 1_000 });
    const { core, feed, now } = ready;
    const entryId = enterLong(ready);
    core.onOrderUpdate(orderUpdate(entryId, sui, 'Buy', 'Cancelled', '200', '0'), now + 20);
    expect(core.status().phase).toBe('flat');
    expect(core.counters.entriesUnfilled).toBe(1);
    expect(trade(core, feed, '5.020', now + 500)).toBeNull();
    expect(core.counters.blocked.cooldown).toBe(1);
    expect(placed(trade(core, feed, '5.020', now + 1_020)).side).toBe('Buy');
  });

  it('treats a denied entry as never sent and waits before the next', () => {
    const ready = readyCore({ entryRetryDelayMs: 1_000 });
    const { core, feed, now } = ready;
    const entryId = enterLong(ready);
    core.onOrderDenied({ orderLinkId: entryId, reason: 'max orders per minute', tsEventMs: now }, now + 20);
    expect(core.counters.entriesDenied).toBe(1);
    expect(core.status().phase).toBe('flat');
    expect(trade(core, feed, '5.020', now + 30)).toBeNull();
    expect(placed(trade(core, feed, '5.020', now + 1_030)).side).toBe('Buy');
  });

  it('waits cooldownAfterStopMs after a position goes flat without a close of ours', () => {
    const ready = readyCore({ cooldownAfterStopMs: 60_000 });
    const { core, feed, now } = ready;
    const entryId = enterLong(ready);
    core.onOrderUpdate(orderUpdate(entryId, sui, 'Buy', 'Filled', '200', '200'), now + 15);
    core.onPosition(positionReport(sui, 'Buy', '200', '5.001'), now + 20);
    core.onPosition(positionReport(sui, 'None', '0', '0'), now + 30); // the venue's stop fired
    expect(core.counters.positionsClosed).toBe(1);
    expect(trade(core, feed, '5.020', now + 59_000)).toBeNull();
    expect(core.counters.blocked.cooldown).toBe(1);
    expect(placed(trade(core, feed, '5.020', now + 60_030)).side).toBe('Buy');
  });

  it('closes a position left in a symbol it no longer trades (a restart after the scanner moved on)', () => {
    const { core, now } = readyCore();
    const btc = toSymbol('BTCUSDT');
    expect(core.onPosition(positionReport(btc, 'Buy', '1', '60000'), now)).toEqual([
      { type: 'ClosePosition', symbol: btc, orderLinkId: expect.any(String), reason: 'symbol-changed' },
    ]);
    expect(core.status()).toMatchObject({ phase: 'exiting', position: { symbol: btc } });
  });

  it('adopts a position reported before any symbol was chosen (a restart): managed if traded, closed if not', () => {
    const first = new StrategyCore(defaultStrategyParams);
    first.onPosition(positionReport(wif, 'Sell', '30', '2.5'), t0);
    expect(first.status()).toMatchObject({ phase: 'open', symbol: null }); // held before it knows what it trades
    expect(first.onSymbolChanged(symbolChanged(wif, 1), t0)).toEqual([]);
    expect(first.status()).toMatchObject({ phase: 'open', position: { symbol: wif, side: 'Sell', size: '30' } });

    const second = new StrategyCore(defaultStrategyParams);
    second.onPosition(positionReport(wif, 'Sell', '30', '2.5'), t0);
    expect(second.onSymbolChanged(symbolChanged(sui, 1), t0)).toEqual([
      { type: 'ClosePosition', symbol: wif, orderLinkId: expect.any(String), reason: 'symbol-changed' },
    ]);
  });
});

describe('StrategyCore: SymbolChanged', () => {
  it('closes the open position in the old symbol and opens nothing until it is reported flat', () => {
    const ready = readyCore();
    const { core, now } = ready;
    const entryId = enterLong(ready);
    core.onOrderUpdate(orderUpdate(entryId, sui, 'Buy', 'Filled', '200', '200'), now + 15);
    core.onPosition(positionReport(sui, 'Buy', '200', '5.001'), now + 20);
    const actions = core.onSymbolChanged(symbolChanged(wif, 2, sui), now + 30);
    expect(actions).toEqual([{ type: 'ClosePosition', symbol: sui, orderLinkId: 's-2-2-x', reason: 'symbol-changed' }]);
    // The new symbol warms up and signals, but one position at a time holds across symbols.
    const feed = new TickFeed(2);
    const at = now + 40;
    const signal = (): ReturnType<StrategyCore['onTick']> => {
      core.onBook(bookTop(wif, '4.999', '5.001', at), at);
      for (let i = 0; i < 20; i++) core.onTick(feed.next('5.000', '1', at), at);
      return core.onTick(feed.next('5.020', '1', at), at);
    };
    expect(signal()).toBeNull();
    expect(core.counters.blocked.busy).toBe(1);
    core.onPosition(positionReport(sui, 'None', '0', '0'), at);
    expect(placed(signal()).symbol).toBe(wif);
  });

  it('cancels an entry still working in the old symbol', () => {
    const ready = readyCore();
    const { core, now } = ready;
    enterLong(ready);
    expect(core.onSymbolChanged(symbolChanged(wif, 2, sui), now + 20)).toEqual([
      { type: 'CancelAll', symbol: sui, reason: 'symbol-changed', orderLinkId: 's-1-1-e' },
    ]);
    expect(core.status().phase).toBe('entering');
  });

  it('cancels a partly filled entry and closes what it filled', () => {
    const ready = readyCore();
    const { core, now } = ready;
    const entryId = enterLong(ready);
    core.onOrderUpdate(orderUpdate(entryId, sui, 'Buy', 'PartiallyFilled', '200', '50'), now + 15);
    const actions = core.onSymbolChanged(symbolChanged(wif, 2, sui), now + 20);
    expect(actions.map((a) => a.type)).toEqual(['CancelAll', 'ClosePosition']);
    expect(actions.every((a) => 'symbol' in a && a.symbol === sui)).toBe(true);
  });

  it('closes nothing when the symbol stays the same under a new epoch', () => {
    const ready = readyCore();
    const { core, now } = ready;
    enterLong(ready);
    core.onPosition(positionReport(sui, 'Buy', '200', '5.001'), now + 20);
    expect(core.onSymbolChanged(symbolChanged(sui, 2, sui), now + 30)).toEqual([]);
    expect(core.status()).toMatchObject({ phase: 'open', epoch: 2, windowCount: 0 });
  });
});
