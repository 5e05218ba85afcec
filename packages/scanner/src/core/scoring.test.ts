import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { parseInstrumentList, rankTickers, TickerScorer, tradableUniverse } from './scoring.js';
import { instrument, instrumentItem, ticker } from './test-support/scanner-fixtures.js';

const config = { whitelist: ['SUIUSDT', 'VIRTUALUSDT'], whitelistBoost: 1.3, minTurnover24hUsd: '10000000' };

describe('TickerScorer', () => {
  it('scores turnover times the absolute 24h change', () => {
    const scorer = new TickerScorer(config);
    expect(scorer.score(ticker('BTCUSDT', '2000000000', '0.05'))).toBeCloseTo(1e8, 0);
    expect(scorer.score(ticker('BTCUSDT', '2000000000', '-0.05'))).toBeCloseTo(1e8, 0);
    expect(scorer.score(ticker('BTCUSDT', '2000000000', '0'))).toBe(0);
  });

  it('multiplies whitelisted symbols by the boost', () => {
    const scorer = new TickerScorer(config);
    expect(scorer.score(ticker('SUIUSDT', '1000000000', '0.1'))).toBeCloseTo(1.3e8, 0);
    expect(scorer.isBoosted(toSymbol('SUIUSDT'))).toBe(true);
    expect(scorer.isBoosted(toSymbol('SOLUSDT'))).toBe(false);
  });

  it('compares turnover with the floor exactly, so a ticker at the floor passes and one a cent below does not', () => {
    const scorer = new TickerScorer(config);
    const universe = tradableUniverse([instrument('SOLUSDT')]);
    expect(scorer.exclusion(ticker('SOLUSDT', '10000000', '0.01'), universe)).toBeNull();
    expect(scorer.exclusion(ticker('SOLUSDT', '9999999.99', '0.01'), universe)).toBe('low-turnover');
  });

  it('refuses a config that cannot be right, naming the option', () => {
    expect(() => new TickerScorer({ ...config, whitelistBoost: 0 })).toThrow('scanner.whitelistBoost');
    expect(() => new TickerScorer({ ...config, minTurnover24hUsd: '1e7' })).toThrow('scanner.minTurnover24hUsd');
    expect(() => new TickerScorer({ ...config, minTurnover24hUsd: '-1' })).toThrow('scanner.minTurnover24hUsd');
  });
});

describe('tradableUniverse', () => {
  it('keeps only Trading USDT linear perpetuals', () => {
    const universe = tradableUniverse([
      instrument('BTCUSDT'),
      instrument('ETHUSDT', { status: 'Settling' }),
      instrument('SOLUSDT', { contractType: 'LinearFutures' }),
      instrument('BTCPERP', { quoteCoin: 'USDC' }),
      instrument('NEWUSDT', { status: 'PreLaunch' }),
    ]);
    expect([...universe]).toEqual(['BTCUSDT']);
  });

  it('parses a raw instruments-info list and reports refused items instead of throwing', () => {
    const priceless = { symbol: 'ETHUSDT', status: 'Trading', contractType: 'LinearPerpetual', quoteCoin: 'USDT' };
    const { rules, refused } = parseInstrumentList([instrumentItem('BTCUSDT'), priceless, 'nonsense']);
    expect(rules.map((r) => r.symbol)).toEqual(['BTCUSDT']);
    expect(refused).toHaveLength(2);
  });
});

describe('rankTickers', () => {
  it('filters by suffix, instrument state and turnover, and counts each exclusion', () => {
    const scorer = new TickerScorer(config);
    const universe = tradableUniverse([
      instrument('SOLUSDT'),
      instrument('XRPUSDT'),
      instrument('DOGEUSDT', { status: 'Closed' }),
      instrument('THINUSDT'),
    ]);
    const { ranked, excluded } = rankTickers(
      [
        ticker('SOLUSDT', '500000000', '0.04'),
        ticker('XRPUSDT', '800000000', '-0.05'),
        ticker('BTCPERP', '900000000', '0.2'),
        ticker('DOGEUSDT', '900000000', '0.2'),
        ticker('ADAUSDT', '900000000', '0.2'),
        ticker('THINUSDT', '100', '0.9'),
      ],
      universe,
      scorer,
    );
    expect(ranked.map((r) => r.symbol)).toEqual(['XRPUSDT', 'SOLUSDT']);
    expect(excluded).toEqual({ 'not-usdt': 1, 'not-tradable': 2, 'low-turnover': 1 });
  });

  it('lets the whitelist boost change the order and breaks exact ties by symbol', () => {
    const scorer = new TickerScorer(config);
    const universe = tradableUniverse(['SOLUSDT', 'SUIUSDT', 'AAAUSDT', 'ZZZUSDT'].map((s) => instrument(s)));
    const { ranked } = rankTickers(
      [
        ticker('SOLUSDT', '1200000000', '0.1'),
        ticker('SUIUSDT', '1000000000', '0.1'),
        ticker('ZZZUSDT', '100000000', '0.1'),
        ticker('AAAUSDT', '100000000', '0.1'),
      ],
      universe,
      scorer,
    );
    expect(ranked.map((r) => [r.symbol, r.boosted])).toEqual([
      ['SUIUSDT', true],
      ['SOLUSDT', false],
      ['AAAUSDT', false],
      ['ZZZUSDT', false],
    ]);
  });

  it('keeps the first ticker of a symbol listed twice', () => {
    const scorer = new TickerScorer(config);
    const universe = tradableUniverse([instrument('SOLUSDT')]);
    const { ranked } = rankTickers([ticker('SOLUSDT', '100000000', '0.1'), ticker('SOLUSDT', '900000000', '0.1')], universe, scorer);
    expect(ranked).toHaveLength(1);
    expect(ranked[0]?.turnover24h).toBe('100000000');
  });
});
