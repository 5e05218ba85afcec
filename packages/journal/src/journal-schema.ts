// The journal's tables (journal writer and readers, main thread or a CLI): one SQLite file, versioned with
// PRAGMA user_version so a newer engine upgrades an older file in place and an older engine refuses a newer one.
// Money is TEXT (exact decimals, summed with big.js), never REAL.

import type Database from 'better-sqlite3';

/** The schema this code writes; a file with a higher user_version was written by a newer engine. */
export const journalSchemaVersion = 1;

const version1 = `
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  started_at_ms INTEGER NOT NULL,
  stopped_at_ms INTEGER,
  stop_reason TEXT,
  venue_kind TEXT NOT NULL,
  env TEXT NOT NULL,
  version TEXT NOT NULL,
  config_json TEXT NOT NULL
);
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions(id),
  ts_ms INTEGER NOT NULL,
  symbol TEXT NOT NULL,
  action TEXT NOT NULL,
  order_link_id TEXT,
  side TEXT,
  qty TEXT,
  order_type TEXT,
  time_in_force TEXT,
  reason TEXT,
  detail_json TEXT NOT NULL
);
CREATE TABLE orders (
  order_link_id TEXT PRIMARY KEY,
  session_id INTEGER REFERENCES sessions(id),
  ts_ms INTEGER NOT NULL,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL,
  order_type TEXT NOT NULL,
  time_in_force TEXT NOT NULL,
  qty TEXT NOT NULL,
  price TEXT,
  reduce_only INTEGER NOT NULL
);
CREATE TABLE order_events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions(id),
  ts_ms INTEGER NOT NULL,
  order_link_id TEXT NOT NULL,
  order_id TEXT,
  status TEXT NOT NULL,
  ret_code INTEGER,
  message TEXT
);
CREATE TABLE fills (
  exec_id TEXT PRIMARY KEY,
  session_id INTEGER REFERENCES sessions(id),
  ts_ms INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  order_link_id TEXT NOT NULL,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL,
  price TEXT NOT NULL,
  qty TEXT NOT NULL,
  fee TEXT NOT NULL,
  is_maker INTEGER NOT NULL
);
CREATE TABLE round_trips (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions(id),
  symbol TEXT NOT NULL,
  side TEXT NOT NULL,
  qty TEXT NOT NULL,
  entry_price TEXT NOT NULL,
  exit_price TEXT NOT NULL,
  opened_at_ms INTEGER NOT NULL,
  closed_at_ms INTEGER NOT NULL,
  exit_reason TEXT NOT NULL,
  gross_pnl TEXT NOT NULL,
  fees TEXT NOT NULL,
  net_pnl TEXT NOT NULL
);
CREATE TABLE risk_events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions(id),
  ts_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  until_ms INTEGER
);
CREATE TABLE runtime_events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER REFERENCES sessions(id),
  ts_ms INTEGER NOT NULL,
  worker TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX fills_by_time ON fills(ts_ms);
CREATE INDEX round_trips_by_close ON round_trips(closed_at_ms);
CREATE INDEX risk_events_by_time ON risk_events(ts_ms);
CREATE INDEX decisions_by_time ON decisions(ts_ms);
`;

/** Brings `db` to the current schema, in one transaction; refuses a file written by a newer schema. */
export function migrateJournal(db: Database.Database, path: string): void {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > journalSchemaVersion) {
    throw new Error(
      `journal ${path} has schema version ${found}; this engine knows up to ${journalSchemaVersion}: update the engine, or use another journal.path`,
    );
  }
  if (found === journalSchemaVersion) return;
  db.transaction(() => {
    if (found < 1) db.exec(version1);
    db.pragma(`user_version = ${journalSchemaVersion}`);
  })();
}
