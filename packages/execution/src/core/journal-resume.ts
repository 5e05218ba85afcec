// What execution learns from its journal and the venue at a (re)start (execution thread): the fills the journal may
// lack are read back from the venue's execution history, and the day's realised PnL is taken from the journal's
// round trips checked against the venue's closed PnL; when they disagree the larger loss is used.

import Big from 'big.js';
import { errorValueOf, type BybitRestClient } from '@scalper/bybit';
import type { Fill, JournalResume } from '@scalper/protocol';
import type { RetryingReads } from './retrying-reads.js';

/**
 * Under a cent apart counts as agreement: the venue averages entry prices to a fixed number of decimals where the
 * journal's round trips are exact, so the two can differ in the last digits without either being wrong.
 */
export const realisedAgreementUsd = new Big('0.01');

export interface DayRealisedChoice {
  /** What the daily-loss limit counts from: the venue's figure when the two agree, else the larger loss. */
  readonly used: Big;
  readonly journal: Big;
  /** null when the venue's closed PnL could not be read. */
  readonly venue: Big | null;
  readonly agreed: boolean;
}

export function chooseDayRealised(journal: Big, venue: Big | null): DayRealisedChoice {
  if (venue === null) return { used: journal, journal, venue, agreed: false };
  if (journal.minus(venue).abs().lte(realisedAgreementUsd)) return { used: venue, journal, venue, agreed: true };
  return { used: journal.lt(venue) ? journal : venue, journal, venue, agreed: false };
}

export interface ResumeReading {
  /** Where the backfill began: the journal's last fill, or the day's start for a journal without fills. */
  readonly backfillFromMs: number;
  /** The venue's executions since then (the journal keeps each execId once); null when they could not be read. */
  readonly fills: readonly Fill[] | null;
  readonly closedPnlRecords: number | null;
  readonly dayRealised: DayRealisedChoice;
  /** Reads that failed or items the parsers refused, for the log. */
  readonly problems: readonly string[];
}

/** Reads the venue's side of a resume, `nowMs` on the venue's clock; failures are values, never thrown. */
export async function readResume(client: BybitRestClient, reads: RetryingReads, resume: JournalResume, nowMs: number): Promise<ResumeReading> {
  const problems: string[] = [];
  const backfillFromMs = resume.lastFillTimeMs ?? resume.dayStartMs;
  let fills: readonly Fill[] | null = null;
  try {
    const read = await reads.call('execution history', () => client.executionsBetween(backfillFromMs, nowMs));
    fills = read.items;
    for (const reason of read.refused) problems.push(`an execution was refused: ${reason}`);
  } catch (error) {
    problems.push(`execution history unreadable: ${errorValueOf(error).message}`);
  }
  let venue: Big | null = null;
  let closedPnlRecords: number | null = null;
  try {
    const read = await reads.call('closed pnl', () => client.closedPnlBetween(resume.dayStartMs, nowMs));
    venue = read.items.reduce((sum, record) => sum.plus(record.closedPnl), new Big(0));
    closedPnlRecords = read.items.length;
    // A record the parser refused would make the sum wrong: the venue's figure is then not trusted.
    if (read.refused.length > 0) {
      problems.push(...read.refused.map((reason) => `a closed-pnl record was refused: ${reason}`));
      venue = null;
    }
  } catch (error) {
    problems.push(`closed pnl unreadable: ${errorValueOf(error).message}`);
  }
  return { backfillFromMs, fills, closedPnlRecords, dayRealised: chooseDayRealised(new Big(resume.dayRealisedNet), venue), problems };
}
