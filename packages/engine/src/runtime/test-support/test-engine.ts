// Test support (Jest thread): the engine of an integration test, loaded from repository config plus `argv` (and `env`) and run
// with its main-thread log swallowed, and the probe that waits for its first traded symbol to tick.

import { Writable } from 'node:stream';
import { createLogger } from '@scalper/logging';
import { repositoryConfigDir } from '../../cli/config-dir.js';
import { loadConfig } from '../../config/load-config.js';
import { runEngine, type RunningEngine, type RunOptions } from '../engine-runner.js';
import { until } from './until.js';

/** The engine on the repository's config and `argv`, its main-thread log swallowed (workers log at --log.level). */
export async function startQuietEngine(
  argv: readonly string[],
  options: RunOptions = {},
  env: Readonly<Record<string, string>> = {},
): Promise<RunningEngine> {
  // No journal unless the test asks for one: tests must not write into the developer's data/journal/.
  const journal = argv.includes('--journal.path') ? [] : ['--journal.path', ''];
  // No metrics endpoint either: engines of parallel tests would all want its port.
  const metrics = argv.includes('--metrics.listen') ? [] : ['--metrics.listen', ''];
  // Nor a dashboard, for the same reason.
  const dashboard = argv.includes('--dashboard.listen') ? [] : ['--dashboard.listen', ''];
  const { config } = loadConfig({ argv: [...journal, ...metrics, ...dashboard, ...argv], env: { ...env }, configDir: repositoryConfigDir });
  const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  return runEngine(config, createLogger({ worker: 'main', level: 'warn', destination: quiet }), {
    statusIntervalMs: 60_000,
    writeStatus: () => undefined,
    ...options,
  });
}

/** The symbol strategy trades, once more than 30 of its ticks arrived. */
export function tickingSymbol(engine: RunningEngine): Promise<string> {
  return until(async () => {
    const stats = await engine.supervisor.stats();
    const current = String(stats.strategy['symbol'] ?? '');
    return current !== '' && Number(stats.strategy['ticks']) > 30 ? current : undefined;
  }, 'the top coin to be ticking');
}

/** A calm simulated market (seed 6, 60 trades/s a symbol): a test's impulse is the only strong move. */
export const calmSimArgs: readonly string[] = ['--venue.sim.tradesPerSecond', '60', '--venue.sim.seed', '6', '--venue.sim.market', 'calm'];

/** A scan a second and a strategy that enters on a test's impulse within seconds (with calmSimArgs), small. */
export const quickEntryArgs: readonly string[] = [
  '--scanner.intervalMs',
  '1000',
  '--strategy.minTopSize',
  '0.001',
  '--strategy.positionSizeUsd',
  '200',
];

/** quickEntryArgs, and the position closed by time 2 s after the entry. */
export const quickTradeArgs: readonly string[] = [...quickEntryArgs, '--strategy.maxHoldingMs', '2000'];

/** `args` with `--<name>` set to `value`, replaced where it is and added where it is not (convict joins a repeat). */
export function withOption(args: readonly string[], name: string, value: string): string[] {
  const at = args.indexOf(`--${name}`);
  if (at === -1) return [...args, `--${name}`, value];
  return [...args.slice(0, at + 1), value, ...args.slice(at + 2)];
}

/**
 * No journal, metrics endpoint or dashboard: a test's engine writes nothing of the developer's and binds no port.
 * And strategy parks instead of spinning: parallel test files share the machine's cores with Jest.
 */
export const noSideServersArgs: readonly string[] = [
  '--journal.path',
  '',
  '--metrics.listen',
  '',
  '--dashboard.listen',
  '',
  '--ring.consumerWait',
  'park',
];
