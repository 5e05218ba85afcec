// Tests of the trade ledger that backtests and the live session share (Jest thread): round trips with exact decimal
// PnL, fees, equity, exposure.

import { describe, expect, it } from '@jest/globals';
import type { Side } from '@scalper/protocol';
import type { FillRecord } from './trade-records.js';
import { TradeLedger } from './trade-ledger.js';

let n = 0;
function fill(symbol: string, side: Side, qty: string, price: string, fee = '0', tsMs = 0): FillRecord {
  n++;
  return { tsMs, symbol, side, price, qty, fee, isMaker: fee.startsWith('-'), orderLinkId: `l${n}` };
}

describe('TradeLedger', () => {
  it('records a long round trip with exact decimal PnL, a taker fee and a maker rebate', () => {
    const ledger = new TradeLedger('1000');
    ledger.onFill(fill('BTCUSDT', 'Buy', '0.1', '30000.1', '1.800006', 1_000));
    ledger.onFill(fill('BTCUSDT', 'Sell', '0.1', '30010.3', '-0.600206', 4_000));
    // gross (30010.3 - 30000.1) * 0.1 = 1.02; fees 1.800006 - 0.600206 = 1.1998; net -0.1798
    expect(ledger.roundTrips).toEqual([
      {
        symbol: 'BTCUSDT',
        side: 'Buy',
        qty: '0.1',
        entryTsMs: 1_000,
        exitTsMs: 4_000,
        entryPrice: '30000.1',
        exitPrice: '30010.3',
        grossPnl: '1.02',
        fees: '1.1998',
        netPnl: '-0.1798',
        exitReason: 'venue-stop',
      },
    ]);
    expect(ledger.realisedNet.toFixed()).toBe('-0.1798');
    expect(ledger.totalFees.toFixed()).toBe('1.1998');
    expect(ledger.equityNow().toFixed()).toBe('999.8202');
  });

  it('records a short round trip where binary floats would not be exact', () => {
    const ledger = new TradeLedger('100');
    ledger.onFill(fill('XRPUSDT', 'Sell', '3', '0.7', '0.00126'));
    ledger.onCloseRequested('XRPUSDT', 'take-profit');
    ledger.onFill(fill('XRPUSDT', 'Buy', '3', '0.6', '0.00108'));
    const [trip] = ledger.roundTrips;
    expect(trip?.side).toBe('Sell');
    expect(trip?.grossPnl).toBe('0.3'); // 0.7 * 3 - 0.6 * 3 in binary floats is 0.30000000000000004
    expect(trip?.fees).toBe('0.00234');
    expect(trip?.netPnl).toBe('0.29766');
    expect(trip?.exitReason).toBe('take-profit');
  });

  it('adds at a weighted average, closes in parts, and records the trip only when flat', () => {
    const ledger = new TradeLedger('1000');
    ledger.onFill(fill('ETHUSDT', 'Buy', '1', '100', '0', 0));
    ledger.onFill(fill('ETHUSDT', 'Buy', '2', '101', '0', 10)); // average 100.666...
    ledger.onFill(fill('ETHUSDT', 'Sell', '1', '102', '0', 20));
    expect(ledger.roundTrips).toHaveLength(0);
    expect(ledger.openPositions()[0]?.qty).toBe('2');
    ledger.onFill(fill('ETHUSDT', 'Sell', '2', '103', '0', 30));
    const [trip] = ledger.roundTrips;
    // Exits 102 + 206 = 308 against entries 100 + 202 = 302: exactly 6 despite the repeating average.
    expect(trip?.grossPnl).toBe('6');
    expect(trip?.qty).toBe('3');
    expect(trip?.entryPrice).toBe('100.6666666667');
    expect(trip?.exitPrice).toBe('102.6666666667');
    expect(trip?.entryTsMs).toBe(0);
    expect(trip?.exitTsMs).toBe(30);
    expect(ledger.openPositions()).toEqual([]);
  });

  it('keeps the largest size held as the trip quantity when the position shrinks and grows again', () => {
    const ledger = new TradeLedger('1000');
    ledger.onFill(fill('ETHUSDT', 'Buy', '2', '100'));
    ledger.onFill(fill('ETHUSDT', 'Sell', '1.5', '110')); // +15
    ledger.onFill(fill('ETHUSDT', 'Buy', '1', '105'));
    ledger.onFill(fill('ETHUSDT', 'Sell', '1.5', '90')); // remaining cost 50 + 105 = 155 for 1.5: 135 - 155 = -20
    const [trip] = ledger.roundTrips;
    expect(trip?.qty).toBe('2');
    expect(trip?.grossPnl).toBe('-5');
    expect(trip?.entryPrice).toBe('101.6666666667'); // (200 + 105) / 3
    expect(trip?.exitPrice).toBe('100'); // (165 + 135) / 3
  });

  it('flips on a fill larger than the position, sharing the fill fee by volume', () => {
    const ledger = new TradeLedger('1000');
    ledger.onFill(fill('SOLUSDT', 'Sell', '2', '50', '0.06', 100));
    ledger.onFill(fill('SOLUSDT', 'Buy', '3', '40', '0.072', 200)); // +20 on the short, long 1 at 40
    expect(ledger.roundTrips).toHaveLength(1);
    expect(ledger.roundTrips[0]).toMatchObject({ side: 'Sell', qty: '2', grossPnl: '20', fees: '0.108', netPnl: '19.892' });
    expect(ledger.openPositions()[0]).toMatchObject({ side: 'Buy', qty: '1', entryPrice: '40', entryTsMs: 200, fees: '0.024' });
    ledger.onFill(fill('SOLUSDT', 'Sell', '1', '45', '0', 300));
    expect(ledger.roundTrips[1]).toMatchObject({
      side: 'Buy',
      qty: '1',
      entryTsMs: 200,
      exitTsMs: 300,
      grossPnl: '5',
      fees: '0.024',
      netPnl: '4.976',
    });
    expect(ledger.totalFees.toFixed()).toBe('0.132');
    expect(ledger.realisedNet.toFixed()).toBe('24.868');
  });

  it('names a trip venue-stop without a close request, and ignores a request made while flat', () => {
    const ledger = new TradeLedger('1000');
    ledger.onCloseRequested('BTCUSDT', 'stale');
    ledger.onFill(fill('BTCUSDT', 'Buy', '1', '100'));
    ledger.onFill(fill('BTCUSDT', 'Sell', '1', '99'));
    ledger.onFill(fill('BTCUSDT', 'Buy', '1', '100'));
    ledger.onCloseRequested('BTCUSDT', 'time-stop');
    ledger.onCloseRequested('BTCUSDT', 'retry');
    ledger.onFill(fill('BTCUSDT', 'Sell', '0.5', '101'));
    ledger.onFill(fill('BTCUSDT', 'Sell', '0.5', '101'));
    expect(ledger.roundTrips.map((t) => t.exitReason)).toEqual(['venue-stop', 'time-stop']);
  });

  it('samples equity at most once per interval, valued at the last trade prices', () => {
    const ledger = new TradeLedger('1000', { equitySampleMs: 1000 });
    ledger.onFill(fill('BTCUSDT', 'Buy', '1', '100', '0.06', 0));
    ledger.onTrade('BTCUSDT', 0, 100);
    ledger.onTrade('ETHUSDT', 500, 3000);
    ledger.onTrade('BTCUSDT', 999, 101);
    ledger.onTrade('BTCUSDT', 1000, 105);
    ledger.onTrade('BTCUSDT', 1500, 90);
    ledger.onTrade('BTCUSDT', 2100, 98);
    expect(ledger.equity).toEqual([
      { tsMs: 0, equity: 999.94 },
      { tsMs: 1000, equity: 1004.94 },
      { tsMs: 2100, equity: 997.94 },
    ]);
    ledger.onTrade('BTCUSDT', 2500, 110);
    ledger.finish(2600);
    expect(ledger.equity[3]).toEqual({ tsMs: 2600, equity: 1009.94 });
    expect(ledger.equityNow().toFixed()).toBe('1009.94');
    expect(ledger.openPositions()[0]).toMatchObject({ symbol: 'BTCUSDT', unrealisedPnl: '10', lastPrice: 110 });
    expect(ledger.roundTrips).toHaveLength(0);
  });

  it('values a position that has not traded yet at its fill price', () => {
    const ledger = new TradeLedger('500');
    ledger.onFill(fill('DOGEUSDT', 'Sell', '1000', '0.1234', '0.07404', 0));
    ledger.finish(10);
    expect(ledger.equity).toEqual([{ tsMs: 10, equity: 499.92596 }]);
  });

  it('counts exposure as the time with any position open, including one still open at the end', () => {
    const ledger = new TradeLedger('1000');
    ledger.onFill(fill('BTCUSDT', 'Buy', '1', '100', '0', 1_000));
    ledger.onFill(fill('ETHUSDT', 'Sell', '1', '10', '0', 2_000));
    ledger.onFill(fill('BTCUSDT', 'Sell', '1', '100', '0', 3_000));
    ledger.onFill(fill('ETHUSDT', 'Buy', '1', '10', '0', 5_000));
    expect(ledger.exposureMs).toBe(4_000);
    ledger.onFill(fill('BTCUSDT', 'Buy', '1', '100', '0', 7_000));
    ledger.finish(10_000);
    expect(ledger.exposureMs).toBe(7_000);
    expect(ledger.exposureIntervals).toEqual([
      { startMs: 1_000, endMs: 5_000 },
      { startMs: 7_000, endMs: 10_000 },
    ]);
    expect(ledger.fills).toHaveLength(5);
  });
});
