// An unknown outcome is not a rejection (Jest thread, against the embedded venue): when every create answer and
// every lookup is lost, the entry stays working (strategy stays busy) until a reconcile settles it, and the notional
// cap counts it, so a second entry cannot double the exposure meanwhile.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import type { RunningVenue } from '@scalper/sim-venue';
import { marketOrder, placeMessage } from './test-support/orders.js';
import { coreOnVenue, serviceUnavailableAnswer, startTestVenue, venuePositionSize } from './test-support/venue-harness.js';

let venue: RunningVenue;

beforeAll(async () => {
  venue = await startTestVenue();
});

afterAll(async () => {
  await venue.close();
});

describe('an entry whose outcome is unknown', () => {
  it('stays working, not rejected, until a reconcile finds it filled; meanwhile the cap counts it', async () => {
    const { watched, core } = coreOnVenue(venue, {
      retry: { maxRetries: 1, baseDelayMs: 100, maxDelayMs: 200 },
      risk: { maxPositionNotionalUsd: '1500', maxDailyLossUsd: '1000', maxOrdersPerMinute: 100 },
    });
    const symbol = toSymbol('LTCUSDT');
    await core.reconcile([symbol]);
    // The venue executes the create but its answer is lost, and every lookup meets a 503: nobody knows.
    let lookupsDown = true;
    watched.loseAnswer = (request) => request.path === '/v5/order/create';
    watched.answerInstead = (request) =>
      lookupsDown && (request.path === '/v5/order/realtime' || request.path === '/v5/execution/list') ? serviceUnavailableAnswer() : null;
    const entry = marketOrder('LTCUSDT', 'Buy', '10.0', undefined, { referencePrice: toDecimalString('104.85') });
    const first = await core.handle(placeMessage(entry));
    expect(first.outcome.result).toMatchObject({ ok: false, error: { message: expect.stringContaining('outcome unknown') } });
    expect(first.toStrategy.filter((m) => m.type === 'OrderUpdate' && m.update.status === 'Rejected')).toEqual([]);
    expect(core.stats()['ordersUnknown']).toBe(1);
    expect(venuePositionSize(venue, symbol)).toBe('10');

    // A second entry of the same size would make 2 x 1,048 USDT: the unknown one counts against the 1,500 cap.
    watched.loseAnswer = null;
    lookupsDown = false;
    const second = await core.handle(placeMessage(marketOrder('LTCUSDT', 'Buy', '10.0', undefined, { referencePrice: toDecimalString('104.85') })));
    expect(second.outcome.result).toMatchObject({
      ok: false,
      error: { code: 'RISK_DENIED', message: expect.stringContaining('maxPositionNotionalUsd') },
    });
    expect(venuePositionSize(venue, symbol)).toBe('10');

    // The reconcile settles it from the venue's fills: strategy hears it filled, never rejected.
    const reconciled = await core.reconcile([symbol]);
    expect(reconciled.toStrategy).toContainEqual({
      type: 'OrderUpdate',
      update: expect.objectContaining({ orderLinkId: entry.orderLinkId, status: 'Filled' }),
    });
    await core.flatten(symbol, 'test over');
  });
});

describe('a close that fails before anything is sent', () => {
  it('is reported to strategy as denied, so it can ask again instead of waiting for ever', async () => {
    const { watched, core } = coreOnVenue(venue, {
      retry: { maxRetries: 1, baseDelayMs: 100 },
    });
    const symbol = toSymbol('APTUSDT');
    await core.reconcile([symbol]);
    watched.answerInstead = (request) => (request.path === '/v5/position/list' ? serviceUnavailableAnswer() : null);
    const { outcome, toStrategy } = await core.handle({ type: 'ClosePosition', symbol, orderLinkId: 'close-unreadable', reason: 'stop-loss' });
    expect(outcome.result).toMatchObject({ ok: false, error: { message: expect.stringContaining('unreadable') } });
    expect(toStrategy).toContainEqual({
      type: 'OrderDenied',
      orderLinkId: 'close-unreadable',
      reason: expect.stringContaining('unreadable'),
      tsEventMs: expect.any(Number),
    });
  });
});
