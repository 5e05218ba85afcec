// The execution core's risk limits against the embedded venue (Jest thread): refused entries never reach the
// venue, closes always do, a day's loss past the limit halts entries and asks the host to flatten.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import type { RunningVenue } from '@scalper/sim-venue';
import { ExecutionCore, type ExecutionCoreOptions } from './execution-core.js';
import type { Halt } from './risk-gate.js';
import { marketOrder, placeMessage } from './test-support/orders.js';
import { executionItem, frame, positionItem } from './test-support/private-items.js';
import { MemoryLogger, SkippingClock } from './test-support/test-host.js';
import { clientFor, startTestVenue, venuePositionSize, WatchedHttp } from './test-support/venue-harness.js';

let venue: RunningVenue;

beforeAll(async () => {
  venue = await startTestVenue();
});

afterAll(async () => {
  await venue.close();
});

const limits = { maxPositionNotionalUsd: '500', maxDailyLossUsd: '5', maxOrdersPerMinute: 2 };
const create = '/v5/order/create';

function setUp(options: Partial<ExecutionCoreOptions> = {}) {
  const watched = new WatchedHttp();
  const clock = new SkippingClock();
  const logger = new MemoryLogger();
  const halts: Halt[] = [];
  const core = new ExecutionCore({
    client: clientFor(venue, watched.send),
    now: clock.now,
    sleep: clock.sleep,
    logger,
    risk: limits,
    onRiskHalt: (h) => halts.push(h),
    ...options,
  });
  return { watched, clock, logger, core, halts };
}

describe('risk limits in the execution core', () => {
  it('refuses an entry past the notional cap before sending it, valued at the price strategy expected', async () => {
    const { core, watched } = setUp();
    const order = marketOrder('ADAUSDT', 'Buy', '1000', undefined, { referencePrice: toDecimalString('0.6') }); // 600 USDT
    const { outcome, toStrategy } = await core.handle(placeMessage(order));
    expect(outcome.result).toEqual({
      ok: false,
      error: { code: 'RISK_DENIED', message: expect.stringMatching(/maxPositionNotionalUsd: position would be 600.00 USDT, limit 500.00/) },
    });
    expect(toStrategy).toContainEqual({
      type: 'OrderDenied',
      orderLinkId: order.orderLinkId,
      reason: expect.stringContaining('maxPositionNotionalUsd'),
      tsEventMs: expect.any(Number),
    });
    expect(watched.count(create)).toBe(0);
    expect(core.stats()).toMatchObject({ riskDenied: 1, ordersDenied: 1 });
  });

  it('refuses a Market entry it cannot value rather than letting it through unchecked', async () => {
    const { core, watched } = setUp();
    const { outcome } = await core.handle(placeMessage(marketOrder('ADAUSDT', 'Buy', '10')));
    expect(outcome.result).toMatchObject({ ok: false, error: { message: expect.stringContaining('no price to value a Market entry') } });
    expect(watched.count(create)).toBe(0);
  });

  it('keeps to maxOrdersPerMinute for entries, and still sends the close that flattens', async () => {
    const { core, watched, clock } = setUp();
    const ref = { referencePrice: toDecimalString('1') };
    for (let i = 0; i < 2; i++)
      expect((await core.handle(placeMessage(marketOrder('DOGEUSDT', 'Buy', '100', undefined, ref)))).outcome.result.ok).toBe(true);
    const third = await core.handle(placeMessage(marketOrder('DOGEUSDT', 'Buy', '100', undefined, ref)));
    expect(third.outcome.result).toMatchObject({ ok: false, error: { message: expect.stringContaining('maxOrdersPerMinute: 2 orders') } });
    const close = await core.handle({ type: 'ClosePosition', symbol: toSymbol('DOGEUSDT'), orderLinkId: 'risk-close-1', reason: 'test' });
    expect(close.outcome.result.ok).toBe(true);
    expect(watched.count(create)).toBe(3);
    expect(venuePositionSize(venue, toSymbol('DOGEUSDT'))).toBe('0');
    clock.skip(60_001);
    expect((await core.handle(placeMessage(marketOrder('DOGEUSDT', 'Buy', '100', undefined, ref)))).outcome.result.ok).toBe(true);
  });

  it("halts once when the day's loss (fills plus the open position) passes the limit, then refuses every entry", async () => {
    const { core, watched, clock, halts, logger } = setUp();
    const at = String(clock.now());
    core.onPrivateFrame(
      frame('execution', executionItem({ execId: 'r-1', side: 'Buy', execPrice: '100', execQty: '1', execFee: '0.05', execTime: at })),
    );
    core.onPrivateFrame(
      frame('execution', executionItem({ execId: 'r-2', side: 'Sell', execPrice: '97', execQty: '0.5', execFee: '0.05', execTime: at })),
    ); // -1.6
    expect(halts).toEqual([]);
    core.onPrivateFrame(frame('position', positionItem({ size: '0.5', entryPrice: '100', unrealisedPnl: '-3.4', updatedTime: at }))); // -5.0
    expect(halts).toHaveLength(1);
    expect(halts[0]?.reason).toBe("risk.maxDailyLossUsd: the day's PnL is -5.00 USDT, limit -5.00");
    expect(logger.messages('error')).toContain('RISK LIMIT BREACHED: trading halted, flattening');
    expect(core.openPositionSymbols()).toEqual([toSymbol('BTCUSDT')]);
    core.onPrivateFrame(
      frame('position', positionItem({ size: '0.5', entryPrice: '100', unrealisedPnl: '-9', updatedTime: String(clock.now() + 1) })),
    );
    expect(halts).toHaveLength(1);
    const { outcome } = await core.handle(
      placeMessage(marketOrder('BTCUSDT', 'Sell', '0.001', undefined, { referencePrice: toDecimalString('95000') })),
    );
    expect(outcome.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^trading halted: risk.maxDailyLossUsd/) } });
    expect(watched.count(create)).toBe(0);
    expect(core.activeHalt()?.untilDay).toBe(Math.floor(clock.now() / 86_400_000) + 1);
  });

  it('halts for good on the kill switch and names the symbols to flatten', async () => {
    const { core, watched } = setUp();
    await core.handle(placeMessage(marketOrder('LINKUSDT', 'Buy', '1', undefined, { referencePrice: toDecimalString('15') })));
    await core.reconcile([toSymbol('LINKUSDT')]);
    expect(core.haltForGood('kill switch: SIGUSR2')).toEqual([toSymbol('LINKUSDT')]);
    const { outcome } = await core.handle(placeMessage(marketOrder('LINKUSDT', 'Buy', '1', undefined, { referencePrice: toDecimalString('15') })));
    expect(outcome.result).toMatchObject({ ok: false, error: { message: 'trading halted: kill switch: SIGUSR2' } });
    expect(watched.count(create)).toBe(1);
    const close = await core.handle({ type: 'ClosePosition', symbol: toSymbol('LINKUSDT'), orderLinkId: 'risk-close-2', reason: 'kill switch' });
    expect(close.outcome.result.ok).toBe(true);
    expect(venuePositionSize(venue, toSymbol('LINKUSDT'))).toBe('0');
  });
});
