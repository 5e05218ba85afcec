// Crash recovery with a position open (issue 7): each worker is killed in turn, then the whole engine process is
// SIGKILLed and started again. Every time the engine must learn the position back from the venue, keep managing it
// and never place a second entry on top of it.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@scalper/logging';
import { paperApiKey, paperApiSecret, type RunningVenue } from '@scalper/sim-venue';
import { Writable } from 'node:stream';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { loadConfig } from '../config/load-config.js';
import { runEngine, type RunningEngine } from './engine-runner.js';
import { noSideServersArgs, quickEntryArgs, tickingSymbol } from './test-support/test-engine.js';
import { startTopCoinVenue } from './test-support/top-coin-venue.js';
import { until } from './test-support/until.js';

const quiet = (): Writable => new Writable({ write: (_chunk, _encoding, callback) => callback() });
const entriesOf = (venue: RunningVenue, symbol: string) =>
  venue.engine.orderHistory(paperApiKey, symbol).filter((o) => !o.reduceOnly && o.createType === 'CreateByUser');
const sizeOf = (venue: RunningVenue, symbol: string) =>
  venue.engine
    .positions(paperApiKey)
    .find((p) => p.symbol === symbol)
    ?.size.toString() ?? '0';

describe('crash recovery with a position open', () => {
  let engine: RunningEngine;

  beforeAll(async () => {
    const { config } = loadConfig({
      argv: [
        ...noSideServersArgs,
        ...quickEntryArgs,
        '--venue.sim.tradesPerSecond',
        '60',
        '--venue.sim.seed',
        '12',
        '--venue.sim.market',
        'calm',
        '--log.level',
        'warn',
      ],
      env: {},
      configDir: repositoryConfigDir,
    });
    engine = await runEngine(config, createLogger({ worker: 'main', level: 'warn', destination: quiet() }), {
      statusIntervalMs: 60_000,
      writeStatus: () => undefined,
    });
  }, 60_000);

  afterAll(async () => {
    await engine?.stop('test over');
  }, 60_000);

  it('survives the death of each worker in turn: position relearned, stop kept, no second entry', async () => {
    const venue = engine.venue!;
    const symbol = await tickingSymbol(engine);
    venue.impulse(symbol, 1.5, 1_500, 3);
    const held = await until(() => (sizeOf(venue, symbol) !== '0' ? sizeOf(venue, symbol) : undefined), 'an entry');
    expect(entriesOf(venue, symbol)).toHaveLength(1);
    let execStats = '';
    await until(
      async () => {
        const e = (await engine.supervisor.stats()).execution;
        execStats = JSON.stringify(e);
        return e['positionSize'] === held ? true : undefined;
      },
      () => `execution to report the entry: ${execStats}`,
    );
    for (const [index, name] of (['strategy', 'execution', 'market-data', 'scanner'] as const).entries()) {
      const ticksBefore = Number((await engine.supervisor.stats()).strategy['ticks']);
      await engine.supervisor.kill(name);
      await until(() => (engine.supervisor.restartCount === index + 1 ? true : undefined), `${name} to restart`);
      // Momentum is still past the threshold: a restarted strategy that forgot the position would enter again.
      venue.impulse(symbol, 1, 1_000, 3);
      let seen = '';
      await until(
        async () => {
          const stats = await engine.supervisor.stats();
          seen = `strategy ${String(stats.strategy['phase'])} ticks ${String(stats.strategy['ticks'])}, execution ${String(stats.execution['positionSide'])} ${String(stats.execution['positionSize'])}`;
          return stats.strategy['phase'] === 'open' && stats.execution['positionSize'] === held && Number(stats.strategy['ticks']) > 10
            ? true
            : undefined;
        },
        () => `the engine to hold the position again after ${name} restarted (venue ${held}; ${seen})`,
      );
      // Trading resumes on the same symbol within seconds: new ticks of it reach strategy (a restarted strategy
      // counts from 0), and market-data is on it again.
      const floor = name === 'strategy' ? 0 : ticksBefore;
      await until(
        async () => {
          const stats = await engine.supervisor.stats();
          seen = `strategy on ${String(stats.strategy['symbol'])} with ${String(stats.strategy['ticks'])} ticks (${floor} before), market-data on ${String(stats['market-data']['symbol'])}`;
          return stats.strategy['symbol'] === symbol && stats['market-data']['symbol'] === symbol && Number(stats.strategy['ticks']) > floor + 10
            ? true
            : undefined;
        },
        () => `ticks of ${symbol} to reach strategy after ${name} restarted (${seen})`,
        5_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect({ worker: name, entries: entriesOf(venue, symbol).length, size: sizeOf(venue, symbol) }).toEqual({
        worker: name,
        entries: 1,
        size: held,
      });
    }

    // The stop is still managed: a drop through it closes the position, and nothing opens the other way.
    const position = venue.engine.positions(paperApiKey).find((p) => p.symbol === symbol)!;
    const bid = (venue.market.bestBid(symbol)?.priceRaw ?? 0) / 10 ** venue.market.instrument(symbol)!.priceDecimals;
    venue.impulse(symbol, -(((bid - Number(position.stopLoss)) / bid) * 100 + 1.5), 1_000, 2);
    await until(() => (sizeOf(venue, symbol) === '0' ? true : undefined), 'the stop to close the position');
    expect(venue.engine.positions(paperApiKey).find((p) => p.symbol === symbol)?.side ?? 'None').not.toBe('Sell');
  }, 120_000);
});

describe('crash recovery of the whole process (SIGKILL)', () => {
  const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  let venue: RunningVenue;
  const children: ChildProcess[] = [];

  function startEngineProcess(extra: string[] = []): ChildProcess {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCALPER_') && !name.startsWith('BYBIT_')));
    const child = spawn(
      process.execPath,
      [
        cli,
        ...noSideServersArgs,
        '--venue',
        'url',
        '--scanner.intervalMs',
        '1000',
        '--scanner.minTurnover24hUsd',
        turnoverFloor,
        '--strategy.minTopSize',
        '0.001',
        '--strategy.positionSizeUsd',
        '200',
        '--log.level',
        'warn',
        ...extra,
      ],
      {
        env: {
          ...env,
          BYBIT_REST_URL: venue.restUrl,
          BYBIT_WS_PUBLIC_URL: venue.wsPublicUrl,
          BYBIT_WS_PRIVATE_URL: venue.wsPrivateUrl,
          BYBIT_API_KEY: paperApiKey,
          BYBIT_API_SECRET: paperApiSecret,
        },
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    children.push(child);
    return child;
  }

  let tradedSymbol: () => string | null = () => null;
  let turnoverFloor = '';

  beforeAll(async () => {
    ({ venue, tradedSymbol, turnoverFloor } = await startTopCoinVenue(13));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await venue.close();
  });

  it('relearns the position after a SIGKILL, manages it (time exit) and never enters twice', async () => {
    const first = startEngineProcess();
    const symbol = await until(() => tradedSymbol() ?? undefined, 'the engine to subscribe its top coin');
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the window fills
    venue.impulse(symbol, 1.5, 1_500, 3);
    const held = await until(() => (sizeOf(venue, symbol) !== '0' ? sizeOf(venue, symbol) : undefined), 'an entry');
    first.kill('SIGKILL');
    await once(first, 'exit');
    expect(sizeOf(venue, symbol)).toBe(held); // nothing closed it: the process died without a word

    // The new process closes what it holds after 4 s: it can only do that if it learned the position back.
    const second = startEngineProcess(['--strategy.maxHoldingMs', '4000']);
    venue.impulse(symbol, 1, 3_000, 3); // momentum stays high: a forgetful engine would enter again
    await until(() => (sizeOf(venue, symbol) === '0' ? true : undefined), 'the restarted engine to close the held position', 40_000);
    // After its close the engine may enter again (momentum is high); before it, a second entry would be a double.
    const firstClose = venue.engine.orderHistory(paperApiKey, symbol).find((o) => o.reduceOnly);
    expect(firstClose?.createType).toBe('CreateByUser');
    const entriesBeforeClose = entriesOf(venue, symbol).filter((o) => o.createdTimeMs <= (firstClose?.createdTimeMs ?? 0));
    expect(entriesBeforeClose).toHaveLength(1);
    second.kill('SIGTERM');
    await once(second, 'exit');
  }, 90_000);
});
