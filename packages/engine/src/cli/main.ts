#!/usr/bin/env node
// `pnpm start`: the engine's entry point (main thread). Loads and validates the configuration, starts the engine
// (with the embedded venue unless told otherwise), and stops it cleanly on SIGINT/SIGTERM. A bad option exits with
// code 2 and one line on stderr; a start that fails (a key refused for its permissions, a venue that refuses the
// key) exits with code 1 and one line on stderr.

import { createLogger, minSecretLength, SecretScrubber } from '@scalper/logging';
import { dropArgSeparators } from '@scalper/sim-venue';
import { ConfigError } from '../config/config-error.js';
import { renderConfigTable } from '../config/config-table.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import { runEngine } from '../runtime/engine-runner.js';
import { openTerminal } from '../terminal/terminal.js';
import { repositoryConfigDir } from './config-dir.js';
import { telegramSettingsFrom, TelegramSettingsError, type TelegramSettings } from '../alerts/telegram-settings.js';
import { dashboardAccessFrom, DashboardAccessError, defaultTokenFile, persistedToken, type DashboardAccess } from '../dashboard/dashboard-access.js';
import { translateVenueFlag } from './venue-flag.js';

// `pnpm start -- --venue testnet` and `pnpm start --venue testnet` are the same; the strict loader would refuse `--`.
const rawArgv = dropArgSeparators(process.argv.slice(2));

/**
 * For the lines written to stderr directly, outside pino: they get the same scrubbing as log lines. Built from the
 * environment, so it works before the configuration has loaded (a config error may quote a value).
 */
const stderrScrubber = new SecretScrubber();
for (const value of [process.env['BYBIT_API_KEY'], process.env['BYBIT_API_SECRET'], process.env['TELEGRAM_BOT_TOKEN']]) {
  if (value !== undefined && value.length >= minSecretLength) stderrScrubber.add(value);
}
const writeErrorLine = (line: string): void => {
  process.stderr.write(`${stderrScrubber.scrub(line.replace(/\s*\n\s*/g, ' '))}\n`);
};

if (rawArgv.includes('--help') || rawArgv.includes('-h')) {
  process.stdout.write(
    'usage: pnpm start [-- --venue sim|paper|testnet|demo|mainnet|url] [-- --record FILE] [-- --<option> <value> ...]\n' +
      'Options may also be set in config/<env>.json, a --config file, or environment variables:\n\n' +
      `${renderConfigTable()}\n`,
  );
  process.exit(0);
}

let loaded: LoadedConfig;
try {
  loaded = loadConfig({ argv: translateVenueFlag(rawArgv), env: process.env, configDir: process.env['SCALPER_CONFIG_DIR'] ?? repositoryConfigDir });
} catch (error) {
  if (error instanceof ConfigError || (error instanceof Error && (error.message.startsWith('--venue') || error.message.startsWith('--record')))) {
    writeErrorLine(`config error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const { config, files } = loaded;
// Telegram alerts are opt-in through the environment only: the bot token never enters the configuration.
let telegram: TelegramSettings | null;
try {
  telegram = telegramSettingsFrom(process.env);
} catch (error) {
  if (!(error instanceof TelegramSettingsError)) throw error;
  writeErrorLine(`config error: ${error.message}`);
  process.exit(2);
}
// The dashboard's token: SCALPER_DASHBOARD_TOKEN, or on loopback one kept in data/dashboard.token (0600).
let dashboard: DashboardAccess | null;
try {
  const tokenFile = defaultTokenFile();
  dashboard = dashboardAccessFrom(config.dashboard.listen, process.env, { make: () => persistedToken(tokenFile), source: tokenFile });
} catch (error) {
  if (!(error instanceof DashboardAccessError)) throw error;
  writeErrorLine(`config error: ${error.message}`);
  process.exit(2);
}
const secrets = [config.credentials.apiKey, config.credentials.apiSecret, telegram?.botToken ?? '', dashboard?.token ?? ''];
// log.format is resolved here, once: pretty on a terminal (logs rendered, status redrawn below), else JSON lines.
const terminal = openTerminal({ format: config.log.format, secrets });
const logger = createLogger({
  worker: 'main',
  level: config.log.level,
  secrets,
  ...(terminal.logDestination === undefined ? {} : { destination: terminal.logDestination }),
});
const { credentials, ...settings } = config;
logger.info({ env: config.env, files, credentialsSet: credentials.apiKey !== '' && credentials.apiSecret !== '', settings }, 'configuration loaded');

try {
  // systemd sets JOURNAL_STREAM when stderr goes to journald, which others on the host may read: the start line then
  // names where the token is instead of printing it.
  const revealDashboardToken = (process.env['JOURNAL_STREAM'] ?? '') === '';
  const engine = await runEngine(config, logger, { terminal, telegram, dashboard, revealDashboardToken });
  // Listeners stay for the whole run: with none left, Node's default for a second Ctrl-C (pressed while the stop
  // cancels orders and closes the position) would kill the process half-way.
  let stopSignal: NodeJS.Signals | null = null;
  const onStopSignal = (signal: NodeJS.Signals): void => {
    if (stopSignal !== null) {
      logger.warn({ signal, stoppingSince: stopSignal }, 'already stopping: open orders are cancelled and the position closed first');
      return;
    }
    stopSignal = signal;
    void engine.stop(signal);
  };
  process.on('SIGINT', onStopSignal);
  process.on('SIGTERM', onStopSignal);
  // The kill switch: flatten and halt, keep running (stop with SIGINT/SIGTERM as usual).
  process.on('SIGUSR2', () => void engine.halt('kill switch: SIGUSR2'));
  const reason = await engine.stopped;
  logger.info({ reason }, 'engine stopped');
  logger.flush();
  terminal.close();
  process.exitCode = reason.startsWith('fatal') ? 1 : 0;
} catch (error) {
  logger.fatal({ err: error }, 'engine failed to start');
  logger.flush();
  terminal.close();
  writeErrorLine(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
