import { describe, expect, it } from '@jest/globals';
import { loadFixture } from '../test-support/fixtures.js';
import { parseExecutionItem, parseOrderItem } from './order-parsers.js';
import { parsePositionItem } from './position-parser.js';
import { parseTickerItem } from './ticker-parser.js';
import { parseWsTrade } from './trade-parser.js';
import { parseWalletItem } from './wallet-parser.js';

type ListPayload = { result: { list: Record<string, unknown>[] } };
type DataPayload = { data: Record<string, unknown>[] };

const tradeItem = loadFixture<DataPayload>('ws_public_trade_docs.json').payload.data[0] as Record<string, unknown>;

describe('parseWsTrade', () => {
  it('turns the documented publicTrade item into a Trade with exact decimals', () => {
    expect(parseWsTrade(tradeItem)).toEqual({
      ok: true,
      value: {
        symbol: 'BTCUSDT',
        tradeId: '20f43950-d8dd-5b31-9112-a178eb6023af',
        side: 'Buy',
        price: '16578.50',
        size: '0.001',
        tsEventMs: 1672304486865,
        isBlockTrade: false,
      },
    });
  });

  it('refuses missing fields, NaN, Infinity, zero and negative amounts', () => {
    const mutations: Record<string, unknown>[] = [
      { p: 'NaN' },
      { p: 'Infinity' },
      { p: '-16578.50' },
      { p: '0' },
      { p: 16578.5 },
      { v: '0.000' },
      { v: '-1' },
      { v: '1e-3' },
      { T: '1672304486865' },
      { T: -1 },
      { S: 'buy' },
      { s: 'btc-usdt' },
      { i: '' },
    ];
    for (const mutation of mutations) {
      const outcome = parseWsTrade({ ...tradeItem, ...mutation });
      expect(outcome.ok).toBe(false);
    }
    for (const field of ['p', 'v', 'T', 'S', 's', 'i']) {
      const { [field]: _removed, ...rest } = tradeItem;
      expect(parseWsTrade(rest).ok).toBe(false);
    }
    expect(parseWsTrade(null).ok).toBe(false);
    expect(parseWsTrade('trade').ok).toBe(false);
  });
});

describe('order and execution parsers', () => {
  it('reads the documented open order', () => {
    const item = loadFixture<ListPayload>('rest_order_realtime_docs.json').payload.result.list[0];
    const outcome = parseOrderItem(item);
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        orderId: 'fd4300ae-7847-404e-b947-b46980a4d140',
        orderLinkId: 'test-000005',
        symbol: 'ETHUSDT',
        side: 'Buy',
        status: 'New',
        qty: '0.10',
        cumExecQty: '0.00',
        avgPrice: null,
        rejectReason: null,
      },
    });
  });

  it('reads the documented order stream item and maps Bybit statuses', () => {
    const item = loadFixture<DataPayload>('ws_private_order_docs.json').payload.data[0] as Record<string, unknown>;
    // The documented stream example is an option; the fields are the same for linear.
    const outcome = parseOrderItem({ ...item, symbol: 'ETHUSDT' });
    expect(outcome).toMatchObject({ ok: true, value: { status: 'Filled', avgPrice: '75', orderType: 'Market', tsEventMs: 1672364262457 } });
    expect(parseOrderItem({ ...item, symbol: 'ETHUSDT', orderStatus: 'PartiallyFilledCanceled' })).toMatchObject({ value: { status: 'Cancelled' } });
    expect(parseOrderItem({ ...item, symbol: 'ETHUSDT', orderStatus: 'Exploded' })).toMatchObject({ ok: false });
    expect(parseOrderItem({ ...item, symbol: 'ETHUSDT', qty: 'abc' })).toEqual({
      ok: false,
      reason: 'order.qty: expected a decimal string, got "abc"',
    });
  });

  it('reads the documented execution as a Fill and refuses non-trade executions', () => {
    const item = loadFixture<DataPayload>('ws_private_execution_docs.json').payload.data[0] as Record<string, unknown>;
    expect(parseExecutionItem(item)).toEqual({
      ok: true,
      value: {
        execId: '0ab1bdf7-4219-438b-b30a-32ec863018f7',
        orderId: '9aac161b-8ed6-450d-9cab-c5cc67c21784',
        orderLinkId: '',
        symbol: 'BTCUSDT',
        side: 'Sell',
        price: '95900.1',
        qty: '0.5',
        fee: '26.3725275',
        isMaker: false,
        tsEventMs: 1746270400353,
      },
    });
    expect(parseExecutionItem({ ...item, execType: 'Funding' })).toMatchObject({ ok: false, reason: expect.stringContaining('Funding') });
    expect(parseExecutionItem({ ...item, execQty: '-0.5' }).ok).toBe(false);
  });
});

describe('position parser', () => {
  it('reads the documented REST position (avgPrice) and the WS position (entryPrice, flat)', () => {
    const rest = loadFixture<ListPayload>('rest_position_list_docs.json').payload.result.list[0];
    expect(parsePositionItem(rest)).toMatchObject({
      ok: true,
      value: { symbol: 'BTCUSD', side: 'Sell', size: '300', avgEntryPrice: '27464.50441675', positionIdx: 0, leverage: '10', stopLoss: null },
    });
    const ws = loadFixture<DataPayload>('ws_private_position_docs.json').payload.data[0];
    expect(parsePositionItem(ws)).toMatchObject({
      ok: true,
      value: { symbol: 'BTCUSDT', side: 'None', size: '0', avgEntryPrice: '0', positionIdx: 2, realisedPnl: '1.26' },
    });
  });

  it('refuses a size without a side and an unknown side', () => {
    const ws = loadFixture<DataPayload>('ws_private_position_docs.json').payload.data[0] as Record<string, unknown>;
    expect(parsePositionItem({ ...ws, size: '1' })).toEqual({ ok: false, reason: 'position has a size but no side' });
    expect(parsePositionItem({ ...ws, side: 'Long' }).ok).toBe(false);
  });
});

describe('wallet and ticker parsers', () => {
  it('reads the documented wallet balance and wallet stream', () => {
    const rest = loadFixture<ListPayload>('rest_wallet_balance_docs.json').payload.result.list[0];
    expect(parseWalletItem(rest)).toMatchObject({
      ok: true,
      value: { accountType: 'UNIFIED', totalEquity: '3.31216591', coins: [{ coin: 'BTC', walletBalance: '0' }] },
    });
    const ws = loadFixture<DataPayload>('ws_private_wallet_docs.json').payload.data[0];
    expect(parseWalletItem(ws)).toMatchObject({
      ok: true,
      value: { totalAvailableBalance: '9556.6056555', coins: [{ coin: 'BTC', equity: '0.00102964' }] },
    });
    expect(parseWalletItem({ accountType: 'UNIFIED', coin: 'x' }).ok).toBe(false);
  });

  it('reads the documented ticker with turnover and 24h change as exact strings', () => {
    const item = loadFixture<ListPayload>('rest_tickers_inverse_docs.json').payload.result.list[0];
    expect(parseTickerItem(item)).toMatchObject({
      ok: true,
      value: { symbol: 'BTCUSD', price24hPcnt: '0.142425', turnover24h: '115.6907', bid1Price: '103401.00' },
    });
    expect(parseTickerItem({ ...item, turnover24h: '-5' }).ok).toBe(false);
  });
});
