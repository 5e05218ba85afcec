// The engine's order creates over the embedded venue's WebSocket trade API, with the trade service going down
// mid-run: creates go over REST while it is down and back over the trade API once it is up, and every entry strategy
// sent is at the venue exactly once (none lost, none doubled), with the engine and the venue flat at the end.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { paperApiKey } from '@scalper/sim-venue';
import type { RunningEngine } from './engine-runner.js';
import { calmSimArgs, noSideServersArgs, quickTradeArgs, startQuietEngine, tickingSymbol } from './test-support/test-engine.js';
import { until } from './test-support/until.js';

let engine: RunningEngine;
let symbol = '';

beforeAll(async () => {
  engine = await startQuietEngine([...noSideServersArgs, ...quickTradeArgs, ...calmSimArgs, '--risk.cooldownAfterStopMs', '500']);
  symbol = await tickingSymbol(engine);
}, 60_000);

afterAll(async () => {
  await engine?.stop('test over');
}, 60_000);

async function execution(): Promise<Record<string, number | string>> {
  return (await engine.supervisor.stats()).execution as Record<string, number | string>;
}

/** An impulse, then the entry it makes and its 2 s time exit: resolves once the position is flat again. */
async function roundTrip(entriesBefore: number): Promise<void> {
  const venue = engine.venue!;
  venue.impulse(symbol, 1.5, 1_500, 3);
  await until(async () => (Number((await engine.supervisor.stats()).strategy['entries']) > entriesBefore ? true : undefined), 'an entry');
  await until(async () => {
    const position = venue.engine.positions(paperApiKey).find((p) => p.symbol === symbol);
    const phase = String((await engine.supervisor.stats()).strategy['phase']);
    return (position === undefined || position.size.eq(0)) && phase === 'flat' ? true : undefined;
  }, 'the position closed again');
}

describe('orders over the WebSocket trade API', () => {
  it('sends creates over the trade API, falls back to REST while it is down, and goes back to it, none lost or doubled', async () => {
    await until(async () => ((await execution())['tradeSocket'] === 'open' ? true : undefined), 'the trade socket to open');
    await roundTrip(0);
    const first = await execution();
    expect(Number(first['createsViaWebSocket'])).toBeGreaterThanOrEqual(2);
    expect(Number(first['createsViaRest'])).toBe(0);

    engine.venue!.setFault('tradeDownSec=8');
    await until(async () => ((await execution())['tradeSocket'] !== 'open' ? true : undefined), 'the trade socket to drop');
    await roundTrip(1);
    const down = await execution();
    expect(Number(down['createsViaRest'])).toBeGreaterThanOrEqual(2);

    await until(async () => ((await execution())['tradeSocket'] === 'open' ? true : undefined), 'the trade socket to reopen', 30_000);
    const viaSocketBefore = Number((await execution())['createsViaWebSocket']);
    await roundTrip(2);
    expect(Number((await execution())['createsViaWebSocket'])).toBeGreaterThan(viaSocketBefore);

    // Every entry strategy sent reached the venue once: no orderLinkId twice, as many entries as strategy made.
    const history = engine.venue!.engine.orderHistory(paperApiKey, symbol);
    const ids = history.map((o) => o.orderLinkId);
    expect(new Set(ids).size).toBe(ids.length);
    const strategy = (await engine.supervisor.stats()).strategy;
    expect(history.filter((o) => !o.reduceOnly)).toHaveLength(Number(strategy['entries']));
    expect(engine.venue!.engine.positions(paperApiKey).filter((p) => p.size.gt(0))).toEqual([]);
  }, 120_000);
});
