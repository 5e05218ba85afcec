// The engine's Prometheus metrics as data (main thread, on scrape): every family's name, help, type and values, built
// from one snapshot of the workers' stats and metrics. Pure, so the naming and the arithmetic are tested without a
// server; metrics-server.ts renders the families through prom-client.

import type { HistogramSnapshot, WorkerMetrics, WorkerName, WorkerStats } from '@scalper/protocol';

/** What one scrape gathered. */
export interface EngineSnapshot {
  readonly stats: Readonly<Record<WorkerName, WorkerStats>>;
  readonly metrics: Readonly<Partial<Record<WorkerName, WorkerMetrics>>>;
  readonly workerRestarts: number;
  readonly ringCapacity: number;
  /** The journal's writer, or null without a journal. */
  readonly journal: { readonly written: number; readonly failing: boolean } | null;
}

export type Labels = Readonly<Record<string, string>>;

export interface FamilyValue {
  /** For a histogram's _bucket, _sum and _count lines. */
  readonly metricName?: string;
  readonly labels: Labels;
  readonly value: number;
}

export interface FamilySpec {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary';
  readonly values: (snapshot: EngineSnapshot) => readonly FamilyValue[];
}

/** A stat as a number: decimal strings (PnL, sizes) parse; missing or unparsable ones are left out. */
function num(stats: WorkerStats | undefined, key: string): number | null {
  const value = stats?.[key];
  if (value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function one(value: number | null, labels: Labels = {}): FamilyValue[] {
  return value === null ? [] : [{ labels, value }];
}

/** A histogram snapshot as Prometheus lines: cumulative buckets up to +Inf, then the sum and the count. */
export function histogramValues(name: string, histogram: HistogramSnapshot, labels: Labels = {}): FamilyValue[] {
  const values: FamilyValue[] = [];
  let cumulative = 0;
  histogram.bounds.forEach((bound, i) => {
    cumulative += histogram.counts[i] ?? 0;
    values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: String(bound) }, value: cumulative });
  });
  values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: histogram.count });
  values.push({ metricName: `${name}_sum`, labels, value: histogram.sumSeconds });
  values.push({ metricName: `${name}_count`, labels, value: histogram.count });
  return values;
}

function histogramOf(snapshot: EngineSnapshot, worker: WorkerName, key: string, name: string): FamilyValue[] {
  const histogram = snapshot.metrics[worker]?.histograms[key];
  return histogram === undefined ? [] : histogramValues(name, histogram);
}

/** A labelled count family: `labelNames` name the parts of each `a|b` key. */
function labelled(snapshot: EngineSnapshot, worker: WorkerName, family: string, labelNames: readonly string[]): FamilyValue[] {
  const counts = snapshot.metrics[worker]?.labelled[family] ?? {};
  return Object.entries(counts).map(([key, value]) => {
    const parts = key.split('|');
    return { labels: Object.fromEntries(labelNames.map((label, i) => [label, parts[i] ?? ''])), value };
  });
}

const md = (s: EngineSnapshot) => s.stats['market-data'];
const st = (s: EngineSnapshot) => s.stats.strategy;
const ex = (s: EngineSnapshot) => s.stats.execution;

export const engineMetricFamilies: readonly FamilySpec[] = [
  {
    name: 'scalper_trades_received_total',
    help: 'Trades of the traded symbol written into the tick ring by market-data.',
    type: 'counter',
    values: (s) => one(num(md(s), 'tradesWritten')),
  },
  {
    name: 'scalper_book_frames_received_total',
    help: 'Order book frames market-data received.',
    type: 'counter',
    values: (s) => one(num(md(s), 'bookFrames')),
  },
  {
    name: 'scalper_ring_occupancy_ratio',
    help: 'Entries waiting in the tick ring for strategy, as a fraction of its capacity.',
    type: 'gauge',
    values: (s) => {
      const backlog = num(md(s), 'ringBacklog');
      return one(backlog === null ? null : backlog / s.ringCapacity);
    },
  },
  {
    name: 'scalper_ring_dropped_total',
    help: 'Trades the full tick ring dropped, by which end (ring.overflowPolicy).',
    type: 'counter',
    values: (s) => [...one(num(md(s), 'ringDroppedOldest'), { end: 'oldest' }), ...one(num(md(s), 'ringDroppedNewest'), { end: 'newest' })],
  },
  {
    name: 'scalper_frame_to_decision_seconds',
    help: "From a trade frame's receipt in market-data to strategy's decision on it.",
    type: 'histogram',
    values: (s) => histogramOf(s, 'strategy', 'frameToDecision', 'scalper_frame_to_decision_seconds'),
  },
  {
    name: 'scalper_frame_to_order_seconds',
    help: "From the trigger frame's receipt to the entry's create leaving for the venue.",
    type: 'histogram',
    values: (s) => histogramOf(s, 'execution', 'frameToOrder', 'scalper_frame_to_order_seconds'),
  },
  {
    name: 'scalper_rest_request_duration_seconds',
    help: "Execution's REST calls, from the request leaving to the answer arriving, by path.",
    type: 'histogram',
    values: (s) =>
      Object.entries(s.metrics.execution?.histograms ?? {})
        .filter(([key]) => key.startsWith('restRoundTrip|'))
        .flatMap(([key, histogram]) =>
          histogramValues('scalper_rest_request_duration_seconds', histogram, { path: key.slice('restRoundTrip|'.length) }),
        ),
  },
  {
    name: 'scalper_orders_total',
    help: 'Orders execution handled, by order type and outcome (placed, denied, rejected, failed).',
    type: 'counter',
    values: (s) => labelled(s, 'execution', 'ordersByTypeOutcome', ['type', 'outcome']),
  },
  {
    name: 'scalper_order_rejections_total',
    help: "Venue refusals by Bybit's retCode.",
    type: 'counter',
    values: (s) => labelled(s, 'execution', 'rejectionsByRetCode', ['ret_code']),
  },
  {
    name: 'scalper_fills_total',
    help: 'Fills execution received, by liquidity (maker or taker).',
    type: 'counter',
    values: (s) => labelled(s, 'execution', 'fillsByLiquidity', ['liquidity']),
  },
  {
    name: 'scalper_position_size',
    help: 'The open position in base units, negative when short, by symbol.',
    type: 'gauge',
    values: (s) => {
      const size = num(ex(s), 'positionSize');
      const symbol = String(ex(s)?.['positionSymbol'] ?? '');
      if (size === null || symbol === '') return [];
      return one(ex(s)?.['positionSide'] === 'Sell' ? -size : size, { symbol });
    },
  },
  {
    name: 'scalper_position_notional_usdt',
    help: 'The open position at its average entry price, USDT.',
    type: 'gauge',
    values: (s) => one(num(ex(s), 'positionNotional') ?? 0),
  },
  {
    name: 'scalper_unrealised_pnl_usdt',
    help: 'The open position valued at the last trade, USDT.',
    type: 'gauge',
    values: (s) => one(num(st(s), 'unrealisedPnl') ?? num(ex(s), 'unrealisedPnl') ?? 0),
  },
  {
    name: 'scalper_realised_pnl_usdt',
    help: 'Realised PnL net of fees, USDT: this run (session) and the UTC day as the daily-loss limit counts it (day).',
    type: 'gauge',
    values: (s) => [...one(num(ex(s), 'sessionNetPnl'), { span: 'session' }), ...one(num(ex(s), 'dayRealisedPnl'), { span: 'day' })],
  },
  {
    name: 'scalper_round_trips_total',
    help: 'Round trips closed in this run.',
    type: 'counter',
    values: (s) => one(num(ex(s), 'sessionTrips')),
  },
  {
    name: 'scalper_trading_halted',
    help: '1 while trading is halted (daily-loss limit, kill switch, an unwritable journal), else 0.',
    type: 'gauge',
    values: (s) => (ex(s) === undefined || ex(s)?.['halted'] === undefined ? [] : one(ex(s)?.['halted'] === '' ? 0 : 1)),
  },
  {
    name: 'scalper_reconnects_total',
    help: 'WebSocket reconnects, by stream.',
    type: 'counter',
    values: (s) => [...one(num(md(s), 'reconnects'), { stream: 'public' }), ...one(num(ex(s), 'privateReconnects'), { stream: 'private' })],
  },
  {
    name: 'scalper_worker_restarts_total',
    help: 'Workers the supervisor restarted after a crash.',
    type: 'counter',
    values: (s) => one(s.workerRestarts),
  },
  {
    name: 'scalper_worker_up',
    help: '1 for each worker that answered this scrape.',
    type: 'gauge',
    values: (s) =>
      (['scanner', 'market-data', 'strategy', 'execution'] as const).map((worker) => ({
        labels: { worker },
        value: s.metrics[worker] === undefined ? 0 : 1,
      })),
  },
  {
    name: 'scalper_event_loop_lag_seconds',
    help: "Each worker's event-loop delay since it started, by quantile (0.5, 0.99, 1 = the maximum).",
    type: 'summary',
    values: (s) =>
      Object.entries(s.metrics).flatMap(([worker, metrics]) => {
        const lag = metrics?.eventLoopLagSeconds;
        if (lag === undefined) return [];
        return [
          { labels: { worker, quantile: '0.5' }, value: lag.p50 },
          { labels: { worker, quantile: '0.99' }, value: lag.p99 },
          { labels: { worker, quantile: '1' }, value: lag.max },
          { metricName: 'scalper_event_loop_lag_seconds_sum', labels: { worker }, value: lag.sum },
          { metricName: 'scalper_event_loop_lag_seconds_count', labels: { worker }, value: lag.count },
        ];
      }),
  },
  {
    name: 'scalper_journal_events_written_total',
    help: 'Events the trade journal has written this run.',
    type: 'counter',
    values: (s) => one(s.journal?.written ?? null),
  },
  {
    name: 'scalper_journal_write_failing',
    help: '1 while the trade journal cannot write (trading is halted), else 0.',
    type: 'gauge',
    values: (s) => (s.journal === null ? [] : one(s.journal.failing ? 1 : 0)),
  },
];
