// The Prometheus endpoint (main thread): GET /metrics gathers the workers' stats and metrics over the control plane
// (on scrape, never pushed per tick) and renders engineMetricFamilies plus Node's process metrics through
// prom-client, in the text exposition format. Bound before any worker starts, so a taken port stops the start.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry, type Metric } from 'prom-client';
import { boundAddress, splitListen } from '../config/listen-address.js';
import { engineMetricFamilies, type EngineSnapshot, type FamilySpec } from './engine-metrics.js';

const misnamedDefaults = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export class MetricsServerError extends Error {
  override readonly name = 'MetricsServerError';
}

/** A family prom-client renders from the scrape's snapshot: it asks get() for the values, as of its own metrics. */
function snapshotMetric(spec: FamilySpec, current: () => EngineSnapshot | null): Metric {
  const family = { name: spec.name, help: spec.help, type: spec.type, aggregator: 'sum' as const };
  return {
    ...family,
    get: async () => {
      const snapshot = current();
      return { ...family, values: snapshot === null ? [] : spec.values(snapshot) };
    },
  } as unknown as Metric;
}

export class MetricsServer {
  private scraping: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly server: Server,
    /** host:port as bound (port 0 resolved). */
    readonly address: string,
  ) {}

  /** Listens on `listen` (host:port); throws one line naming metrics.listen when it cannot. */
  static async start(listen: string, gather: () => Promise<EngineSnapshot>): Promise<MetricsServer> {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'scalper_' });
    // prom-client names these gauges with _total, which Prometheus keeps for counters (promtool flags them).
    for (const name of misnamedDefaults) registry.removeSingleMetric(`scalper_${name}`);
    let current: EngineSnapshot | null = null;
    for (const spec of engineMetricFamilies) registry.registerMetric(snapshotMetric(spec, () => current));
    let metrics: MetricsServer | null = null;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: the metrics are at /metrics\n');
        return;
      }
      // One scrape at a time: the families read the snapshot of the scrape that renders them.
      const scrape = async (): Promise<void> => {
        try {
          current = await gather();
          const body = await registry.metrics();
          response.writeHead(200, { 'Content-Type': registry.contentType }).end(body);
        } catch (error) {
          response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics could not be gathered: ${(error as Error).message}\n`);
        }
      };
      if (metrics === null) void scrape();
      else metrics.scraping = metrics.scraping.then(scrape);
    });
    const { host, port } = splitListen(listen);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new MetricsServerError(
            `metrics.listen ${listen}: ${error.code === 'EADDRINUSE' ? 'the port is in use (another engine?)' : error.message}; set another host:port, or "" for no metrics`,
          ),
        ),
      );
      server.listen(port, host, () => resolve());
    });
    const bound = server.address() as AddressInfo;
    metrics = new MetricsServer(server, boundAddress(bound));
    return metrics;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
