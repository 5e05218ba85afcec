// FrameRehearsal (Jest thread): the last trade frame runs through classify, scale and ring write into its own
// scratch ring, as often as asked (the runtime's tests show the real ring never sees it).

import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { FrameRehearsal } from './frame-rehearsal.js';
import { scaleFromInstruments } from './instrument-scale.js';
import { documentedInstruments, tradeFrameText } from './test-support/market-data-fixtures.js';

const btc = toSymbol('BTCUSDT');

function btcScale() {
  const scale = scaleFromInstruments(documentedInstruments, btc);
  if (!scale.ok) throw new Error(scale.reason);
  return scale.value;
}

describe('FrameRehearsal', () => {
  it('has nothing to rehearse before the first real trade frame', () => {
    expect(new FrameRehearsal().run(1_000)).toBe(0);
  });

  it("writes the last frame's trades to its scratch ring on every run, however many runs", () => {
    const rehearsal = new FrameRehearsal();
    rehearsal.noteTradeFrame(tradeFrameText('BTCUSDT', [{}, { i: 'second', p: '16579.00' }]), btcScale(), 3);
    // 1,000 runs of 2 trades through a 256-slot scratch ring: drained each time, so none is refused or dropped.
    for (let i = 0; i < 1_000; i++) expect(rehearsal.run(2_000 + i)).toBe(2);
    rehearsal.noteTradeFrame(tradeFrameText('BTCUSDT', [{ p: '16580.00' }]), btcScale(), 3);
    expect(rehearsal.run(3_000)).toBe(1);
  });

  it('writes nothing for a frame whose trades do not fit the scale (the same refusal as the real path)', () => {
    const rehearsal = new FrameRehearsal();
    rehearsal.noteTradeFrame(tradeFrameText('BTCUSDT', [{ p: '16578.555' }]), btcScale(), 1);
    expect(rehearsal.run(1_000)).toBe(0);
  });
});
