// The venue stop survives an entry timeout (Jest thread, against the embedded venue): strategy's cancel of a resting
// entry that has partly filled must take the rest of the order away and leave the position its stop loss. Bybit's
// cancel-all without orderFilter removes the position's TP/SL as well, so the cancel names orderFilter Order.

import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { paperApiKey } from '@scalper/sim-venue';
import { limitOrder, placeMessage } from './test-support/orders.js';
import { coreOnVenue, testVenueForFile, venuePositionSize } from './test-support/venue-harness.js';

const testVenue = testVenueForFile();

describe('the entry-timeout cancel', () => {
  it('cancels the rest of a partly filled PostOnly entry and leaves the position its stop loss', async () => {
    const venue = testVenue();
    const { watched, core } = coreOnVenue(venue);
    const symbol = toSymbol('LTCUSDT');
    const spec = venue.market.instrument(symbol);
    const bid = venue.market.bestBid(symbol);
    if (spec === undefined || bid === null) throw new Error('the venue has no LTCUSDT book');
    await core.reconcile([symbol]);
    // 2 % under the bid, so the simulated tape leaves it alone; the stop 2 % under that.
    const scale = 10 ** spec.priceDecimals;
    const price = new Big(bid.priceRaw).times(0.98).round(0, Big.roundDown).div(scale);
    const stopLoss = price.times(0.98).round(spec.priceDecimals, Big.roundDown);
    const entry = {
      ...limitOrder(symbol, 'Buy', '2.0', price.toFixed(spec.priceDecimals)),
      timeInForce: 'PostOnly' as const,
      stopLoss: toDecimalString(stopLoss.toFixed(spec.priceDecimals)),
    };
    const placed = await core.handle(placeMessage(entry));
    expect(placed.outcome.result).toMatchObject({ ok: true });
    // A seller takes half of it: a position of 1.0 with the entry's stop, and 1.0 still resting.
    const priceRaw = Number(price.times(scale).toFixed(0));
    const sizeRaw = 10 ** spec.sizeDecimals;
    venue.engine.onTrade({ symbol, tsMs: Date.now(), side: 'Sell', priceRaw, sizeRaw, tradeId: 'partial-fill', seq: 1 }, spec, Date.now());
    expect(venuePositionSize(venue, symbol)).toBe('1');

    await core.handle({ type: 'CancelAll', symbol, reason: 'entry timeout' });

    expect(venue.engine.openOrders(paperApiKey).filter((order) => order.symbol === symbol)).toEqual([]);
    const position = venue.engine.position(paperApiKey, spec, Date.now());
    expect(position.size.toFixed()).toBe('1');
    expect(position.stopLoss?.toFixed()).toBe(stopLoss.toFixed());
    const cancel = watched.requests.find((request) => request.path === '/v5/order/cancel-all');
    expect(JSON.parse(cancel?.body ?? '{}')).toMatchObject({ category: 'linear', symbol, orderFilter: 'Order' });
    await core.flatten(symbol, 'test over');
  });
});
