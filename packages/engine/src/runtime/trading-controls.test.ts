import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@scalper/logging';
import { fail, ok, type JournalEvent, type Result, type ResumeOutcome } from '@scalper/protocol';
import { Writable } from 'node:stream';
import { TradingControls, type ControlledWorkers } from './trading-controls.js';

const quiet = createLogger({ worker: 'main', level: 'silent', destination: new Writable({ write: (_c, _e, callback) => callback() }) });

/** Workers that do what they are told, record it, and can be held or made to fail. */
class FakeWorkers implements ControlledWorkers {
  readonly calls: string[] = [];
  haltProblem: string | null = null;
  resumeAnswer: Result<ResumeOutcome> = ok({ haltedAgain: null });
  /** While set, resumeTrading waits for it. */
  hold: Promise<void> | null = null;

  async halt(reason: string): Promise<string | null> {
    this.calls.push(`halt ${reason}`);
    return this.haltProblem;
  }

  async closePositions(reason: string): Promise<Result<null>> {
    this.calls.push(`close ${reason}`);
    return ok(null);
  }

  async resumeTrading(reason: string): Promise<Result<ResumeOutcome>> {
    this.calls.push(`resume ${reason}`);
    await this.hold;
    return this.resumeAnswer;
  }
}

function controlsWith(workers: FakeWorkers, killSwitchFile = '') {
  const recorded: JournalEvent[] = [];
  const notices: string[] = [];
  const controls = new TradingControls({
    workers: () => workers,
    logger: quiet,
    record: (event) => void recorded.push(event),
    alertOnly: () => undefined,
    notice: (text) => void notices.push(text),
    journalOn: true,
    killSwitchFile,
  });
  const kinds = () => recorded.map((event) => (event.type === 'RiskEvent' ? `${event.kind}: ${event.reason}` : event.type));
  return { controls, recorded, notices, kinds };
}

describe('TradingControls', () => {
  it('halts, resumes, and halts again: each reaches the workers and is journaled once', async () => {
    const workers = new FakeWorkers();
    const { controls, kinds } = controlsWith(workers);
    expect(await controls.haltByHand('the dashboard')).toMatchObject({ ok: true });
    await controls.halt('kill switch: SIGUSR2'); // already halted: not sent or journaled twice
    expect(await controls.resume('the dashboard')).toEqual({ ok: true, message: 'Resumed: entries are allowed again.' });
    expect(await controls.haltByHand('Telegram chat 1')).toMatchObject({ ok: true });
    expect(workers.calls).toEqual([
      'halt kill switch: the dashboard',
      'resume resumed by hand from the dashboard',
      'halt kill switch: Telegram chat 1',
    ]);
    expect(kinds()).toEqual([
      'halted: kill switch: the dashboard',
      'resumed: resumed by hand from the dashboard',
      'halted: kill switch: Telegram chat 1',
    ]);
  });

  it('sends a halt asked for while a resume runs again once the resume is through, and refuses the resume', async () => {
    const workers = new FakeWorkers();
    const { controls, kinds } = controlsWith(workers);
    await controls.halt('kill switch: first');
    let release: () => void = () => undefined;
    workers.hold = new Promise((resolve) => (release = resolve));
    const resuming = controls.resume('the dashboard');
    await new Promise((resolve) => setImmediate(resolve));
    await controls.halt('kill switch: SIGUSR2 during the resume');
    release();
    expect(await resuming).toEqual({
      ok: false,
      message: 'Not resumed: a halt came while resuming (kill switch: SIGUSR2 during the resume); trading stays halted.',
    });
    expect(workers.calls.at(-1)).toBe('halt kill switch: SIGUSR2 during the resume');
    expect(kinds()).not.toContain('resumed: resumed by hand from the dashboard');
    expect(kinds().at(-1)).toBe('halted: kill switch: SIGUSR2 during the resume');
  });

  it('says a halt did not reach every worker, and sends the next one again', async () => {
    const workers = new FakeWorkers();
    workers.haltProblem = 'execution: execution is starting: the halt did not reach it';
    const { controls } = controlsWith(workers);
    expect((await controls.haltByHand('the dashboard')).ok).toBe(false);
    workers.haltProblem = null;
    expect((await controls.haltByHand('the dashboard')).ok).toBe(true);
    expect(workers.calls).toEqual(['halt kill switch: the dashboard', 'halt kill switch: the dashboard']);
  });

  it("does not record a resume when the daily-loss halt took the kill switch's place at once", async () => {
    const workers = new FakeWorkers();
    workers.resumeAnswer = ok({ haltedAgain: "risk.maxDailyLossUsd: the day's PnL is -120.00 USDT, limit -100.00" });
    const { controls, kinds } = controlsWith(workers);
    await controls.halt('kill switch: dashboard');
    const answer = await controls.resume('the dashboard');
    expect(answer).toEqual({
      ok: false,
      message:
        "Not resumed: the kill switch is lifted, but the day's loss halts trading again: risk.maxDailyLossUsd: the day's PnL is -120.00 USDT, limit -100.00.",
    });
    expect(kinds()).toEqual(['halted: kill switch: dashboard']);
    // The kill switch is no longer in force at execution: a new halt is sent, not taken as done.
    await controls.halt('kill switch: again');
    expect(workers.calls.at(-1)).toBe('halt kill switch: again');
  });

  it("refuses a resume the workers refuse, one with the kill file there, the journal's halt, and anything while stopping", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'controls-'));
    try {
      const file = join(dir, 'KILL');
      const workers = new FakeWorkers();
      workers.resumeAnswer = fail('RISK_DENIED', 'trading is not halted');
      const { controls } = controlsWith(workers, file);
      expect(await controls.resume('the dashboard')).toEqual({ ok: false, message: 'Not resumed: trading is not halted.' });
      writeFileSync(file, '');
      expect((await controls.resume('the dashboard')).message).toBe(`Not resumed: the kill-switch file ${file} exists; remove it first.`);
      rmSync(file);
      await controls.halt('journal /x cannot be written: disk full', false);
      expect((await controls.resume('the dashboard')).message).toMatch(/^Not resumed: trading is halted because journal \/x cannot be written/);
      controls.close();
      expect((await controls.resume('the dashboard')).message).toBe('Not resumed: the engine is stopping.');
      expect((await controls.closeNow('the dashboard')).ok).toBe(false);
      expect(workers.calls.filter((call) => call.startsWith('resume'))).toHaveLength(1);
      expect(workers.calls.filter((call) => call.startsWith('close'))).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
