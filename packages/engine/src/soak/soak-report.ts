// The soak run's report (main thread): what was measured, the conditions that must hold, and its rendering as
// the table `pnpm soak` prints. Pure: the runner fills it in, the test and the CLI read it.

import type { RestartResume } from './worker-drill.js';

export interface SoakReport {
  readonly seconds: number;
  /** Socket drops the venue made, and reconnects the engine's two streams counted. */
  readonly drops: { readonly public: number; readonly private: number };
  readonly reconnects: { readonly public: number; readonly private: number };
  /** From a drop to the venue acknowledging the stream's data subscription again (publicTrade.*, order). */
  readonly dropToResubscribedMs: { readonly p50: number | null; readonly max: number | null; readonly count: number; readonly missing: number };
  readonly ordersSent: number;
  readonly ordersAccepted: number;
  /** Accepted orders sharing an orderLinkId: a create that landed twice. Must be 0. */
  readonly duplicateOrders: number;
  /** Checks where the venue held more than one entry's worth (a second entry on top of the first). Must be 0. */
  readonly doublePositions: number;
  readonly positionChecks: number;
  /** Checks where engine and venue still disagreed after the engine's next reconciliation. Must be 0. */
  readonly positionMismatches: number;
  /** The longest a check saw them disagree before they agreed (0: every check agreed at once). */
  readonly longestDisagreementMs: number;
  readonly mismatchDetails: readonly string[];
  /** Fatal log lines, worker crashes and restarts. Must be 0. */
  readonly unhandledErrors: number;
  readonly unhandledDetails: readonly string[];
  readonly stall: { readonly seconds: number; readonly entriesDuringStall: number };
  /** The fault settings in force, and engine-side evidence that they bit (REST retries). */
  readonly faults: string;
  readonly restRetries: number;
  readonly rssMb: { readonly start: number; readonly end: number };
  /** How often each probabilistic venue fault fired. */
  readonly faultsFired: Readonly<Record<string, number>>;
  /** The longest strategy waited on an order (entering or exiting). Must stay within 10 s. */
  readonly longestTransitionalMs: number;
  /** Where the longest wait was seen by the once-a-second sample (phase, symbol, when); '' if between samples. */
  readonly longestTransitionalAt: string;
  /** Entries whose create left execution older than execution.maxEntryAgeMs. Must be 0. */
  readonly staleEntriesSent: number;
  readonly oldestEntryAtWireMs: number;
  /** Positions the venue still held after the stop (closeOnShutdown is on). Must be none. */
  readonly positionsOpenAtStop: readonly string[];
  /** Each worker kill: its restart (within 30 s) and then ticks of the traded symbol (within 5 s of the restart). */
  readonly restarts: readonly RestartResume[];
}

/** Longer than this waiting on an order is a stuck state. */
export const maxTransitionalMs = 10_000;

/** The conditions issue 7 sets; an empty list means the soak passed. */
export function soakFailures(report: SoakReport): string[] {
  const failures: string[] = [];
  if (report.duplicateOrders !== 0) failures.push(`${report.duplicateOrders} duplicate orders`);
  if (report.doublePositions !== 0) failures.push(`${report.doublePositions} checks found a doubled position`);
  if (report.positionMismatches !== 0) failures.push(`${report.positionMismatches} position mismatches: ${report.mismatchDetails.join('; ')}`);
  if (report.unhandledErrors !== 0) failures.push(`${report.unhandledErrors} unhandled errors: ${report.unhandledDetails.join('; ')}`);
  if (report.stall.entriesDuringStall !== 0) failures.push(`${report.stall.entriesDuringStall} entries sent during the stall`);
  if (report.dropToResubscribedMs.missing !== 0) failures.push(`${report.dropToResubscribedMs.missing} drops never resubscribed`);
  if (report.longestTransitionalMs > maxTransitionalMs) failures.push(`strategy waited ${Math.round(report.longestTransitionalMs)} ms on an order`);
  if (report.staleEntriesSent !== 0) failures.push(`${report.staleEntriesSent} entries sent past execution.maxEntryAgeMs`);
  if (report.positionsOpenAtStop.length !== 0) failures.push(`positions open at stop: ${report.positionsOpenAtStop.join(', ')}`);
  const unrestarted = report.restarts.filter((restart) => restart.restartMs === null);
  if (unrestarted.length !== 0) failures.push(`not restarted within 30 s: ${unrestarted.map((restart) => restart.worker).join(', ')}`);
  const stuck = report.restarts.filter((restart) => restart.restartMs !== null && restart.resumedMs === null);
  if (stuck.length !== 0) failures.push(`no ticks within 5 s of restarting ${stuck.map((restart) => restart.worker).join(', ')}`);
  return failures;
}

function restartText(restart: RestartResume): string {
  if (restart.restartMs === null) return 'NOT RESTARTED';
  const ticks = restart.resumedMs === null ? 'NO TICKS' : `${Math.round(restart.resumedMs)} ms`;
  return `${Math.round(restart.restartMs)} ms + ${ticks}${restart.resumedMs !== null && !restart.sameSymbol ? ' (other symbol)' : ''}`;
}

export function renderSoakReport(report: SoakReport): string {
  const ms = (value: number | null): string => (value === null ? '-' : `${Math.round(value)} ms`);
  const rows: [string, string][] = [
    ['duration', `${report.seconds.toFixed(0)} s`],
    ['socket drops (public / private)', `${report.drops.public} / ${report.drops.private}`],
    ['reconnects seen by the engine (public / private)', `${report.reconnects.public} / ${report.reconnects.private}`],
    [
      'drop to resubscribed p50 / max',
      `${ms(report.dropToResubscribedMs.p50)} / ${ms(report.dropToResubscribedMs.max)} (${report.dropToResubscribedMs.count} drops)`,
    ],
    ['orders sent / accepted by the venue', `${report.ordersSent} / ${report.ordersAccepted}`],
    ['duplicate orders (must be 0)', String(report.duplicateOrders)],
    ['doubled positions (must be 0)', String(report.doublePositions)],
    ['position checks / mismatches (must be 0)', `${report.positionChecks} / ${report.positionMismatches}`],
    ['longest engine-venue disagreement', `${Math.round(report.longestDisagreementMs)} ms`],
    ['unhandled errors (must be 0)', String(report.unhandledErrors)],
    [
      `trading suppressed during the ${report.stall.seconds} s stall`,
      report.stall.entriesDuringStall === 0 ? 'yes' : `no (${report.stall.entriesDuringStall} entries)`,
    ],
    ['faults injected', report.faults],
    [
      'probabilistic faults fired',
      Object.entries(report.faultsFired)
        .map(([name, count]) => `${name} ${count}`)
        .join(', '),
    ],
    [
      `longest wait on an order (must be <= ${maxTransitionalMs / 1_000} s)`,
      `${Math.round(report.longestTransitionalMs)} ms${report.longestTransitionalAt === '' ? '' : ` (${report.longestTransitionalAt})`}`,
    ],
    ['entries sent past their max age (must be 0)', `${report.staleEntriesSent} (oldest at the wire ${Math.round(report.oldestEntryAtWireMs)} ms)`],
    ['positions open at stop (must be 0)', report.positionsOpenAtStop.length === 0 ? '0' : report.positionsOpenAtStop.join(', ')],
    [
      'worker kills: restart, then ticks again (<= 5 s)',
      report.restarts.length === 0 ? 'none' : report.restarts.map((r) => `${r.worker} ${restartText(r)}`).join(', '),
    ],
    ['REST retries by execution', String(report.restRetries)],
    ['RSS at start / end', `${report.rssMb.start.toFixed(0)} MB / ${report.rssMb.end.toFixed(0)} MB`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}
