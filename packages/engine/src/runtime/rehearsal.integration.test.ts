// The hot paths' rehearsals in a running engine (ring.warmEveryMs): while the permit holds (ring.consumerWait spin
// holds it for the whole run), market-data, strategy and execution each rehearse while idle, and the engine trades
// as it does without them: an impulse's entry and its time exit reach the venue once each, and it ends flat.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { paperApiKey } from '@scalper/sim-venue';
import type { RunningEngine } from './engine-runner.js';
import { calmSimArgs, noSideServersArgs, quickTradeArgs, startQuietEngine, tickingSymbol, withOption } from './test-support/test-engine.js';
import { until } from './test-support/until.js';

let engine: RunningEngine;
let symbol = '';

// Short spins (2 ms): enough for strategy to rehearse between trades without holding a core for the whole test.
const spinning = withOption(
  withOption([...noSideServersArgs, ...quickTradeArgs, ...calmSimArgs], 'ring.consumerWait', 'spin'),
  'ring.spinMicros',
  '2000',
);

beforeAll(async () => {
  engine = await startQuietEngine(spinning);
  symbol = await tickingSymbol(engine);
}, 60_000);

afterAll(async () => {
  await engine?.stop('test over');
}, 60_000);

async function rehearsals(): Promise<[number, number, number]> {
  const stats = await engine.supervisor.stats();
  return [Number(stats['market-data']['rehearsals']), Number(stats.strategy['rehearsals']), Number(stats.execution['rehearsals'])];
}

describe('rehearsals in the running engine', () => {
  it('run in market-data, strategy and execution while idle, and the engine still trades once per signal', async () => {
    await until(async () => ((await rehearsals()).every((count) => count > 10) ? true : undefined), 'all three threads to rehearse');
    const venue = engine.venue!;
    venue.impulse(symbol, 1.5, 1_500, 3);
    await until(async () => (Number((await engine.supervisor.stats()).strategy['entries']) > 0 ? true : undefined), 'an entry');
    await until(async () => {
      const position = venue.engine.positions(paperApiKey).find((p) => p.symbol === symbol);
      const phase = String((await engine.supervisor.stats()).strategy['phase']);
      return (position === undefined || position.size.eq(0)) && phase === 'flat' ? true : undefined;
    }, 'the position closed again');
    const history = venue.engine.orderHistory(paperApiKey, symbol);
    const ids = history.map((o) => o.orderLinkId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(history.filter((o) => !o.reduceOnly)).toHaveLength(Number((await engine.supervisor.stats()).strategy['entries']));
    // Nothing rehearsed reached the venue: every order there is one strategy decided.
    expect(ids.every((id) => !id.includes('warmup') && !id.includes('rehearsal'))).toBe(true);
    const before = await rehearsals();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await rehearsals();
    expect(after.map((count, i) => count > (before[i] as number))).toEqual([true, true, true]);
  }, 120_000);
});
