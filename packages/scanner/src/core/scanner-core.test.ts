import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { describeRanking, ScannerCore, type ScannerCoreConfig } from './scanner-core.js';
import { instrument, ticker } from './test-support/scanner-fixtures.js';

const sui = toSymbol('SUIUSDT');
const virtual = toSymbol('VIRTUALUSDT');
const sol = toSymbol('SOLUSDT');

/** No whitelist, so the seed's example scores come out exactly: 15e9 × 0.1 = 1.5e9 and 10e9 × 0.2 = 2.0e9. */
const plain: ScannerCoreConfig = { switchThreshold: 1.2, whitelist: [], whitelistBoost: 1.3, minTurnover24hUsd: '10000000' };

const instruments = ['SUIUSDT', 'VIRTUALUSDT', 'SOLUSDT', 'XRPUSDT', 'ADAUSDT', 'DOTUSDT', 'LINKUSDT'].map((s) => instrument(s));

function confirmed(core: ScannerCore, symbol: ReturnType<typeof toSymbol>, nowMs: number): void {
  core.onSwitchCompleted({ symbol, tsEventMs: nowMs });
  expect(core.current).toBe(symbol);
}

describe('ScannerCore', () => {
  it('sends SwitchSymbol for the top symbol when there is no current symbol', () => {
    const core = new ScannerCore(plain);
    const scan = core.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 1_000);
    expect(scan.verdict).toEqual({ switch: true, reason: 'no-current' });
    expect(scan.decision).toEqual({ symbol: sui, score: 1.5e9, previousScore: null });
    expect(core.current).toBeNull();
    expect(core.pendingSymbol).toBe(sui);
  });

  it('switches on the seed example: SUI at 1.5e9 is current, VIRTUAL at 2.0e9 tops the scan', () => {
    const core = new ScannerCore(plain);
    core.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 0);
    confirmed(core, sui, 100);
    const scan = core.onTickers([ticker('SUIUSDT', '15000000000', '0.1'), ticker('VIRTUALUSDT', '10000000000', '-0.2')], instruments, 60_000);
    expect(scan.current).toEqual({ symbol: sui, score: 1.5e9 });
    expect(scan.verdict).toEqual({ switch: true, reason: 'beats-threshold' });
    expect(scan.decision).toEqual({ symbol: virtual, score: 2.0e9, previousScore: 1.5e9 });
  });

  it('stays when the top does not beat the current score by the threshold', () => {
    const core = new ScannerCore(plain);
    core.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 0);
    confirmed(core, sui, 100);
    const scan = core.onTickers([ticker('SUIUSDT', '15000000000', '0.1'), ticker('VIRTUALUSDT', '10000000000', '0.17')], instruments, 60_000);
    expect(scan.verdict).toEqual({ switch: false, reason: 'below-threshold' });
    expect(scan.decision).toBeNull();
  });

  it('re-computes the current score from the fresh tickers of every scan', () => {
    const core = new ScannerCore(plain);
    core.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 0);
    confirmed(core, sui, 100);
    // SUI cooled down to 0.5e9, so VIRTUAL's 0.7e9 now beats it by more than 1.2.
    const scan = core.onTickers([ticker('SUIUSDT', '5000000000', '0.1'), ticker('VIRTUALUSDT', '7000000000', '0.1')], instruments, 60_000);
    expect(scan.current?.score).toBeCloseTo(0.5e9, 0);
    expect(scan.decision?.symbol).toBe(virtual);
    expect(scan.decision?.previousScore).toBeCloseTo(0.5e9, 0);
  });

  it("knows the current score from the first scan: the decision's score once the switch completes, then each scan's", () => {
    const core = new ScannerCore(plain);
    expect(core.currentScore).toBeNull();
    core.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 0);
    expect(core.pendingSymbol).toBe(sui);
    expect(core.pendingScore).toBe(1.5e9);
    expect(core.currentScore).toBeNull();
    confirmed(core, sui, 100);
    expect(core.currentScore).toBe(1.5e9);
    expect(core.pendingScore).toBeNull();
    core.onTickers([ticker('SUIUSDT', '5000000000', '0.1')], instruments, 60_000);
    expect(core.currentScore).toBeCloseTo(0.5e9, 0);
    core.onTickers([ticker('SOLUSDT', '100000000', '0.01')], instruments, 120_000);
    expect(core.currentScore).toBeNull(); // SUI vanished from the tickers
    core.onSwitchCompleted({ symbol: virtual, tsEventMs: 130_000 }); // unasked for: no score until the next scan
    expect(core.currentScore).toBeNull();
  });

  it('never switches while the current symbol is still the top', () => {
    const core = new ScannerCore(plain);
    core.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 0);
    confirmed(core, sui, 100);
    const scan = core.onTickers([ticker('SUIUSDT', '90000000000', '0.1'), ticker('VIRTUALUSDT', '100000000', '0.1')], instruments, 60_000);
    expect(scan.verdict).toEqual({ switch: false, reason: 'same-symbol' });
    expect(scan.decision).toBeNull();
  });

  it('switches to the top when the current symbol vanished from the tickers or stopped trading', () => {
    const core = new ScannerCore(plain);
    core.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 0);
    confirmed(core, sui, 100);
    const gone = core.onTickers([ticker('SOLUSDT', '100000000', '0.01')], instruments, 60_000);
    expect(gone.current).toEqual({ symbol: sui, score: null });
    expect(gone.verdict).toEqual({ switch: true, reason: 'current-vanished' });
    expect(gone.decision).toEqual({ symbol: sol, score: 1e6, previousScore: null });

    const settling = new ScannerCore(plain);
    settling.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 0);
    confirmed(settling, sui, 100);
    const rules = [instrument('SUIUSDT', { status: 'Settling' }), instrument('SOLUSDT')];
    const scan = settling.onTickers([ticker('SUIUSDT', '15000000000', '0.1'), ticker('SOLUSDT', '100000000', '0.01')], rules, 60_000);
    expect(scan.verdict.reason).toBe('current-vanished');
    expect(scan.decision?.symbol).toBe(sol);
  });

  it('keeps scoring the current symbol below the turnover floor, so the threshold still decides', () => {
    const core = new ScannerCore({ ...plain, minTurnover24hUsd: '1000000000' });
    core.onTickers([ticker('SUIUSDT', '15000000000', '0.1')], instruments, 0);
    confirmed(core, sui, 100);
    const scan = core.onTickers([ticker('SUIUSDT', '900000000', '0.5'), ticker('VIRTUALUSDT', '1000000000', '0.5')], instruments, 60_000);
    expect(scan.current).toEqual({ symbol: sui, score: 4.5e8 });
    expect(scan.verdict).toEqual({ switch: false, reason: 'below-threshold' });
  });

  it('applies the whitelist boost of 1.3 to the configured symbols', () => {
    const core = new ScannerCore({ ...plain, whitelist: ['SUIUSDT'] });
    // Unboosted SOL 1.2e8 loses to SUI's 1.0e8 × 1.3 = 1.3e8.
    const scan = core.onTickers([ticker('SOLUSDT', '1200000000', '0.1'), ticker('SUIUSDT', '1000000000', '0.1')], instruments, 0);
    expect(scan.ranking.map((r) => [r.symbol, r.boosted])).toEqual([
      [sui, true],
      [sol, false],
    ]);
    expect(scan.decision?.score).toBeCloseTo(1.3e8, 0);
  });

  it('reports the top five with their scores, best first', () => {
    const core = new ScannerCore(plain);
    const symbols = ['SUIUSDT', 'VIRTUALUSDT', 'SOLUSDT', 'XRPUSDT', 'ADAUSDT', 'DOTUSDT', 'LINKUSDT'];
    const tickers = symbols.map((s, i) => ticker(s, String((i + 1) * 100_000_000), '0.1'));
    const scan = core.onTickers(tickers, instruments, 0);
    expect(scan.candidates).toBe(7);
    expect(scan.ranking.map((r) => r.symbol)).toEqual(['LINKUSDT', 'DOTUSDT', 'ADAUSDT', 'XRPUSDT', 'SOLUSDT']);
    expect(scan.ranking.map((r) => r.score)).toEqual([7e7, 6e7, 5e7, 4e7, 3e7].map((n) => expect.closeTo(n, 0)));
    expect(describeRanking(scan.ranking.slice(0, 2))).toBe('LINKUSDT 7.00e+7, DOTUSDT 6.00e+7');
  });

  it('sends nothing while a switch is pending, and decides afresh once the pending switch times out', () => {
    const core = new ScannerCore({ ...plain, pendingTimeoutMs: 30_000 });
    const tickers = [ticker('SUIUSDT', '15000000000', '0.1')];
    expect(core.onTickers(tickers, instruments, 0).decision?.symbol).toBe(sui);
    const waiting = core.onTickers(tickers, instruments, 10_000);
    expect(waiting.verdict).toEqual({ switch: false, reason: 'switch-pending' });
    expect(waiting.decision).toBeNull();
    expect(core.onTickers(tickers, instruments, 30_000).decision?.symbol).toBe(sui);
    expect(core.stats()['pendingExpired']).toBe(1);
  });

  it('keeps the current symbol only after SwitchCompleted, and retries after SwitchFailed', () => {
    const core = new ScannerCore(plain);
    const tickers = [ticker('SUIUSDT', '15000000000', '0.1')];
    core.onTickers(tickers, instruments, 0);
    expect(core.onSwitchFailed({ symbol: sui, error: { code: 'VENUE_UNAVAILABLE', message: 'instruments-info timed out' }, current: null })).toBe(
      'expected',
    );
    expect(core.current).toBeNull();
    expect(core.pendingSymbol).toBeNull();
    expect(core.onTickers(tickers, instruments, 60_000).decision?.symbol).toBe(sui);
    expect(core.onSwitchCompleted({ symbol: sui, tsEventMs: 60_100 })).toBe('expected');
    expect(core.current).toBe(sui);
    expect(core.onTickers(tickers, instruments, 120_000).decision).toBeNull();
  });

  it('takes the symbol market-data says it is on from a SwitchFailed, so the two never disagree', () => {
    const core = new ScannerCore(plain);
    core.onSwitchCompleted({ symbol: sui, tsEventMs: 1 });
    const tickers = [ticker('SUIUSDT', '1000000000', '0.1'), ticker('VIRTUALUSDT', '15000000000', '0.1')];
    expect(core.onTickers(tickers, instruments, 10).decision?.symbol).toBe(virtual);
    // The swap went through but VIRTUAL's subscribe failed: market-data is on VIRTUAL and subscribes it by itself.
    core.onSwitchFailed({ symbol: virtual, error: { code: 'VENUE_UNAVAILABLE', message: 'subscribe refused' }, current: virtual });
    expect(core.current).toBe(virtual);
    expect(core.onTickers(tickers, instruments, 60_000).decision).toBeNull();
  });

  it('accepts an unasked-for SwitchCompleted as the truth about market-data, and flags it', () => {
    const core = new ScannerCore(plain);
    expect(core.onSwitchCompleted({ symbol: virtual, tsEventMs: 1 })).toBe('unexpected');
    expect(core.current).toBe(virtual);
    expect(core.stats()['unexpectedAnswers']).toBe(1);
  });

  it('sends nothing when no ticker is a candidate', () => {
    const core = new ScannerCore(plain);
    const scan = core.onTickers([ticker('SUIUSDT', '100', '0.1'), ticker('BTCPERP', '1000000000', '0.1')], instruments, 0);
    expect(scan.verdict).toEqual({ switch: false, reason: 'no-candidate' });
    expect(scan.excluded).toEqual({ 'not-usdt': 1, 'not-tradable': 0, 'low-turnover': 1 });
    expect(scan.ranking).toEqual([]);
  });

  it('refuses a threshold below 1, naming the option', () => {
    expect(() => new ScannerCore({ ...plain, switchThreshold: 0.9 })).toThrow('scanner.switchThreshold');
    expect(() => new ScannerCore({ ...plain, switchThreshold: Number.NaN })).toThrow('scanner.switchThreshold');
  });
});
