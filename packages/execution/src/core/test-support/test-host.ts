// Test support (Jest thread): the execution core's host stand-ins: a clock that a fake sleep moves forward, and a
// logger that keeps its lines, so tests read the backoff delays and the logged attempts instead of waiting.

import type { ExecutionLogger } from '../execution-environment.js';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: object;
  readonly message: string;
}

export class MemoryLogger implements ExecutionLogger {
  readonly lines: LogLine[] = [];

  debug(fields: object, message: string): void {
    this.lines.push({ level: 'debug', fields, message });
  }

  info(fields: object, message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }

  warn(fields: object, message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }

  error(fields: object, message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }

  messages(level?: LogLine['level']): string[] {
    return this.lines.filter((line) => level === undefined || line.level === level).map((line) => line.message);
  }
}

/**
 * Wall-clock time plus whatever the fake sleep has skipped: lookups still ask the venue for real epoch times, but a
 * backoff of 8 s costs the test nothing. `onSleep` runs after the clock moved, like a timer that fired meanwhile.
 */
export class SkippingClock {
  readonly delays: number[] = [];
  private skippedMs = 0;
  onSleep: ((nowMs: number) => void) | null = null;

  readonly now = (): number => Date.now() + this.skippedMs;

  /** Moves the clock on without a sleep (a test waiting out a rolling window). */
  skip(ms: number): void {
    this.skippedMs += ms;
  }

  readonly sleep = async (ms: number): Promise<void> => {
    this.delays.push(ms);
    this.skippedMs += ms;
    this.onSleep?.(this.now());
    await new Promise((resolve) => setImmediate(resolve));
  };
}

/** Polls until `check` holds: for what arrives through sockets, where no single event marks the moment. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
