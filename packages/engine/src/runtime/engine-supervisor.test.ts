// Crash recovery of the supervisor with real worker threads and the embedded venue: a killed worker comes back
// through its normal start path and the data flows again; a second crash within the window stops the engine.

import { describe, expect, it } from '@jest/globals';
import { createLogger } from '@scalper/logging';
import { Writable } from 'node:stream';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { noSideServersArgs } from './test-support/test-engine.js';
import { loadConfig } from '../config/load-config.js';
import { runEngine } from './engine-runner.js';

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A scan a second on a 60 trades/s market: the workers are up and busy within a few seconds. */
const quickEngineArgs = [...noSideServersArgs, '--scanner.intervalMs', '1000', '--venue.sim.tradesPerSecond', '60'];

describe('the engine supervisor', () => {
  it('restarts a crashed worker, and stops the engine on a second crash within the window', async () => {
    const { config } = loadConfig({ argv: quickEngineArgs, env: {}, configDir: repositoryConfigDir });
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    });
    const engine = await runEngine(config, createLogger({ worker: 'main', level: 'info', destination }), {
      statusIntervalMs: 60_000,
      writeStatus: () => undefined,
    });
    try {
      const ticks = async (): Promise<number> => Number((await engine.supervisor.stats()).strategy['ticks'] ?? 0);
      await until(async () => (await ticks()) > 20, 'ticks before the crash');
      await engine.supervisor.kill('strategy');
      await until(async () => engine.supervisor.restartCount === 1, 'the restart');
      // The restarted strategy gets the ring and the current symbol again and counts from zero.
      await until(async () => (await ticks()) > 20, 'ticks after the restart');
      expect(lines.join('')).toContain('worker crashed: restarting it through its normal start path');
      await engine.supervisor.kill('strategy');
      const reason = await engine.stopped;
      expect(reason).toMatch(/^fatal: strategy crashed twice within 60000 ms/);
    } finally {
      await engine.stop('test over');
    }
  }, 90_000);

  it('restarts a worker whose start meets a venue answering 503 for a while, instead of stopping the engine', async () => {
    const { config } = loadConfig({ argv: quickEngineArgs, env: {}, configDir: repositoryConfigDir });
    const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const engine = await runEngine(config, createLogger({ worker: 'main', level: 'info', destination: quiet }), {
      statusIntervalMs: 60_000,
      writeStatus: () => undefined,
    });
    let stoppedBy: string | null = null;
    void engine.stopped.then((reason) => void (stoppedBy = reason));
    try {
      const venue = engine.venue;
      if (venue === null) throw new Error('the test needs the embedded venue');
      // Every REST call fails while execution restarts: its clock sync and key check must wait it out.
      venue.setFault('http503Probability=1');
      await engine.supervisor.kill('execution');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      venue.setFault('http503Probability=0');
      await until(async () => Object.keys((await engine.supervisor.stats()).execution).length > 0, 'execution to answer again');
      expect([engine.supervisor.restartCount, stoppedBy]).toEqual([1, null]);
    } finally {
      await engine.stop('test over');
    }
  }, 90_000);
});
