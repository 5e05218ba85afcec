// The trader's controls over a running engine (main thread), one implementation for every way in (the kill-switch
// file, the dashboard, Telegram): halt (flatten and stop entries), close every position now, and resume entries
// after a manual halt. Each is journaled and announced, and answers in one line a page or a phone can show.

import { existsSync } from 'node:fs';
import type { Logger } from '@scalper/logging';
import type { JournalEvent, Result, ResumeOutcome } from '@scalper/protocol';

/** A control's answer: done, or refused with the reason (nothing changed). */
export interface ControlAnswer {
  readonly ok: boolean;
  readonly message: string;
}

/** What the controls act through: the supervisor's calls to execution and strategy. */
export interface ControlledWorkers {
  /** What failed (a worker still starting or restarting), or null. */
  halt(reason: string): Promise<string | null>;
  closePositions(reason: string): Promise<Result<null>>;
  resumeTrading(reason: string): Promise<Result<ResumeOutcome>>;
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

const refused = (why: string): ControlAnswer => ({ ok: false, message: `Not resumed: ${why}.` });

export class TradingControls {
  private halting: Promise<void> | null = null;
  private haltJournaled = false;
  /** Counts every halt asked for, so a resume can tell one came while it ran. */
  private halts = 0;
  private lastHalt: { readonly reason: string; readonly persist: boolean } | null = null;
  /** Why the last halt did not reach every worker, or null. */
  private haltProblem: string | null = null;
  private resuming = false;
  private stopping = false;
  /** The journal failed: trading stays halted for the run, whatever the trader asks. */
  private journalBroken: string | null = null;

  constructor(private readonly options: TradingControlsOptions) {}

  /** The engine stops: the page and Telegram can change nothing more (a halt still goes through). */
  close(): void {
    this.stopping = true;
  }

  /**
   * The kill switch: journaled, so it stays in force across restarts until the trader resumes. A halt for the
   * journal itself (`persist` false) lasts this run and cannot be resumed. One that did not reach every worker is
   * sent again by the next halt asked for.
   */
  halt(reason: string, persist = true): Promise<void> {
    const { logger, notice } = this.options;
    this.halts++;
    this.lastHalt = { reason, persist };
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
      this.haltProblem = await this.options.workers().halt(reason);
      if (this.haltProblem !== null) {
        notice(`${label}: the halt did not reach every worker (${this.haltProblem}); ${this.unreachedAdvice()}`);
        this.halting = null;
      }
    })();
    return this.halting;
  }

  /** The kill switch from the dashboard or Telegram (`source` names it), with its answer. */
  async haltByHand(source: string): Promise<ControlAnswer> {
    await this.halt(`kill switch: ${source}`);
    if (this.haltProblem !== null) {
      return { ok: false, message: `The halt did not reach every worker (${this.haltProblem}): ${this.unreachedAdvice()}. Check the position.` };
    }
    return { ok: true, message: 'Halted: working orders cancelled, position flattened, no new entries until resumed.' };
  }

  /** What happens to a halt a worker missed (it was starting or restarting). */
  private unreachedAdvice(): string {
    return this.options.journalOn
      ? 'it is journaled, so a restarting execution restores it at its start; halt again once every worker runs'
      : 'without a journal a restarting worker does not learn of it: halt again once every worker runs';
  }

  /** Every position closed and working order cancelled now; entries go on (halt stops them too). */
  async closeNow(source: string): Promise<ControlAnswer> {
    if (this.stopping) return { ok: false, message: 'Not closed: the engine is stopping (it closes the position itself).' };
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

  /**
   * Lifts a manual halt (the kill switch). Refused for a daily-loss halt (execution's answer), the journal's halt, a
   * kill file still there, and a stopping engine. A halt asked for while the resume ran wins: it is sent again.
   */
  async resume(source: string): Promise<ControlAnswer> {
    if (this.stopping) return refused('the engine is stopping');
    if (this.resuming) return refused('a resume is already running');
    this.resuming = true;
    try {
      if (this.journalBroken !== null)
        return refused(`trading is halted because ${this.journalBroken}; restart the engine once the journal can be written`);
      const file = this.options.killSwitchFile;
      if (file !== '' && existsSync(file)) return refused(`the kill-switch file ${file} exists; remove it first`);
      // A halt still flattening finishes first: entries must not open beside its close.
      await this.halting;
      const haltsBefore = this.halts;
      const reason = `resumed by hand from ${source}`;
      const result = await this.options.workers().resumeTrading(reason);
      if (!result.ok) return refused(result.error.message);
      // Execution's kill switch is lifted now, whatever follows: a new halt must be sent again, not taken as in force.
      this.halting = null;
      this.haltJournaled = false;
      const overtaken = this.halts !== haltsBefore || this.journalBroken !== null || (file !== '' && existsSync(file));
      if (overtaken && this.lastHalt !== null) {
        const again = this.journalBroken !== null ? { reason: this.journalBroken, persist: false } : this.lastHalt;
        await this.halt(again.reason, again.persist);
        return refused(`a halt came while resuming (${again.reason}); trading stays halted`);
      }
      if (result.value.haltedAgain !== null) {
        // The daily-loss halt took the kill switch's place (execution journaled it): no resume to record.
        this.options.notice(`Kill switch lifted, but trading is halted again: ${result.value.haltedAgain}`);
        return refused(`the kill switch is lifted, but the day's loss halts trading again: ${result.value.haltedAgain}`);
      }
      this.options.record({ type: 'RiskEvent', tsMs: Date.now(), kind: 'resumed', reason, untilMs: null });
      this.options.logger.warn({ source }, 'TRADING RESUMED by hand: entries allowed again');
      this.options.notice(`TRADING RESUMED (${source}): entries allowed again`);
      return { ok: true, message: 'Resumed: entries are allowed again.' };
    } finally {
      this.resuming = false;
    }
  }
}
