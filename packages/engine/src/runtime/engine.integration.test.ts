// The whole engine (four worker_threads) against the embedded venue: the scanner's top coin gets subscribed, a
// momentum burst opens a position with the right side, size and type, a stop closes it, a forced change of the top
// coin hot-swaps the feed on the same socket and closes the position reduce-only, and the venue and the engine
// agree on the position at the end.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '@scalper/logging';
import { paperApiKey } from '@scalper/sim-venue';
import { Writable } from 'node:stream';
import Big from 'big.js';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { noSideServersArgs, quickEntryArgs } from './test-support/test-engine.js';
import { loadConfig } from '../config/load-config.js';
import { runEngine, type RunningEngine } from './engine-runner.js';

let engine: RunningEngine;
const logLines: string[] = [];

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const stats = await engine.supervisor.stats();
      throw new Error(`timed out waiting for ${what}; strategy ${JSON.stringify(stats.strategy)}; execution ${JSON.stringify(stats.execution)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function venuePosition(symbol: string) {
  const venue = engine.venue;
  if (venue === null) throw new Error('no venue');
  return venue.engine.positions(paperApiKey).find((p) => p.symbol === symbol) ?? null;
}

beforeAll(async () => {
  const { config } = loadConfig({
    argv: [
      ...noSideServersArgs,
      ...quickEntryArgs,
      '--risk.cooldownAfterStopMs',
      '60000',
      '--venue.sim.tradesPerSecond',
      '60',
      '--venue.sim.seed',
      '5',
      '--venue.sim.market',
      'calm',
      '--log.level',
      'info',
    ],
    env: {},
    configDir: repositoryConfigDir,
  });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
      callback();
    },
  });
  engine = await runEngine(config, createLogger({ worker: 'main', level: 'info', destination }), {
    statusIntervalMs: 60_000,
    writeStatus: () => undefined,
  });
}, 60_000);

afterAll(async () => {
  await engine?.stop('test over');
}, 60_000);

describe('the engine against the embedded venue', () => {
  let symbol = '';

  it("subscribes the scanner's top coin end to end", async () => {
    symbol = await until(async () => {
      const stats = await engine.supervisor.stats();
      const current = String(stats.scanner['currentSymbol'] ?? '');
      return current !== '' &&
        stats['market-data']['symbol'] === current &&
        stats.strategy['symbol'] === current &&
        Number(stats.strategy['ticks']) > 30
        ? current
        : undefined;
    }, 'the top coin to be subscribed and ticking');
    expect(symbol).toMatch(/USDT$/);
  }, 40_000);

  it('enters long on a momentum burst with a size on the qtyStep grid, as a market order with a stop', async () => {
    const venue = engine.venue!;
    const spec = venue.market.instrument(symbol)!;
    venue.impulse(symbol, 1.5, 1_500, 3);
    const position = await until(async () => {
      const p = venuePosition(symbol);
      return p !== null && p.size.gt(0) ? p : undefined;
    }, 'an entry');
    expect(position.side).toBe('Buy');
    const steps = new Big(position.size).div(spec.qtyStep);
    expect(steps.eq(steps.round(0, Big.roundDown))).toBe(true);
    const notional = position.size.times(position.avgPrice);
    const history = venue.engine
      .orderHistory(paperApiKey, symbol)
      .map((o) => `${o.orderLinkId} ${o.side} ${o.qty} ${o.status}`)
      .join('; ');
    // Sized as 200 USDT at the mid it saw; during a 1.5 %-a-second pump the market fill lands a little above it.
    expect(`${position.size} @ ${position.avgPrice} [${history}] = ${notional.toFixed(2)}`).toMatch(/= (1\d\d|20[0-5])\.\d\d$/);
    const entries = venue.engine.orderHistory(paperApiKey, symbol).filter((o) => !o.reduceOnly);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.orderType).toBe('Market');
    expect(entries[0]?.stopLoss?.gt(0)).toBe(true);
  }, 60_000);

  it('hot-swaps to a forced new top coin on the same socket and closes the open position reduce-only', async () => {
    const venue = engine.venue!;
    expect(venuePosition(symbol)?.size.gt(0)).toBe(true);
    const before = await engine.supervisor.stats();
    // The busiest other coin: it clears the turnover floor, and a pump with volume makes it the clear top.
    const byTurnover = venue.market
      .tickers(Date.now())
      .filter((t) => t.symbol !== symbol)
      .sort((a, b) => Number(b.turnover24h) - Number(a.turnover24h));
    const next = byTurnover[0]!.symbol;
    venue.impulse(next, 20, 4_000, 2_000);
    await until(async () => ((await engine.supervisor.stats())['market-data']['symbol'] === next ? true : undefined), `the switch to ${next}`);
    await until(async () => (venuePosition(symbol)?.size.eq(0) ? true : undefined), 'the old position to be closed');
    const closes = venue.engine.orderHistory(paperApiKey, symbol).filter((o) => o.reduceOnly);
    expect(closes.length).toBeGreaterThanOrEqual(1);
    expect(closes.every((o) => o.orderType === 'Market')).toBe(true);
    const after = await engine.supervisor.stats();
    expect(after['market-data']['reconnects'] ?? 0).toBe(before['market-data']['reconnects'] ?? 0);
    expect(venue.stats().publicSockets).toBe(1);
    symbol = next;
  }, 60_000);

  it('closes a position when its stop is hit', async () => {
    const venue = engine.venue!;
    await until(
      async () =>
        (await engine.supervisor.stats()).strategy['symbol'] === symbol && Number((await engine.supervisor.stats()).strategy['ticks']) > 0
          ? true
          : undefined,
      'ticks of the new symbol',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // let the window fill with the new symbol's trades
    venue.impulse(symbol, 1.5, 1_500, 3);
    await until(async () => (venuePosition(symbol)?.size.gt(0) ? true : undefined), 'an entry on the new symbol');
    const held = venuePosition(symbol)!;
    const spec = venue.market.instrument(symbol)!;
    const bid = (venue.market.bestBid(symbol)?.priceRaw ?? 0) / 10 ** spec.priceDecimals;
    const stop = Number(held.stopLoss ?? held.avgPrice.times(0.995));
    // The entry may have come from the earlier pump at a lower price: drop far enough to cross its stop.
    venue.impulse(symbol, -(((bid - stop) / bid) * 100 + 1.5), 1_000, 2);
    await until(
      async () => (venuePosition(symbol)?.size.eq(0) ? true : undefined),
      `the stop to close the position (entry ${held.avgPrice} stop ${held.stopLoss} last ${venue.market.bestBid(symbol)?.priceRaw})`,
    );
    // Closed by the venue's stop order or by strategy's own stop check on the book, whichever saw the cross first;
    // either way reduce-only, never a new position the other way.
    const closes = venue.engine.orderHistory(paperApiKey, symbol).filter((o) => o.reduceOnly || o.createType === 'CreateByStopLoss');
    expect(closes.length).toBeGreaterThanOrEqual(1);
    expect(venuePosition(symbol)?.side ?? 'None').not.toBe('Sell');
  }, 60_000);

  it("ends with the venue's position equal to the engine's", async () => {
    await until(async () => {
      const stats = await engine.supervisor.stats();
      const open = engine.venue!.engine.positions(paperApiKey).filter((p) => p.size.gt(0));
      const engineSize = String(stats.execution['positionSize']);
      const venueSize = open[0]?.size.toString() ?? '0';
      return new Big(engineSize).eq(venueSize) ? true : undefined;
    }, 'engine and venue positions to agree');
  }, 30_000);

  it("counts the session's round trips from its own fills: fees and net PnL agree with the venue to the last digit", async () => {
    const venue = engine.venue!;
    const fees = venue.engine.executions(paperApiKey).reduce((sum, e) => sum.plus(e.execFee), new Big(0));
    const wallet = venue.engine.wallet(paperApiKey);
    const session = await until(async () => {
      const stats = (await engine.supervisor.stats()).execution;
      return stats['sessionOpenTrips'] === 0 && new Big(String(stats['sessionFees'])).eq(fees) ? stats : undefined;
    }, `the session's fees to reach the venue's ${fees.toFixed()}`);
    // Two trips: the first closed by the switch, the second by a stop (strategy's own check or the venue's order).
    expect(session['sessionEntries']).toBe(2);
    expect(session['sessionTrips']).toBe(2);
    expect(session['sessionExits_symbol-changed']).toBe(1);
    expect(Number(session['sessionExits_stop-loss'] ?? 0) + Number(session['sessionExits_venue-stop'] ?? 0)).toBe(1);
    expect(Number(session['sessionWins']) + Number(session['sessionLosses'])).toBe(2);
    expect(new Big(String(session['sessionNetPnl'])).eq(wallet.cumRealisedPnl)).toBe(true);
  }, 30_000);
});
