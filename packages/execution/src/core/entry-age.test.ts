// An entry cannot outlive its signal, and a Market entry is checked at its own price (Jest thread, against the
// embedded venue): one older than execution.maxEntryAgeMs is never sent, one that grew too old in its backoff is
// never resent, strategy hears why, closes have no age limit; the notional floor and the stop's side are checked at
// the price strategy expects to pay.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import type { RunningVenue } from '@scalper/sim-venue';
import { marketOrder, placeMessage } from './test-support/orders.js';
import { coreOnVenue, rateLimitedAnswer, startTestVenue } from './test-support/venue-harness.js';

let venue: RunningVenue;

beforeAll(async () => {
  venue = await startTestVenue();
});

afterAll(async () => {
  await venue.close();
});

const create = '/v5/order/create';

// localNow defaults to the core's clock: an entry's age is read on the clock the fake sleeps move.
const setUp = () => coreOnVenue(venue, { maxEntryAgeMs: 1_000, retry: { maxRetries: 2, baseDelayMs: 2_000, maxDelayMs: 8_000 } });

describe('the maximum age of an entry', () => {
  it("never sends an entry that the venue's rate limit would hold past its maximum age", async () => {
    // Real time on both sides: the transport's hold is a real wait.
    const { core, watched } = coreOnVenue(venue, { maxEntryAgeMs: 1_000, localNow: Date.now, retry: { maxRetries: 0, baseDelayMs: 100 } });
    const symbol = toSymbol('ADAUSDT');
    await core.reconcile([symbol]);
    // The first create's answer says no create is left for 1.5 s (X-Bapi-Limit-Status 0), as Bybit's headers do.
    const resetAtMs = Date.now() + 1_500;
    watched.rewriteAnswer = (request, answer) =>
      request.path !== create
        ? answer
        : {
            ...answer,
            headers: {
              get: (name) =>
                ({ 'x-bapi-limit-status': '0', 'x-bapi-limit': '10', 'x-bapi-limit-reset-timestamp': String(resetAtMs) })[name.toLowerCase()] ?? null,
            },
          };
    const first = await core.handle(placeMessage(marketOrder('ADAUSDT', 'Buy', '100', undefined, { tsCreatedMs: Date.now() })));
    expect(first.outcome.result).toMatchObject({ ok: true });
    watched.rewriteAnswer = null;
    const second = marketOrder('ADAUSDT', 'Buy', '100', undefined, { tsCreatedMs: Date.now() });
    const { outcome } = await core.handle(placeMessage(second));
    // Sent, it would have left 1.5 s after its decision: never on the wire past the maximum age.
    const onWire = watched.requests.filter((request) => request.path === create && request.body?.includes(second.orderLinkId) === true);
    expect(onWire.map((request) => request.atMs - second.tsCreatedMs).filter((ageMs) => ageMs > 1_000)).toEqual([]);
    expect(outcome.result).toMatchObject({
      ok: false,
      error: { code: 'RISK_DENIED', message: expect.stringContaining("the venue's rate limit holds creates") },
    });
    await core.flatten(symbol, 'test over');
  });

  it('never sends an entry older than execution.maxEntryAgeMs, and tells strategy why', async () => {
    const { core, watched, clock } = setUp();
    await core.reconcile([toSymbol('ADAUSDT')]);
    const order = marketOrder('ADAUSDT', 'Buy', '100', undefined, { tsCreatedMs: clock.now() - 1_500 });
    const { outcome, toStrategy } = await core.handle(placeMessage(order));
    expect(outcome.result).toMatchObject({
      ok: false,
      error: { code: 'RISK_DENIED', message: expect.stringMatching(/^entry not sent: 15\d\d ms old, past execution\.maxEntryAgeMs 1000/) },
    });
    expect(toStrategy).toContainEqual(
      expect.objectContaining({ type: 'OrderDenied', orderLinkId: order.orderLinkId, reason: expect.stringContaining('maxEntryAgeMs') }),
    );
    expect(watched.count(create)).toBe(0);
    expect(core.stats()['entriesTooOld']).toBe(1);
  });

  it('does not let the transport resend an entry that grew too old while it resynced its clock after a 10002', async () => {
    const { core, watched } = coreOnVenue(venue, { maxEntryAgeMs: 1_000, localNow: Date.now, retry: { maxRetries: 0, baseDelayMs: 100 } });
    const symbol = toSymbol('ADAUSDT');
    await core.reconcile([symbol]);
    const skew = JSON.stringify({
      retCode: 10002,
      retMsg: 'invalid request, please check your server timestamp or recv_window param',
      result: {},
      retExtInfo: {},
      time: Date.now(),
    });
    watched.answerInstead = (request) => (request.path === create ? { status: 200, headers: { get: () => null }, text: skew } : null);
    // The resync's clock read takes 1.2 s: the entry is past its age when the transport would resend it.
    watched.delayMs = (request) => (request.path === '/v5/market/time' ? 1_200 : 0);
    const order = marketOrder('ADAUSDT', 'Buy', '100', undefined, { tsCreatedMs: Date.now() });
    const { outcome } = await core.handle(placeMessage(order));
    expect(watched.count(create)).toBe(1);
    expect(watched.count('/v5/market/time')).toBe(1);
    expect(outcome.result).toMatchObject({ ok: false });
  });

  it('does not resend an entry that grew too old while it backed off after a rate limit', async () => {
    const { core, watched, clock } = setUp();
    const symbol = toSymbol('ADAUSDT');
    await core.reconcile([symbol]);
    const order = marketOrder('ADAUSDT', 'Buy', '100', undefined, { tsCreatedMs: clock.now() });
    // The venue refuses the first create with 10006 (it never landed), so the placer waits 1-2 s before a resend.
    watched.answerInstead = (request) => (request.path === create ? rateLimitedAnswer() : null);
    const { outcome } = await core.handle(placeMessage(order));
    expect(clock.delays.length).toBe(1);
    expect(outcome.result).toMatchObject({
      ok: false,
      error: { code: 'RISK_DENIED', message: expect.stringMatching(/^entry not resent: \d+ ms old/) },
    });
    expect(watched.count(create)).toBe(1);
  });

  it('puts no age limit on a reduce-only order', async () => {
    const { core, watched, clock } = setUp();
    await core.reconcile([toSymbol('ADAUSDT')]);
    const order = marketOrder('ADAUSDT', 'Sell', '100', undefined, { tsCreatedMs: clock.now() - 60_000, reduceOnly: true });
    await core.handle(placeMessage(order));
    expect(watched.count(create)).toBe(1);
  });
});

describe('the checks of a Market entry at its own reference price', () => {
  it('refuses, before sending, a Market entry below the minimum notional at the price strategy expects', async () => {
    const { core, watched } = setUp();
    await core.reconcile([toSymbol('ADAUSDT')]);
    // 2 ADA at about 0.91 USDT: 1.8 USDT, under the 5 USDT minNotionalValue.
    const order = marketOrder('ADAUSDT', 'Buy', '2', undefined, { referencePrice: toDecimalString('0.9120') });
    const { outcome } = await core.handle(placeMessage(order));
    expect(outcome.result).toMatchObject({ ok: false, error: { code: 'RISK_DENIED', message: expect.stringMatching(/minNotionalValue/) } });
    expect(watched.count(create)).toBe(0);
  });

  it('refuses, before sending, a Market Buy whose stop loss is above the price strategy expects', async () => {
    const { core, watched } = setUp();
    await core.reconcile([toSymbol('ADAUSDT')]);
    const order = marketOrder('ADAUSDT', 'Buy', '100', undefined, { referencePrice: toDecimalString('0.9120'), stopLoss: toDecimalString('0.9500') });
    const { outcome } = await core.handle(placeMessage(order));
    expect(outcome.result).toMatchObject({
      ok: false,
      error: { code: 'RISK_DENIED', message: expect.stringMatching(/stopLoss 0\.95\d* of a Buy must be below/) },
    });
    expect(watched.count(create)).toBe(0);
  });
});
