// Opens the journal's SQLite file (main thread, or a CLI): WAL so readers (pnpm journal) never block the writer, a
// busy timeout for the moment another connection writes, and one clear error line for a file that cannot be used.

import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateJournal } from './journal-schema.js';

export interface OpenJournalOptions {
  /** Readers open an existing file only, read-only; the writer creates it (and its folder). */
  readonly readOnly?: boolean;
  /** How long a statement waits for another connection's write lock; default 5 s. */
  readonly busyTimeoutMs?: number;
  /**
   * Caps the file at this many pages (SQLite's max_page_count), past which a write fails as on a full disk (SQLITE_FULL).
   * For tests of that failure: nothing else sets it.
   */
  readonly maxPageCount?: number;
}

export class JournalFileError extends Error {
  override readonly name = 'JournalFileError';
}

export function openJournalFile(path: string, options: OpenJournalOptions = {}): Database.Database {
  const readOnly = options.readOnly === true;
  if (readOnly && !existsSync(path))
    throw new JournalFileError(`journal ${path} does not exist (journal.path; the engine creates it on its first run)`);
  let db: Database.Database;
  try {
    if (!readOnly) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly: readOnly, fileMustExist: readOnly, timeout: options.busyTimeoutMs ?? 5_000 });
  } catch (error) {
    throw new JournalFileError(`cannot open journal ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (!readOnly) {
      // WAL: a crash (even SIGKILL) loses no committed transaction, and readers see the last commit meanwhile.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrateJournal(db, path);
      if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    }
    // A file that is not SQLite fails here, on the first read, with SQLite's "file is not a database".
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if (error instanceof JournalFileError || (error instanceof Error && error.message.startsWith('journal '))) throw error;
    const message = (error as Error).message;
    const hint = /locked|busy/i.test(message) ? ' (another process holds it: is a second engine writing this journal?)' : '';
    throw new JournalFileError(`cannot use journal ${path}: ${message}${hint}`, { cause: error });
  }
  return db;
}
