// Tests of the session's round trips (Jest thread): the execution worker's fills and close reasons through the
// backtest's TradeLedger, read back as the flat stats the status line and the summary print.

import { describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol, type Fill, type Position, type Side } from '@scalper/protocol';
import { fillMessage, orderUpdateMessage } from './execution-feedback.js';
import { SessionTrades, shutdownExitReason } from './session-trades.js';

const btc = toSymbol('BTCUSDT');
let n = 0;

function fill(side: Side, qty: string, price: string, fee: string, symbol = btc): Fill {
  n++;
  return {
    execId: `e${n}`,
    orderId: `o${n}`,
    orderLinkId: `l${n}`,
    symbol,
    side,
    price: toDecimalString(price),
    qty: toDecimalString(qty),
    fee: toDecimalString(fee),
    isMaker: false,
    tsEventMs: n * 1_000,
  };
}

describe('SessionTrades', () => {
  it('starts at zero: no trips, no fees, a net of 0', () => {
    expect(new SessionTrades().stats()).toEqual({
      sessionEntries: 0,
      sessionTrips: 0,
      sessionWins: 0,
      sessionLosses: 0,
      sessionOpenTrips: 0,
      sessionGrossPnl: '0',
      sessionFees: '0',
      sessionNetPnl: '0',
    });
  });

  it('counts round trips from forwarded fills with exact net PnL after fees, wins, losses and exits by reason', () => {
    const session = new SessionTrades();
    // A take-profit: +1.0 gross, 0.11 fees.
    expect(session.onFeedback(fillMessage(fill('Buy', '0.01', '100000', '0.055')))).toBeNull();
    session.onCloseRequested(btc, 'take-profit');
    expect(session.onFeedback(fillMessage(fill('Sell', '0.01', '100100', '0.055')))).toMatchObject({
      side: 'Buy',
      grossPnl: '1',
      fees: '0.11',
      netPnl: '0.89',
      exitReason: 'take-profit',
    });
    // No close asked for: the venue's stop loss. -0.5 gross, 0.1 fees.
    session.onFeedback(fillMessage(fill('Sell', '0.01', '100000', '0.05')));
    session.onFeedback(fillMessage(fill('Buy', '0.01', '100050', '0.05')));
    // Order updates are not fills and change nothing.
    const qty = toDecimalString('0.01');
    session.onFeedback(
      orderUpdateMessage({
        orderLinkId: 'x',
        orderId: 'o',
        symbol: btc,
        side: 'Buy',
        orderType: 'Market',
        status: 'Filled',
        qty,
        cumExecQty: qty,
        avgPrice: null,
        rejectReason: null,
        tsEventMs: 1,
      }),
    );
    // Still open at the end: an entry and its fee.
    session.onFeedback(fillMessage(fill('Buy', '0.01', '100000', '0.055')));
    expect(session.stats()).toEqual({
      sessionEntries: 3,
      sessionTrips: 2,
      sessionWins: 1,
      sessionLosses: 1,
      sessionOpenTrips: 1,
      sessionGrossPnl: '0.5',
      sessionFees: '0.265',
      sessionNetPnl: '0.235',
      'sessionExits_take-profit': 1,
      'sessionExits_venue-stop': 1,
    });
    expect(session.hasOpenTrip(btc)).toBe(true);
    expect(session.hasOpenTrip(toSymbol('ETHUSDT'))).toBe(false);
    session.onCloseRequested(btc, shutdownExitReason);
    session.onFill(fill('Sell', '0.01', '100000', '0.055'));
    expect(session.hasOpenTrip()).toBe(false);
    expect(session.stats()).toMatchObject({
      sessionTrips: 3,
      sessionLosses: 2,
      sessionExits_shutdown: 1,
      sessionFees: '0.32',
      sessionNetPnl: '0.18',
    });
  });

  it('adopts a position held before the run, so its close ends a trip instead of opening one the other way', () => {
    const held: Position = {
      symbol: btc,
      side: 'Sell',
      size: toDecimalString('0.02'),
      avgEntryPrice: toDecimalString('100000'),
      unrealisedPnl: toDecimalString('0'),
      realisedPnl: toDecimalString('0'),
      stopLoss: null,
      tsEventMs: 0,
    };
    const flat: Position = { ...held, symbol: toSymbol('ETHUSDT'), side: 'None', size: toDecimalString('0') };
    const session = new SessionTrades();
    session.adopt([held, flat]);
    session.adopt([held]); // a second report of the same position adds nothing
    session.onCloseRequested(btc, 'symbol-changed');
    session.onFill(fill('Buy', '0.02', '99900', '0.1'));
    expect(session.stats()).toMatchObject({
      sessionTrips: 1,
      sessionWins: 1,
      sessionOpenTrips: 0,
      sessionGrossPnl: '2',
      sessionNetPnl: '1.9',
      'sessionExits_symbol-changed': 1,
    });
  });

  it("charges an adopted trip the holding's realised PnL so far (its opening fee), so its net is the venue's closed PnL", () => {
    // Opened before a crash: 0.02 at 100000 paid 1.1 in fees, which the venue shows as curRealisedPnl -1.1.
    const held: Position = {
      symbol: btc,
      side: 'Buy',
      size: toDecimalString('0.02'),
      avgEntryPrice: toDecimalString('100000'),
      unrealisedPnl: toDecimalString('0'),
      realisedPnl: toDecimalString('-1.1'),
      stopLoss: null,
      tsEventMs: 0,
    };
    const session = new SessionTrades();
    session.adopt([held]);
    const trip = session.onFill(fill('Sell', '0.02', '100100', '1.1022'));
    // The venue's closed PnL of this close: 2 gross − 1.1022 closing fee − 1.1 opening fee.
    expect(trip).toMatchObject({ grossPnl: '2', fees: '2.2022', netPnl: '-0.2022' });
  });
});
