import { describe, expect, it } from '@jest/globals';
import type { TripView } from './snapshot.js';
import { latency, lossLimitUse, pointAtOrBefore, positionLines, priceDecimals, tradeMarkers, usd } from './view-model.js';

const t0 = Date.UTC(2026, 11, 7, 12) / 1_000;
const points = [0, 1, 2, 5, 6].map((s) => ({ time: t0 + s, price: 4 + s / 100 }));
const trip = (fields: Partial<TripView>): TripView => ({
  symbol: 'SUIUSDT',
  side: 'long',
  qty: '40',
  entryPrice: '4.01',
  exitPrice: '4.05',
  openedAtMs: (t0 + 1) * 1_000 + 300,
  closedAtMs: (t0 + 4) * 1_000,
  exitReason: 'max-holding',
  netPnl: '1.52',
  ...fields,
});

describe('the dashboard view', () => {
  it('puts entry and exit markers on the last sampled second at or before them, for the traded symbol only', () => {
    const markers = tradeMarkers(
      [trip({}), trip({ symbol: 'WIFUSDT' }), trip({ side: 'short', openedAtMs: (t0 + 5) * 1_000, closedAtMs: (t0 + 6) * 1_000, netPnl: '-0.4' })],
      'SUIUSDT',
      points,
    );
    expect(markers.map((m) => [m.time - t0, m.shape, m.text])).toEqual([
      [1, 'arrowUp', 'long 4.01'],
      [2, 'circle', 'exit 4.05 (+1.52)'],
      [5, 'arrowDown', 'short 4.01'],
      [6, 'circle', 'exit 4.05 (-0.4)'],
    ]);
    expect(markers[3]!.color).toBe('#e01b24');
    // A trip from before the chart's window is left out.
    expect(tradeMarkers([trip({ openedAtMs: (t0 - 60) * 1_000, closedAtMs: (t0 - 30) * 1_000 })], 'SUIUSDT', points)).toEqual([]);
    expect(pointAtOrBefore(points, t0 - 1)).toBeNull();
    expect(pointAtOrBefore(points, t0 + 100)).toBe(t0 + 6);
  });

  it('draws the open position: entry, stop and take-profit, only on its own symbol', () => {
    const position = { symbol: 'SUIUSDT', side: 'long' as const, size: '40', entryPrice: '4.012', stopPrice: 3.99, takeProfitPrice: null };
    expect(positionLines(position, 'SUIUSDT').map((l) => [l.title, l.price])).toEqual([
      ['entry long', 4.012],
      ['stop', 3.99],
    ]);
    expect(positionLines(position, 'WIFUSDT')).toEqual([]);
  });

  it('reads money, latency and the share of the daily-loss limit used', () => {
    expect(usd('12.345')).toBe('+12.35 USDT');
    expect(usd('-0.001')).toBe('0.00 USDT');
    expect(usd('')).toBe('–');
    expect(lossLimitUse('-25', '100')).toBe(0.25);
    expect(lossLimitUse('-250', '100')).toBe(1);
    expect(lossLimitUse('3', '100')).toBe(0);
    expect(latency(83.4)).toBe('83 µs');
    expect(latency(1_460)).toBe('1.5 ms');
    expect(latency(null)).toBe('–');
    expect([priceDecimals(97_000.5), priceDecimals(192.19), priceDecimals(4.0123), priceDecimals(0.01234), priceDecimals(null)]).toEqual([
      2, 2, 4, 6, 4,
    ]);
  });
});
