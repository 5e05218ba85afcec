// The one-line status `pnpm start` prints every few seconds, and the summary table at exit (main thread). Reads the
// workers' counters by name; a counter a worker does not report shows as "-".

import type { WorkerName, WorkerStats } from '@scalper/protocol';

type AllStats = Readonly<Record<WorkerName, WorkerStats>>;

function field(stats: WorkerStats | undefined, key: string): string {
  const value = stats?.[key];
  if (value === undefined || value === '') return '-';
  return typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : value;
}

/** Momentum is a fraction around 1e-4: shown in percent with three decimals so it is readable at a glance. */
function percent(stats: WorkerStats | undefined, key: string): string {
  const value = stats?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? `${(value * 100).toFixed(3)} %` : '-';
}

export function statusLine(stats: AllStats, ticksPerSecond: number): string {
  const s = stats.strategy;
  const e = stats.execution;
  const scanner = stats.scanner;
  const halted = [e?.['halted'], s?.['halted']].find((reason) => typeof reason === 'string' && reason !== '');
  return [
    ...(halted === undefined ? [] : [`HALTED (${String(halted)})`]),
    `${field(scanner, 'currentSymbol')} (score ${field(scanner, 'currentScore')})`,
    `last ${field(s, 'lastPrice')}`,
    `momentum ${percent(s, 'momentum')}`,
    `position ${field(e, 'positionSide')} ${field(e, 'positionSize')} uPnL ${field(e, 'unrealisedPnl')}`,
    `realised ${field(e, 'realisedPnl')}`,
    `orders ${field(e, 'ordersSent')} fills ${field(e, 'fills')}`,
    `ticks/s ${ticksPerSecond.toFixed(0)}`,
    `frame→decision p50 ${field(s, 'decisionLatencyP50Us')} µs p99 ${field(s, 'decisionLatencyP99Us')} µs`,
  ].join(' | ');
}

export function summaryTable(stats: AllStats): string {
  const lines = ['worker        counter                          value', '------------  -------------------------------  ---------------'];
  for (const [worker, counters] of Object.entries(stats)) {
    for (const [key, value] of Object.entries(counters)) {
      lines.push(`${worker.padEnd(12)}  ${key.padEnd(31)}  ${String(value)}`);
    }
  }
  return lines.join('\n');
}
