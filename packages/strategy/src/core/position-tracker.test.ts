import { describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { PositionTracker, type WorkingEntry } from './position-tracker.js';
import { orderUpdate, positionReport, sui, wif } from './test-support/strategy-fixtures.js';

function entry(orderLinkId = 'e1'): WorkingEntry {
  return { orderLinkId, symbol: sui, side: 'Buy', postOnly: false, sentAtMs: 0, terminal: false, filled: false, cancelSentAtMs: Number.NaN };
}

describe('PositionTracker', () => {
  it('is busy from the entry until execution reports the position flat again', () => {
    const tracker = new PositionTracker();
    expect(tracker.busy).toBe(false);
    tracker.entrySent(entry());
    expect(tracker.busy).toBe(true);
    expect(tracker.orderUpdate(orderUpdate('e1', sui, 'Buy', 'Filled', '10', '10'))).toBe('entry-filled');
    expect(tracker.busy).toBe(true);
    expect(tracker.positionReport(positionReport(sui, 'Buy', '10', '5'), sui, 100)).toBe('opened');
    expect(tracker.entry).toBeNull();
    expect(tracker.position).toMatchObject({ side: 'Buy', size: '10', openedAtMs: 100 });
    expect(tracker.positionReport(positionReport(sui, 'Buy', '0', '0'), sui, 200)).toBe('closed');
    expect(tracker.busy).toBe(false);
  });

  it('ignores a flat report read before its entry filled, so a second entry cannot open beside the first', () => {
    const tracker = new PositionTracker();
    tracker.entrySent(entry());
    expect(tracker.orderUpdate({ ...orderUpdate('e1', sui, 'Buy', 'Filled', '10', '10'), tsEventMs: 5_000 })).toBe('entry-filled');
    // A REST reconcile taken before the fill arrives after it.
    expect(tracker.positionReport({ ...positionReport(sui, 'None', '0', '0'), tsEventMs: 4_000 }, sui, 100)).toBe('ignored');
    expect(tracker.busy).toBe(true);
    // A flat report newer than the fill is real (the stop closed it at once): the entry is done.
    tracker.positionReport({ ...positionReport(sui, 'None', '0', '0'), tsEventMs: 6_000 }, sui, 200);
    expect(tracker.busy).toBe(false);
  });

  it('ignores a report older than the last one applied, so a stale flat cannot close a held position', () => {
    const tracker = new PositionTracker();
    tracker.entrySent(entry());
    tracker.orderUpdate({ ...orderUpdate('e1', sui, 'Buy', 'Filled', '10', '10'), tsEventMs: 5_000 });
    expect(tracker.positionReport({ ...positionReport(sui, 'Buy', '10', '5'), tsEventMs: 5_000 }, sui, 100)).toBe('opened');
    expect(tracker.positionReport({ ...positionReport(sui, 'None', '0', '0'), tsEventMs: 3_000 }, sui, 150)).toBe('ignored');
    expect(tracker.position).toMatchObject({ size: '10' });
    expect(tracker.positionReport({ ...positionReport(sui, 'None', '0', '0'), tsEventMs: 7_000 }, sui, 200)).toBe('closed');
  });

  it('forgets an entry that ended without a fill, however it ended', () => {
    for (const status of ['Cancelled', 'Rejected'] as const) {
      const tracker = new PositionTracker();
      tracker.entrySent(entry());
      expect(tracker.orderUpdate(orderUpdate('e1', sui, 'Buy', status, '10', '0.000'))).toBe('entry-unfilled');
      expect(tracker.busy).toBe(false);
    }
  });

  it('keeps a partly filled entry working and knows it filled from a Fill alone', () => {
    const tracker = new PositionTracker();
    tracker.entrySent(entry());
    tracker.fill({
      execId: 'x1',
      orderId: 'o1',
      orderLinkId: 'e1',
      symbol: sui,
      side: 'Buy',
      price: toDecimalString('5'),
      qty: toDecimalString('2'),
      fee: toDecimalString('0'),
      isMaker: true,
      tsEventMs: 0,
    });
    expect(tracker.workingEntry?.filled).toBe(true);
    // Cancelled after a partial fill: a position exists, so the entry waits for its report.
    expect(tracker.orderUpdate(orderUpdate('e1', sui, 'Buy', 'Cancelled', '10', '0'))).toBe('entry-filled');
    expect(tracker.busy).toBe(true);
  });

  it('clears a close only when the position is reported flat, or when the close fails', () => {
    const tracker = new PositionTracker();
    tracker.positionReport(positionReport(sui, 'Sell', '3', '5'), sui, 0);
    tracker.exitSent({ orderLinkId: 'x1', symbol: sui, reason: 'take-profit', sentAtMs: 0 });
    expect(tracker.orderUpdate(orderUpdate('x1', sui, 'Buy', 'Filled', '3', '3'))).toBe('none');
    expect(tracker.exit).not.toBeNull();
    expect(tracker.orderUpdate(orderUpdate('x1', sui, 'Buy', 'Rejected', '3', '0'))).toBe('exit-failed');
    expect(tracker.exit).toBeNull();
    expect(tracker.position).not.toBeNull();
  });

  it('adopts an open position in another symbol while it holds nothing (what a restart left), and only one', () => {
    const tracker = new PositionTracker();
    const btc = toSymbol('BTCUSDT');
    expect(tracker.positionReport(positionReport(btc, 'Buy', '1', '60000'), sui, 0)).toBe('opened');
    expect(tracker.position).toMatchObject({ symbol: btc, side: 'Buy', size: '1' });
    expect(tracker.positionReport(positionReport(wif, 'Sell', '4', '2'), sui, 0)).toBe('ignored');
    expect(tracker.reportedPosition(wif)).toMatchObject({ side: 'Sell', size: '4' });
    expect(tracker.reportedPosition(sui)).toBeNull();
    expect(tracker.reportedOpenPosition(sui)).toMatchObject({ symbol: btc });
  });

  it('restarts the holding clock when the position flips side', () => {
    const tracker = new PositionTracker();
    tracker.positionReport(positionReport(sui, 'Buy', '3', '5'), sui, 0);
    expect(tracker.positionReport(positionReport(sui, 'Buy', '4', '5'), sui, 50)).toBe('changed');
    expect(tracker.position?.openedAtMs).toBe(0);
    tracker.positionReport(positionReport(sui, 'Sell', '1', '5'), sui, 100);
    expect(tracker.position?.openedAtMs).toBe(100);
  });
});
