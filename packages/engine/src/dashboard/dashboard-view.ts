// The dashboard's live view (main thread, at each dashboard update): built from the workers' stats (with their
// lists), health and metrics, the supervisor's restarts, the risk limit and the journal's trips of the day. Pure:
// what it is given in, one DashboardSnapshot out; a malformed list from a worker shows as empty, never throws.

import Big from 'big.js';
import type { RoundTripRow } from '@scalper/journal';
import type { WorkerHealth, WorkerMetrics, WorkerName, WorkerStats } from '@scalper/protocol';
import type {
  DashboardSnapshot,
  EquityPoint,
  OpenOrderView,
  PositionView,
  PricePoint,
  RankedSymbol,
  TripView,
  WorkerView,
} from '@scalper/dashboard-ui/snapshot';

export interface DashboardSources {
  readonly nowMs: number;
  readonly venue: string;
  readonly stats: Readonly<Record<WorkerName, WorkerStats>>;
  readonly health: readonly WorkerHealth[];
  readonly metrics: Partial<Record<WorkerName, WorkerMetrics>>;
  readonly restarts: number;
  readonly dayLossLimit: string;
  /** The day's round trips from the journal, oldest first; null without a journal. */
  readonly trips: readonly RoundTripRow[] | null;
}

/** How many of the day's round trips the page lists (the equity curve takes them all). */
export const listedTrips = 20;

export function dashboardSnapshot(
  sources: DashboardSources,
  prices: { readonly points: readonly PricePoint[]; readonly reset: boolean },
): DashboardSnapshot {
  const { stats } = sources;
  const strategy = stats.strategy;
  const execution = stats.execution;
  const symbol = text(strategy['symbol']);
  const trips = sources.trips;
  return {
    tsMs: sources.nowMs,
    venue: sources.venue,
    symbol: symbol === '' ? null : symbol,
    phase: text(strategy['phase']) || 'starting',
    feedState: text(strategy['feedState']) || 'unknown',
    lastPrice: positive(strategy['lastPrice']),
    ranking: rankingOf(stats.scanner['ranking']),
    prices: prices.points,
    pricesReset: prices.reset,
    position: positionOf(strategy, execution),
    unrealisedPnl: text(strategy['unrealisedPnl']) || text(execution['unrealisedPnl']) || '0',
    sessionNetPnl: text(execution['sessionNetPnl']) || '0',
    sessionTrips: Number(execution['sessionTrips'] ?? 0) || 0,
    dayRealisedPnl: text(execution['dayRealisedPnl']) || '0',
    dayLossLimit: sources.dayLossLimit,
    openOrders: openOrdersOf(execution['openOrders']),
    halted: text(execution['halted']) || text(strategy['halted']),
    workers: sources.health.map((health) => workerOf(health, sources.metrics[health.worker])),
    restarts: sources.restarts,
    decisionP50Us: nonNegative(strategy['decisionLatencyP50Us']),
    decisionP99Us: nonNegative(strategy['decisionLatencyP99Us']),
    trips: trips === null ? null : trips.slice(-listedTrips).map(tripOf),
    equity: trips === null ? null : equityOf(trips),
  };
}

/** The day's cumulative net PnL after each trip, exact until the chart's number. */
export function equityOf(trips: readonly RoundTripRow[]): EquityPoint[] {
  let total = new Big(0);
  const points: EquityPoint[] = [];
  for (const trip of trips) {
    total = total.plus(trip.netPnl);
    const time = Math.floor(trip.closedAtMs / 1_000);
    const point = { time, netPnl: Number(total.toFixed(8)) };
    // The chart needs one point per second: trips closing in the same second show their sum.
    if (points.at(-1)?.time === time) points[points.length - 1] = point;
    else points.push(point);
  }
  return points;
}

function tripOf(trip: RoundTripRow): TripView {
  return {
    symbol: trip.symbol,
    side: trip.side === 'Buy' ? 'long' : 'short',
    qty: trip.qty,
    entryPrice: trip.entryPrice,
    exitPrice: trip.exitPrice,
    openedAtMs: trip.openedAtMs,
    closedAtMs: trip.closedAtMs,
    exitReason: trip.exitReason,
    netPnl: trip.netPnl,
  };
}

function positionOf(strategy: WorkerStats, execution: WorkerStats): PositionView | null {
  // Execution's is the venue's position; strategy adds the stop and take-profit it watches for its own symbol.
  const side = text(execution['positionSide']);
  if (side !== 'Buy' && side !== 'Sell') return null;
  const symbol = text(execution['positionSymbol']);
  const ownSymbol = symbol === text(strategy['symbol']);
  return {
    symbol,
    side: side === 'Buy' ? 'long' : 'short',
    size: text(execution['positionSize']),
    entryPrice: (ownSymbol ? text(strategy['entryPrice']) : '') || '',
    stopPrice: ownSymbol ? positive(strategy['stopPrice']) : null,
    takeProfitPrice: ownSymbol ? positive(strategy['takeProfitPrice']) : null,
  };
}

function workerOf(health: WorkerHealth, metrics: WorkerMetrics | undefined): WorkerView {
  const lag = metrics?.eventLoopLagSeconds;
  const hasLag = lag !== undefined && lag.count > 0;
  return {
    worker: health.worker,
    state: health.detail.startsWith('unresponsive') ? 'unresponsive' : health.state,
    detail: health.detail,
    loopP50Ms: hasLag ? lag.p50 * 1_000 : null,
    loopP99Ms: hasLag ? lag.p99 * 1_000 : null,
  };
}

function rankingOf(json: unknown): RankedSymbol[] {
  return listOf(json).flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { symbol, score, boosted } = item as Record<string, unknown>;
    return typeof symbol === 'string' && typeof score === 'number' ? [{ symbol, score, boosted: boosted === true }] : [];
  });
}

function openOrdersOf(json: unknown): OpenOrderView[] {
  return listOf(json).flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const order = item as Record<string, unknown>;
    if (typeof order['orderLinkId'] !== 'string' || typeof order['symbol'] !== 'string') return [];
    return [
      {
        orderLinkId: order['orderLinkId'],
        symbol: order['symbol'],
        side: text(order['side']),
        orderType: text(order['orderType']),
        status: text(order['status']),
        qty: text(order['qty']),
        filled: text(order['cumExecQty']),
      },
    ];
  });
}

function listOf(json: unknown): unknown[] {
  if (typeof json !== 'string' || json === '') return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function positive(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? number : null;
}

function nonNegative(value: unknown): number | null {
  const number = typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(number) && number >= 0 ? number : null;
}
