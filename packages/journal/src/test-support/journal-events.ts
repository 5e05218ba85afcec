// Test support (Jest thread): journal events of one BTCUSDT trade, with the fields a test cares about overridden.

import type { JournalFill, JournalRoundTrip } from '@scalper/protocol';

/** A long BTCUSDT round trip closed at `closedAtMs`, opened 4 s before; take-profit, 0.05 USDT of fees unless told. */
export function roundTripEvent(closedAtMs: number, netPnl: string, fields: Partial<Omit<JournalRoundTrip, 'type'>> = {}): JournalRoundTrip {
  return {
    type: 'RoundTrip',
    symbol: 'BTCUSDT',
    side: 'Buy',
    qty: '0.002',
    entryPrice: '97000.1',
    exitPrice: '97100.1',
    openedAtMs: closedAtMs - 4_000,
    closedAtMs,
    exitReason: 'take-profit',
    grossPnl: '0.2',
    fees: '0.05',
    netPnl,
    ...fields,
  } as JournalRoundTrip;
}

/** A taker buy of 0.002 BTCUSDT. */
export function fillEvent(execId: string, tsMs: number): JournalFill {
  return {
    type: 'Fill',
    tsMs,
    execId,
    orderId: 'o1',
    orderLinkId: 'l1',
    symbol: 'BTCUSDT',
    side: 'Buy',
    price: '97000.1',
    qty: '0.002',
    fee: '0.1067',
    isMaker: false,
  } as JournalFill;
}
