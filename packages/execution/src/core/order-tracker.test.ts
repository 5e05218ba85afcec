// The order tracker on its own (Jest thread): what it forwards to strategy from private-stream frames and REST
// answers, and what it drops as repeated, stale or not ours.

import { describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { ExecutionCounters } from './execution-counters.js';
import { OrderTracker } from './order-tracker.js';
import { limitOrder } from './test-support/orders.js';
import { executionItem, frame, orderItem, positionItem } from './test-support/private-items.js';
import { MemoryLogger } from './test-support/test-host.js';

function setUp() {
  let nowMs = 1_746_270_400_000;
  const counters = new ExecutionCounters();
  const logger = new MemoryLogger();
  const tracker = new OrderTracker({ now: () => nowMs, sleep: () => Promise.resolve(), logger }, counters, { maxFinishedOrders: 2 });
  return { tracker, counters, logger, advance: (ms: number) => (nowMs += ms) };
}

describe('the order tracker', () => {
  it('forwards each order state once and drops repeats and updates that arrive out of order', () => {
    const { tracker, counters } = setUp();
    const newer = orderItem({ orderStatus: 'PartiallyFilled', cumExecQty: '0.004', avgPrice: '95000.0', updatedTime: '1746270400100' });
    expect(tracker.onPrivateFrame(frame('order', orderItem()))).toEqual([
      { type: 'OrderUpdate', update: expect.objectContaining({ orderLinkId: 'link-1', status: 'New', cumExecQty: '0' }) },
    ]);
    expect(tracker.onPrivateFrame(frame('order', newer))).toHaveLength(1);
    expect(tracker.onPrivateFrame(frame('order', newer))).toEqual([]);
    expect(tracker.onPrivateFrame(frame('order', orderItem()))).toEqual([]); // older, and less filled
    const filled = orderItem({ orderStatus: 'Filled', cumExecQty: '0.010', avgPrice: '95000.0', updatedTime: '1746270400100' });
    expect(tracker.onPrivateFrame(frame('order', filled))).toHaveLength(1);
    expect(tracker.onPrivateFrame(frame('order', orderItem({ updatedTime: '1746270400200' })))).toEqual([]); // no life after Filled
    expect(counters.snapshot()).toMatchObject({ orderUpdatesForwarded: 3, staleUpdatesDropped: 3 });
  });

  it('forwards a fill once however often its execId comes back', () => {
    const { tracker, counters } = setUp();
    const first = tracker.onPrivateFrame(frame('execution', executionItem(), executionItem({ execId: 'e-2', execQty: '0.005' })));
    expect(first.map((m) => m.type === 'Fill' && m.fill.execId)).toEqual(['e-1', 'e-2']);
    expect(tracker.onPrivateFrame(frame('execution', executionItem()))).toEqual([]);
    const [again] = first;
    if (again?.type !== 'Fill') throw new Error('no fill forwarded');
    expect(tracker.applyFill(again.fill)).toBeNull(); // the same fill read back from REST
    expect(counters.snapshot()).toMatchObject({ fillsForwarded: 2, fillsDuplicate: 2 });
  });

  it("forwards a position only when it changed, as the protocol's Position without venue-only fields", () => {
    const { tracker } = setUp();
    const [message] = tracker.onPrivateFrame(frame('position', positionItem()));
    expect(message).toEqual({
      type: 'PositionUpdate',
      position: {
        symbol: 'BTCUSDT',
        side: 'Buy',
        size: '0.010',
        avgEntryPrice: '95000.0',
        unrealisedPnl: '0',
        realisedPnl: '-0.5225',
        stopLoss: null,
        tsEventMs: 1746270400400,
      },
    });
    expect(tracker.onPrivateFrame(frame('position', positionItem({ updatedTime: '1746270400900' })))).toEqual([]);
    expect(tracker.onPrivateFrame(frame('position', positionItem({ side: '', size: '0', updatedTime: '1746270400300' })))).toEqual([]);
    const flat = tracker.onPrivateFrame(frame('position', positionItem({ side: '', size: '0', updatedTime: '1746270401000' })));
    expect(flat).toEqual([{ type: 'PositionUpdate', position: expect.objectContaining({ side: 'None', size: '0' }) }]);
    expect(tracker.position(toSymbol('BTCUSDT'))).toMatchObject({ side: 'None' });
  });

  it('skips spot and option items and non-trade executions, and counts items the parser refuses', () => {
    const { tracker, counters, logger } = setUp();
    expect(tracker.onPrivateFrame(frame('order', orderItem({ category: 'spot' })))).toEqual([]);
    expect(tracker.onPrivateFrame(frame('execution', executionItem({ execType: 'Funding' })))).toEqual([]);
    expect(tracker.onPrivateFrame(frame('order', orderItem({ qty: 12 })))).toEqual([]);
    expect(tracker.onPrivateFrame({ kind: 'wallet', topic: 'wallet', creationTimeMs: 0, data: [{}] })).toEqual([]);
    expect(counters.get('parseRefusals')).toBe(1);
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ topic: 'order' }) })]);
  });

  it("lets the venue's report override a rejection it wrote locally", () => {
    const { tracker } = setUp();
    const order = { ...limitOrder('BTCUSDT', 'Buy', '0.010', '95000.0', 'link-1') };
    const rejected = tracker.reject(order, 'outcome unknown after 4 attempt(s)');
    expect(rejected).toEqual({ type: 'OrderUpdate', update: expect.objectContaining({ status: 'Rejected', orderId: null }) });
    expect(tracker.reject(order, 'again')).toBeNull();
    expect(tracker.onPrivateFrame(frame('order', orderItem()))).toEqual([
      { type: 'OrderUpdate', update: expect.objectContaining({ status: 'New', orderId: 'o-1' }) },
    ]);
  });

  it('forgets a denied order and the oldest finished orders, but keeps open ones', () => {
    const { tracker, advance } = setUp();
    const denied = limitOrder('BTCUSDT', 'Buy', '0.010', '95000.0', 'denied-1');
    tracker.track(denied);
    tracker.forget('denied-1');
    expect(tracker.order('denied-1')).toBeNull();
    tracker.applyOrder({ ...update('open-1'), status: 'New' });
    for (const id of ['done-1', 'done-2', 'done-3']) tracker.applyOrder({ ...update(id), status: 'Cancelled' });
    advance(10);
    expect(tracker.order('done-1')).toBeNull();
    expect(tracker.order('done-3')).toMatchObject({ status: 'Cancelled' });
    expect(tracker.openOrdersSeenBefore(toSymbol('BTCUSDT'), 1_746_270_400_010).map((o) => o.orderLinkId)).toEqual(['open-1']);
  });

  it('does not count an order acked during a reconcile as one the reconcile saw before it ended', () => {
    const { tracker, advance } = setUp();
    const order = limitOrder('BTCUSDT', 'Buy', '0.010', '90000.0');
    tracker.track(order);
    const reconcileStartedAtMs = advance(5);
    // The venue's answer arrives while the reconcile reads: its open-orders list was taken before the order landed.
    advance(5);
    tracker.track(order, 'venue-order-1');
    expect(tracker.openOrdersSeenBefore(toSymbol('BTCUSDT'), reconcileStartedAtMs)).toEqual([]);
    expect(tracker.openOrdersSeenBefore(toSymbol('BTCUSDT'), advance(5))).toHaveLength(1);
  });
});

function update(orderLinkId: string) {
  return {
    orderLinkId,
    orderId: `id-${orderLinkId}`,
    symbol: toSymbol('BTCUSDT'),
    side: 'Buy' as const,
    orderType: 'Limit' as const,
    status: 'New' as const,
    qty: toDecimalString('0.010'),
    cumExecQty: toDecimalString('0'),
    avgPrice: null,
    rejectReason: null,
    tsEventMs: 1_746_270_400_000,
  };
}
