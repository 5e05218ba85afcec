// The Prometheus endpoint of a running engine (issue 17): scraped with an HTTP client and parsed with a Prometheus
// text-format parser, its families carry the scalper_ prefix, base units and _total counters, its histograms are
// cumulative, and what the engine did (trades, decisions, orders, fills) shows in them; Prometheus' own promtool
// (Debian's prometheus package, which .ci/run installs) accepts the whole exposition. A taken port stops the start.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import type { RunningEngine } from '../runtime/engine-runner.js';
import { calmSimArgs, quickTradeArgs, startQuietEngine, tickingSymbol } from '../runtime/test-support/test-engine.js';
import { until } from '../runtime/test-support/until.js';
import { engineMetricFamilies, histogramValues } from './engine-metrics.js';

let engine: RunningEngine;
/** Prometheus' own linter and parser, when installed (CI installs it; a developer may not have it). */
const promtool = spawnSync('promtool', ['--version']).status === 0;

beforeAll(async () => {
  engine = await startQuietEngine(['--metrics.listen', '127.0.0.1:0', ...quickTradeArgs, ...calmSimArgs]);
}, 60_000);

afterAll(async () => {
  await engine?.stop('test over');
}, 60_000);

async function scrape(): Promise<{ readonly contentType: string | null; readonly text: string; readonly families: Map<string, ParsedFamily> }> {
  const response = await fetch(`http://${engine.metricsAddress}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  const families = parsePrometheusTextFormat(text);
  return { contentType: response.headers.get('content-type'), text, families: new Map(families.map((family) => [family.name, family])) };
}

const valueOf = (family: ParsedFamily | undefined, labels: Record<string, string> = {}): number =>
  Number(family?.metrics.find((sample) => Object.entries(labels).every(([k, v]) => sample.labels?.[k] === v))?.value ?? Number.NaN);

describe('GET /metrics', () => {
  it('serves every family in the text format, named by Prometheus rules, with what the engine did', async () => {
    const symbol = await tickingSymbol(engine);
    engine.venue!.impulse(symbol, 1.5, 1_500, 3);
    await until(async () => (Number((await engine.supervisor.stats()).execution['sessionTrips']) >= 1 ? true : undefined), 'a round trip', 30_000);
    const { contentType, text, families } = await scrape();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const spec of engineMetricFamilies) {
      const family = families.get(spec.name);
      expect({ name: spec.name, type: family?.type }).toEqual({ name: spec.name, type: spec.type.toUpperCase() });
      expect(spec.name).toMatch(/^scalper_[a-z_]+$/);
      if (spec.type === 'counter') expect(spec.name).toMatch(/_total$/);
    }
    expect(valueOf(families.get('scalper_trades_received_total'))).toBeGreaterThan(30);
    expect(valueOf(families.get('scalper_book_frames_received_total'))).toBeGreaterThan(0);
    const placed = families.get('scalper_orders_total')?.metrics.filter((sample) => sample.labels?.['outcome'] === 'placed') ?? [];
    expect(placed.reduce((sum, sample) => sum + Number(sample.value), 0)).toBeGreaterThanOrEqual(2);
    const fills = families.get('scalper_fills_total')?.metrics.reduce((sum, sample) => sum + Number(sample.value), 0) ?? 0;
    expect(fills).toBeGreaterThanOrEqual(2);
    expect(valueOf(families.get('scalper_round_trips_total'))).toBeGreaterThanOrEqual(1);
    expect(valueOf(families.get('scalper_trading_halted'))).toBe(0);
    expect(valueOf(families.get('scalper_worker_up'), { worker: 'strategy' })).toBe(1);
    expect(Number(/^scalper_event_loop_lag_seconds_count\{worker="execution"\} (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    // Histograms: cumulative buckets ending in +Inf = count, and decisions on every tick so far.
    const decisions = families.get('scalper_frame_to_decision_seconds')?.metrics[0];
    const buckets = Object.entries(decisions?.buckets ?? {}).sort(([a], [b]) => (a === '+Inf' ? 1 : b === '+Inf' ? -1 : Number(a) - Number(b)));
    const counts = buckets.map(([, count]) => Number(count));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(buckets.at(-1)).toEqual(['+Inf', decisions?.count]);
    expect(Number(decisions?.count)).toBeGreaterThan(30);
    // parse-prometheus-text-format folds a labelled histogram into one: its lines are read as they are.
    // Creates go over the WebSocket trade API; REST still carries the key check at start, once.
    const keyChecks = /^scalper_rest_request_duration_seconds_count\{path="\/v5\/user\/query-api"\} (\d+)$/m.exec(text);
    expect(Number(keyChecks?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(families.get('scalper_frame_to_order_seconds')?.metrics[0]?.count)).toBeGreaterThanOrEqual(1);
    // Node's own process metrics come along under the same prefix.
    expect(families.has('scalper_process_cpu_user_seconds_total')).toBe(true);
  }, 60_000);

  (promtool ? it : it.skip)('passes promtool check metrics: the format and the naming rules', async () => {
    const { text } = await scrape();
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: check.status, problems: `${check.stdout}${check.stderr}` }).toEqual({ status: 0, problems: '' });
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`http://${engine.metricsAddress}/`)).status).toBe(404);
  });
});

describe('metrics.listen', () => {
  it('stops the start in one line when its port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(startQuietEngine(['--metrics.listen', `127.0.0.1:${port}`])).rejects.toThrow(
        `metrics.listen 127.0.0.1:${port}: the port is in use (another engine?); set another host:port, or "" for no metrics`,
      );
    } finally {
      taken.close();
    }
  });
});

describe('histogramValues', () => {
  it('turns per-bucket counts into cumulative _bucket lines, then _sum and _count', () => {
    const values = histogramValues('x_seconds', { bounds: [0.001, 0.01], counts: [2, 1, 3], sumSeconds: 4.5, count: 6 }, { path: '/p' });
    expect(values.map((v) => [v.metricName, v.labels['le'] ?? null, v.value])).toEqual([
      ['x_seconds_bucket', '0.001', 2],
      ['x_seconds_bucket', '0.01', 3],
      ['x_seconds_bucket', '+Inf', 6],
      ['x_seconds_sum', null, 4.5],
      ['x_seconds_count', null, 6],
    ]);
  });
});
