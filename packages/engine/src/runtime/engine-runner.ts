// Runs the engine (main thread): starts the embedded venue when the venue is `sim`, starts the four workers under
// the supervisor, shows the status (each second in place on a terminal, else a line every 5 s), and stops
// everything cleanly on SIGINT/SIGTERM with a summary: the session's trades, then every worker's counters.

import { existsSync } from 'node:fs';
import type { OpenJournalOptions } from '@scalper/journal';
import type { Logger } from '@scalper/logging';
import type { EngineConfig, JournalEvent, WorkerConfig, WorkerName, WorkerStats, WorkerSummary } from '@scalper/protocol';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue, type VenueProbe } from '@scalper/sim-venue';
import { MetricsServer } from '../metrics/metrics-server.js';
import { isLoopback, splitListen } from '../config/listen-address.js';
import { dashboardAccessFrom, type DashboardAccess } from '../dashboard/dashboard-access.js';
import type { DashboardServer } from '../dashboard/dashboard-server.js';
import { startEngineDashboard } from '../dashboard/engine-dashboard.js';
import { TelegramAlerts } from '../alerts/telegram-alerts.js';
import { telegramPnl, telegramStatus } from '../alerts/telegram-answers.js';
import type { TelegramSettings } from '../alerts/telegram-settings.js';
import { EngineJournal, engineVersion, journalVenueName } from './engine-journal.js';
import { EngineSupervisor } from './engine-supervisor.js';
import { TradingControls } from './trading-controls.js';
import type { Terminal } from '../terminal/terminal.js';
import { statusGroups, statusLine, summaryTable } from './status-line.js';
import { tradeUrlOf } from '../config/trade-url.js';

export interface RunOptions {
  readonly statusIntervalMs?: number;
  /** Hooks into the embedded venue (soak runs and benchmarks time the engine from the exchange's side). */
  readonly venueProbe?: VenueProbe;
  /** How often the kill-switch file (risk.killSwitchFile) is looked for; default 1000 ms. */
  readonly killSwitchPollMs?: number;
  /** Where status lines go without a terminal; stderr by default so stdout stays pure JSON logs. */
  readonly writeStatus?: (line: string) => void;
  /**
   * The CLI's terminal (terminal.ts): it shows the status and the summary, takes the workers' output in pretty mode,
   * and decides what log format the workers are told. Without one, workers write JSON to fd 1 whatever log.format says.
   */
  readonly terminal?: Terminal;
  /** Journal file options for tests (a page cap stands in for a full disk). */
  readonly journalFile?: OpenJournalOptions;
  /** Telegram alerts (from TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_IDS); none when absent or null. */
  readonly telegram?: TelegramSettings | null;
  /** Least time between two Telegram messages to one chat; tests go faster than the default 1,100 ms. */
  readonly telegramIntervalMs?: number;
  /** How long after a failed start of Telegram polling it is tried again; tests go faster than the default 30 s. */
  readonly telegramPollRetryMs?: number;
  /**
   * Who may use the dashboard (the CLI's, from the environment); null serves none. Absent: dashboard.listen with a
   * token of this start's own (a non-loopback address then refuses the start).
   */
  readonly dashboard?: DashboardAccess | null;
  /** Print the dashboard's token in its start line (default); the CLI leaves it out when stderr is journald. */
  readonly revealDashboardToken?: boolean;
}

/** What shows the status and the notices: the terminal, or plain lines through writeStatus. */
interface StatusDisplay {
  status(groups: readonly (readonly string[])[], line: string): void;
  notice(text: string): void;
  endStatus(): void;
}

export interface RunningEngine {
  readonly venue: RunningVenue | null;
  /** The Prometheus endpoint's host:port as bound; null when metrics.listen is "". */
  readonly metricsAddress: string | null;
  /** The dashboard as served (its address and URL with the token); null when dashboard.listen is "". */
  readonly dashboard: DashboardServer | null;
  /** The trade journal this run writes; null when journal.path is "". */
  readonly journal: EngineJournal | null;
  readonly supervisor: EngineSupervisor;
  readonly config: WorkerConfig;
  /** Resolves when the engine has stopped, with the reason. */
  readonly stopped: Promise<string>;
  stop(reason: string): Promise<string>;
  /** The kill switch: flatten and open nothing more; the engine keeps running so the halt stays visible. */
  halt(reason: string): Promise<void>;
  /** The trader's controls (halt, close now, resume), as the dashboard and Telegram use them. */
  readonly controls: TradingControls;
}

export async function runEngine(engine: EngineConfig, logger: Logger, options: RunOptions = {}): Promise<RunningEngine> {
  const terminal = options.terminal;
  // Workers get the resolved format: pretty only when a terminal is there to read their stdout.
  engine = { ...engine, log: { ...engine.log, format: terminal?.format ?? 'json' } };
  // First: a journal that cannot be opened stops the start before any venue or worker runs. One that cannot be
  // written later halts trading (for this run only: the halt is not journaled, since the journal is what failed).
  let haltForJournal: (reason: string) => void = () => undefined;
  const journal = EngineJournal.open(engine, logger, Date.now(), {
    onCannotWrite: (reason) => haltForJournal(reason),
    ...(options.journalFile === undefined ? {} : { file: options.journalFile }),
  });
  if (journal !== null) logger.info({ path: journal.path }, 'trade journal open');
  let supervisorRef: EngineSupervisor | null = null;
  const runningSupervisor = (): EngineSupervisor => {
    if (supervisorRef === null) throw new Error('the engine is still starting');
    return supervisorRef;
  };
  let controlsRef: TradingControls | null = null;
  const runningControls = (): TradingControls => {
    if (controlsRef === null) throw new Error('the engine is still starting');
    return controlsRef;
  };
  const telegram = options.telegram ?? null;
  const alerts =
    telegram === null
      ? null
      : new TelegramAlerts({
          settings: telegram,
          daySummary: (dayStartMs) => journal?.daySummary(dayStartMs) ?? null,
          onProblem: (problem) => logger.warn({ problem }, 'telegram alerts'),
          commands: {
            status: async () => telegramStatus(await runningSupervisor().stats()),
            pnl: async () => telegramPnl(await runningSupervisor().stats()),
            trades: async () => {
              const lines = journal?.lastTrips(5, Date.now()) ?? null;
              if (lines === null) return 'No journal (journal.path is ""): /pnl has the session figures.';
              return lines.length === 0 ? 'No round trips today (UTC).' : lines.join('\n');
            },
            halt: (reason) => runningControls().halt(reason),
            close: (source) => runningControls().closeNow(source),
            resume: (source) => runningControls().resume(source),
          },
          ...(options.telegramIntervalMs === undefined ? {} : { perChatIntervalMs: options.telegramIntervalMs }),
          ...(options.telegramPollRetryMs === undefined ? {} : { pollRetryMs: options.telegramPollRetryMs }),
        });
  if (telegram !== null) logger.info({ chats: telegram.chatIds.length }, 'telegram alerts on');
  /** Every event the threads or this one report: the journal keeps it, the alerts pass on what is news. */
  const recordEvent = (event: JournalEvent): void => {
    journal?.record(event);
    alerts?.onEvent(event);
  };

  let metrics: MetricsServer | null = null;
  let dashboard: DashboardServer | null = null;
  /** A start refused before the workers ran: what was opened is closed, and the error goes on. */
  async function abortStart(error: unknown): Promise<never> {
    await dashboard?.close();
    await metrics?.close();
    journal?.close(`start failed: ${(error as Error).message}`, Date.now());
    // Its polling would keep the process alive after a refused start.
    await alerts?.close();
    throw error;
  }
  // Bound before anything trades: a port in use stops the start with one line.
  if (engine.metrics.listen !== '') {
    try {
      metrics = await MetricsServer.start(engine.metrics.listen, async () => {
        const supervisor = supervisorRef;
        if (supervisor === null) throw new Error('the engine is starting');
        const [stats, workerMetrics] = await Promise.all([supervisor.stats(), supervisor.metrics()]);
        return {
          stats,
          metrics: workerMetrics,
          workerRestarts: supervisor.restartCount,
          ringCapacity: engine.ring.capacity,
          journal: journal?.health ?? null,
        };
      });
    } catch (error) {
      return abortStart(error);
    }
    logger.info({ url: `http://${metrics.address}/metrics` }, 'Prometheus metrics served');
  }
  const dashboardAccess = options.dashboard === undefined ? dashboardAccessFrom(engine.dashboard.listen, {}) : options.dashboard;
  if (dashboardAccess !== null) {
    try {
      dashboard = await startEngineDashboard({
        engine,
        access: dashboardAccess,
        logger,
        journal,
        supervisor: runningSupervisor,
        controls: runningControls,
      });
    } catch (error) {
      return abortStart(error);
    }
    logger.info({ url: `http://${dashboard.address}/`, tokenFrom: dashboardAccess.tokenSource }, 'dashboard served');
  }
  let venue: RunningVenue | null = null;
  let config: WorkerConfig;
  if (engine.venue.kind === 'sim' || engine.venue.kind === 'paper') {
    // Paper: the embedded venue's market is the public data of the Bybit at venue.restUrl / wsPublicUrl; orders,
    // positions and fills stay in the embedded venue, and nothing signed goes there.
    const upstream = engine.venue.kind === 'paper' ? { restUrl: engine.venue.restUrl, wsPublicUrl: engine.venue.wsPublicUrl } : null;
    try {
      venue = await startVenue({
        host: engine.venue.sim.host,
        port: engine.venue.sim.port,
        seed: engine.venue.sim.seed,
        tradesPerSecondPerSymbol: engine.venue.sim.tradesPerSecond,
        market: engine.venue.sim.market,
        ...(engine.venue.record === '' ? {} : { record: { file: engine.venue.record } }),
        ...(upstream === null
          ? {}
          : {
              upstream: {
                ...upstream,
                requestTimeoutMs: engine.venue.requestTimeoutMs,
                onProblem: (problem: string) => logger.warn({ problem }, 'paper upstream'),
              },
              // The backtest's fill model, so a paper session and a backtest of its recording fill alike.
              fillModel: engine.backtest,
              startingBalance: engine.backtest.startingBalance,
            }),
        ...(options.venueProbe === undefined ? {} : { probe: options.venueProbe }),
      });
    } catch (error) {
      return abortStart(error);
    }
    logger.info(
      { restUrl: venue.restUrl, wsPublicUrl: venue.wsPublicUrl, ...(upstream === null ? {} : { marketFrom: upstream }) },
      upstream === null
        ? 'embedded venue started (paper trading on a simulated market)'
        : 'embedded venue started (paper trading on the upstream market)',
    );
    config = {
      engine,
      venue: {
        restUrl: venue.restUrl,
        wsPublicUrl: venue.wsPublicUrl,
        wsPrivateUrl: venue.wsPrivateUrl,
        wsTradeUrl: engine.execution.orderEntry === 'rest' ? '' : venue.wsTradeUrl,
      },
      credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret },
    };
  } else {
    config = {
      engine,
      venue: {
        restUrl: engine.venue.restUrl,
        wsPublicUrl: engine.venue.wsPublicUrl,
        wsPrivateUrl: engine.venue.wsPrivateUrl,
        wsTradeUrl: tradeUrlOf(engine.execution.orderEntry, engine.venue.wsTradeUrl, engine.venue.wsPrivateUrl),
      },
      credentials: { ...engine.credentials },
    };
  }

  let resolveStopped: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<string> | null = null;
  let started = false;
  const supervisor = new EngineSupervisor(config, logger, {
    onFatal: (reason) => void stop(`fatal: ${reason}`),
    onWorkerEvent: (worker, kind, detail) => recordEvent({ type: 'RuntimeEvent', tsMs: Date.now(), worker, kind, detail }),
    ...(journal === null && alerts === null
      ? {}
      : { events: { record: recordEvent, ...(journal === null ? {} : { resume: () => journal.resume(Date.now()) }) } }),
    ...(terminal?.workerStdio === undefined ? {} : { workerStdio: terminal.workerStdio }),
  });
  supervisorRef = supervisor;
  const writeStatus = options.writeStatus ?? ((line: string) => process.stderr.write(`${line}\n`));
  const display: StatusDisplay =
    terminal === undefined
      ? { status: (_groups, line) => writeStatus(line), notice: writeStatus, endStatus: () => undefined }
      : { status: (groups) => terminal.status(groups), notice: (text) => terminal.notice(text), endStatus: () => terminal.endStatus() };
  let lastTicks = 0;
  let lastStatusAt = Date.now();
  const statusTimer = setInterval(
    () => {
      void supervisor.stats().then((stats) => {
        const ticks = Number(stats.strategy['ticks'] ?? 0);
        const now = Date.now();
        const rate = ((ticks - lastTicks) * 1000) / Math.max(1, now - lastStatusAt);
        lastTicks = ticks;
        lastStatusAt = now;
        // The stop may have begun while the workers were answering: no status after the summary.
        if (stopping === null) display.status(statusGroups(stats, rate), statusLine(stats, rate));
      });
    },
    options.statusIntervalMs ?? terminal?.statusIntervalMs ?? 5_000,
  );

  const controls = new TradingControls({
    workers: () => supervisor,
    logger,
    record: recordEvent,
    alertOnly: (event) => alerts?.onEvent(event),
    notice: (text) => display.notice(text),
    journalOn: journal !== null,
    killSwitchFile: engine.risk.killSwitchFile,
  });
  const halt = (reason: string): Promise<void> => controls.halt(reason);
  haltForJournal = (reason) => void controls.halt(reason, false);
  const killFile = engine.risk.killSwitchFile;
  const killTimer =
    killFile === ''
      ? null
      : setInterval(() => {
          if (existsSync(killFile)) void halt(`kill switch: file ${killFile} exists`);
        }, options.killSwitchPollMs ?? 1_000);

  function stop(reason: string): Promise<string> {
    stopping ??= (async () => {
      clearInterval(statusTimer);
      // Nothing more from the page or Telegram: the stop cancels and closes on its own.
      controls.close();
      await dashboard?.close();
      if (killTimer !== null) clearInterval(killTimer);
      display.endStatus();
      logger.warn({ reason }, 'engine stopping');
      const finalStats = await supervisor.stats().catch(() => null);
      const summaries = await supervisor.stop(reason);
      for (const summary of summaries) logger.info({ thread: summary.worker, stats: summary.stats }, 'worker stopped');
      // Only a run that started has a summary; a refused start ends with its one reason line instead.
      if (finalStats !== null && started) display.notice(summaryTable(withStopSummaries(finalStats, summaries)));
      await venue
        ?.close()
        .catch((error: unknown) => logger.error({ err: error }, 'embedded venue: closing failed (the recording may be incomplete)'));
      const recording = venue?.recording() ?? null;
      if (recording !== null) logger.info(recording, 'session recording written');
      await metrics?.close();
      journal?.close(reason, Date.now());
      alerts?.onEvent({ type: 'SessionStopped', tsMs: Date.now(), reason });
      await alerts?.close();
      resolveStopped(reason);
      return reason;
    })();
    return stopping;
  }

  try {
    await supervisor.start();
    started = true;
    // The controls answer from here: before, a halt could reach a worker still starting and be lost.
    controlsRef = controls;
    alerts?.onEvent({
      type: 'SessionStarted',
      tsMs: Date.now(),
      venueKind: journalVenueName(engine),
      env: engine.env,
      version: engineVersion,
      configJson: '',
    });
    const carried = journal?.haltInForce(Date.now()) ?? null;
    if (carried !== null) {
      const until = carried.untilMs === null ? 'until resumed with pnpm journal -- resume' : `until ${new Date(carried.untilMs).toISOString()}`;
      display.notice(`HALTED since ${new Date(carried.sinceMs).toISOString()} (${carried.reason}): no new entries ${until}`);
    }
  } catch (error) {
    await stop(`start failed: ${(error as Error).message}`);
    throw error;
  }
  if (dashboard !== null && dashboardAccess !== null) {
    // Not under systemd's journald (revealDashboardToken false), which others on the host may read.
    const address = options.revealDashboardToken === false ? `http://${dashboard.address}/?token=<${dashboardAccess.tokenSource}>` : dashboard.url;
    display.notice(`Dashboard: ${address}${dashboardHint(dashboard.address)}`);
  }
  return { venue, journal, metricsAddress: metrics?.address ?? null, dashboard, supervisor, config, stopped, stop, halt, controls };
}

/**
 * The counters read just before the stop, updated with what each worker reported when it stopped: execution's stop
 * includes the shutdown close, whose trip the session trades must count.
 */
function withStopSummaries(stats: Record<WorkerName, WorkerStats>, summaries: readonly WorkerSummary[]): Record<WorkerName, WorkerStats> {
  const merged = { ...stats };
  for (const summary of summaries) merged[summary.worker] = { ...merged[summary.worker], ...summary.stats };
  return merged;
}

/** On loopback, how to reach it from the trader's own machine. */
function dashboardHint(address: string): string {
  const { host, port } = splitListen(address);
  return isLoopback(host) ? ` (from your own machine: ssh -N -L ${port}:127.0.0.1:${port} you@this-server, then open it there)` : '';
}
