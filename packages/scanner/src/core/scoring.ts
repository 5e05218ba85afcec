// Volatility scoring of linear tickers (scanner thread): which symbols may be traded, and how each one scores.
// Score = turnover24h × |price24hPcnt| × boost, the seed's formula; pure, no I/O.

import Big from 'big.js';
import type { DecimalString, Symbol } from '@scalper/protocol';
import { isDecimalString } from '@scalper/protocol';
import { parseInstrumentRules, type InstrumentRules, type TickerSnapshot } from '@scalper/bybit';

export interface ScoringConfig {
  /** Symbols whose score is multiplied by `whitelistBoost` (scanner.whitelist). */
  readonly whitelist: readonly string[];
  /** scanner.whitelistBoost, 1.3 by default. */
  readonly whitelistBoost: number;
  /** scanner.minTurnover24hUsd: a decimal string, compared exactly. */
  readonly minTurnover24hUsd: string;
}

/** One scored ticker; the score is a float for ranking only, the amounts stay the venue's decimal strings. */
export interface ScoredSymbol {
  readonly symbol: Symbol;
  readonly score: number;
  readonly turnover24h: DecimalString;
  readonly price24hPcnt: DecimalString;
  readonly boosted: boolean;
}

const exclusionReasons = ['not-usdt', 'not-tradable', 'low-turnover'] as const;
/** Why a ticker is not a candidate: not a USDT symbol, not a Trading USDT linear perpetual, or too thin. */
export type ExclusionReason = (typeof exclusionReasons)[number];

/** Symbols of Trading USDT linear perpetuals, the only instruments the engine trades. */
export type TradableUniverse = ReadonlySet<Symbol>;

const usdtSuffix = 'USDT';

function isTradablePerpetual(rules: InstrumentRules): boolean {
  return rules.status === 'Trading' && rules.contractType === 'LinearPerpetual' && rules.quoteCoin === 'USDT';
}

/** Parses a raw instruments-info list (BybitRestClient.linearInstruments); refused items are reported, not thrown. */
export function parseInstrumentList(raw: readonly unknown[]): { rules: InstrumentRules[]; refused: string[] } {
  const rules: InstrumentRules[] = [];
  const refused: string[] = [];
  for (const item of raw) {
    const parsed = parseInstrumentRules(item);
    if (parsed.ok) rules.push(parsed.value);
    else refused.push(parsed.reason);
  }
  return { rules, refused };
}

/** Builds the tradable set from instruments-info rules; instruments in any other state or of another kind are left out. */
export function tradableUniverse(instruments: Iterable<InstrumentRules>): TradableUniverse {
  const symbols = new Set<Symbol>();
  for (const rules of instruments) {
    if (isTradablePerpetual(rules)) symbols.add(rules.symbol);
  }
  return symbols;
}

/** Config checked once, with the whitelist as a set and the turnover floor as a Big. */
export class TickerScorer {
  private readonly whitelist: ReadonlySet<string>;
  private readonly boost: number;
  private readonly minTurnover: Big;

  /** Throws a RangeError naming the option on a config that cannot be right. */
  constructor(config: ScoringConfig) {
    if (!Number.isFinite(config.whitelistBoost) || config.whitelistBoost <= 0) {
      throw new RangeError(`scanner.whitelistBoost must be a finite number above 0, got ${config.whitelistBoost}`);
    }
    if (!isDecimalString(config.minTurnover24hUsd) || config.minTurnover24hUsd.startsWith('-')) {
      throw new RangeError(`scanner.minTurnover24hUsd must be a non-negative plain decimal, got ${JSON.stringify(config.minTurnover24hUsd)}`);
    }
    this.whitelist = new Set(config.whitelist);
    this.boost = config.whitelistBoost;
    this.minTurnover = new Big(config.minTurnover24hUsd);
  }

  /**
   * The score of one ticker. Number() of a DecimalString the adapter has validated is the correctly rounded double,
   * which is all a ranking needs: the score is compared, never paid, so float error here moves no money.
   */
  score(ticker: TickerSnapshot): number {
    const boost = this.isBoosted(ticker.symbol) ? this.boost : 1;
    return Number(ticker.turnover24h) * Math.abs(Number(ticker.price24hPcnt)) * boost;
  }

  isBoosted(symbol: Symbol): boolean {
    return this.whitelist.has(symbol);
  }

  /** Null when the ticker is a candidate; otherwise why not. The turnover floor is compared exactly, with Big. */
  exclusion(ticker: TickerSnapshot, universe: TradableUniverse): ExclusionReason | null {
    if (!ticker.symbol.endsWith(usdtSuffix)) return 'not-usdt';
    if (!universe.has(ticker.symbol)) return 'not-tradable';
    if (new Big(ticker.turnover24h).lt(this.minTurnover)) return 'low-turnover';
    return null;
  }

  scored(ticker: TickerSnapshot): ScoredSymbol {
    return {
      symbol: ticker.symbol,
      score: this.score(ticker),
      turnover24h: ticker.turnover24h,
      price24hPcnt: ticker.price24hPcnt,
      boosted: this.isBoosted(ticker.symbol),
    };
  }
}

export interface Ranking {
  /** Every candidate, best first; ties go to the alphabetically first symbol so a scan is reproducible. */
  readonly ranked: readonly ScoredSymbol[];
  readonly excluded: Readonly<Record<ExclusionReason, number>>;
}

function compareScored(a: ScoredSymbol, b: ScoredSymbol): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
}

/** Filters and scores one scan's tickers. A symbol listed twice keeps its first ticker. */
export function rankTickers(tickers: readonly TickerSnapshot[], universe: TradableUniverse, scorer: TickerScorer): Ranking {
  const excluded: Record<ExclusionReason, number> = { 'not-usdt': 0, 'not-tradable': 0, 'low-turnover': 0 };
  const seen = new Set<Symbol>();
  const ranked: ScoredSymbol[] = [];
  for (const ticker of tickers) {
    if (seen.has(ticker.symbol)) continue;
    seen.add(ticker.symbol);
    const reason = scorer.exclusion(ticker, universe);
    if (reason !== null) excluded[reason]++;
    else ranked.push(scorer.scored(ticker));
  }
  ranked.sort(compareScored);
  return { ranked, excluded };
}
