// The entry-age watch on the HTTP call (Jest thread): entries are measured as their create goes out, closes and
// other calls are not, and one sent past the maximum age is counted.

import { describe, expect, it } from '@jest/globals';
import type { HttpRequest } from '@scalper/bybit';
import { EntryWireWatch } from './entry-wire-watch.js';

const answer = { status: 200, headers: { get: () => null }, text: '{}' };
const create = (orderLinkId: string): HttpRequest => ({
  method: 'POST',
  url: 'http://127.0.0.1:1/v5/order/create',
  headers: {},
  body: JSON.stringify({ category: 'linear', orderLinkId }),
  timeoutMs: 1_000,
});

describe('EntryWireWatch', () => {
  it('measures each entry at the wire and counts the ones past the maximum age', async () => {
    let now = 10_000;
    const watch = new EntryWireWatch(1_000, () => now);
    const sent: string[] = [];
    const send = watch.wrap(async (call) => {
      sent.push(call.url);
      return answer;
    });
    watch.expect('e-1', 9_700);
    watch.expect('e-2', 8_000);
    await send(create('e-1')); // 300 ms old
    await send(create('close-1')); // not an entry strategy sent: ignored
    await send({ method: 'GET', url: 'http://127.0.0.1:1/v5/position/list', headers: {}, timeoutMs: 1_000 });
    expect(watch.stats()).toEqual({ entryAgeAtWireMaxMs: 300, entriesSentPastMaxAge: 0 });
    now = 10_500;
    await send(create('e-2')); // 2,500 ms old
    expect(watch.stats()).toEqual({ entryAgeAtWireMaxMs: 2_500, entriesSentPastMaxAge: 1 });
    expect(sent).toHaveLength(4);
  });
});

describe('EntryWireWatch entry times', () => {
  it("keeps each entry's trigger receipt, decision, arrival and first trip to the wire, the newest 64", () => {
    let now = 5_000;
    const watch = new EntryWireWatch(1_000, () => now);
    watch.expect('e-1', 4_990, 4_989.5);
    now = 5_000.4;
    watch.onWire('e-1');
    now = 5_100;
    watch.onWire('e-1'); // a resend is not the entry's frame to order
    watch.expect('no-trigger', 5_090);
    watch.onWire('no-trigger');
    expect(watch.entryTimes()).toEqual([{ orderLinkId: 'e-1', triggerRecvMs: 4_989.5, decidedAtMs: 4_990, arrivedAtMs: 5_000, wireAtMs: 5_000.4 }]);
    for (let i = 0; i < 70; i++) {
      watch.expect(`n-${i}`, now, now - 1);
      watch.onWire(`n-${i}`);
    }
    const times = watch.entryTimes();
    expect(times).toHaveLength(64);
    expect(times[0]?.orderLinkId).toBe('n-6');
    expect(times.at(-1)?.orderLinkId).toBe('n-69');
  });
});
