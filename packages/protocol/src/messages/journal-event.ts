// What the threads tell the trade journal (every thread to the journal writer): facts as they happen, sent over a
// port off the hot path and written in batches. Money is exact decimal text; times are ms since the epoch.

import type { DecimalString } from '../domain/decimal-string.js';

/** The engine started: what ran, with which settings (secrets removed by the sender). */
export interface JournalSessionStarted {
  readonly type: 'SessionStarted';
  readonly tsMs: number;
  readonly venueKind: string;
  readonly env: string;
  readonly version: string;
  /** The configuration as JSON, credentials removed. */
  readonly configJson: string;
}

export interface JournalSessionStopped {
  readonly type: 'SessionStopped';
  readonly tsMs: number;
  readonly reason: string;
}

/** A strategy decision: the trigger and what it asked for. */
export interface JournalDecision {
  readonly type: 'Decision';
  readonly tsMs: number;
  readonly symbol: string;
  /** PlaceOrder, ClosePosition, CancelAll. */
  readonly action: string;
  readonly orderLinkId: string | null;
  readonly side: string | null;
  readonly qty: DecimalString | null;
  readonly orderType: string | null;
  readonly timeInForce: string | null;
  readonly reason: string | null;
  /** The trigger, momentum, book and routing as JSON. */
  readonly detailJson: string;
}

/** An order as execution sends it. */
export interface JournalOrderRequested {
  readonly type: 'OrderRequested';
  readonly tsMs: number;
  readonly orderLinkId: string;
  readonly symbol: string;
  readonly side: string;
  readonly orderType: string;
  readonly timeInForce: string;
  readonly qty: DecimalString;
  readonly price: DecimalString | null;
  readonly reduceOnly: boolean;
}

/** A change of an order's status, or a refusal with its retCode. */
export interface JournalOrderStatus {
  readonly type: 'OrderStatus';
  readonly tsMs: number;
  readonly orderLinkId: string;
  readonly orderId: string | null;
  readonly status: string;
  readonly retCode: number | null;
  readonly message: string | null;
}

/** One execution, unique by execId (a replayed stream or a backfill writes it once). */
export interface JournalFill {
  readonly type: 'Fill';
  readonly tsMs: number;
  readonly execId: string;
  readonly orderId: string;
  readonly orderLinkId: string;
  readonly symbol: string;
  readonly side: string;
  readonly price: DecimalString;
  readonly qty: DecimalString;
  readonly fee: DecimalString;
  readonly isMaker: boolean;
}

/** A position opened and closed: entry, exit, reason, PnL before and after fees. */
export interface JournalRoundTrip {
  readonly type: 'RoundTrip';
  readonly symbol: string;
  readonly side: string;
  readonly qty: DecimalString;
  readonly entryPrice: DecimalString;
  readonly exitPrice: DecimalString;
  readonly openedAtMs: number;
  readonly closedAtMs: number;
  readonly exitReason: string;
  readonly grossPnl: DecimalString;
  readonly fees: DecimalString;
  readonly netPnl: DecimalString;
}

/**
 * A risk denial, a halt (daily loss, kill switch, manual) and its end, and the trader's "close now" (`closed`: every
 * position closed by hand from the dashboard or Telegram, entries still allowed).
 */
export interface JournalRiskEvent {
  readonly type: 'RiskEvent';
  readonly tsMs: number;
  readonly kind: 'denied' | 'halted' | 'resumed' | 'closed';
  readonly reason: string;
  /** A halt's end (ms since the epoch), when it has one: a daily-loss halt ends at the next UTC midnight. */
  readonly untilMs: number | null;
}

/** A worker crashed or was restarted, or a stream reconnected. */
export interface JournalRuntimeEvent {
  readonly type: 'RuntimeEvent';
  readonly tsMs: number;
  readonly worker: string;
  readonly kind: 'crashed' | 'restarted' | 'reconnected';
  readonly detail: string;
}

export type JournalEvent =
  | JournalSessionStarted
  | JournalSessionStopped
  | JournalDecision
  | JournalOrderRequested
  | JournalOrderStatus
  | JournalFill
  | JournalRoundTrip
  | JournalRiskEvent
  | JournalRuntimeEvent;

/** A halt the journal holds: the daily-loss limit's (until the next UTC day) or the kill switch's (until resumed). */
export interface JournalHalt {
  readonly reason: string;
  readonly sinceMs: number;
  /** null: until the trader resumes trading (pnpm journal -- resume). */
  readonly untilMs: number | null;
}

/**
 * What the journal knew when execution (re)started, read by the main thread just before: where the backfill of
 * missed fills begins, the day's realised PnL by its round trips, and the halt in force.
 */
export interface JournalResume {
  /** 00:00 UTC of the day the start falls in. */
  readonly dayStartMs: number;
  /** The newest journaled fill; null for a journal without fills (the backfill then starts at dayStartMs). */
  readonly lastFillTimeMs: number | null;
  /** Net of fees, the round trips closed since dayStartMs. */
  readonly dayRealisedNet: DecimalString;
  readonly dayRoundTrips: number;
  readonly halt: JournalHalt | null;
}
