import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { applyFillToPosition, flatPosition, unrealisedPnl } from './position.js';
import type { Side, VenuePosition } from './trading-types.js';

const kTaker = new Big('0.00055');
const flat = flatPosition('BTCUSDT', { priceDecimals: 1, sizeDecimals: 3 }, new Big(10), 0);

function fill(position: VenuePosition, side: Side, qty: string, price: string, stopLoss: string | null = null) {
  return applyFillToPosition(position, {
    side,
    qty: new Big(qty),
    price: new Big(price),
    feeRate: kTaker,
    stopLoss: stopLoss === null ? null : new Big(stopLoss),
    nowMs: 1,
    seq: 1,
  });
}

describe('one-way position arithmetic', () => {
  it('opens at the fill price with the opening fee as negative realised PnL', () => {
    const { position, fee, closedSize } = fill(flat, 'Buy', '2', '100');
    expect([position.side, position.size.toFixed(), position.avgPrice.toFixed()]).toEqual(['Buy', '2', '100']);
    expect([fee.toFixed(), position.curRealisedPnl.toFixed(), closedSize.toFixed()]).toEqual(['0.11', '-0.11', '0']);
  });

  it('keeps the stop of the holding when a fill without one adds to it', () => {
    const opened = fill(flat, 'Sell', '1', '100', '105').position;
    expect(fill(opened, 'Sell', '1', '101').position.stopLoss?.toFixed()).toBe('105');
  });

  it("splits a flip's fee exactly between the closed and the opened holding", () => {
    const opened = fill(flat, 'Buy', '1', '100').position;
    const { position, fee, realisedPnl, closedSize } = fill(opened, 'Sell', '3', '90');
    expect([closedSize.toFixed(), realisedPnl.toFixed(), fee.toFixed()]).toEqual(['1', '-10', '0.1485']);
    // New short of 2 at 90: its own realised PnL is its share of the fee, 2 × 90 × 0.00055.
    expect(position.curRealisedPnl.toFixed()).toBe('-0.099');
    // Across both holdings every fee and PnL is counted once: -0.055 - 10 - 0.1485.
    expect(position.cumRealisedPnl.toFixed()).toBe('-10.2035');
  });

  it('values unrealised PnL at the mark, zero before any mark', () => {
    const short = fill(flat, 'Sell', '2', '100').position;
    expect(unrealisedPnl(short, new Big('97.5')).toFixed()).toBe('5');
    expect(unrealisedPnl(short, null).toFixed()).toBe('0');
  });
});
