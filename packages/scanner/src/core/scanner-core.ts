// ScannerCore: one scan's tickers in, the top five and at most one SwitchSymbol out (scanner thread).
// Pure: the worker fetches tickers and instruments every scanner.intervalMs, passes the time, and sends the decision.

import type { InstrumentRules, TickerSnapshot } from '@scalper/bybit';
import type { MarketDataPayloads, ScannerPayloads, Symbol } from '@scalper/protocol';
import { rankTickers, TickerScorer, tradableUniverse, type ExclusionReason, type ScoredSymbol, type ScoringConfig } from './scoring.js';
import { shouldSwitch, type CurrentStanding, type SwitchVerdict } from './switch-rule.js';

export type SwitchSymbolPayload = MarketDataPayloads['SwitchSymbol'];

export interface ScannerCoreConfig extends ScoringConfig {
  /** scanner.switchThreshold: the new top must beat the current score by this factor (1.2 by default). */
  readonly switchThreshold: number;
  /** How many of the best symbols a scan reports for the info log; 5 by default. */
  readonly rankingSize?: number;
  /**
   * How long a sent SwitchSymbol blocks further decisions while market-data has not answered; 30 s by default.
   * Past it the scan decides afresh, so a lost answer (a restarted worker) cannot freeze the scanner.
   */
  readonly pendingTimeoutMs?: number;
}

export type ScanVerdict = SwitchVerdict | { readonly switch: false; readonly reason: 'switch-pending' };

export interface ScanResult {
  readonly tsMs: number;
  /** The best `rankingSize` candidates with their scores, best first: what the worker logs at info. */
  readonly ranking: readonly ScoredSymbol[];
  readonly candidates: number;
  readonly excluded: Readonly<Record<ExclusionReason, number>>;
  /** The confirmed current symbol with its score from this scan (null score: it is no longer a tradable ticker). */
  readonly current: CurrentStanding | null;
  readonly verdict: ScanVerdict;
  /** The SwitchSymbol to send to market-data, or null. */
  readonly decision: SwitchSymbolPayload | null;
}

export type SwitchAnswerOutcome = 'expected' | 'unexpected';

interface PendingSwitch {
  readonly symbol: Symbol;
  readonly score: number;
  readonly sinceMs: number;
}

const defaultRankingSize = 5;
const defaultPendingTimeoutMs = 30_000;

export class ScannerCore {
  private readonly scorer: TickerScorer;
  private readonly threshold: number;
  private readonly rankingSize: number;
  private readonly pendingTimeoutMs: number;
  /** Set only by SwitchCompleted: market-data, not the scanner, knows what is subscribed. */
  private currentSymbol: Symbol | null = null;
  /**
   * The current symbol's score: the decision's score once market-data confirms the switch, then each scan's. Kept
   * here rather than read off the last scan, whose `current` is null until the first switch completes (the status
   * line showed "score 0" for a whole scan interval).
   */
  private currentSymbolScore: number | null = null;
  private pending: PendingSwitch | null = null;
  private readonly counters = {
    scans: 0,
    switchesSent: 0,
    switchesCompleted: 0,
    switchesFailed: 0,
    pendingExpired: 0,
    unexpectedAnswers: 0,
  };

  /** Throws a RangeError naming the option when the config cannot be right. */
  constructor(config: ScannerCoreConfig) {
    if (!Number.isFinite(config.switchThreshold) || config.switchThreshold < 1) {
      throw new RangeError(`scanner.switchThreshold must be a finite number of at least 1, got ${config.switchThreshold}`);
    }
    const rankingSize = config.rankingSize ?? defaultRankingSize;
    if (!Number.isInteger(rankingSize) || rankingSize < 1) {
      throw new RangeError(`scanner rankingSize must be a positive integer, got ${rankingSize}`);
    }
    const pendingTimeoutMs = config.pendingTimeoutMs ?? defaultPendingTimeoutMs;
    if (!Number.isFinite(pendingTimeoutMs) || pendingTimeoutMs <= 0) {
      throw new RangeError(`scanner pendingTimeoutMs must be above 0, got ${pendingTimeoutMs}`);
    }
    this.scorer = new TickerScorer(config);
    this.threshold = config.switchThreshold;
    this.rankingSize = rankingSize;
    this.pendingTimeoutMs = pendingTimeoutMs;
  }

  /** The symbol market-data confirmed last, or null before the first SwitchCompleted. */
  get current(): Symbol | null {
    return this.currentSymbol;
  }

  /** The current symbol's newest score; null before the first switch, or when it vanished from the tickers. */
  get currentScore(): number | null {
    return this.currentSymbolScore;
  }

  /** The symbol of a SwitchSymbol sent and not yet answered. */
  get pendingSymbol(): Symbol | null {
    return this.pending?.symbol ?? null;
  }

  /** The score the pending symbol had when the switch was decided. */
  get pendingScore(): number | null {
    return this.pending?.score ?? null;
  }

  stats(): Readonly<Record<string, number>> {
    return { ...this.counters };
  }

  /**
   * Scores one scan. `instruments` are the instruments-info rules (refreshed as often as the worker likes); only
   * Trading USDT linear perpetuals are candidates. A decision is returned at most once per pending switch.
   */
  onTickers(tickers: readonly TickerSnapshot[], instruments: Iterable<InstrumentRules>, nowMs: number): ScanResult {
    this.counters.scans++;
    const universe = tradableUniverse(instruments);
    const { ranked, excluded } = rankTickers(tickers, universe, this.scorer);
    const top = ranked[0] ?? null;
    const current = this.standing(tickers, universe);
    if (current !== null) this.currentSymbolScore = current.score;
    const ranking = ranked.slice(0, this.rankingSize);
    const base = { tsMs: nowMs, ranking, candidates: ranked.length, excluded, current };

    if (this.pending !== null) {
      if (nowMs - this.pending.sinceMs < this.pendingTimeoutMs) {
        return { ...base, verdict: { switch: false, reason: 'switch-pending' }, decision: null };
      }
      this.counters.pendingExpired++;
      this.pending = null;
    }
    const verdict = shouldSwitch(current, top, this.threshold);
    if (!verdict.switch || top === null) return { ...base, verdict, decision: null };
    this.pending = { symbol: top.symbol, score: top.score, sinceMs: nowMs };
    this.counters.switchesSent++;
    const decision: SwitchSymbolPayload = { symbol: top.symbol, score: top.score, previousScore: current?.score ?? null };
    return { ...base, verdict, decision };
  }

  /**
   * A restarted market-data has no symbol: ask it for the current one again (as a pending switch), so trading
   * resumes at once instead of when another coin wins by the threshold. Null when there is no current symbol.
   */
  resumeDecision(nowMs: number): SwitchSymbolPayload | null {
    const symbol = this.currentSymbol;
    if (symbol === null) return null;
    const score = this.currentSymbolScore ?? 0;
    this.pending = { symbol, score, sinceMs: nowMs };
    this.counters.switchesSent++;
    return { symbol, score, previousScore: null };
  }

  /** Market-data is now on `symbol`. Accepted even if unasked for: market-data's subscriptions are the truth. */
  onSwitchCompleted(message: ScannerPayloads['SwitchCompleted']): SwitchAnswerOutcome {
    this.currentSymbol = message.symbol;
    this.counters.switchesCompleted++;
    if (this.pending !== null && this.pending.symbol === message.symbol) {
      this.currentSymbolScore = this.pending.score;
      this.pending = null;
      return 'expected';
    }
    // Unasked for: no score of ours for it until the next scan.
    this.currentSymbolScore = null;
    this.counters.unexpectedAnswers++;
    return 'unexpected';
  }

  /**
   * Market-data says which symbol it is on (it does whenever the scanner connects): that is the current one, with its
   * score from the next scan. "None" from a restarted market-data is not news: the resume decision asks it for ours.
   */
  onMarketDataOn(message: ScannerPayloads['MarketDataOn']): void {
    if (message.symbol === null || message.symbol === this.currentSymbol) return;
    this.currentSymbol = message.symbol;
    this.currentSymbolScore = null;
  }

  /**
   * The switch did not complete; the next scan decides again. Market-data says which symbol it is on: that is the
   * current one from now (with no score until the next scan when it changed), so the two never disagree.
   */
  onSwitchFailed(message: ScannerPayloads['SwitchFailed']): SwitchAnswerOutcome {
    this.counters.switchesFailed++;
    if (message.current !== this.currentSymbol) {
      this.currentSymbol = message.current;
      this.currentSymbolScore = null;
    }
    if (this.pending !== null && this.pending.symbol === message.symbol) {
      this.pending = null;
      return 'expected';
    }
    this.counters.unexpectedAnswers++;
    return 'unexpected';
  }

  /**
   * The current symbol's score from this scan's tickers. The turnover floor is deliberately not applied to it:
   * the floor picks candidates, and dropping the incumbent at the floor would bypass the switch threshold. A
   * symbol missing from the tickers, or no longer a Trading USDT perpetual, has vanished (null score).
   */
  private standing(tickers: readonly TickerSnapshot[], universe: ReadonlySet<Symbol>): CurrentStanding | null {
    const symbol = this.currentSymbol;
    if (symbol === null) return null;
    if (!universe.has(symbol)) return { symbol, score: null };
    const ticker = tickers.find((t) => t.symbol === symbol);
    return { symbol, score: ticker === undefined ? null : this.scorer.score(ticker) };
  }
}

/** One log line for a ranking: "VIRTUALUSDT 2.00e+9 (boosted), SUIUSDT 1.50e+9, ...". */
export function describeRanking(ranking: readonly ScoredSymbol[]): string {
  return ranking.map((entry) => `${entry.symbol} ${entry.score.toPrecision(3)}${entry.boosted ? ' (boosted)' : ''}`).join(', ');
}
