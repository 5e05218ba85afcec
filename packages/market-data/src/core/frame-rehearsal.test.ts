// FrameRehearsal (Jest thread): a rehearsed trade frame goes through a scratch core into its own scratch ring,
// as often as asked (the runtime's tests show the real ring never sees it).

import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { FrameRehearsal } from './frame-rehearsal.js';
import { scaleFromInstruments } from './instrument-scale.js';
import { documentedInstruments, tradeFrame } from './test-support/market-data-fixtures.js';

const btc = toSymbol('BTCUSDT');
const now = (): number => 2_000;

function btcScale() {
  const scale = scaleFromInstruments(documentedInstruments, btc);
  if (!scale.ok) throw new Error(scale.reason);
  return scale.value;
}

describe('FrameRehearsal', () => {
  it('writes nothing before it knows the symbol', () => {
    expect(new FrameRehearsal().run(tradeFrame('BTCUSDT', [{}]), 1_000, now)).toBe(0);
  });

  it("writes the frame's trades to its scratch ring on every run, however many runs", () => {
    const rehearsal = new FrameRehearsal();
    rehearsal.setSymbol(btcScale(), 1_000);
    const frame = tradeFrame('BTCUSDT', [{}, { i: 'second', p: '16579.00' }]);
    // 1,000 runs of 2 trades through a 256-slot scratch ring: drained each time, so none is refused or dropped.
    for (let i = 0; i < 1_000; i++) expect(rehearsal.run(frame, 1_999, now)).toBe(2);
  });

  it("takes the real path's refusals: a price off the tick grid, another symbol", () => {
    const rehearsal = new FrameRehearsal();
    rehearsal.setSymbol(btcScale(), 1_000);
    expect(rehearsal.run(tradeFrame('BTCUSDT', [{ p: '16578.555' }]), 1_999, now)).toBe(0);
    expect(rehearsal.run(tradeFrame('ETHUSDT', [{}]), 1_999, now)).toBe(0);
    expect(rehearsal.run(tradeFrame('BTCUSDT', [{}]), 1_999, now)).toBe(1);
  });
});
