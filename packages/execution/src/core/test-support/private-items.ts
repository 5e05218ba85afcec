// Test support (Jest thread): private-stream frames shaped like Bybit's documented order, execution and position
// items (packages/bybit/fixtures), with the fields a test cares about overridden.

import type { PrivateFrame } from '@scalper/bybit';

export function orderItem(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'linear',
    symbol: 'BTCUSDT',
    orderId: 'o-1',
    orderLinkId: 'link-1',
    side: 'Buy',
    orderType: 'Limit',
    price: '95000.0',
    qty: '0.010',
    timeInForce: 'GTC',
    orderStatus: 'New',
    cumExecQty: '0',
    avgPrice: '0',
    rejectReason: 'EC_NoError',
    createdTime: '1746270400000',
    updatedTime: '1746270400000',
    positionIdx: 0,
    ...fields,
  };
}

export function executionItem(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'linear',
    symbol: 'BTCUSDT',
    execId: 'e-1',
    orderId: 'o-1',
    orderLinkId: 'link-1',
    side: 'Buy',
    execPrice: '95000.0',
    execQty: '0.010',
    execFee: '0.5225',
    execType: 'Trade',
    isMaker: false,
    execTime: '1746270400353',
    ...fields,
  };
}

export function positionItem(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'linear',
    symbol: 'BTCUSDT',
    positionIdx: 0,
    side: 'Buy',
    size: '0.010',
    entryPrice: '95000.0',
    leverage: '10',
    unrealisedPnl: '0',
    curRealisedPnl: '-0.5225',
    stopLoss: '0',
    updatedTime: '1746270400400',
    ...fields,
  };
}

export function frame(kind: PrivateFrame['kind'], ...data: unknown[]): PrivateFrame {
  return { kind, topic: kind, creationTimeMs: 1746270400500, data };
}
