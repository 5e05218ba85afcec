import { describe, expect, it } from '@jest/globals';
import { statusLine, summaryTable } from './status-line.js';

const stats = {
  scanner: { currentSymbol: 'SUIUSDT', currentScore: 1.5e9 },
  'market-data': {},
  strategy: { lastPrice: 4.2, momentum: 0.00123, decisionLatencyP50Us: 95, decisionLatencyP99Us: 322 },
  execution: { positionSide: 'Buy', positionSize: '200', unrealisedPnl: '1.5', realisedPnl: '-0.25', ordersSent: 3, fills: 4 },
};

describe('status line', () => {
  it('shows symbol, price, momentum in percent, position, PnL, orders, tick rate and latency on one line', () => {
    expect(statusLine(stats, 21.4)).toBe(
      'SUIUSDT (score 1500000000) | last 4.2000 | momentum 0.123 % | position Buy 200 uPnL 1.5 | realised -0.25 | orders 3 fills 4 | ticks/s 21 | frame→decision p50 95 µs p99 322 µs',
    );
  });

  it('opens with HALTED and the reason while trading is halted', () => {
    const halted = { ...stats, execution: { ...stats.execution, halted: 'kill switch: SIGUSR2' }, strategy: { ...stats.strategy, halted: '' } };
    expect(statusLine(halted, 0)).toMatch(/^HALTED \(kill switch: SIGUSR2\) \| SUIUSDT/);
    expect(statusLine(stats, 0)).not.toContain('HALTED');
  });

  it('shows a dash for counters a worker does not report', () => {
    expect(statusLine({ scanner: {}, 'market-data': {}, strategy: {}, execution: {} }, 0)).toContain('momentum - | position - -');
  });

  it('lists every counter of every worker in the summary table', () => {
    const table = summaryTable(stats);
    expect(table).toContain('execution     fills                            4');
    expect(table.split('\n')).toHaveLength(2 + 2 + 4 + 6);
  });
});
