import { describe, expect, it } from '@jest/globals';
import type { RoundTripRow } from '@scalper/journal';
import type { WorkerName, WorkerStats } from '@scalper/protocol';
import { dashboardSnapshot, equityOf, type DashboardSources } from './dashboard-view.js';

const t0 = Date.UTC(2026, 11, 7, 12);
const trip = (closedAtMs: number, netPnl: string): RoundTripRow => ({
  symbol: 'SUIUSDT',
  side: 'Buy',
  qty: '40',
  entryPrice: '4.01',
  exitPrice: '4.05',
  openedAtMs: closedAtMs - 5_000,
  closedAtMs,
  exitReason: 'max-holding',
  grossPnl: netPnl,
  fees: '0.1',
  netPnl,
});

function sources(stats: Partial<Record<WorkerName, WorkerStats>>, trips: RoundTripRow[] | null = []): DashboardSources {
  return {
    nowMs: t0,
    venue: 'sim',
    stats: { scanner: {}, 'market-data': {}, strategy: {}, execution: {}, ...stats },
    health: [{ worker: 'strategy', state: 'running', tsMs: t0, detail: 'SUIUSDT open' }],
    metrics: { strategy: { histograms: {}, labelled: {}, eventLoopLagSeconds: { p50: 0.0002, p99: 0.004, max: 0.01, sum: 0.1, count: 100 } } },
    restarts: 1,
    dayLossLimit: '100',
    trips,
  };
}

describe('the dashboard view', () => {
  it("joins the workers: the venue position with strategy's levels, the lists, the health, the journal", () => {
    const view = dashboardSnapshot(
      sources({
        scanner: { ranking: JSON.stringify([{ symbol: 'SUIUSDT', score: 2.1e9, boosted: true }]) },
        strategy: {
          symbol: 'SUIUSDT',
          phase: 'open',
          feedState: 'live',
          lastPrice: 4.05,
          entryPrice: '4.0123',
          stopPrice: 3.99,
          takeProfitPrice: '',
          unrealisedPnl: '1.5',
        },
        execution: {
          positionSide: 'Buy',
          positionSymbol: 'SUIUSDT',
          positionSize: '40',
          dayRealisedPnl: '-12.5',
          halted: '',
          openOrders: JSON.stringify([
            { orderLinkId: 's-1-e', symbol: 'SUIUSDT', side: 'Buy', orderType: 'Limit', status: 'New', qty: '40', cumExecQty: '0' },
          ]),
        },
      }),
      { points: [{ time: t0 / 1_000, price: 4.05 }], reset: true },
    );
    expect(view).toMatchObject({
      symbol: 'SUIUSDT',
      phase: 'open',
      lastPrice: 4.05,
      ranking: [{ symbol: 'SUIUSDT', score: 2.1e9, boosted: true }],
      position: { symbol: 'SUIUSDT', side: 'long', size: '40', entryPrice: '4.0123', stopPrice: 3.99, takeProfitPrice: null },
      unrealisedPnl: '1.5',
      dayRealisedPnl: '-12.5',
      dayLossLimit: '100',
      openOrders: [{ orderLinkId: 's-1-e', side: 'Buy', orderType: 'Limit', status: 'New', qty: '40', filled: '0' }],
      workers: [{ worker: 'strategy', state: 'running', loopP50Ms: 0.2, loopP99Ms: 4 }],
      restarts: 1,
      pricesReset: true,
      trips: [],
      equity: [],
    });
  });

  it("shows a malformed list as empty, another symbol's position without strategy's levels, and no journal as null", () => {
    const view = dashboardSnapshot(
      sources(
        {
          scanner: { ranking: '{not json' },
          strategy: { symbol: 'WIFUSDT', stopPrice: 3.99 },
          execution: {
            positionSide: 'Sell',
            positionSymbol: 'SUIUSDT',
            positionSize: '10',
            openOrders: '[{"symbol":1}]',
            halted: 'kill switch: test',
          },
        },
        null,
      ),
      { points: [], reset: false },
    );
    expect(view.ranking).toEqual([]);
    expect(view.openOrders).toEqual([]);
    expect(view.position).toEqual({ symbol: 'SUIUSDT', side: 'short', size: '10', entryPrice: '', stopPrice: null, takeProfitPrice: null });
    expect(view.halted).toBe('kill switch: test');
    expect([view.trips, view.equity]).toEqual([null, null]);
  });

  it("sums the day's equity exactly, one point a second", () => {
    expect(equityOf([trip(t0, '0.1'), trip(t0 + 300, '0.2'), trip(t0 + 5_000, '-1.05')])).toEqual([
      { time: t0 / 1_000, netPnl: 0.3 },
      { time: t0 / 1_000 + 5, netPnl: -0.75 },
    ]);
  });
});
