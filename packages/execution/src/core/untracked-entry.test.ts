// An entry this execution does not know (Jest thread, against the embedded venue): after a restart, strategy's
// entry-timeout cancel names the entry it waits on, and execution reports its fate from the venue (its fills, or a
// denial when the venue has neither the order nor a fill), so strategy never waits on an order nobody will report.

import { describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { linkId, marketOrder } from './test-support/orders.js';
import { clientFor, coreOnVenue, testVenueForFile } from './test-support/venue-harness.js';

const testVenue = testVenueForFile();

describe('the entry-timeout cancel of an entry this execution does not track', () => {
  it('denies it when the venue has neither the order nor a fill', async () => {
    const { core } = coreOnVenue(testVenue());
    const symbol = toSymbol('OPUSDT');
    await core.reconcile([symbol]);
    const orderLinkId = linkId('lost');
    const { toStrategy } = await core.handle({ type: 'CancelAll', symbol, reason: 'entry-timeout', orderLinkId });
    expect(toStrategy).toEqual([
      { type: 'OrderDenied', orderLinkId, reason: expect.stringContaining('not at the venue'), tsEventMs: expect.any(Number) },
    ]);
  });

  it('reports its fills and its end when the venue filled it before the restart', async () => {
    const venue = testVenue();
    const symbol = toSymbol('ARBUSDT');
    // The entry a previous execution sent: filled at the venue, unknown to this one.
    const lost = marketOrder('ARBUSDT', 'Buy', '100', linkId('lost'), { referencePrice: toDecimalString('1') });
    await clientFor(venue).createOrder(lost);
    const { core } = coreOnVenue(venue);
    await core.reconcile([symbol]);
    const { toStrategy } = await core.handle({ type: 'CancelAll', symbol, reason: 'entry-timeout', orderLinkId: lost.orderLinkId });
    expect(toStrategy).toEqual(
      expect.arrayContaining([
        { type: 'Fill', fill: expect.objectContaining({ orderLinkId: lost.orderLinkId, side: 'Buy' }) },
        { type: 'OrderUpdate', update: expect.objectContaining({ orderLinkId: lost.orderLinkId, status: 'Filled', cumExecQty: '100' }) },
      ]),
    );
    expect(toStrategy.filter((message) => message.type === 'OrderDenied')).toEqual([]);
    await core.flatten(symbol, 'test over');
  });

  it('says nothing more about an entry it tracks: the usual updates report it', async () => {
    const { core } = coreOnVenue(testVenue());
    const symbol = toSymbol('SEIUSDT');
    await core.reconcile([symbol]);
    const { toStrategy } = await core.handle({ type: 'CancelAll', symbol, reason: 'entry-timeout' });
    expect(toStrategy).toEqual([]);
  });
});
