// The kill switch on the whole engine against the embedded venue: with a position open, the kill-switch file
// appears; execution cancels and flattens, strategy stops entering, the status shows HALTED, a new burst opens
// nothing, and the journal keeps the halt for the next start.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalReader } from '@scalper/journal';
import { createLogger } from '@scalper/logging';
import { paperApiKey } from '@scalper/sim-venue';
import { Writable } from 'node:stream';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { loadConfig } from '../config/load-config.js';
import { runEngine, type RunningEngine } from './engine-runner.js';
import { quickEntryArgs } from './test-support/test-engine.js';
import { until } from './test-support/until.js';

let engine: RunningEngine;
const dir = mkdtempSync(join(tmpdir(), 'kill-switch-'));
const killFile = join(dir, 'STOP');
const journalPath = join(dir, 'journal.sqlite');
const statusLines: string[] = [];

const positionSize = (symbol: string) =>
  engine
    .venue!.engine.positions(paperApiKey)
    .find((p) => p.symbol === symbol)
    ?.size.toString() ?? '0';
const entries = (symbol: string) => engine.venue!.engine.orderHistory(paperApiKey, symbol).filter((o) => !o.reduceOnly).length;

beforeAll(async () => {
  const { config } = loadConfig({
    argv: [
      ...quickEntryArgs,
      '--venue.sim.tradesPerSecond',
      '60',
      '--venue.sim.seed',
      '6',
      '--venue.sim.market',
      'calm',
      '--risk.killSwitchFile',
      killFile,
      '--journal.path',
      journalPath,
      '--metrics.listen',
      '',
      '--dashboard.listen',
      '',
      '--log.level',
      'warn',
    ],
    env: {},
    configDir: repositoryConfigDir,
  });
  const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  engine = await runEngine(config, createLogger({ worker: 'main', level: 'warn', destination: quiet }), {
    statusIntervalMs: 200,
    killSwitchPollMs: 100,
    writeStatus: (line) => statusLines.push(line),
  });
}, 60_000);

afterAll(async () => {
  await engine?.stop('test over');
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the kill switch', () => {
  it('flattens the open position, halts entries and says so, when its file appears', async () => {
    const symbol = await until(
      async () => {
        const stats = await engine.supervisor.stats();
        const current = String(stats.strategy['symbol'] ?? '');
        return current !== '' && Number(stats.strategy['ticks']) > 30 ? current : undefined;
      },
      async () => `the top coin to be ticking; ${JSON.stringify((await engine.supervisor.stats()).strategy)}`,
    );
    engine.venue!.impulse(symbol, 1.5, 1_500, 3);
    await until(async () => (positionSize(symbol) !== '0' ? true : undefined), 'an entry');
    expect(entries(symbol)).toBe(1);

    writeFileSync(killFile, 'stop\n');
    await until(async () => (positionSize(symbol) === '0' ? true : undefined), 'the position to be flattened');
    const stats = await until(async () => {
      const s = await engine.supervisor.stats();
      return s.strategy['halted'] !== '' && s.execution['halted'] !== '' ? s : undefined;
    }, 'both workers to report the halt');
    expect(stats.execution['halted']).toBe(`kill switch: file ${killFile} exists`);
    await until(async () => (statusLines.some((l) => l.startsWith('HALTED (kill switch')) ? true : undefined), 'a HALTED status line');
    expect(statusLines).toContain(
      `KILL SWITCH (kill switch: file ${killFile} exists): flattening, no new entries until resumed (the dashboard, Telegram /resume, or pnpm journal -- resume)`,
    );
    // Journaled without an end: a restart keeps it until the trader resumes trading.
    const journal = JournalReader.open(journalPath);
    try {
      expect(journal.haltInForce(Date.now())).toMatchObject({ reason: `kill switch: file ${killFile} exists`, untilMs: null });
    } finally {
      journal.close();
    }

    // A burst that would open a position opens nothing now.
    engine.venue!.impulse(symbol, 1.5, 1_500, 3);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(entries(symbol)).toBe(1);
    expect(positionSize(symbol)).toBe('0');
    expect(Number((await engine.supervisor.stats()).strategy['blocked_halted'])).toBeGreaterThan(0);
  }, 60_000);
});
