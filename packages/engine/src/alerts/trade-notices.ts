// What a trader's phone hears (main thread, per journal event, never per tick): entries when they fill, exits with
// their PnL (stop-outs marked), halts, worker crashes and restarts, and reconnect storms, as one short line each.
// Built from the same JournalEvents the journal writes, so an alert never says what the journal does not.

import type { JournalEvent } from '@scalper/protocol';

/** Reconnects within this window that make a storm, and how often a storm is reported at most. */
export const stormReconnects = 3;
export const stormWindowMs = 5 * 60_000;

const stopReasons = new Set(['stop-loss', 'venue-stop']);

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export class TradeNotices {
  /** Entries sent (by orderLinkId) whose first fill has not come yet; bounded, oldest dropped first. */
  private readonly entries = new Set<string>();
  private readonly reconnects: number[] = [];
  private lastStormAtMs = Number.NEGATIVE_INFINITY;

  /** The line to send for `event`, or null when it is not news for a phone. */
  noticeOf(event: JournalEvent): string | null {
    switch (event.type) {
      case 'OrderRequested':
        if (!event.reduceOnly) {
          this.entries.add(event.orderLinkId);
          if (this.entries.size > 256) this.entries.delete(this.entries.values().next().value as string);
        }
        return null;
      case 'Fill':
        if (!this.entries.delete(event.orderLinkId)) return null;
        return `Entered ${event.side === 'Buy' ? 'long' : 'short'} ${event.qty} ${event.symbol} at ${event.price}`;
      case 'RoundTrip': {
        const stop = stopReasons.has(event.exitReason) ? 'STOP-OUT: ' : '';
        const direction = event.side === 'Buy' ? 'long' : 'short';
        return `${stop}Closed ${direction} ${event.qty} ${event.symbol}: ${event.entryPrice} → ${event.exitPrice}, net ${event.netPnl} USDT (fees ${event.fees}, ${event.exitReason})`;
      }
      case 'RiskEvent':
        if (event.kind === 'halted')
          return `TRADING HALTED: ${event.reason} (${event.untilMs === null ? 'until resumed' : `until ${iso(event.untilMs)}`})`;
        if (event.kind === 'resumed') return `Trading resumed: ${event.reason}`;
        if (event.kind === 'closed') return `Closing every position by hand: ${event.reason}`;
        return null;
      case 'RuntimeEvent':
        if (event.kind === 'crashed') return `Worker ${event.worker} crashed: ${event.detail}`;
        if (event.kind === 'restarted') return `Worker ${event.worker} restarted (${event.detail})`;
        return this.reconnected(event.tsMs, `${event.worker}: ${event.detail}`);
      case 'SessionStarted':
        return `Engine started (${event.venueKind}, version ${event.version})`;
      case 'SessionStopped':
        return `Engine stopped: ${event.reason}`;
      default:
        return null;
    }
  }

  /** One notice when reconnects bunch up, not one per reconnect. */
  private reconnected(tsMs: number, detail: string): string | null {
    this.reconnects.push(tsMs);
    while (this.reconnects.length > 0 && (this.reconnects[0] as number) <= tsMs - stormWindowMs) this.reconnects.shift();
    if (this.reconnects.length < stormReconnects || tsMs - this.lastStormAtMs < stormWindowMs) return null;
    this.lastStormAtMs = tsMs;
    return `Reconnect storm: ${this.reconnects.length} reconnects in the last ${stormWindowMs / 60_000} min (last: ${detail})`;
  }
}
