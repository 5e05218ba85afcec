// Public surface of @scalper/journal: the writer the main thread runs, the reader for start-up and the CLI.

export { JournalWriter, type JournalWriterCounts } from './journal-writer.js';
export { JournalReader, utcDayStartMs, type HaltInForce, type RealisedSpan, type RoundTripRow } from './journal-reader.js';
export { summariseDays, type DaySummary } from './journal-report.js';
export { defaultJournalPath } from './cli/journal-args.js';
export { JournalFileError, openJournalFile, type OpenJournalOptions } from './journal-file.js';
export { journalSchemaVersion } from './journal-schema.js';
