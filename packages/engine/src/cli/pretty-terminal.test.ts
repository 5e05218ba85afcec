// The CLI on a pseudo-terminal, as a person runs it (Jest thread): util-linux `script` gives the engine a terminal,
// Ctrl-C arrives as the character a keyboard sends. Nothing on screen may be a raw JSON log line.

import { describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './test-support/cli-process.js';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const describeWithScript = hasScript ? describe : describe.skip;
/** Colours and cursor moves, and the carriage returns the terminal adds to every newline. */
const escapes = /\x1b\[[0-9;?]*[A-Za-z]|\r/g;
/** How often the status block was erased to be redrawn in place (cursor to column 0, clear to the end of the screen). */
const erasures = (screen: string): number => (screen.match(/\r(\x1b\[\d+A)?\x1b\[J/g) ?? []).length;
/** The screen as lines: each erase of the status block starts a new line, then the escapes go. */
const asLines = (screen: string): string => screen.replace(/\r(\x1b\[\d+A)?\x1b\[J/g, '\n').replace(escapes, '');

describeWithScript(hasScript ? 'the CLI on a terminal' : 'the CLI on a terminal (skipped: util-linux `script` is not installed)', () => {
  it('renders pretty log lines above a status redrawn in place, never a raw JSON line, and the session summary on Ctrl-C', async () => {
    // `exec`: `script -c` runs the command through $SHELL, and dash (Debian's /bin/sh, CI's shell) stays as the
    // engine's parent in the terminal's process group; Ctrl-C would kill that shell and `script` would report 130.
    const command = `exec ${process.execPath} ${mainScript}`;
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: cleanEnv({ SCALPER_SCANNER_INTERVAL_MS: '2000', TERM: 'xterm-256color' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
    const exited = once(child, 'close');
    const deadline = Date.now() + 40_000;
    const waitFor = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(screen.replace(escapes, ''))) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`waited for ${pattern}; screen: ${screen.slice(-2_000)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    try {
      await waitFor(/symbol switched/);
      // A few redraws with the traded symbol and the momentum against its threshold.
      await waitFor(/score \d\.\d\de[+-]\d+ \| last [\d.]+ \| momentum [+-]\d\.\d{3} % \/ 0\.100 % \| blocked: /);
      // Several redraws in place before Ctrl-C (one a second, and one per log line), however busy the machine is.
      while (erasures(screen) <= 5) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`waited for 6 redraws, saw ${erasures(screen)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      child.stdin.write('\x03'); // Ctrl-C: the terminal sends SIGINT to the engine
      await waitFor(/engine stopped/);
    } finally {
      child.stdin.end();
      if (child.exitCode === null) setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    }
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    const text = asLines(screen);
    expect(text.split('\n').filter((line) => line.includes('{"level"'))).toEqual([]);
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}INFO: main {8}configuration loaded {2}env=sim /m);
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}INFO: market-data \S+USDT symbol switched /m);
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}WARN: main {8}engine stopping {2}reason=SIGINT$/m);
    // The status block was redrawn in place: erased (cursor to column 0, clear to the end of the screen) each time.
    expect(erasures(screen)).toBeGreaterThan(5);
    const summary = text;
    expect(summary).toMatch(/^session trades\n {2}entries {5}0\n {2}exits {7}0\n {2}win rate {4}-\n {2}net PnL {5}\+0\.0000 USDT after fees/m);
    expect(summary.indexOf('session trades')).toBeLessThan(summary.indexOf('worker        counter'));
    // Nothing after the summary redraws the status.
    expect(summary.slice(summary.indexOf('session trades'))).not.toContain('blocked: ');
  }, 60_000);
});
