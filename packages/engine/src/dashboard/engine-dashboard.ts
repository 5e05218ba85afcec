// Starts the engine's dashboard (main thread, at start): the page's files, the server on dashboard.listen, and
// what each update reads from the running engine: the workers' stats with their lists, health and metrics, the
// supervisor's restarts, the daily-loss limit and the journal's trips of the day.

import type { Logger } from '@scalper/logging';
import type { EngineConfig } from '@scalper/protocol';
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

export function startEngineDashboard(deps: EngineDashboardDeps): Promise<DashboardServer> {
  const { engine, journal } = deps;
  const venue = journalVenueName(engine);
  return DashboardServer.start({
    access: deps.access,
    assets: loadDashboardAssets(),
    intervalMs: engine.dashboard.updateIntervalMs,
    logger: deps.logger,
    gather: async () => {
      const supervisor = deps.supervisor();
      const [stats, health, metrics] = await Promise.all([supervisor.stats({ view: true }), supervisor.health(), supervisor.metrics()]);
      const nowMs = Date.now();
      return {
        nowMs,
        venue,
        stats,
        health,
        metrics,
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
