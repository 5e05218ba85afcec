import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { closedPnlRecord } from './bybit-account-records.js';
import { MatchingEngine } from './matching-engine.js';
import { book, engineWithAccount, kKey, kSpec, orderBody, placed } from './test-support/trading-fixtures.js';

const kNow = 1_700_000_000_000;

function marketAt(engine: MatchingEngine, side: 'Buy' | 'Sell', qty: string, price: string, nowMs = kNow) {
  const levels = book([[price, '100']], [[price, '100']]);
  return placed(engine.placeOrder(kKey, orderBody({ side, orderType: 'Market', qty }), levels, kSpec, nowMs));
}

describe('closed PnL records (GET /v5/position/closed-pnl)', () => {
  it('writes one record per closing order, net of its fee and the opening fee, summing to the wallet change', () => {
    const engine = engineWithAccount();
    marketAt(engine, 'Buy', '1', '30000.0');
    const close = marketAt(engine, 'Sell', '1', '30100.0', kNow + 1_000);
    const [record] = engine.closedPnls(kKey);
    // Gross 100; opening fee 30000 × 0.00055 = 16.5; closing fee 30100 × 0.00055 = 16.555.
    expect(record?.orderId).toBe(close.order.orderId);
    expect([record?.closedPnl.toFixed(), record?.openFee.toFixed(), record?.closeFee.toFixed()]).toEqual(['66.945', '16.5', '16.555']);
    expect(new Big(10_000).plus(record?.closedPnl ?? 0).toFixed()).toBe(engine.wallet(kKey).walletBalance.toFixed());
    const printed = closedPnlRecord(record!);
    expect(printed).toMatchObject({
      side: 'Sell',
      closedSize: '1.000',
      avgEntryPrice: '30000',
      avgExitPrice: '30100',
      fillCount: '1',
      execType: 'Trade',
    });
    expect(printed['createdTime']).toBe(String(kNow + 1_000));
  });

  it('gives a partial close its pro-rata share of the opening fee and the last close all that is left', () => {
    const engine = engineWithAccount();
    marketAt(engine, 'Buy', '0.3', '30000.0');
    marketAt(engine, 'Sell', '0.1', '30000.0');
    marketAt(engine, 'Sell', '0.2', '30000.0');
    const [last, first] = engine.closedPnls(kKey);
    // Opening fee 0.3 × 30000 × 0.00055 = 4.95: a third, then the rest.
    expect([first?.openFee.toFixed(), last?.openFee.toFixed()]).toEqual(['1.65', '3.3']);
    const total = new Big(first?.closedPnl ?? 0).plus(last?.closedPnl ?? 0);
    expect(new Big(10_000).plus(total).toFixed()).toBe(engine.wallet(kKey).walletBalance.toFixed());
  });

  it('charges a flip only the closing part of its fee; the opened part waits for its own close', () => {
    const engine = engineWithAccount();
    marketAt(engine, 'Buy', '1', '30000.0');
    marketAt(engine, 'Sell', '1.5', '29900.0');
    const [flip] = engine.closedPnls(kKey);
    // Closing fee 1 × 29900 × 0.00055 = 16.445; gross -100; opening fee 16.5.
    expect([flip?.closedSize.toFixed(), flip?.closeFee.toFixed(), flip?.closedPnl.toFixed()]).toEqual(['1', '16.445', '-132.945']);
    marketAt(engine, 'Buy', '0.5', '29900.0');
    const records = engine.closedPnls(kKey);
    const sum = records.reduce((total, record) => total.plus(record.closedPnl), new Big(0));
    expect(records).toHaveLength(2);
    expect(new Big(10_000).plus(sum).toFixed()).toBe(engine.wallet(kKey).walletBalance.toFixed());
  });
});
