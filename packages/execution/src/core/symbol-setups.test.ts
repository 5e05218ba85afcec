// SymbolSetups against the embedded venue (Jest thread): first orders sent together share one account set-up,
// and a set-up that failed is tried again by the next order instead of being remembered as done.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import type { RunningVenue } from '@scalper/sim-venue';
import { SymbolSetups } from './symbol-setups.js';
import { clientFor, startTestVenue, WatchedHttp } from './test-support/venue-harness.js';

let venue: RunningVenue;

beforeAll(async () => {
  venue = await startTestVenue();
});

afterAll(async () => {
  await venue.close();
});

describe('SymbolSetups', () => {
  it('sets a symbol up once for first orders sent together, and tells onReady once', async () => {
    const http = new WatchedHttp();
    const ready: string[] = [];
    const setups = new SymbolSetups(clientFor(venue, http.send), '3', (symbol) => ready.push(symbol));
    const symbol = toSymbol('ADAUSDT');
    const [a, b] = await Promise.all([setups.prepare(symbol), setups.prepare(symbol)]);
    expect(a).toBe(b);
    expect(a.verifiedLeverage).toBe('3');
    await setups.prepare(symbol);
    expect(http.count('/v5/position/set-leverage')).toBe(1);
    expect(ready).toEqual(['ADAUSDT']);
    expect(setups.symbols()).toEqual(['ADAUSDT']);
  });

  it('forgets a failed set-up, so the next order of the symbol tries again', async () => {
    const http = new WatchedHttp();
    let lost = 0;
    http.loseAnswer = (request) => request.path === '/v5/position/set-leverage' && lost++ === 0;
    const setups = new SymbolSetups(clientFor(venue, http.send), '2');
    const symbol = toSymbol('AVAXUSDT');
    await expect(setups.prepare(symbol)).rejects.toThrow();
    expect(setups.symbols()).toEqual([]);
    const report = await setups.prepare(symbol);
    expect(report.verifiedLeverage).toBe('2');
    expect(http.count('/v5/position/set-leverage')).toBe(2);
  });
});
