// The scanner runtime (scanner thread, and backtests): a scan every scanner.intervalMs, never two at once, through
// the ScannerCore; the top five logged (info when the leader changed, else debug) and a decision handed on. The
// worker brings REST and the link to market-data; a backtest brings its recorded tickers and its market-data.

import type { InstrumentRules, TickerSnapshot } from '@scalper/bybit';
import type { RuntimeClock, ScannerPayloads, StatsOptions } from '@scalper/protocol';
import { describeRanking, ScannerCore, type ScannerCoreConfig, type SwitchSymbolPayload } from './scanner-core.js';

/** One scan's input: the linear tickers (with how many were refused as malformed) and the instruments' rules. */
export interface ScanInput {
  readonly tickers: readonly TickerSnapshot[];
  readonly refused: number;
  readonly instruments: Iterable<InstrumentRules>;
}

/** pino's call shape. */
export interface ScanLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ScanLoopPorts {
  readonly clock: RuntimeClock;
  readonly logger: ScanLogger;
  /** The tickers and instruments now: REST live, the recording in a backtest. */
  readonly fetch: () => Promise<ScanInput> | ScanInput;
  /**
   * The decision, for market-data; its answer comes back through onSwitchCompleted / onSwitchFailed. A backtest's
   * market-data switches in place and returns the switch, so the scan ends when it does.
   */
  readonly switchSymbol: (decision: SwitchSymbolPayload) => Promise<void> | void;
}

export class ScanLoop {
  readonly core: ScannerCore;
  /** The previous scan's top symbol: a ranking with the same leader is routine (debug), a new leader is news (info). */
  private lastTop: string | null = null;
  /** The last scan's best five, for the stats (the dashboard shows them). */
  private lastRanking: readonly { readonly symbol: string; readonly score: number; readonly boosted: boolean }[] = [];
  private scanning = false;
  private scansSkipped = 0;
  private stopTimer: (() => void) | null = null;
  private stopped = false;
  private readonly intervalMs: number;

  constructor(
    config: ScannerCoreConfig & { readonly intervalMs: number },
    private readonly ports: ScanLoopPorts,
  ) {
    this.core = new ScannerCore(config);
    this.intervalMs = config.intervalMs;
  }

  /**
   * The first scan at once, or once `firstScanAfter` settles (the worker's: market-data has said which symbol it is
   * on), then one every intervalMs.
   */
  start(firstScanAfter?: Promise<unknown>): void {
    this.stopped = false;
    if (firstScanAfter === undefined) {
      this.scanEveryInterval();
      return;
    }
    // The interval starts after the gate too: with scanner.intervalMs under the wait, it would scan before it.
    void firstScanAfter.then(() => {
      if (!this.stopped) this.scanEveryInterval();
    });
  }

  stop(): void {
    this.stopped = true;
    this.stopTimer?.();
    this.stopTimer = null;
  }

  private scanEveryInterval(): void {
    void this.scan();
    this.stopTimer = this.ports.clock.every(this.intervalMs, () => this.scan());
  }

  /** One scan; a scan still running (a slow venue) makes this one a no-op, counted, instead of a second request. */
  async scan(): Promise<void> {
    if (this.scanning) {
      this.scansSkipped++;
      return;
    }
    this.scanning = true;
    const { logger } = this.ports;
    try {
      const input = await this.ports.fetch();
      const result = this.core.onTickers(input.tickers, input.instruments, this.ports.clock.now());
      const top = result.ranking[0]?.symbol ?? null;
      const level = top !== this.lastTop || result.decision !== null ? 'info' : 'debug';
      this.lastTop = top;
      this.lastRanking = result.ranking.map((entry) => ({ symbol: entry.symbol, score: entry.score, boosted: entry.boosted }));
      logger[level]({ top: describeRanking(result.ranking), current: result.current, refused: input.refused }, 'scanner results');
      if (result.decision !== null) {
        logger.info(
          { symbol: result.decision.symbol, score: result.decision.score, previousScore: result.decision.previousScore },
          'new top coin: switching',
        );
        await this.ports.switchSymbol(result.decision);
      }
    } catch (error) {
      logger.error({ err: error }, 'scan failed; next scan at the next interval');
    } finally {
      this.scanning = false;
    }
  }

  /** Market-data restarted (its link to it is new): ask it for the current symbol again, so trading resumes. */
  async marketDataReconnected(): Promise<void> {
    const decision = this.core.resumeDecision(this.ports.clock.now());
    if (decision === null) return;
    this.ports.logger.info({ symbol: decision.symbol }, 'market-data restarted: asking it for the current symbol again');
    await this.ports.switchSymbol(decision);
  }

  onSwitchCompleted(message: ScannerPayloads['SwitchCompleted']): void {
    this.core.onSwitchCompleted(message);
  }

  onSwitchFailed(message: ScannerPayloads['SwitchFailed']): void {
    this.core.onSwitchFailed(message);
  }

  onMarketDataOn(message: ScannerPayloads['MarketDataOn']): void {
    this.core.onMarketDataOn(message);
  }

  stats(options?: StatsOptions): Readonly<Record<string, number | string>> {
    const core = this.core;
    return {
      ...core.stats(),
      scansSkipped: this.scansSkipped,
      currentSymbol: core.current ?? '',
      currentScore: core.currentScore ?? '',
      pendingSymbol: core.pendingSymbol ?? '',
      pendingScore: core.pendingScore ?? '',
      // [{ symbol, score, boosted }], best first: the stats are flat, so the dashboard's list travels as JSON.
      ...(options?.view === true ? { ranking: JSON.stringify(this.lastRanking) } : {}),
    };
  }
}
