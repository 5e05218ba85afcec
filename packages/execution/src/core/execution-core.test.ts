// The execution core end to end against the embedded venue (Jest thread): REST orders out, the private stream in,
// and the messages strategy would receive.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BybitWsConnection } from '@scalper/bybit';
import { toSymbol } from '@scalper/protocol';
import { paperApiKey, paperApiSecret, type RunningVenue } from '@scalper/sim-venue';
import { ExecutionCore } from './execution-core.js';
import type { ExecutionFeedback } from './execution-feedback.js';
import { limitOrder, marketOrder, placeMessage } from './test-support/orders.js';
import { MemoryLogger, SkippingClock, waitUntil } from './test-support/test-host.js';
import { clientFor, startTestVenue } from './test-support/venue-harness.js';

let venue: RunningVenue;
let core: ExecutionCore;
let stream: BybitWsConnection;
const heard: ExecutionFeedback[] = [];

beforeAll(async () => {
  venue = await startTestVenue();
  const clock = new SkippingClock();
  core = new ExecutionCore({ client: clientFor(venue), now: clock.now, sleep: clock.sleep, logger: new MemoryLogger() });
  stream = new BybitWsConnection(
    { url: venue.wsPrivateUrl, name: 'private', auth: { apiKey: paperApiKey, apiSecret: paperApiSecret } },
    { onFrame: (frame) => heard.push(...core.onPrivateFrame(frame)) },
  );
  await stream.connect();
  await stream.subscribe(['order', 'execution', 'position']);
});

afterAll(async () => {
  await stream.close();
  await venue.close();
});

function heardFor(orderLinkId: string): ExecutionFeedback[] {
  return heard.filter(
    (m) => (m.type === 'Fill' && m.fill.orderLinkId === orderLinkId) || (m.type === 'OrderUpdate' && m.update.orderLinkId === orderLinkId),
  );
}

describe('the execution core with the private stream', () => {
  it('places a market order that fills, and strategy hears the order update, the fill and the position', async () => {
    const order = marketOrder('BTCUSDT', 'Buy', '0.002');
    const { outcome } = await core.handle(placeMessage(order));
    expect(outcome.result.ok).toBe(true);
    await waitUntil(() => heardFor(order.orderLinkId).some((m) => m.type === 'Fill'), 'the fill');
    await waitUntil(
      () => heard.some((m) => m.type === 'PositionUpdate' && m.position.symbol === 'BTCUSDT' && m.position.size === '0.002'),
      'the position',
    );
    expect(heardFor(order.orderLinkId)).toContainEqual({
      type: 'OrderUpdate',
      update: expect.objectContaining({ orderLinkId: order.orderLinkId, status: 'Filled', cumExecQty: '0.002' }),
    });
    const fills = heardFor(order.orderLinkId).filter((m) => m.type === 'Fill');
    const fillQty = fills.reduce((sum, m) => sum + (m.type === 'Fill' ? Number(m.fill.qty) : 0), 0);
    expect(fillQty).toBeCloseTo(0.002, 9);
    expect(core.stats()).toMatchObject({ ordersPlaced: 1, fillsForwarded: fills.length });
  });

  it('reconciles a symbol before its first order and reports the position it already had', async () => {
    const symbol = toSymbol('OPUSDT');
    await clientFor(venue).createOrder(marketOrder('OPUSDT', 'Sell', '10.0'));
    // A core just started: it has heard nothing from the stream yet.
    const clock = new SkippingClock();
    const fresh = new ExecutionCore({ client: clientFor(venue), now: clock.now, sleep: clock.sleep });
    const { toStrategy, outcome } = await fresh.handle(placeMessage(marketOrder('OPUSDT', 'Sell', '5.0')));
    expect(outcome.result.ok).toBe(true);
    expect(fresh.stats()).toMatchObject({ reconciliations: 1, reconciledSymbols: 1 });
    // Strategy hears of the position from before start ahead of anything about the new order.
    expect(toStrategy[0]).toEqual({ type: 'PositionUpdate', position: expect.objectContaining({ symbol, side: 'Sell', size: '10.0' }) });
    await waitUntil(
      () => heard.some((m) => m.type === 'PositionUpdate' && m.position.symbol === symbol && m.position.size === '15.0'),
      'the grown position',
    );
  });

  it('closes what it opened and strategy hears the position go flat', async () => {
    const symbol = toSymbol('BTCUSDT');
    const { outcome } = await core.handle({ type: 'ClosePosition', symbol, orderLinkId: 'close-btc-1', reason: 'symbol switch' });
    expect(outcome.result).toMatchObject({ ok: true, value: { outcome: 'close-sent', positionSize: '0.002' } });
    await waitUntil(
      () => heard.some((m) => m.type === 'PositionUpdate' && m.position.symbol === symbol && m.position.side === 'None'),
      'the flat position',
    );
    await waitUntil(() => heardFor('close-btc-1').some((m) => m.type === 'OrderUpdate' && m.update.status === 'Filled'), 'the close order filled');
  });

  it('cancels every order of a symbol on CancelAll', async () => {
    const symbol = toSymbol('OPUSDT');
    const { outcome, toStrategy } = await core.handle({ type: 'CancelAll', symbol, reason: 'test' });
    expect(outcome).toEqual({ type: 'CancelAll', result: { ok: true, value: { symbol, reason: 'test', cancelled: [] } } });
    expect(toStrategy).toEqual([]);
  });

  it("flattens a symbol: cancels its resting order, then closes its position from the venue's size", async () => {
    const symbol = toSymbol('SOLUSDT');
    await core.handle(placeMessage(marketOrder('SOLUSDT', 'Sell', '1.0')));
    const bid = (venue.market.bestBid(symbol)?.priceRaw ?? 0) / 10 ** (venue.market.instrument(symbol)?.priceDecimals ?? 0);
    const resting = limitOrder('SOLUSDT', 'Sell', '1.0', (bid * 1.05).toFixed(3));
    expect((await core.handle(placeMessage(resting))).outcome.result.ok).toBe(true);
    const { cancelled, closed } = await core.flatten(symbol, 'kill switch');
    expect(cancelled.outcome).toMatchObject({ type: 'CancelAll', result: { ok: true } });
    expect(closed.outcome).toMatchObject({ type: 'ClosePosition', result: { ok: true, value: { outcome: 'close-sent', positionSize: '1.0' } } });
    await waitUntil(
      () =>
        venue.engine.openOrders(paperApiKey, symbol).length === 0 &&
        venue.engine.positions(paperApiKey).every((p) => p.symbol !== symbol || p.size.eq(0)),
      'the symbol to be flat with nothing resting',
    );
  });
});
