// The trader's controls over a running engine (main thread), one implementation for every way in (the kill-switch
// file, the dashboard, Telegram): halt (flatten and stop entries), close every position now, and resume entries
// after a manual halt. Each is journaled and announced, and answers in one line a page or a phone can show.

import { existsSync } from 'node:fs';
import type { Logger } from '@scalper/logging';
import type { JournalEvent, Result } from '@scalper/protocol';

/** A control's answer: done, or refused with the reason (nothing changed). */
export interface ControlAnswer {
  readonly ok: boolean;
  readonly message: string;
}

/** What the controls act through: the supervisor's calls to execution and strategy. */
export interface ControlledWorkers {
  halt(reason: string): Promise<void>;
  closePositions(reason: string): Promise<Result<null>>;
  resumeTrading(reason: string): Promise<Result<null>>;
}

export interface TradingControlsOptions {
  readonly workers: () => ControlledWorkers;
  readonly logger: Logger;
  /** Journal and alerts: the kill switch, a resume and a close by hand are recorded. */
  readonly record: (event: JournalEvent) => void;
  /** Alerts only: a halt for the journal itself cannot be journaled. */
  readonly alertOnly: (event: JournalEvent) => void;
  /** A line for the trader (the terminal's notice). */
  readonly notice: (text: string) => void;
  /** Whether a journal keeps the kill switch across restarts (the notice says how it ends). */
  readonly journalOn: boolean;
  /** risk.killSwitchFile: while it exists, a resume would be undone within a second, so it is refused. */
  readonly killSwitchFile: string;
}

export class TradingControls {
  private halting: Promise<void> | null = null;
  private haltJournaled = false;
  /** The journal failed: trading stays halted for the run, whatever the trader asks. */
  private journalBroken: string | null = null;

  constructor(private readonly options: TradingControlsOptions) {}

  /**
   * The kill switch: journaled, so it stays in force across restarts until the trader resumes. A halt for the
   * journal itself (`persist` false) lasts this run and cannot be resumed.
   */
  halt(reason: string, persist = true): Promise<void> {
    const { logger, notice } = this.options;
    const event: JournalEvent = { type: 'RiskEvent', tsMs: Date.now(), kind: 'halted', reason, untilMs: null };
    if (persist && !this.haltJournaled) {
      this.haltJournaled = true;
      this.options.record(event);
    } else if (!persist) {
      this.journalBroken = reason;
      this.options.alertOnly(event);
    }
    this.halting ??= (async () => {
      const label = persist ? 'KILL SWITCH' : 'TRADING HALTED';
      logger.fatal({ reason }, `${label}: flattening and halting all trading`);
      const until = !persist
        ? 'until restart'
        : this.options.journalOn
          ? 'until resumed (the dashboard, Telegram /resume, or pnpm journal -- resume)'
          : 'until resumed (the dashboard or Telegram /resume) or restarted';
      notice(`${label} (${reason}): flattening, no new entries ${until}`);
      await this.options.workers().halt(reason);
    })();
    return this.halting;
  }

  /** The kill switch from the dashboard or Telegram (`source` names it), with its answer. */
  async haltByHand(source: string): Promise<ControlAnswer> {
    await this.halt(`kill switch: ${source}`);
    return { ok: true, message: 'Halted: working orders cancelled, position flattened, no new entries until resumed.' };
  }

  /** Every position closed and working order cancelled now; entries go on (halt stops them too). */
  async closeNow(source: string): Promise<ControlAnswer> {
    const reason = `close by hand from ${source}`;
    this.options.record({ type: 'RiskEvent', tsMs: Date.now(), kind: 'closed', reason, untilMs: null });
    this.options.logger.warn({ source }, 'CLOSE NOW: closing every position by hand');
    this.options.notice(`CLOSE NOW (${source}): cancelling working orders and closing every position`);
    const result = await this.options.workers().closePositions(reason);
    if (!result.ok) return { ok: false, message: `The close failed: ${result.error.message}. Check the venue.` };
    return {
      ok: true,
      message: 'Closed: working orders cancelled and every position closed. Entries go on after risk.cooldownAfterStopMs (halt stops them).',
    };
  }

  /** Lifts a manual halt (the kill switch); a daily-loss halt, the journal's halt or a kill file still there refuse. */
  async resume(source: string): Promise<ControlAnswer> {
    if (this.journalBroken !== null) {
      return {
        ok: false,
        message: `Not resumed: trading is halted because ${this.journalBroken}; restart the engine once the journal can be written.`,
      };
    }
    const file = this.options.killSwitchFile;
    if (file !== '' && existsSync(file)) return { ok: false, message: `Not resumed: the kill-switch file ${file} exists; remove it first.` };
    // A halt still flattening finishes first: entries must not open beside its close.
    await this.halting;
    const reason = `resumed by hand from ${source}`;
    const result = await this.options.workers().resumeTrading(reason);
    if (!result.ok) return { ok: false, message: `Not resumed: ${result.error.message}.` };
    this.options.record({ type: 'RiskEvent', tsMs: Date.now(), kind: 'resumed', reason, untilMs: null });
    this.halting = null;
    this.haltJournaled = false;
    this.options.logger.warn({ source }, 'TRADING RESUMED by hand: entries allowed again');
    this.options.notice(`TRADING RESUMED (${source}): entries allowed again`);
    return { ok: true, message: 'Resumed: entries are allowed again.' };
  }
}
