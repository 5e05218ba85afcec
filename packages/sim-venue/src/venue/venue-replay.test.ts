// The venue replaying a recording, seen through the adapter's WebSocket client.

import { describe, expect, it } from '@jest/globals';
import { BybitWsConnection, parseWsTrade, type WsDataFrame } from '@scalper/bybit';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVenue } from './start-venue.js';

describe('a venue replaying recorded frames', () => {
  it('streams the recorded trades, restamped to now, to a subscriber', async () => {
    const start = 1_700_000_000_000;
    const lines = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({
        topic: 'publicTrade.BTCUSDT',
        type: 'snapshot',
        ts: start + i,
        data: [
          { T: start + i, s: 'BTCUSDT', S: i % 2 === 0 ? 'Buy' : 'Sell', v: '0.001', p: `${60000 + i}.50`, L: 'PlusTick', i: `rec-${i}`, BT: false },
        ],
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'venue-replay-'));
    const file = join(dir, 'trades.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const venue = await startVenue({ replay: { file, speed: 0.05 } });
    const frames: WsDataFrame[] = [];
    const ws = new BybitWsConnection({ url: venue.wsPublicUrl, name: 'replay' }, { onFrame: (frame) => frames.push(frame) });
    await ws.connect();
    await ws.subscribe(['publicTrade.BTCUSDT']);
    const deadline = Date.now() + 5_000;
    const trades = () => frames.flatMap((f) => (f.kind === 'trade' ? f.data : [])).map((item) => parseWsTrade(item));
    while (trades().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const received = trades();
    expect(received.length).toBeGreaterThanOrEqual(3);
    for (const outcome of received) {
      expect(outcome.ok).toBe(true);
      if (outcome.ok) {
        expect(outcome.value.tradeId).toMatch(/^rec-\d+$/);
        expect(outcome.value.price).toBe(`${60000 + Number(outcome.value.tradeId.slice(4))}.50`);
        expect(Math.abs(outcome.value.tsEventMs - Date.now())).toBeLessThan(2_000);
      }
    }
    await ws.close();
    await venue.close();
  });
});
