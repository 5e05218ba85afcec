import { describe, expect, it } from '@jest/globals';
import { sessionTradesBlock, signedMoney, statusGroups, statusLine, summaryTable } from './status-line.js';

const stats = {
  scanner: { currentSymbol: 'SUIUSDT', currentScore: 1.5e9, pendingSymbol: '', pendingScore: '' },
  'market-data': {},
  strategy: {
    lastPrice: 4.2,
    momentum: 0.00043,
    momentumThreshold: 0.001,
    windowTicks: 20,
    windowSize: 20,
    entryBlock: 'cooldown 42 s',
    decisionLatencyP50Us: 95,
    decisionLatencyP99Us: 322,
  },
  execution: {
    positionSide: 'Buy',
    positionSize: '200',
    unrealisedPnl: '1.5',
    realisedPnl: '-0.25',
    ordersSent: 3,
    fills: 4,
    sessionEntries: 2,
    sessionTrips: 1,
    sessionWins: 0,
    sessionLosses: 1,
    sessionOpenTrips: 1,
    sessionGrossPnl: '-0.1',
    sessionFees: '0.165',
    sessionNetPnl: '-0.265',
    'sessionExits_venue-stop': 1,
  },
};

const empty = { scanner: {}, 'market-data': {}, strategy: {}, execution: {} };

describe('status line', () => {
  it('shows symbol and score, price, momentum against its threshold, what blocks an entry, the position and the session', () => {
    expect(statusLine(stats, 21.4)).toBe(
      'SUIUSDT score 1.50e+9 | last 4.2 | momentum +0.043 % / 0.100 % | blocked: cooldown 42 s | ' +
        'position Buy 200 uPnL +1.50 | trips 1  win 0 %  net -0.27 USDT | orders 3 fills 4 | ticks/s 21 | frame→decision p50 95 µs p99 322 µs',
    );
  });

  it('splits into a market group and a trading group, so a narrow terminal can show one per line', () => {
    const [market, trading] = statusGroups(stats, 0);
    expect(market?.[0]).toBe('SUIUSDT score 1.50e+9');
    expect(trading?.[0]).toBe('position Buy 200 uPnL +1.50');
  });

  it("values the position at strategy's last trade rather than the venue's figure from its last position push", () => {
    const live = { ...stats, strategy: { ...stats.strategy, unrealisedPnl: '-3.456' } };
    expect(statusGroups(live, 0)[1]?.[0]).toBe('position Buy 200 uPnL -3.46');
  });

  it('is true before the first switch completes: the pending symbol with its score, a momentum still warming up', () => {
    const starting = {
      ...empty,
      scanner: { currentSymbol: '', currentScore: '', pendingSymbol: 'ETHUSDT', pendingScore: 31909411.5 },
      strategy: { lastPrice: 0, momentum: Number.NaN, momentumThreshold: 0.001, windowTicks: 7, windowSize: 20, entryBlock: 'no symbol yet' },
      execution: { positionSide: 'flat', sessionTrips: 0, sessionWins: 0, sessionNetPnl: '0' },
    };
    const line = statusLine(starting, 0);
    expect(line).toContain('switching to ETHUSDT (score 3.19e+7)');
    expect(line).toContain('last - | momentum - (window 7/20) / 0.100 % | blocked: no symbol yet');
    expect(line).toContain('position flat | trips 0  win -  net +0.00 USDT');
  });

  it('shows a negative momentum with its sign and a move to another symbol while one is traded', () => {
    const moving = { ...stats, scanner: { ...stats.scanner, pendingSymbol: 'WIFUSDT' }, strategy: { ...stats.strategy, momentum: -0.0012 } };
    expect(statusLine(moving, 0)).toMatch(/^SUIUSDT score 1\.50e\+9 → WIFUSDT \| .* momentum -0\.120 % \/ 0\.100 %/);
  });

  it('opens with HALTED and the reason while trading is halted', () => {
    const halted = { ...stats, execution: { ...stats.execution, halted: 'kill switch: SIGUSR2' }, strategy: { ...stats.strategy, halted: '' } };
    expect(statusLine(halted, 0)).toMatch(/^HALTED \(kill switch: SIGUSR2\) \| SUIUSDT/);
    expect(statusLine(stats, 0)).not.toContain('HALTED');
  });

  it('says the host clock is off when it is by more than a quarter of the stale limit, and not otherwise', () => {
    const withOffset = (venueClockOffsetMs: number) => ({ ...stats, strategy: { ...stats.strategy, venueClockOffsetMs, staleDataMs: 500 } });
    expect(statusGroups(withOffset(-2_000), 0)[0]?.[0]).toBe('HOST CLOCK OFF ahead of the venue by 2000 ms');
    expect(statusGroups(withOffset(2_000), 0)[0]?.[0]).toBe('HOST CLOCK OFF behind the venue by 2000 ms');
    expect(statusGroups(withOffset(100), 0)[0]?.join(' ')).not.toContain('CLOCK');
  });

  it('shows a dash for counters a worker does not report', () => {
    expect(statusLine(empty, 0)).toBe(
      'no symbol yet | last - | momentum - / - | blocked: - | position - | trips -  win -  net - USDT | orders - fills - | ticks/s 0 | frame→decision p50 - µs p99 - µs',
    );
  });
});

describe('signedMoney', () => {
  it('always shows the sign, rounds for display and survives garbage', () => {
    expect(signedMoney('0')).toBe('+0.00');
    expect(signedMoney('1.005')).toBe('+1.01');
    expect(signedMoney('-0.265')).toBe('-0.27');
    expect(signedMoney('-0.265', 4)).toBe('-0.2650');
    expect(signedMoney('')).toBe('-');
    expect(signedMoney('abc')).toBe('-');
  });
});

describe('summary at stop', () => {
  it('opens with the session trades: entries, exits by reason, win rate, net PnL after fees, fees', () => {
    expect(sessionTradesBlock(stats.execution)).toBe(
      [
        'session trades',
        '  entries     2 (1 still open)',
        '  exits       1: venue-stop 1',
        '  win rate    0 % (0 won, 1 lost)',
        '  net PnL     -0.2650 USDT after fees (gross -0.1000)',
        '  fees        0.1650 USDT',
      ].join('\n'),
    );
    expect(sessionTradesBlock({})).toContain('not reported');
  });

  it('puts the session trades above every counter of every worker', () => {
    const table = summaryTable(stats);
    expect(table.indexOf('session trades')).toBe(0);
    expect(table.indexOf('session trades')).toBeLessThan(table.indexOf('worker        counter'));
    expect(table).toContain('execution     fills                            4');
    const counters = Object.values(stats).reduce<number>((sum, worker) => sum + Object.keys(worker).length, 0);
    expect(table.split('\n')).toHaveLength(6 + 1 + 2 + counters);
  });
});
