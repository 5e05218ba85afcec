import { describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { resolveLogFormat } from './log-format.js';
import { openTerminal } from './terminal.js';

function stream(isTTY: boolean, columns = 100) {
  const writes: string[] = [];
  return { writes, text: () => writes.join(''), stream: { write: (text: string) => writes.push(text), isTTY, columns } };
}

const jsonLine = (fields: Record<string, unknown>): string =>
  `${JSON.stringify({ level: 'info', time: '2026-12-03T14:03:37.627Z', pid: 1, worker: 'strategy', msg: 'strategy decision', ...fields })}\n`;
const groups = [['ETHUSDT score 3.39e+7', 'blocked: ready'], ['position flat']];
const secret = 'the-api-secret-0123456789';

describe('resolveLogFormat', () => {
  it('makes auto pretty on a terminal and json otherwise, and leaves a forced format alone', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});

describe('openTerminal', () => {
  it('json to a file with stderr on a terminal: workers keep fd 1, the status is redrawn in place on stderr', () => {
    const out = stream(false);
    const err = stream(true);
    const terminal = openTerminal({ format: 'auto', stdout: out.stream, stderr: err.stream, env: {} });
    expect(terminal.format).toBe('json');
    expect(terminal.logDestination).toBeUndefined();
    expect(terminal.workerStdio).toBeUndefined();
    expect(terminal.statusIntervalMs).toBe(1_000);
    terminal.status(groups);
    terminal.status(groups);
    expect(err.writes).toEqual([
      'ETHUSDT score 3.39e+7 | blocked: ready | position flat',
      '\r\x1b[JETHUSDT score 3.39e+7 | blocked: ready | position flat',
    ]);
    expect(out.writes).toEqual([]);
  });

  it('json on a terminal, or to files: plain status lines on stderr every 5 s, since JSON lines share the screen', () => {
    for (const stdoutTty of [true, false]) {
      const err = stream(stdoutTty);
      const terminal = openTerminal({ format: 'json', stdout: stream(stdoutTty).stream, stderr: err.stream, env: {} });
      expect(terminal.statusIntervalMs).toBe(5_000);
      terminal.status(groups);
      terminal.notice('session trades\n  entries 0');
      expect(err.writes).toEqual(['ETHUSDT score 3.39e+7 | blocked: ready | position flat\n', 'session trades\n  entries 0\n']);
    }
  });

  it("pretty on a terminal: every thread's lines rendered, scrubbed, above a status block that stays at the bottom", async () => {
    const out = stream(true);
    const err = stream(true);
    const terminal = openTerminal({ format: 'auto', secrets: [secret], stdout: out.stream, stderr: err.stream, env: {} });
    expect(terminal.format).toBe('pretty');
    expect(terminal.workerStdio?.captureStderr).toBe(true);
    terminal.status(groups);
    terminal.logDestination?.write(jsonLine({ worker: 'main', msg: 'configuration loaded', env: 'sim' }));
    const workerOut = new PassThrough();
    const workerErr = new PassThrough();
    terminal.workerStdio?.attach('strategy', workerOut, workerErr);
    workerOut.write(jsonLine({ symbol: 'ETHUSDT', type: 'PlaceOrder' }).slice(0, 40));
    workerOut.write(jsonLine({ symbol: 'ETHUSDT', type: 'PlaceOrder' }).slice(40));
    workerErr.write(`a stray line with ${secret}\nand its last words`);
    workerOut.end();
    workerErr.end();
    await Promise.all([once(workerOut, 'end'), once(workerErr, 'end')]);
    terminal.endStatus();
    terminal.notice('session trades');
    terminal.close();
    const screen = out.text();
    expect(screen).not.toContain('{"level"');
    expect(screen).not.toContain(secret);
    expect(screen).toMatch(/INFO\x1b\[39m: .*main.* configuration loaded/);
    expect(screen).toMatch(/strategy.* ETHUSDT strategy decision/);
    expect(screen).toContain('a stray line with [REDACTED]\n');
    expect(screen).toContain('and its last words\n');
    // The block is erased before each print and drawn again after it, then erased for good before the summary.
    expect(out.writes[0]).toBe('ETHUSDT score 3.39e+7 | blocked: ready | position flat');
    expect(out.writes[1]).toMatch(/^\r\x1b\[J.*configuration loaded.*\nETHUSDT score 3\.39e\+7 \| blocked: ready \| position flat$/);
    expect(out.writes.slice(-2)).toEqual(['\r\x1b[J', 'session trades\n']);
    expect(err.writes).toEqual([]);
  });

  it('pretty forced into a pipe: pretty lines without colour on stdout, plain status and notices on stderr', () => {
    const out = stream(false);
    const err = stream(false);
    const terminal = openTerminal({ format: 'pretty', stdout: out.stream, stderr: err.stream, env: {} });
    expect(terminal.workerStdio?.captureStderr).toBe(false);
    expect(terminal.statusIntervalMs).toBe(5_000);
    terminal.logDestination?.write(jsonLine({ msg: 'order placed' }));
    terminal.status(groups);
    terminal.notice('session trades');
    expect(out.text()).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}INFO: strategy {4}order placed\n$/);
    expect(err.writes).toEqual(['ETHUSDT score 3.39e+7 | blocked: ready | position flat\n', 'session trades\n']);
  });

  it('leaves colours out when NO_COLOR is set', () => {
    const out = stream(true);
    const terminal = openTerminal({ format: 'pretty', stdout: out.stream, stderr: stream(true).stream, env: { NO_COLOR: '1' } });
    terminal.logDestination?.write(jsonLine({ msg: 'order placed' }));
    expect(out.text()).not.toContain('\x1b[3');
  });
});
