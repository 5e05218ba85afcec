// Each entry's age as its create leaves for the venue (execution thread): measured on the HTTP call itself, after
// every wait in the placer and the transport (back-off, rate-limit holds), so it sees what maxEntryAgeMs must prevent.
// The soak's "stale entries sent" figure.

import type { HttpSend } from '@scalper/bybit';

/** Entries remembered for their decision time; the oldest go first (a create leaves within seconds of arriving). */
const rememberedEntries = 256;

export class EntryWireWatch {
  private readonly decidedAtMs = new Map<string, number>();
  private oldestAtWireMs = 0;
  private sentPastMaxAge = 0;

  constructor(
    private readonly maxEntryAgeMs: number,
    /** The clock strategy stamps tsCreatedMs with. */
    private readonly localNow: () => number,
  ) {}

  /** An entry taken in from strategy: its id and when strategy decided it. */
  expect(orderLinkId: string, tsCreatedMs: number): void {
    if (this.decidedAtMs.size >= rememberedEntries) this.decidedAtMs.delete(this.decidedAtMs.keys().next().value as string);
    this.decidedAtMs.set(orderLinkId, tsCreatedMs);
  }

  /** `send` with every order create looked at as it goes out. */
  wrap(send: HttpSend): HttpSend {
    return (call) => {
      if (call.method === 'POST' && call.body !== undefined && call.url.endsWith('/v5/order/create')) this.onCreate(call.body);
      return send(call);
    };
  }

  stats(): { readonly entryAgeAtWireMaxMs: number; readonly entriesSentPastMaxAge: number } {
    return { entryAgeAtWireMaxMs: Math.round(this.oldestAtWireMs), entriesSentPastMaxAge: this.sentPastMaxAge };
  }

  private onCreate(body: string): void {
    let orderLinkId: unknown;
    try {
      orderLinkId = (JSON.parse(body) as { orderLinkId?: unknown }).orderLinkId;
    } catch {
      return;
    }
    const decidedAtMs = typeof orderLinkId === 'string' ? this.decidedAtMs.get(orderLinkId) : undefined;
    if (decidedAtMs === undefined) return; // a close, or an order strategy did not send
    const ageMs = this.localNow() - decidedAtMs;
    this.oldestAtWireMs = Math.max(this.oldestAtWireMs, ageMs);
    if (ageMs > this.maxEntryAgeMs) this.sentPastMaxAge++;
  }
}
