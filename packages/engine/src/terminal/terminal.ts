// Where logs and the status go (main thread), decided once at start from log.format and what stdout and stderr are.
// pretty: every thread's JSON lines come to the main thread (its own logger directly, the workers' through their
// piped stdout), are scrubbed and rendered one line each; on a terminal the status block is redrawn below them.
// json: the threads write JSON lines to fd 1 as they always did, and the status goes to stderr.

import type { Readable } from 'node:stream';
import { minSecretLength, SecretScrubber, type LogFormat } from '@scalper/logging';
import type { WorkerName } from '@scalper/protocol';
import type { WorkerStdio } from '../runtime/managed-worker.js';
import { LineSplitter } from './line-splitter.js';
import { resolveLogFormat, type ResolvedLogFormat } from './log-format.js';
import { createPrettyLogLine } from './pretty-log-line.js';
import { TerminalRenderer } from './terminal-renderer.js';

export interface TerminalStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface TerminalOptions {
  readonly format: LogFormat;
  /** Values scrubbed from every line rendered (worker output that did not pass through a logger included). */
  readonly secrets?: readonly string[];
  readonly stdout?: TerminalStream;
  readonly stderr?: TerminalStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface Terminal {
  /** What the workers are told: pretty (write to your process.stdout) or json (write to fd 1). */
  readonly format: ResolvedLogFormat;
  /** The main thread's logger destination in pretty mode; undefined: fd 1, as pino does by default. */
  readonly logDestination: { write(line: string): void } | undefined;
  /** For the supervisor, in pretty mode: the workers' stdout (and stderr on a terminal) to render. */
  readonly workerStdio: WorkerStdio | undefined;
  /** How often the status is worth refreshing: each second when redrawn in place, every 5 s as plain lines. */
  readonly statusIntervalMs: number;
  /** The status, as groups of parts (status-line.ts). */
  status(groups: readonly (readonly string[])[]): void;
  /** Text that must stay visible (the kill switch, the summary at stop), above the status block. */
  notice(text: string): void;
  /** The run is stopping: the status block is erased and not drawn again, so the summary is the last word. */
  endStatus(): void;
  /** Erases the status block and hands over any partial line; call once everything has been logged. */
  close(): void;
}

const redrawIntervalMs = 1_000;
const plainIntervalMs = 5_000;

export function openTerminal(options: TerminalOptions): Terminal {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const stdoutTty = stdout.isTTY === true;
  const stderrTty = stderr.isTTY === true;
  const format = resolveLogFormat(options.format, stdoutTty);
  const scrubber = new SecretScrubber();
  for (const secret of options.secrets ?? []) if (secret.length >= minSecretLength) scrubber.add(secret);

  const plainStatus = (groups: readonly (readonly string[])[]): void => {
    stderr.write(`${groups.map((group) => group.join(' | ')).join(' | ')}\n`);
  };

  if (format === 'json') {
    // Redrawn in place only when stderr has the screen to itself: JSON lines on the same terminal would be erased.
    const renderer = stderrTty && !stdoutTty ? new TerminalRenderer(stderr) : null;
    return {
      format,
      logDestination: undefined,
      workerStdio: undefined,
      statusIntervalMs: renderer === null ? plainIntervalMs : redrawIntervalMs,
      status: (groups) => (renderer === null ? plainStatus(groups) : renderer.status(groups)),
      notice: (text) => (renderer === null ? stderr.write(`${text}\n`) : renderer.print(text.split('\n'))),
      endStatus: () => renderer?.close(),
      close: () => renderer?.close(),
    };
  }

  const renderer = new TerminalRenderer(stdout);
  const pretty = createPrettyLogLine({ colors: stdoutTty && env['NO_COLOR'] === undefined });
  const render = (line: string): void => {
    if (line !== '') renderer.print(scrubber.scrub(pretty(line)));
  };
  /** The open streams' splitters, so close() can hand over a partial line still waiting. */
  const splitters = new Set<LineSplitter>();
  const follow = (stream: Readable): void => {
    const splitter = new LineSplitter(render);
    splitters.add(splitter);
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => splitter.push(chunk));
    // A worker that crashed or was terminated still gets its last partial line shown.
    stream.on('end', () => {
      splitter.flush();
      splitters.delete(splitter);
    });
  };
  const mainLines = new LineSplitter(render);
  splitters.add(mainLines);
  return {
    format,
    logDestination: { write: (chunk) => mainLines.push(chunk) },
    workerStdio: {
      // Worker stderr would land on the same screen as the block: render it too (it is not JSON, so it stays as is).
      captureStderr: stdoutTty && stderrTty,
      attach: (_name: WorkerName, out: Readable, err: Readable | null) => {
        follow(out);
        if (err !== null) follow(err);
      },
    },
    statusIntervalMs: stdoutTty ? redrawIntervalMs : plainIntervalMs,
    status: (groups) => (stdoutTty ? renderer.status(groups) : plainStatus(groups)),
    notice: (text) => (stdoutTty ? renderer.print(text.split('\n')) : stderr.write(`${text}\n`)),
    endStatus: () => renderer.close(),
    close: () => {
      for (const splitter of splitters) splitter.flush();
      renderer.close();
    },
  };
}
