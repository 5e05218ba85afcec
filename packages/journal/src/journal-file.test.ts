// Tests of opening the journal file (Jest thread, temp files): WAL on creation, one clear line for a missing file,
// a file that is not SQLite and a file of a newer schema; an older file is upgraded in place.

import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournalFile } from './journal-file.js';
import { JournalReader } from './journal-reader.js';
import { journalSchemaVersion } from './journal-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openJournalFile', () => {
  it('creates the file and its folder in WAL mode at the current schema', () => {
    const path = join(dir, 'new', 'deeper', 'live.sqlite');
    const db = openJournalFile(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(journalSchemaVersion);
    db.close();
  });

  it('refuses a missing file to a reader, naming journal.path', () => {
    expect(() => JournalReader.open(join(dir, 'absent.sqlite'))).toThrow(/^journal .*absent\.sqlite does not exist \(journal\.path/);
  });

  it('refuses a file that is not SQLite in one line', () => {
    const path = join(dir, 'text.sqlite');
    writeFileSync(path, 'not a database at all, just text that is long enough to be read as a header\n'.repeat(20));
    expect(() => openJournalFile(path)).toThrow(/^cannot (open|use) journal .*text\.sqlite: file is not a database/);
  });

  it('refuses a journal written by a newer schema, and leaves it as it was', () => {
    const path = join(dir, 'newer.sqlite');
    const db = new Database(path);
    db.pragma(`user_version = ${journalSchemaVersion + 1}`);
    db.close();
    expect(() => openJournalFile(path)).toThrow(
      new RegExp(`has schema version ${journalSchemaVersion + 1}; this engine knows up to ${journalSchemaVersion}`),
    );
    const again = new Database(path, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(journalSchemaVersion + 1);
    again.close();
  });
});
