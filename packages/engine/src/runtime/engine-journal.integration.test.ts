// The engine keeps its trade journal (issue 17, first part): a run on the embedded venue opens the journal of its
// venue, records the session with its configuration but no secret, the supervisor's crash and restart of a worker,
// and the stop with its reason; a journal that cannot be opened stops the start before anything runs.

import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { loadConfig } from '../config/load-config.js';
import { journalPathOf, journalVenueName } from './engine-journal.js';
import { startQuietEngine } from './test-support/test-engine.js';
import { until } from './test-support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'engine-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configOf = (argv: string[], env: Record<string, string> = {}) => loadConfig({ argv, env, configDir: repositoryConfigDir }).config;
const keys = { BYBIT_API_KEY: 'k'.repeat(18), BYBIT_API_SECRET: 's'.repeat(36) };

describe('journal.path', () => {
  it('is one file per venue by default, so paper and live never mix, and none with ""', () => {
    expect(journalVenueName(configOf([]))).toBe('sim');
    expect(journalVenueName(configOf(['--venue.kind', 'paper']))).toBe('paper');
    expect(journalVenueName(configOf(['--env', 'testnet'], keys))).toBe('testnet');
    expect(journalVenueName(configOf(['--env', 'demo'], keys))).toBe('demo');
    expect(journalVenueName(configOf(['--env', 'live', '--trading.confirmLive', 'true'], keys))).toBe('mainnet');
    expect(journalVenueName(configOf(['--venue.kind', 'bybit'], keys))).toBe('url');
    expect(journalPathOf(configOf(['--venue.kind', 'paper']))).toBe(join(process.cwd(), 'data', 'journal', 'paper.sqlite'));
    expect(journalPathOf(configOf(['--journal.path', '']))).toBeNull();
    expect(journalPathOf(configOf(['--journal.path', '/tmp/x.sqlite']))).toBe('/tmp/x.sqlite');
  });
});

describe('the engine with a journal', () => {
  it('records the session, a worker crash and its restart, and the stop, without the secret', async () => {
    const path = join(dir, 'sim.sqlite');
    const engine = await startQuietEngine(['--journal.path', path, '--log.level', 'warn']);
    let reason: string;
    try {
      await engine.supervisor.kill('strategy');
      await until(() => (engine.supervisor.restartCount > 0 ? true : undefined), 'the strategy restart', 30_000);
    } finally {
      reason = await engine.stop('test over');
    }
    expect(reason).toBe('test over');
    const db = new Database(path, { readonly: true });
    try {
      const session = db
        .prepare('SELECT venue_kind AS venue, env, stop_reason AS reason, stopped_at_ms AS stoppedAt, config_json AS config FROM sessions')
        .get() as Record<string, unknown>;
      expect(session).toMatchObject({ venue: 'sim', env: 'sim', reason: 'test over', stoppedAt: expect.any(Number) });
      const config = JSON.parse(String(session['config'])) as Record<string, unknown>;
      expect(config['venue']).toMatchObject({ kind: 'sim' });
      expect(config['credentials']).toBeUndefined();
      expect(String(session['config'])).not.toMatch(/apiSecret|SIM-PAPER-SECRET/);
      const events = db.prepare('SELECT worker, kind FROM runtime_events ORDER BY id').all();
      expect(events).toEqual([
        { worker: 'strategy', kind: 'crashed' },
        { worker: 'strategy', kind: 'restarted' },
      ]);
    } finally {
      db.close();
    }
  }, 90_000);

  it('does not start at all when its journal cannot be opened, and says which file', async () => {
    const path = join(dir, 'not-a-journal.sqlite');
    writeFileSync(path, 'plain text, not SQLite\n'.repeat(40));
    await expect(startQuietEngine(['--journal.path', path])).rejects.toThrow(
      /^cannot (open|use) journal .*not-a-journal\.sqlite: file is not a database/,
    );
  });
});
