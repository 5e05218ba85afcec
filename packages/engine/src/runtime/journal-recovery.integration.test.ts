// The journal across a SIGKILL (issue 17): the engine is killed with a position open after several fills and started
// again on the same journal. The journal must then hold exactly the venue's fills, the day's realised PnL the engine
// counts must equal the venue's closed-PnL sum to the last digit, and a daily-loss halt set before a second kill must
// still be in force after the restart, with the status line saying why.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paperApiKey, paperApiSecret, type RunningVenue } from '@scalper/sim-venue';
import { startCli, venueUrlEnv, type CliProcess } from '../cli/test-support/cli-process.js';
import { startTopCoinVenue } from './test-support/top-coin-venue.js';
import { until } from './test-support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-recovery-'));
const journalPath = join(dir, 'engine.sqlite');

const entriesOf = (venue: RunningVenue, symbol: string) =>
  venue.engine.orderHistory(paperApiKey, symbol).filter((o) => !o.reduceOnly && o.createType === 'CreateByUser');
const sizeOf = (venue: RunningVenue, symbol: string) =>
  venue.engine
    .positions(paperApiKey)
    .find((p) => p.symbol === symbol)
    ?.size.toString() ?? '0';

function journalRows<T>(sql: string): T[] {
  const db = new Database(journalPath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** The resume line a start logs: the day's realised PnL it counts, and whether journal and venue agreed. */
function resumeLine(cli: CliProcess): Record<string, unknown> | undefined {
  return cli
    .stdout()
    .split('\n')
    .filter((line) => line.includes('resumed from the journal'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .at(-1);
}

describe('the journal across a SIGKILL', () => {
  let venue: RunningVenue;
  let tradedSymbol: () => string | null = () => null;
  let turnoverFloor = '';
  const running: CliProcess[] = [];

  function startEngine(extra: string[]): CliProcess {
    const cli = startCli(
      [
        '--venue',
        'url',
        '--journal.path',
        journalPath,
        '--scanner.intervalMs',
        '1000',
        '--scanner.minTurnover24hUsd',
        turnoverFloor,
        '--strategy.minTopSize',
        '0.001',
        '--strategy.positionSizeUsd',
        '200',
        '--risk.maxDailyLossUsd',
        '2',
        '--log.level',
        'info',
        '--log.format',
        'json',
        ...extra,
      ],
      venueUrlEnv(venue, { apiKey: paperApiKey, apiSecret: paperApiSecret }),
    );
    running.push(cli);
    return cli;
  }

  async function kill(cli: CliProcess): Promise<void> {
    cli.child.kill('SIGKILL');
    await cli.exited;
  }

  beforeAll(async () => {
    ({ venue, tradedSymbol, turnoverFloor } = await startTopCoinVenue(17));
  });

  afterAll(async () => {
    for (const cli of running) if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
    await venue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backfills every fill, counts the venue’s realised PnL, and keeps a daily-loss halt in force', async () => {
    // A round trip (time exit after 3 s), then a second entry left open when the process is killed.
    // Every process puts its stop 5 % away: time ends the first trip, a fall through the stop the second.
    const first = startEngine(['--strategy.maxHoldingMs', '3000', '--strategy.stopLossPercent', '5']);
    const symbol = await until(() => tradedSymbol() ?? undefined, 'the engine to subscribe its top coin');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    venue.impulse(symbol, 1.5, 1_500, 3);
    await until(() => (sizeOf(venue, symbol) !== '0' ? true : undefined), 'the first entry');
    await until(() => (venue.engine.closedPnls(paperApiKey).length > 0 && sizeOf(venue, symbol) === '0' ? true : undefined), 'the time exit', 20_000);
    venue.impulse(symbol, 1.5, 1_500, 3);
    await until(() => (sizeOf(venue, symbol) !== '0' ? true : undefined), 'the second entry');
    // Strategy journals a decision before its order goes out and the journal writes decisions at once, so the second
    // entry's decision is on disk by now or within a turn of the main thread's loop (which a loaded machine delays).
    const placeDecisions = () => journalRows<{ n: number }>("SELECT COUNT(*) AS n FROM decisions WHERE action = 'PlaceOrder'")[0]?.n ?? 0;
    await until(() => (placeDecisions() >= 2 ? true : undefined), "both entries' decisions in the journal", 5_000);
    await kill(first);
    const heldAtKill = sizeOf(venue, symbol);
    expect(heldAtKill).not.toBe('0');

    // The restart holds the position (a minute before its time exit) and reads back what the journal lacked.
    const holdOn = ['--strategy.maxHoldingMs', '60000', '--strategy.stopLossPercent', '5'];
    const second = startEngine(holdOn);
    await second.waitFor(/resumed from the journal/, 30_000);
    const venueExecIds = () => venue.engine.executions(paperApiKey).map((e) => e.execId);
    const journalExecIds = () => journalRows<{ id: string }>('SELECT exec_id AS id FROM fills').map((row) => row.id);
    await until(
      () => (journalExecIds().length === venueExecIds().length ? true : undefined),
      () => `journal fills ${journalExecIds().length} of ${venueExecIds().length}`,
    );
    expect(new Set(journalExecIds())).toEqual(new Set(venueExecIds()));
    expect(venueExecIds().length).toBeGreaterThanOrEqual(3);
    const venueClosedPnl = venue.engine.closedPnls(paperApiKey).reduce((sum, record) => sum.plus(record.closedPnl), new Big(0));
    const resumed = resumeLine(second);
    expect(resumed).toMatchObject({ level: 'info', dayRealisedUsed: venueClosedPnl.toFixed(), venueClosedPnl: venueClosedPnl.toFixed() });
    const journalTrips = journalRows<{ net: string }>('SELECT net_pnl AS net FROM round_trips');
    expect(journalTrips).toHaveLength(1);
    expect(new Big(journalTrips[0]?.net ?? 'NaN').minus(venueClosedPnl).abs().lte('0.01')).toBe(true);

    // A fall through the stop realises a loss past the day's limit: trading halts, and the halt is journaled with
    // its end (the next UTC midnight).
    venue.impulse(symbol, -7, 1_500, 3);
    await until(() => (sizeOf(venue, symbol) === '0' ? true : undefined), 'the stop to close the position', 20_000);
    const halts = () =>
      journalRows<{ reason: string; untilMs: number | null }>("SELECT reason, until_ms AS untilMs FROM risk_events WHERE kind = 'halted'");
    await until(
      () => (halts().length > 0 ? true : undefined),
      () =>
        `the halt in the journal; the engine said: ${second
          .stdout()
          .split('\n')
          .filter((l) => /RISK|halt|round trip|decision|fill/i.test(l))
          .join('\n')
          .slice(-4000)}`,
    );
    expect(halts()[0]).toMatchObject({ reason: expect.stringMatching(/^risk\.maxDailyLossUsd/), untilMs: expect.any(Number) });
    await kill(second);

    // After a second SIGKILL the halt is still in force: no entry on a strong signal, and the status says why.
    const entriesBefore = entriesOf(venue, symbol).length;
    const third = startEngine(holdOn);
    await third.waitFor(/TRADING HALTED since before this start/, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    venue.impulse(symbol, 2, 1_500, 3);
    await third.waitFor(/HALTED \(risk\.maxDailyLossUsd/, 15_000);
    expect(entriesOf(venue, symbol)).toHaveLength(entriesBefore);
    third.child.kill('SIGTERM');
    await third.exited;

    // What the threads told the journal along the way: strategy's decisions with their trigger, book and routing,
    // every order execution sent with its statuses, and the second trip, closed by strategy's stop, the venue's or the halt's
    // flatten (whichever the fall reached first).
    const decisions = journalRows<{ action: string; detail: string }>(
      "SELECT action, detail_json AS detail FROM decisions WHERE action = 'PlaceOrder'",
    );
    expect(decisions.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(decisions[0]?.detail ?? '{}')).toMatchObject({
      trigger: { kind: 'tick' },
      routing: expect.any(String),
      book: { bid: expect.any(String) },
    });
    const ordered = new Set(journalRows<{ id: string }>('SELECT order_link_id AS id FROM orders').map((row) => row.id));
    for (const entry of entriesOf(venue, symbol)) expect(ordered).toContain(entry.orderLinkId);
    expect(journalRows<{ status: string }>('SELECT status FROM order_events').map((row) => row.status)).toContain('Filled');
    const trips = journalRows<{ reason: string }>('SELECT exit_reason AS reason FROM round_trips ORDER BY id');
    expect(trips).toHaveLength(2);
    expect(['stop-loss', 'venue-stop', 'halt']).toContain(trips[1]?.reason);
    const sessions = journalRows<{ reason: string | null }>('SELECT stop_reason AS reason FROM sessions ORDER BY id');
    expect(sessions).toHaveLength(3);
    expect(sessions[2]?.reason).toMatch(/SIGTERM/);
  }, 150_000);
});
