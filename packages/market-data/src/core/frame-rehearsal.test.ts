// FrameRehearsal (Jest thread): its scratch core takes the symbol once, and its scratch ring is emptied after each
// rehearsed frame. The runtime's tests take rehearsed frames through the real frame path.

import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { FrameRehearsal } from './frame-rehearsal.js';
import { scaleFromInstruments } from './instrument-scale.js';
import { documentedInstruments, tradeFrame } from './test-support/market-data-fixtures.js';

const btc = toSymbol('BTCUSDT');

function btcScale() {
  const scale = scaleFromInstruments(documentedInstruments, btc);
  if (!scale.ok) throw new Error(scale.reason);
  return scale.value;
}

describe('FrameRehearsal', () => {
  it('sets its scratch core to the symbol once, and drains what a frame wrote to the scratch ring', () => {
    const rehearsal = new FrameRehearsal();
    const scale = btcScale();
    const core = rehearsal.coreFor(scale, 1_000);
    expect(rehearsal.coreFor(scale, 1_001)).toBe(core);
    expect(core.onFrame(tradeFrame('BTCUSDT', [{}, { i: 'second', p: '16579.00' }]), 1_999).ringWrites).toBe(2);
    expect(rehearsal.drainScratch()).toBe(2);
    expect(rehearsal.drainScratch()).toBe(0);
  });
});
