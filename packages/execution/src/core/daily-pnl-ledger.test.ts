import { describe, expect, it } from '@jest/globals';
import { toDecimalString as d, toSymbol, type Fill, type Position } from '@scalper/protocol';
import { DailyPnlLedger } from './daily-pnl-ledger.js';

const btc = toSymbol('BTCUSDT');
const day0 = Date.UTC(2026, 10, 25, 10);
let n = 0;
function fill(side: 'Buy' | 'Sell', qty: string, price: string, fee = '0', tsEventMs = day0): Fill {
  n++;
  return {
    execId: `e${n}`,
    orderId: `o${n}`,
    orderLinkId: `l${n}`,
    symbol: btc,
    side,
    price: d(price),
    qty: d(qty),
    fee: d(fee),
    isMaker: false,
    tsEventMs,
  };
}

describe('DailyPnlLedger', () => {
  it('realises a long closed in two parts against the average entry, net of fees', () => {
    const ledger = new DailyPnlLedger();
    ledger.onFill(fill('Buy', '1', '100', '0.06'));
    ledger.onFill(fill('Buy', '1', '110', '0.066')); // average 105
    ledger.onFill(fill('Sell', '0.5', '120', '0.036')); // +7.5
    ledger.onFill(fill('Sell', '1.5', '100', '0.09')); // -7.5
    expect(ledger.realisedToday(day0).toFixed(3)).toBe('-0.252');
    expect(ledger.feesToday(day0).toFixed(3)).toBe('0.252');
  });

  it('realises a short, and a fill larger than the position flips it at the fill price', () => {
    const ledger = new DailyPnlLedger();
    ledger.onFill(fill('Sell', '2', '50'));
    ledger.onFill(fill('Buy', '3', '40')); // +20 on the short, then long 1 at 40
    ledger.onFill(fill('Sell', '1', '45')); // +5 on the long
    expect(ledger.realisedToday(day0).toFixed(2)).toBe('25.00');
  });

  it('starts each UTC day at zero, and counts a late fill of yesterday towards today', () => {
    const ledger = new DailyPnlLedger();
    ledger.onFill(fill('Buy', '1', '100'));
    ledger.onFill(fill('Sell', '1', '90'));
    expect(ledger.realisedToday(day0).toFixed(2)).toBe('-10.00');
    const nextDay = day0 + 86_400_000;
    expect(ledger.realisedToday(nextDay).toFixed(2)).toBe('0.00');
    ledger.onFill(fill('Buy', '1', '100', '0', nextDay));
    ledger.onFill(fill('Sell', '1', '101', '0', day0));
    expect(ledger.realisedToday(nextDay).toFixed(2)).toBe('1.00');
  });

  it('seeds a position found open at start, so its close realises against the venue average', () => {
    const ledger = new DailyPnlLedger();
    const position: Position = {
      symbol: btc,
      side: 'Sell',
      size: d('2'),
      avgEntryPrice: d('200'),
      unrealisedPnl: d('0'),
      realisedPnl: d('0'),
      stopLoss: null,
      tsEventMs: day0,
    };
    ledger.seed(position);
    ledger.seed({ ...position, avgEntryPrice: d('1') }); // a known symbol is left to the fills
    ledger.onFill(fill('Buy', '2', '190'));
    expect(ledger.realisedToday(day0).toFixed(2)).toBe('20.00');
  });
});
