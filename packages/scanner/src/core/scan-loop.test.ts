// Tests of the scanner runtime (Jest thread): the first scan at once and one per interval on the given clock, a scan
// never overlapping a slow one, decisions handed on, the log level of a ranking, and a failed fetch survived.

import { describe, expect, it } from '@jest/globals';
import { toSymbol, type RuntimeClock } from '@scalper/protocol';
import type { SwitchSymbolPayload } from './scanner-core.js';
import { ScanLoop, type ScanInput } from './scan-loop.js';
import { instrument, ticker } from './test-support/scanner-fixtures.js';

const config = { intervalMs: 60_000, switchThreshold: 1.2, whitelist: [], whitelistBoost: 1.3, minTurnover24hUsd: '10000000' };
const instruments = ['SUIUSDT', 'VIRTUALUSDT'].map((s) => instrument(s));

/** A clock whose repeating task is run by the test. */
function manualClock() {
  const tasks: (() => Promise<void> | void)[] = [];
  let stopped = 0;
  const clock: RuntimeClock = {
    now: () => 1_000,
    sleep: () => Promise.resolve(),
    every: (_periodMs, task) => {
      tasks.push(task);
      return () => void stopped++;
    },
  };
  return { clock, tick: () => Promise.all(tasks.map(async (task) => task())), stopped: () => stopped };
}

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const add = (level: string) => (_fields: object, message: string) => void lines.push({ level, message });
  return { logger: { debug: add('debug'), info: add('info'), error: add('error') }, lines };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const scanOf = (sui: string, virtual: string): ScanInput => ({
  tickers: [ticker('SUIUSDT', sui, '0.1'), ticker('VIRTUALUSDT', virtual, '0.1')],
  refused: 0,
  instruments,
});

describe('ScanLoop', () => {
  it('scans at once, hands the decision on, and logs a ranking with the same leader at debug', async () => {
    const { clock, tick, stopped } = manualClock();
    const { logger, lines } = recordingLogger();
    const decisions: SwitchSymbolPayload[] = [];
    const loop = new ScanLoop(config, {
      clock,
      logger,
      fetch: () => scanOf('15000000000', '1000000000'),
      switchSymbol: (d) => void decisions.push(d),
    });
    loop.start();
    await settle();
    expect(decisions.map((d) => d.symbol)).toEqual(['SUIUSDT']);
    loop.onSwitchCompleted({ symbol: decisions[0]!.symbol, tsEventMs: 1_000 });
    await tick();
    await tick();
    expect(lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      'info scanner results',
      'info new top coin: switching',
      'debug scanner results',
      'debug scanner results',
    ]);
    expect(loop.stats()).toMatchObject({ scans: 3, currentSymbol: 'SUIUSDT', scansSkipped: 0 });
    loop.stop();
    expect(stopped()).toBe(1);
  });

  it('skips a scan while the previous one still waits for the venue, and counts it', async () => {
    const { clock, tick } = manualClock();
    const { logger } = recordingLogger();
    let release: (input: ScanInput) => void = () => undefined;
    let fetches = 0;
    const loop = new ScanLoop(config, {
      clock,
      logger,
      fetch: () => {
        fetches++;
        return new Promise<ScanInput>((resolve) => (release = resolve));
      },
      switchSymbol: () => undefined,
    });
    loop.start();
    await Promise.all([tick(), tick()]);
    expect(fetches).toBe(1);
    expect(loop.stats()['scansSkipped']).toBe(2);
    release(scanOf('15000000000', '1000000000'));
    await settle();
    void tick();
    await settle();
    expect(fetches).toBe(2);
    expect(loop.stats()).toMatchObject({ scans: 1, scansSkipped: 2 });
  });

  it('logs a failed fetch and scans again at the next interval', async () => {
    const { clock, tick } = manualClock();
    const { logger, lines } = recordingLogger();
    let fail = true;
    const loop = new ScanLoop(config, {
      clock,
      logger,
      fetch: () => {
        if (fail) throw new Error('venue down');
        return scanOf('15000000000', '1000000000');
      },
      switchSymbol: () => undefined,
    });
    await loop.scan();
    fail = false;
    await tick();
    await loop.scan();
    expect(lines.map((l) => l.message)).toEqual(['scan failed; next scan at the next interval', 'scanner results', 'new top coin: switching']);
  });

  it("a restarted scanner waits to hear market-data's symbol before its first scan, and keeps it against a challenger below the threshold", async () => {
    const { clock, tick } = manualClock();
    const { logger } = recordingLogger();
    const decisions: SwitchSymbolPayload[] = [];
    let fetches = 0;
    const loop = new ScanLoop(config, {
      clock,
      logger,
      // VIRTUALUSDT leads SUIUSDT, but by less than 1.2x.
      fetch: () => (fetches++, scanOf('11000000000', '12000000000')),
      switchSymbol: (d) => void decisions.push(d),
    });
    let heard: () => void = () => undefined;
    loop.start(new Promise<void>((resolve) => (heard = resolve)));
    await settle();
    // Not even an interval scan before market-data has spoken.
    await tick();
    expect(fetches).toBe(0);
    loop.onMarketDataOn({ symbol: toSymbol('SUIUSDT'), tsEventMs: 1_000 });
    heard();
    await settle();
    expect(fetches).toBe(1);
    expect(decisions).toEqual([]);
    expect(loop.stats()).toMatchObject({ currentSymbol: 'SUIUSDT', scans: 1 });
    // A restarted market-data has no symbol: that does not make the scanner forget the one it asks it to resume.
    loop.onMarketDataOn({ symbol: null, tsEventMs: 1_000 });
    await loop.marketDataReconnected();
    expect(decisions.map((d) => d.symbol)).toEqual(['SUIUSDT']);
    loop.stop();
  });

  it('asks a restarted market-data for the current symbol again, and nothing before there is one', async () => {
    const { clock } = manualClock();
    const { logger } = recordingLogger();
    const decisions: SwitchSymbolPayload[] = [];
    const loop = new ScanLoop(config, {
      clock,
      logger,
      fetch: () => scanOf('15000000000', '1000000000'),
      switchSymbol: (d) => void decisions.push(d),
    });
    await loop.marketDataReconnected();
    expect(decisions).toEqual([]);
    await loop.scan();
    loop.onSwitchCompleted({ symbol: decisions[0]!.symbol, tsEventMs: 1_000 });
    await loop.marketDataReconnected();
    expect(decisions.map((d) => d.symbol)).toEqual(['SUIUSDT', 'SUIUSDT']);
    expect(loop.stats()).toMatchObject({ pendingSymbol: 'SUIUSDT', currentSymbol: 'SUIUSDT' });
  });
});
