import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { MatchingEngine } from './matching-engine.js';
import { book, engineWithAccount, kKey, kSpec, orderBody, placed } from './test-support/trading-fixtures.js';
import type { VenueResult } from './trading-types.js';

const kNow = 1_700_000_000_000;

function marketAt(engine: MatchingEngine, side: 'Buy' | 'Sell', qty: string, price: string, extra: Record<string, unknown> = {}) {
  const levels = book([[price, '100']], [[price, '100']]);
  return engine.placeOrder(kKey, orderBody({ side, orderType: 'Market', qty, ...extra }), levels, kSpec, kNow);
}

function errorOf<T>(result: VenueResult<T>) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('positions, realised PnL and the wallet', () => {
  it('realises the PnL of a partial close and keeps the wallet exact to the last digit', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '1', '30000.0'));
    const close = placed(marketAt(engine, 'Sell', '0.4', '30100.0'));
    const execution = close.executions[0];
    expect([execution?.closedSize.toFixed(), execution?.execPnl.toFixed(), execution?.execFee.toFixed()]).toEqual(['0.4', '40', '6.622']);
    const fees = new Big('16.5').plus('6.622');
    const wallet = engine.wallet(kKey);
    expect(wallet.walletBalance.toFixed()).toBe(new Big(10_000).minus(fees).plus(40).toFixed());
    expect(wallet.walletBalance.toFixed()).toBe('10016.878');
    const position = engine.position(kKey, kSpec, kNow);
    expect([position.side, position.size.toFixed(), position.avgPrice.toFixed()]).toEqual(['Buy', '0.6', '30000']);
    // Bybit's realised PnL is net of fees: -16.5 on opening, +40 - 6.622 on the close.
    expect(position.curRealisedPnl.toFixed()).toBe('16.878');
    expect(wallet.cumRealisedPnl.toFixed()).toBe('16.878');
  });

  it('realises a short position profit when it is bought back lower', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Sell', '1', '30000.0'));
    const close = placed(marketAt(engine, 'Buy', '1', '29900.0'));
    expect(close.executions[0]?.execPnl.toFixed()).toBe('100');
    expect(engine.position(kKey, kSpec, kNow).side).toBe('');
    // 10000 - 16.5 - 16.445 + 100
    expect(engine.wallet(kKey).walletBalance.toFixed()).toBe('10067.055');
  });

  it('averages the entry price of added fills, to 10 decimals when it does not terminate', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '0.001', '30000.0'));
    placed(marketAt(engine, 'Buy', '0.002', '30000.1'));
    expect(engine.position(kKey, kSpec, kNow).avgPrice.toFixed()).toBe('30000.0666666667');
  });

  it('flips the position when an opposite order is larger than it, splitting the fee between the holdings', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '1', '30000.0'));
    const flip = placed(marketAt(engine, 'Sell', '1.5', '29900.0'));
    expect(flip.executions[0]?.closedSize.toFixed()).toBe('1');
    expect(flip.executions[0]?.execPnl.toFixed()).toBe('-100');
    const position = engine.position(kKey, kSpec, kNow);
    expect([position.side, position.size.toFixed(), position.avgPrice.toFixed()]).toEqual(['Sell', '0.5', '29900']);
    // The new short's own realised PnL is only its opening fee: 0.5 × 29900 × 0.00055.
    expect(position.curRealisedPnl.toFixed()).toBe('-8.2225');
    // 10000 - 16.5 - 24.6675 - 100
    expect(engine.wallet(kKey).walletBalance.toFixed()).toBe('9858.8325');
  });

  it('leaves a flat position with side "" and size 0 after a full close, keeping its realised PnL', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '1', '30000.0'));
    placed(marketAt(engine, 'Sell', '1', '30000.0'));
    const position = engine.position(kKey, kSpec, kNow);
    expect([position.side, position.size.toFixed(), position.avgPrice.toFixed()]).toEqual(['', '0', '0']);
    expect(position.curRealisedPnl.toFixed()).toBe('-33');
  });
});

describe('reduce-only, duplicate ids and balance', () => {
  it('answers 110017 to a reduce-only order with no position', () => {
    const engine = engineWithAccount();
    expect(errorOf(marketAt(engine, 'Sell', '0.1', '30000.0', { reduceOnly: true })).retCode).toBe(110017);
  });

  it('answers 110017 to a reduce-only order that would increase the position', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '0.1', '30000.0'));
    const error = errorOf(marketAt(engine, 'Buy', '0.1', '30000.0', { reduceOnly: true }));
    expect(error.retCode).toBe(110017);
    expect(error.retMsg).toMatch(/would increase the Buy position/);
  });

  it('caps a reduce-only order larger than the position at the position size, so it closes and never flips', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '0.1', '30000.0'));
    const { order } = placed(marketAt(engine, 'Sell', '0.5', '30000.0', { reduceOnly: true }));
    expect([order.qty.toFixed(), order.status]).toEqual(['0.1', 'Filled']);
    expect(engine.position(kKey, kSpec, kNow).side).toBe('');
  });

  it('cancels resting reduce-only orders once the position is closed', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '0.1', '30000.0'));
    const takeProfit = orderBody({ side: 'Sell', orderType: 'Limit', qty: '0.1', price: '31000.0', reduceOnly: true });
    const resting = placed(engine.placeOrder(kKey, takeProfit, book([], [['30000.0', '1']]), kSpec, kNow)).order;
    const close = placed(marketAt(engine, 'Sell', '0.1', '30000.0'));
    const cancelled = close.events.find((e) => e.topic === 'order' && e.order.orderId === resting.orderId);
    expect(cancelled?.topic === 'order' && [cancelled.order.status, cancelled.order.cancelType]).toEqual(['Cancelled', 'CancelByReduceOnly']);
  });

  it('answers 110072 to an orderLinkId the account already used, even after that order filled', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '0.1', '30000.0', { orderLinkId: 'entry-1' }));
    expect(errorOf(marketAt(engine, 'Buy', '0.1', '30000.0', { orderLinkId: 'entry-1' }))).toEqual({
      retCode: 110072,
      retMsg: 'OrderLinkedID is duplicate',
    });
  });

  it("lets a refused order's orderLinkId be used again, and other accounts use the same one", () => {
    const engine = engineWithAccount();
    engine.openAccount('other');
    expect(errorOf(marketAt(engine, 'Buy', '0.0004', '30000.0', { orderLinkId: 'entry-1' })).retCode).toBe(10001);
    placed(marketAt(engine, 'Buy', '0.1', '30000.0', { orderLinkId: 'entry-1' }));
    const other = engine.placeOrder(
      'other',
      orderBody({ side: 'Buy', orderType: 'Market', qty: '0.1', orderLinkId: 'entry-1' }),
      book([['30000.0', '1']]),
      kSpec,
      kNow,
    );
    expect(other.ok).toBe(true);
  });

  it('answers 110007 when the available balance cannot cover initial margin plus taker fee', () => {
    const engine = engineWithAccount({}, '300');
    // 0.1 × 30000 / 10 = 300 margin, + 1.65 fee.
    const error = errorOf(marketAt(engine, 'Buy', '0.1', '30000.0'));
    expect(error.retCode).toBe(110007);
    expect(error.retMsg).toBe('Insufficient available balance: order cost 301.65 (initial margin 300 + taker fee 1.65) exceeds available 300');
    expect(placed(marketAt(engine, 'Buy', '0.099', '30000.0')).order.status).toBe('Filled');
  });

  it('counts margin held by resting orders against the available balance', () => {
    const engine = engineWithAccount({}, '1000');
    const rest = orderBody({ side: 'Buy', orderType: 'Limit', qty: '0.3', price: '29000.0' });
    placed(engine.placeOrder(kKey, rest, book([['30000.0', '1']]), kSpec, kNow));
    expect(errorOf(marketAt(engine, 'Buy', '0.05', '30000.0')).retCode).toBe(110007);
  });

  it('needs no margin for the part of an order that closes the position', () => {
    const engine = engineWithAccount({}, '400');
    placed(marketAt(engine, 'Buy', '0.1', '30000.0'));
    expect(placed(marketAt(engine, 'Sell', '0.1', '30000.0')).order.status).toBe('Filled');
  });
});

describe('leverage', () => {
  const leverageBody = (value: string, sell = value) => ({ category: 'linear', symbol: 'BTCUSDT', buyLeverage: value, sellLeverage: sell });

  it('answers 110043 when the leverage is already set to that value', () => {
    const engine = engineWithAccount();
    expect(errorOf(engine.setLeverage(kKey, leverageBody('10'), kNow))).toEqual({ retCode: 110043, retMsg: 'Set leverage has not been modified.' });
  });

  it('sets a new leverage that then sizes the initial margin', () => {
    const engine = engineWithAccount();
    expect(engine.setLeverage(kKey, leverageBody('20'), kNow).ok).toBe(true);
    expect(engine.leverage(kKey, 'BTCUSDT').toFixed()).toBe('20');
    placed(marketAt(engine, 'Buy', '1', '30000.0'));
    expect(engine.wallet(kKey).positionIM.toFixed()).toBe('1500');
    expect(errorOf(engine.setLeverage(kKey, leverageBody('20'), kNow)).retCode).toBe(110043);
  });

  it('pushes the position and the wallet when the leverage of an open position changes', () => {
    const engine = engineWithAccount();
    placed(marketAt(engine, 'Buy', '1', '30000.0'));
    const result = engine.setLeverage(kKey, leverageBody('5'), kNow);
    expect(result.ok && result.value.events.map((e) => e.topic)).toEqual(['position', 'wallet']);
    expect(engine.position(kKey, kSpec, kNow).leverage.toFixed()).toBe('5');
  });

  it('refuses different buy and sell leverage in one-way mode and leverage out of range', () => {
    const engine = engineWithAccount();
    expect(errorOf(engine.setLeverage(kKey, leverageBody('5', '6'), kNow)).retMsg).toMatch(/must equal sellLeverage/);
    expect(errorOf(engine.setLeverage(kKey, leverageBody('0.5'), kNow)).retCode).toBe(10001);
    expect(errorOf(engine.setLeverage(kKey, leverageBody('101'), kNow)).retCode).toBe(10001);
  });
});
