import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { toDecimalString as d, toSymbol, type Fill, type OrderRequest, type Position } from '@scalper/protocol';
import { RiskGate } from './risk-gate.js';

const eth = toSymbol('ETHUSDT');
const t0 = Date.UTC(2026, 10, 25, 12);
const limits = { maxPositionNotionalUsd: '2000', maxDailyLossUsd: '100', maxOrdersPerMinute: 3 };

function entry(side: 'Buy' | 'Sell', qty: string, extra: Partial<OrderRequest> = {}): OrderRequest {
  return { orderLinkId: 'x', symbol: eth, side, orderType: 'Market', timeInForce: 'IOC', qty: d(qty), reduceOnly: false, tsCreatedMs: t0, ...extra };
}
function position(side: 'Buy' | 'Sell' | 'None', size: string, unrealisedPnl = '0'): Position {
  return {
    symbol: eth,
    side,
    size: d(size),
    avgEntryPrice: d('2000'),
    unrealisedPnl: d(unrealisedPnl),
    realisedPnl: d('0'),
    stopLoss: null,
    tsEventMs: t0,
  };
}
function fill(side: 'Buy' | 'Sell', qty: string, price: string): Fill {
  return {
    execId: `${side}${price}`,
    orderId: 'o',
    orderLinkId: 'l',
    symbol: eth,
    side,
    price: d(price),
    qty: d(qty),
    fee: d('0'),
    isMaker: false,
    tsEventMs: t0,
  };
}

describe('RiskGate', () => {
  it('refuses an entry that would take the position past its notional cap, counting what is held', () => {
    const gate = new RiskGate(limits);
    const price = new Big('2000');
    expect(gate.refuseEntry(entry('Buy', '1'), price, t0)).toBeNull();
    expect(gate.refuseEntry(entry('Buy', '1.01'), price, t0)).toMatch(/maxPositionNotionalUsd: position would be 2020.00 USDT, limit 2000.00/);
    gate.onPosition(position('Buy', '0.5'), t0);
    expect(gate.refuseEntry(entry('Buy', '0.6'), price, t0)).toMatch(/2200.00/);
    expect(gate.refuseEntry(entry('Sell', '1.4'), price, t0)).toBeNull(); // ends short 0.9
    expect(gate.refuseEntry(entry('Buy', '1', { orderType: 'Limit', price: d('1500') }), null, t0)).toMatch(/2250.00/);
    expect(gate.refuseEntry(entry('Buy', '0.1'), null, t0)).toMatch(/no price to value a Market entry/);
  });

  it('keeps to the orders-per-minute budget over a rolling minute, and never refuses a close', () => {
    const gate = new RiskGate(limits);
    const price = new Big('100');
    for (const at of [t0, t0 + 10_000, t0 + 20_000]) gate.noteCreate(at);
    expect(gate.refuseEntry(entry('Buy', '1'), price, t0 + 30_000)).toMatch(/maxOrdersPerMinute: 3 orders in the last 60 s/);
    expect(gate.refuseEntry(entry('Sell', '1', { reduceOnly: true }), price, t0 + 30_000)).toBeNull();
    expect(gate.refuseEntry(entry('Buy', '1'), price, t0 + 60_001)).toBeNull();
  });

  it("halts on the day's loss (realised plus unrealised) until the next UTC day, and says why", () => {
    const gate = new RiskGate(limits);
    gate.onFill(fill('Buy', '1', '2000'), t0);
    expect(gate.onFill(fill('Sell', '1', '1940'), t0)).toBeNull(); // -60 realised
    expect(gate.onPosition(position('Buy', '1', '-39.99'), t0)).toBeNull();
    const halt = gate.onPosition(position('Buy', '1', '-40'), t0 + 1);
    expect(halt?.reason).toBe("risk.maxDailyLossUsd: the day's PnL is -100.00 USDT, limit -100.00");
    expect(gate.refuseEntry(entry('Buy', '0.1'), new Big('2000'), t0 + 2)).toMatch(/^trading halted: risk.maxDailyLossUsd/);
    expect(gate.onPosition(position('None', '0'), t0 + 3)).toBeNull(); // already halted: reported once
    const tomorrow = Date.UTC(2026, 10, 26, 0, 0, 1);
    expect(gate.haltAt(tomorrow)).toBeNull();
    expect(gate.refuseEntry(entry('Buy', '0.1'), new Big('2000'), tomorrow)).toBeNull();
  });

  it('halts for good on the kill switch, across days', () => {
    const gate = new RiskGate(limits);
    expect(gate.haltForGood('kill switch: SIGUSR2', t0)).toBe(true);
    expect(gate.haltForGood('kill switch again', t0)).toBe(false);
    expect(gate.refuseEntry(entry('Buy', '0.1'), new Big('2000'), t0 + 5 * 86_400_000)).toBe('trading halted: kill switch: SIGUSR2');
  });

  it('lifts the kill switch by hand, but never a daily-loss halt, and says why not', () => {
    const gate = new RiskGate(limits);
    expect(gate.liftKillSwitch(t0)).toBe('trading is not halted');
    gate.haltForGood('kill switch: dashboard', t0);
    expect(gate.liftKillSwitch(t0 + 1)).toBeNull();
    expect(gate.refuseEntry(entry('Buy', '0.1'), new Big('2000'), t0 + 2)).toBeNull();
    gate.onFill(fill('Buy', '1', '2000'), t0 + 3);
    expect(gate.onFill(fill('Sell', '1', '1899'), t0 + 4)?.reason).toMatch(/^risk.maxDailyLossUsd/);
    expect(gate.liftKillSwitch(t0 + 5)).toBe(
      "the daily-loss halt (risk.maxDailyLossUsd: the day's PnL is -101.00 USDT, limit -100.00) lifts by itself at 2026-11-26T00:00:00.000Z, not by hand",
    );
    expect(gate.haltAt(t0 + 6)?.untilDay).not.toBeNull();
  });

  it('refuses a malformed quantity or price instead of throwing', () => {
    const gate = new RiskGate(limits);
    // Orders from outside the type system: strings a DecimalString would never hold.
    const raw = (fields: Record<string, string>): OrderRequest => ({ ...entry('Buy', '1'), ...fields }) as unknown as OrderRequest;
    for (const qty of ['NaN', '1e3', '', ' 1', 'Infinity'])
      expect(gate.refuseEntry(raw({ qty }), new Big('1'), t0)).toMatch(/malformed qty or price/);
    expect(gate.refuseEntry(raw({ orderType: 'Limit', price: 'Infinity' }), null, t0)).toMatch(/malformed/);
  });

  it('refuses limits that cannot work', () => {
    expect(() => new RiskGate({ ...limits, maxDailyLossUsd: '0' })).toThrow(/positive amounts/);
    expect(() => new RiskGate({ ...limits, maxOrdersPerMinute: 0 })).toThrow(/maxOrdersPerMinute/);
  });
});
