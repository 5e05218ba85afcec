import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { markToMarket } from './strategy-status.js';
import type { SymbolContext } from './symbol-context.js';

const sui = toSymbol('SUIUSDT');
const ctx = { symbol: sui, priceDivisor: 10_000 } as unknown as SymbolContext;

describe('mark to market', () => {
  it('values a long and a short at the last trade, exactly', () => {
    // 3.5250 on the ring scale of 4 decimals; 1000.7 SUI bought at 3.5201: +0.00490 per coin.
    expect(markToMarket('Buy', '1000.7', '3.5201', sui, ctx, 35_250)).toBe('4.90343');
    expect(markToMarket('Sell', '1000.7', '3.5201', sui, ctx, 35_250)).toBe('-4.90343');
  });

  it("has no value without a fresh trade of the position's own symbol", () => {
    expect(markToMarket('Buy', '1', '3.5', sui, ctx, Number.NaN)).toBeNull();
    expect(markToMarket('Buy', '1', '3.5', toSymbol('WIFUSDT'), ctx, 35_250)).toBeNull();
    expect(markToMarket('Buy', '1', '3.5', sui, null, 35_250)).toBeNull();
  });
});
