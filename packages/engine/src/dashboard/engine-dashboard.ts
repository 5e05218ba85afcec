// Starts the engine's dashboard (main thread, at start): the page's files, the server on dashboard.listen, and
// what each update reads from the running engine: the workers' stats with their lists, health and metrics, the
// supervisor's restarts, the daily-loss limit and the journal's trips of the day.

import type { Logger } from '@scalper/logging';
import type { EngineConfig, WorkerHealth, WorkerMetrics, WorkerName, WorkerStats } from '@scalper/protocol';
import type { EngineJournal } from '../runtime/engine-journal.js';
import { journalVenueName } from '../runtime/engine-journal.js';
import type { EngineSupervisor } from '../runtime/engine-supervisor.js';
import type { TradingControls } from '../runtime/trading-controls.js';
import type { DashboardAccess } from './dashboard-access.js';
import { loadDashboardAssets } from './dashboard-assets.js';
import { DashboardServer } from './dashboard-server.js';

export interface EngineDashboardDeps {
  readonly engine: EngineConfig;
  readonly access: DashboardAccess;
  readonly logger: Logger;
  readonly journal: EngineJournal | null;
  /** Throw while the engine is still starting (the update then tries again later). */
  readonly supervisor: () => EngineSupervisor;
  readonly controls: () => TradingControls;
}

/** How often the dashboard reads the ranking, the workers' health and their event-loop figures. */
const slowEveryMs = 2_000;

interface SlowParts {
  readonly atMs: number;
  readonly scanner: WorkerStats;
  readonly health: readonly WorkerHealth[];
  readonly metrics: Partial<Record<WorkerName, WorkerMetrics>>;
}

export function startEngineDashboard(deps: EngineDashboardDeps): Promise<DashboardServer> {
  const { engine, journal } = deps;
  const venue = journalVenueName(engine);
  let slow: SlowParts | null = null;
  return DashboardServer.start({
    access: deps.access,
    assets: loadDashboardAssets(),
    intervalMs: engine.dashboard.updateIntervalMs,
    logger: deps.logger,
    gather: async () => {
      const supervisor = deps.supervisor();
      const nowMs = Date.now();
      // What moves (price, position, orders) every update, from the two trading workers only; what changes slowly
      // (the ranking, health, event-loop figures) every slowEveryMs. Each call wakes a worker between its ticks.
      const slowDue = slow === null || nowMs - slow.atMs >= slowEveryMs;
      const [fast, slowNow] = await Promise.all([
        supervisor.stats({ view: true }, ['strategy', 'execution']),
        slowDue
          ? Promise.all([supervisor.stats({ view: true }, ['scanner']), supervisor.health(), supervisor.metrics()]).then(
              ([scannerStats, health, metrics]) => ({
                atMs: nowMs,
                scanner: scannerStats.scanner,
                health,
                metrics,
              }),
            )
          : Promise.resolve(slow),
      ]);
      slow = slowNow;
      return {
        nowMs,
        venue,
        stats: { ...fast, scanner: slowNow?.scanner ?? {} },
        health: slowNow?.health ?? [],
        metrics: slowNow?.metrics ?? {},
        restarts: supervisor.restartCount,
        dayLossLimit: engine.risk.maxDailyLossUsd,
        trips: journal?.tripsOfDay(nowMs) ?? null,
      };
    },
    controls: {
      halt: (source) => deps.controls().haltByHand(source),
      closeNow: (source) => deps.controls().closeNow(source),
      resume: (source) => deps.controls().resume(source),
    },
  });
}
