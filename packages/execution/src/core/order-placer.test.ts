// Order placement against the embedded venue on 127.0.0.1 (Jest thread): idempotent resends, lost answers, 503
// bursts, refusals that must not be retried, and orders denied before anything is sent.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import type { RunningVenue } from '@scalper/sim-venue';
import type { ExecutionCoreOptions, HandleOutcome } from './execution-core.js';
import type { PlacedOrder } from './order-placer.js';
import { limitOrder, linkId, marketOrder, placeMessage } from './test-support/orders.js';
import { clientFor, coreOnVenue, startTestVenue, venuePositionSize } from './test-support/venue-harness.js';

let venue: RunningVenue;

beforeAll(async () => {
  venue = await startTestVenue();
});

afterAll(async () => {
  await venue.close();
});

const setUp = (options: Partial<ExecutionCoreOptions> = {}) => coreOnVenue(venue, options);

function placed(outcome: HandleOutcome): PlacedOrder {
  if (outcome.type !== 'PlaceOrder' || !outcome.result.ok) throw new Error(`not placed: ${JSON.stringify(outcome)}`);
  return outcome.result.value;
}

const create = '/v5/order/create';

describe('placing an order at the venue', () => {
  it("sends a market order once, with its orderLinkId, and reports the venue's orderId", async () => {
    const { core, watched, clock } = setUp();
    const order = marketOrder('ETHUSDT', 'Buy', '0.10');
    const { outcome } = await core.handle(placeMessage(order));
    expect(placed(outcome)).toMatchObject({ orderLinkId: order.orderLinkId, via: 'ack', attempts: 1 });
    expect(placed(outcome).orderId).toEqual(expect.any(String));
    expect(watched.count(create)).toBe(1);
    expect(JSON.parse(watched.requests.find((r) => r.path === create)?.body ?? '{}')).toMatchObject({ orderLinkId: order.orderLinkId });
    expect(clock.delays).toEqual([]);
    expect(venuePositionSize(venue, toSymbol('ETHUSDT'))).toBe('0.1');
  });

  it("writes the create to the trade socket before it logs 'order create sent' (a log line never delays an order)", async () => {
    const logged: boolean[] = [];
    let logger: { messages(level: 'info'): string[] } | null = null;
    const tradeSocket = {
      isOpen: true,
      createOrder: async (o: { orderLinkId: string }) => {
        logged.push(logger?.messages('info').includes('order create sent') ?? true);
        return { orderId: 'ws-order-1', orderLinkId: o.orderLinkId };
      },
      restart: () => undefined,
    };
    const harness = setUp({ tradeSocket });
    logger = harness.logger;
    const order = marketOrder('ETHUSDT', 'Buy', '0.10');
    expect(placed((await harness.core.handle(placeMessage(order))).outcome)).toMatchObject({ orderId: 'ws-order-1', via: 'ack' });
    expect(logged).toEqual([false]);
    expect(harness.logger.messages('info')).toContain('order create sent');
  });

  it('resolves a resend of the same orderLinkId to the original order without opening a second position', async () => {
    const { core, logger } = setUp();
    const order = marketOrder('XRPUSDT', 'Buy', '10');
    const first = placed((await core.handle(placeMessage(order))).outcome);
    const again = placed((await core.handle(placeMessage(order))).outcome);
    expect(again.via).toBe('duplicate');
    expect(again.orderId).toBe(first.orderId);
    expect(venuePositionSize(venue, toSymbol('XRPUSDT'))).toBe('10');
    expect(core.stats()).toMatchObject({ duplicateAnswers: 1, retries: 0, createAttempts: 2, ordersPlaced: 2 });
    expect(logger.messages('warn')).toContain('venue reports the orderLinkId as already used: the order landed before');
  });

  it('looks a market order up after its answer was lost and does not place it twice', async () => {
    const { core, watched, clock } = setUp();
    let lost = 0;
    watched.loseAnswer = (request) => request.path === create && lost++ === 0;
    const order = marketOrder('SOLUSDT', 'Buy', '0.5');
    const { outcome, toStrategy } = await core.handle(placeMessage(order));
    const value = placed(outcome);
    expect(value).toMatchObject({ via: 'lookup', attempts: 1 });
    expect(value.orderId).toEqual(expect.any(String));
    expect(watched.count(create)).toBe(1);
    // Looked up at once: only a resend waits for the backoff.
    expect(clock.delays).toEqual([]);
    expect(venuePositionSize(venue, toSymbol('SOLUSDT'))).toBe('0.5');
    // The lookup found the fill before the private stream could: strategy hears it now.
    expect(toStrategy).toContainEqual({ type: 'Fill', fill: expect.objectContaining({ orderLinkId: order.orderLinkId, qty: '0.5' }) });
    expect(core.stats()).toMatchObject({ lookups: 1, lookupsFound: 1, ordersPlaced: 1 });
  });

  it('looks again after the backoff when the lookup right after a lost answer came too early to see the order', async () => {
    const { core, watched, clock } = setUp({ maxEntryAgeMs: 1_000 });
    let lost = 0;
    watched.loseAnswer = (request) => request.path === create && lost++ === 0;
    // The venue's lists lag behind its matching engine: the first lookup pass sees nothing yet.
    const lagging = new Set<string>();
    watched.answerInstead = (request) => {
      if (!['/v5/order/realtime', '/v5/execution/list'].includes(request.path) || lagging.has(request.path)) return null;
      lagging.add(request.path);
      const body = { retCode: 0, retMsg: 'OK', result: { category: 'linear', list: [], nextPageCursor: '' }, retExtInfo: {}, time: Date.now() };
      return { status: 200, headers: { get: () => null }, text: JSON.stringify(body) };
    };
    const order = marketOrder('OPUSDT', 'Buy', '10');
    const { outcome, toStrategy } = await core.handle(placeMessage(order));
    // Past its 1 s age after the backoff, it is not resent; but it had landed, and the second lookup says so.
    expect(placed(outcome)).toMatchObject({ via: 'lookup', attempts: 1 });
    expect(clock.delays).toEqual([2_000]);
    expect(toStrategy.filter((m) => m.type === 'OrderDenied')).toEqual([]);
    expect(watched.count(create)).toBe(1);
    expect(venuePositionSize(venue, toSymbol('OPUSDT'))).toBe('10');
    await core.flatten(toSymbol('OPUSDT'), 'test over');
  });

  it('finds a resting limit order after a lost answer instead of sending it again', async () => {
    const { core, watched } = setUp();
    const client = clientFor(venue);
    const book = await client.orderBook(toSymbol('ADAUSDT'), 1);
    const farBelow = (Number(book.bids[0]?.[0]) * 0.8).toFixed(4);
    let lost = 0;
    watched.loseAnswer = (request) => request.path === create && lost++ === 0;
    const order = limitOrder('ADAUSDT', 'Buy', '20', farBelow);
    const value = placed((await core.handle(placeMessage(order))).outcome);
    expect(value.via).toBe('lookup');
    expect(value.seenOrders).toEqual([expect.objectContaining({ orderLinkId: order.orderLinkId, status: 'New' })]);
    expect(watched.count(create)).toBe(1);
    const open = await client.openOrders(toSymbol('ADAUSDT'));
    expect(open.items.filter((item) => item.orderLinkId === order.orderLinkId)).toHaveLength(1);
    await core.handle({ type: 'CancelAll', symbol: toSymbol('ADAUSDT'), reason: 'test done' });
  });

  it('retries a burst of HTTP 503 answers after 2 s and 4 s, then places the order once', async () => {
    const { core, watched, clock } = setUp();
    const symbol = toSymbol('DOGEUSDT');
    await core.reconcile([symbol]);
    await core.handle(placeMessage(marketOrder('DOGEUSDT', 'Buy', '0.5'))); // denied, but caches the rules
    const burstStartMs = clock.now();
    venue.setFault('http503Probability=1');
    // The burst ends 5 s in: a timer on the skipping clock, which the backoff sleeps move forward.
    clock.onSleep = (nowMs) => {
      if (nowMs - burstStartMs >= 5_000) venue.setFault('http503Probability=0');
    };
    try {
      const value = placed((await core.handle(placeMessage(marketOrder('DOGEUSDT', 'Buy', '100')))).outcome);
      expect(value.via).toBe('ack');
      expect(value.attempts).toBe(2);
    } finally {
      venue.setFault('http503Probability=0');
    }
    expect(clock.delays).toEqual([2_000, 4_000]);
    // The first create met the 503, and so did its lookup at once and the lookup 2 s later; 4 s after that the
    // lookup found nothing and the create was sent again.
    expect(watched.count(create)).toBe(2);
    expect(venuePositionSize(venue, symbol)).toBe('100');
    expect(core.stats()).toMatchObject({ retries: 2, lookups: 3, lookupsFound: 0, createAttempts: 2 });
  });

  it('does not retry a 10001 parameter refusal and tells strategy the order was rejected', async () => {
    const { core, watched, clock } = setUp();
    const client = clientFor(venue);
    const book = await client.orderBook(toSymbol('LINKUSDT'), 1);
    // A long's stop above the market: only the venue can see that for a Market order without a reference price.
    const stopAbove = (Number(book.asks[0]?.[0]) * 1.5).toFixed(3);
    const order = marketOrder('LINKUSDT', 'Buy', '1.0', linkId('sl'), { stopLoss: stopAbove as never });
    const { outcome, toStrategy } = await core.handle(placeMessage(order));
    expect(outcome.result).toMatchObject({ ok: false, error: { code: 'VENUE_REJECTED', message: expect.stringContaining('retCode 10001') } });
    expect(clock.delays).toEqual([]);
    expect(watched.count(create)).toBe(1);
    expect(toStrategy).toContainEqual({
      type: 'OrderUpdate',
      update: expect.objectContaining({ orderLinkId: order.orderLinkId, status: 'Rejected', rejectReason: expect.stringContaining('10001') }),
    });
    expect(venuePositionSize(venue, toSymbol('LINKUSDT'))).toBe('0');
  });

  it('denies an order that breaks the instrument rules before any request reaches the venue', async () => {
    const { core, watched } = setUp();
    const first = await core.handle(placeMessage(marketOrder('BTCUSDT', 'Buy', '0.0004')));
    expect(first.outcome.result).toMatchObject({ ok: false, error: { code: 'RISK_DENIED' } });
    const before = watched.requests.length;
    const order = marketOrder('BTCUSDT', 'Buy', '501'); // above maxMktOrderQty 500
    const { outcome, toStrategy } = await core.handle(placeMessage(order));
    expect(outcome.result).toMatchObject({ ok: false, error: { code: 'RISK_DENIED', message: expect.stringContaining('maxMktOrderQty') } });
    expect(toStrategy).toEqual([
      { type: 'OrderDenied', orderLinkId: order.orderLinkId, reason: expect.stringContaining('maxMktOrderQty'), tsEventMs: expect.any(Number) },
    ]);
    expect(watched.requests.length).toBe(before);
    expect(watched.count(create)).toBe(0);
    expect(core.stats()).toMatchObject({ ordersDenied: 2, createAttempts: 0 });
  });

  it('gives up after the configured retries and reports the venue unavailable, with nothing placed', async () => {
    const { core, clock, logger } = setUp({ retry: { maxRetries: 2, baseDelayMs: 100 } });
    const symbol = toSymbol('AVAXUSDT');
    await core.reconcile([symbol]);
    await core.handle(placeMessage(marketOrder('AVAXUSDT', 'Buy', '0.01'))); // denied, but caches the rules
    venue.setFault('http503Probability=1');
    const order = marketOrder('AVAXUSDT', 'Buy', '1.0');
    let handled;
    try {
      handled = await core.handle(placeMessage(order));
    } finally {
      venue.setFault('http503Probability=0');
    }
    expect(handled.outcome.result).toMatchObject({
      ok: false,
      error: { code: 'VENUE_UNAVAILABLE', message: expect.stringContaining('outcome unknown') },
    });
    expect(clock.delays).toEqual([100, 200]);
    // A 503 may hide a create that landed: not a rejection; the order stays working until a reconcile settles it.
    expect(handled.toStrategy.filter((m) => m.type === 'OrderUpdate' && m.update.status === 'Rejected')).toEqual([]);
    expect(logger.messages('error')).toContain('order failed');
    expect(venuePositionSize(venue, symbol)).toBe('0');
    const { toStrategy } = await core.reconcile([symbol]);
    expect(toStrategy).toContainEqual({
      type: 'OrderUpdate',
      update: expect.objectContaining({ orderLinkId: order.orderLinkId, status: 'Cancelled', cumExecQty: '0' }),
    });
  });
});
