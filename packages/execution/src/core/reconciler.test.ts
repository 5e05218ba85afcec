// Reconciliation against the embedded venue (Jest thread): what exists before start is found, what ended while
// the stream was away is settled, and a failure still comes back as a value.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import type { RunningVenue } from '@scalper/sim-venue';
import { ExecutionCore } from './execution-core.js';
import type { Reconciled, ReconcileReport } from './reconciler.js';
import { limitOrder, marketOrder } from './test-support/orders.js';
import { MemoryLogger, SkippingClock } from './test-support/test-host.js';
import { clientFor, startTestVenue } from './test-support/venue-harness.js';

let venue: RunningVenue;

beforeAll(async () => {
  venue = await startTestVenue();
});

afterAll(async () => {
  await venue.close();
});

function newCore(retry: { maxRetries?: number; baseDelayMs?: number } = {}) {
  const clock = new SkippingClock();
  const logger = new MemoryLogger();
  const core = new ExecutionCore({ client: clientFor(venue), now: clock.now, sleep: clock.sleep, logger, retry });
  return { core, clock, logger };
}

const reconcileLevels = (logger: MemoryLogger): string[] =>
  logger.lines.filter((line) => line.message === 'reconciled with the venue').map((line) => line.level);

function reportOf(done: Reconciled): ReconcileReport {
  if (!done.result.ok) throw new Error(done.result.error.message);
  return done.result.value;
}

describe('reconciling with the venue', () => {
  it('picks up a position opened before start and tells strategy about it once', async () => {
    const symbol = toSymbol('BNBUSDT');
    await clientFor(venue).createOrder(marketOrder('BNBUSDT', 'Buy', '0.05'));
    const { core, logger } = newCore();
    const done = await core.reconcile([symbol]);
    expect(reportOf(done).positions).toEqual([expect.objectContaining({ symbol: 'BNBUSDT', side: 'Buy', size: '0.05' })]);
    expect(done.toStrategy).toEqual([{ type: 'PositionUpdate', position: expect.objectContaining({ side: 'Buy', size: '0.05' }) }]);
    expect((await core.reconcile([symbol])).toStrategy).toEqual([]);
    expect(core.stats()).toMatchObject({ reconciliations: 2, reconciledSymbols: 1, knownPositions: 1 });
    // Finding the position is news; the second pass, which changed nothing, is routine.
    expect(reconcileLevels(logger)).toEqual(['info', 'debug']);
  });

  it('lists resting orders found at start, then settles one that was cancelled while the stream was away', async () => {
    const symbol = toSymbol('ARBUSDT');
    const client = clientFor(venue);
    const book = await client.orderBook(symbol, 1);
    const resting = limitOrder('ARBUSDT', 'Buy', '20.0', (Number(book.bids[0]?.[0]) * 0.8).toFixed(4));
    await client.createOrder(resting);
    const { core } = newCore();
    const first = await core.reconcile([symbol]);
    expect(reportOf(first).openOrders).toEqual([expect.objectContaining({ orderLinkId: resting.orderLinkId, status: 'New' })]);
    expect(first.toStrategy).toContainEqual({
      type: 'OrderUpdate',
      update: expect.objectContaining({ orderLinkId: resting.orderLinkId, status: 'New' }),
    });

    await new Promise((resolve) => setTimeout(resolve, 5)); // the next snapshot is taken after the tracker saw the order
    await client.cancelOrder(symbol, { orderLinkId: resting.orderLinkId });
    const again = await core.reconcile(); // every symbol reconciled so far
    expect(reportOf(again).openOrders).toEqual([]);
    expect(reportOf(again).settled).toEqual([expect.objectContaining({ orderLinkId: resting.orderLinkId, status: 'Cancelled' })]);
    expect(again.toStrategy).toContainEqual({
      type: 'OrderUpdate',
      update: expect.objectContaining({ orderLinkId: resting.orderLinkId, status: 'Cancelled', cumExecQty: '0' }),
    });
  });

  it('finds every open position and working order account-wide on a fresh start, before it knows any symbol', async () => {
    const client = clientFor(venue);
    await client.createOrder(marketOrder('AVAXUSDT', 'Sell', '1'));
    const book = await client.orderBook(toSymbol('NEARUSDT'), 1);
    const resting = limitOrder('NEARUSDT', 'Buy', '10', (Number(book.bids[0]?.[0]) * 0.8).toFixed(3));
    await client.createOrder(resting);
    const { core } = newCore(); // a restarted worker: no symbol reconciled yet
    const done = await core.reconcile();
    expect(done.toStrategy).toContainEqual({
      type: 'PositionUpdate',
      position: expect.objectContaining({ symbol: 'AVAXUSDT', side: 'Sell', size: '1.0' }),
    });
    expect(done.toStrategy).toContainEqual({
      type: 'OrderUpdate',
      update: expect.objectContaining({ orderLinkId: resting.orderLinkId, status: 'New' }),
    });
    expect(core.openPositionSymbols()).toContain('AVAXUSDT');
    await client.cancelOrder(toSymbol('NEARUSDT'), { orderLinkId: resting.orderLinkId });
  });

  it('settles an order the venue acknowledged but whose every stream update was lost', async () => {
    const { core } = newCore();
    const symbol = toSymbol('DOTUSDT');
    await core.reconcile([symbol]);
    const order = marketOrder('DOTUSDT', 'Buy', '5');
    const placed = await core.handle({ type: 'PlaceOrder', order });
    expect(JSON.stringify(placed.outcome.result)).toContain('"ok":true');
    await new Promise((resolve) => setTimeout(resolve, 5)); // the next read starts after the ack was tracked
    // No private stream here: the fill and the order's end never arrived. The periodic reconcile finds them.
    const done = await core.reconcile();
    expect(done.toStrategy).toContainEqual({
      type: 'OrderUpdate',
      update: expect.objectContaining({ orderLinkId: order.orderLinkId, status: 'Filled', cumExecQty: expect.stringMatching(/^5(\.0+)?$/) }),
    });
  });

  it('reports the position as of after the fills it settled, not a snapshot older than them (a close that filled mid-pass)', async () => {
    // Found by the fault soak: a close filled between the position read and the fill read, so strategy was told of
    // the position the close had already ended and waited 5 s more on an order.
    const symbol = toSymbol('LINKUSDT');
    const client = clientFor(venue);
    const readExecutions = client.executions.bind(client);
    let closeDuringRead = true;
    client.executions = async (...args: Parameters<typeof readExecutions>) => {
      if (closeDuringRead) {
        closeDuringRead = false;
        await clientFor(venue).createOrder(marketOrder('LINKUSDT', 'Sell', '3', undefined, { reduceOnly: true }));
      }
      return readExecutions(...args);
    };
    const clock = new SkippingClock();
    const core = new ExecutionCore({ client, now: clock.now, sleep: clock.sleep, logger: new MemoryLogger() });
    await core.reconcile([symbol]);
    const entry = marketOrder('LINKUSDT', 'Buy', '3');
    expect(JSON.stringify((await core.handle({ type: 'PlaceOrder', order: entry })).outcome.result)).toContain('"ok":true');
    await new Promise((resolve) => setTimeout(resolve, 5)); // the next read starts after the ack was tracked

    const done = await core.reconcile([symbol]); // the entry's updates never came: its fills are read; the close lands first
    expect(reportOf(done).positions).toEqual([expect.objectContaining({ symbol: 'LINKUSDT', side: 'None', size: '0' })]);
    const positionsTold = done.toStrategy.flatMap((message) => (message.type === 'PositionUpdate' ? [message.position] : []));
    expect(positionsTold.filter((position) => position.side !== 'None')).toEqual([]);
  });

  it('reports a venue it cannot reach as a value after backing off', async () => {
    const { core, clock } = newCore({ maxRetries: 1, baseDelayMs: 10 });
    venue.setFault('http503Probability=1');
    let done;
    try {
      done = await core.reconcile([toSymbol('OPUSDT')]);
    } finally {
      venue.setFault('http503Probability=0');
    }
    expect(done.result).toMatchObject({ ok: false, error: { code: 'VENUE_UNAVAILABLE', message: expect.stringContaining('HTTP 503') } });
    expect(clock.delays).toEqual([10]);
    expect(core.stats()).toMatchObject({ reconciledSymbols: 0, readRetries: 1 });
  });
});
