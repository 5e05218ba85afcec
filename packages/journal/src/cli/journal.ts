// `pnpm journal` (CLI main thread): reads the trade journal the engine writes and prints a day, the days, the round
// trips of a span, or their CSV. Read-only: it never blocks the engine writing the same file (WAL).

import { writeFileSync } from 'node:fs';
import { JournalFileError } from '../journal-file.js';
import { JournalReader, utcDayStartMs } from '../journal-reader.js';
import { JournalWriter } from '../journal-writer.js';
import { daysText, summariseDays, todayText, tradesCsv, tradesText } from '../journal-report.js';
import { journalUsage, JournalUsageError, parseJournalArgs, type JournalArgs } from './journal-args.js';

/**
 * Journals that trading may resume: the halt in force (the kill switch's has no end) no longer binds the engine's
 * next start. A running engine keeps its halt: it learned it at its own start.
 */
function resumeTrading(path: string, nowMs: number): string {
  const reader = JournalReader.open(path);
  const halt = reader.haltInForce(nowMs);
  reader.close();
  if (halt === null) return 'no halt in force: nothing to resume';
  const writer = JournalWriter.open(path, (_event, error) => {
    throw error;
  });
  try {
    writer.record({ type: 'RiskEvent', tsMs: nowMs, kind: 'resumed', reason: `resumed by hand: ${halt.reason}`, untilMs: null });
    writer.flush();
  } finally {
    writer.close();
  }
  return `halt lifted (${halt.reason}, since ${new Date(halt.sinceMs).toISOString()}): the engine's next start may trade; a running engine stays halted until it restarts`;
}

function run(args: JournalArgs, nowMs: number): string {
  if (args.command === 'resume') return resumeTrading(args.path, nowMs);
  const reader = JournalReader.open(args.path);
  try {
    const fromMs = args.fromMs ?? (args.command === 'days' ? 0 : utcDayStartMs(nowMs));
    const toMs = args.toMs ?? nowMs + 1;
    switch (args.command) {
      case 'today':
        return todayText(utcDayStartMs(nowMs), reader.roundTrips(utcDayStartMs(nowMs), nowMs + 1), reader.haltInForce(nowMs));
      case 'days':
        return daysText(summariseDays(reader.roundTrips(fromMs, toMs)));
      case 'trades':
        return tradesText(reader.roundTrips(fromMs, toMs));
      case 'export': {
        const csv = tradesCsv(reader.roundTrips(fromMs, toMs));
        if (args.out === null) return csv.trimEnd();
        writeFileSync(args.out, csv);
        return `wrote ${args.out}`;
      }
    }
  } finally {
    reader.close();
  }
}

try {
  const parsed = parseJournalArgs(process.argv.slice(2));
  if ('help' in parsed) {
    process.stdout.write(`${journalUsage}\n`);
  } else {
    process.stdout.write(`${run(parsed, Date.now())}\n`);
  }
} catch (error) {
  if (error instanceof JournalUsageError) {
    process.stderr.write(`journal: ${error.message}\n${journalUsage}\n`);
    process.exitCode = 2;
  } else if (error instanceof JournalFileError) {
    process.stderr.write(`journal: ${error.message}\n`);
    process.exitCode = 1;
  } else throw error;
}
