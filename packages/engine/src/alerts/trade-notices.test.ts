import { describe, expect, it } from '@jest/globals';
import { toDecimalString as d, type JournalEvent } from '@scalper/protocol';
import { nextDaySummary } from './telegram-alerts.js';
import { stormWindowMs, TradeNotices } from './trade-notices.js';

const order = (orderLinkId: string, reduceOnly: boolean): JournalEvent => ({
  type: 'OrderRequested',
  tsMs: 1,
  orderLinkId,
  symbol: 'BTCUSDT',
  side: 'Buy',
  orderType: 'Market',
  timeInForce: 'IOC',
  qty: d('0.002'),
  price: null,
  reduceOnly,
});
const fill = (orderLinkId: string, execId: string): JournalEvent => ({
  type: 'Fill',
  tsMs: 2,
  execId,
  orderId: 'o',
  orderLinkId,
  symbol: 'BTCUSDT',
  side: 'Buy',
  price: d('97000.5'),
  qty: d('0.001'),
  fee: d('0.05'),
  isMaker: false,
});
const trip = (exitReason: string): JournalEvent => ({
  type: 'RoundTrip',
  symbol: 'BTCUSDT',
  side: 'Sell',
  qty: d('0.002'),
  entryPrice: d('97000'),
  exitPrice: d('97100'),
  openedAtMs: 1,
  closedAtMs: 2,
  exitReason,
  grossPnl: d('-0.2'),
  fees: d('0.21'),
  netPnl: d('-0.41'),
});

describe('TradeNotices', () => {
  it("announces an entry at its first fill only, and never a close's fill", () => {
    const notices = new TradeNotices();
    expect(notices.noticeOf(order('e1', false))).toBeNull();
    expect(notices.noticeOf(order('c1', true))).toBeNull();
    expect(notices.noticeOf(fill('e1', 'x1'))).toBe('Entered long 0.001 BTCUSDT at 97000.5');
    expect(notices.noticeOf(fill('e1', 'x2'))).toBeNull();
    expect(notices.noticeOf(fill('c1', 'x3'))).toBeNull();
  });

  it('reports exits with their net PnL and marks stop-outs', () => {
    const notices = new TradeNotices();
    expect(notices.noticeOf(trip('time-exit'))).toBe('Closed short 0.002 BTCUSDT: 97000 → 97100, net -0.41 USDT (fees 0.21, time-exit)');
    expect(notices.noticeOf(trip('venue-stop'))).toMatch(/^STOP-OUT: Closed short/);
  });

  it('reports halts, resumes, crashes and restarts; a decision or an order status is no news', () => {
    const notices = new TradeNotices();
    expect(
      notices.noticeOf({ type: 'RiskEvent', tsMs: 1, kind: 'halted', reason: 'risk.maxDailyLossUsd: -120', untilMs: Date.UTC(2026, 11, 8) }),
    ).toBe('TRADING HALTED: risk.maxDailyLossUsd: -120 (until 2026-12-08T00:00:00Z)');
    expect(notices.noticeOf({ type: 'RiskEvent', tsMs: 1, kind: 'denied', reason: 'x', untilMs: null })).toBeNull();
    expect(notices.noticeOf({ type: 'RuntimeEvent', tsMs: 1, worker: 'strategy', kind: 'crashed', detail: 'exited with code 1' })).toBe(
      'Worker strategy crashed: exited with code 1',
    );
    expect(
      notices.noticeOf({ type: 'OrderStatus', tsMs: 1, orderLinkId: 'e', orderId: null, status: 'New', retCode: null, message: null }),
    ).toBeNull();
  });

  it('reports a storm of reconnects once a window, not each reconnect', () => {
    const notices = new TradeNotices();
    const reconnect = (tsMs: number) =>
      notices.noticeOf({ type: 'RuntimeEvent', tsMs, worker: 'market-data', kind: 'reconnected', detail: 'public stream: closed' });
    expect([reconnect(0), reconnect(1_000)]).toEqual([null, null]);
    expect(reconnect(2_000)).toBe('Reconnect storm: 3 reconnects in the last 5 min (last: market-data: public stream: closed)');
    expect(reconnect(3_000)).toBeNull();
    expect([reconnect(stormWindowMs + 3_000), reconnect(stormWindowMs + 3_500)]).toEqual([null, null]);
    expect(reconnect(stormWindowMs + 4_000)).toMatch(/^Reconnect storm: 3 reconnects/);
  });
});

describe('nextDaySummary', () => {
  it('summarises the day now falls in, a second after it ends', () => {
    const now = Date.UTC(2026, 11, 7, 23, 59, 0);
    expect(nextDaySummary(now)).toEqual({ dayStartMs: Date.UTC(2026, 11, 7), delayMs: 61_000 });
  });
});
