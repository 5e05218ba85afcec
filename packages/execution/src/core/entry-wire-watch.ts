// Each entry's age as its create leaves for the venue (execution thread): measured on the HTTP call itself or as the
// WebSocket trade API writes it, after every wait in the placer and the transport (back-off, rate-limit holds), so it
// sees what maxEntryAgeMs must prevent.
// The soak's "stale entries sent" figure, and the metrics' frame-to-order histogram (trigger frame to the wire).

import type { HttpSend } from '@scalper/bybit';
import { BucketHistogram, type HistogramSnapshot } from '@scalper/protocol';

/** Entries remembered for their decision time; the oldest go first (a create leaves within seconds of arriving). */
const rememberedEntries = 256;
/** Entries whose times on the wire are kept for entryTimes(). */
const timedEntries = 64;

/** One entry's way through the engine, epoch ms on the threads' shared clock (localNowMs). */
export interface EntryTimes {
  readonly orderLinkId: string;
  /** market-data received the trigger frame. */
  readonly triggerRecvMs: number;
  /** strategy took the trigger tick (the order's tsCreatedMs: sizing and the link come after). */
  readonly decidedAtMs: number;
  /** execution took it in from strategy's link. */
  readonly arrivedAtMs: number;
  /** execution began writing the create to the wire (its first trip). */
  readonly wireAtMs: number;
}

interface ExpectedEntry {
  readonly decidedAtMs: number;
  readonly triggerRecvMs: number | undefined;
  readonly arrivedAtMs: number;
}

export class EntryWireWatch {
  private readonly expected = new Map<string, ExpectedEntry>();
  private readonly frameToOrder = new BucketHistogram();
  private readonly timed: EntryTimes[] = [];
  private oldestAtWireMs = 0;
  private sentPastMaxAge = 0;

  constructor(
    private readonly maxEntryAgeMs: number,
    /** The clock strategy stamps tsCreatedMs with. */
    private readonly localNow: () => number,
  ) {}

  /** An entry taken in from strategy: its id, when strategy decided it and when its trigger frame arrived. */
  expect(orderLinkId: string, tsCreatedMs: number, tsTriggerRecvMs?: number): void {
    if (this.expected.size >= rememberedEntries) this.expected.delete(this.expected.keys().next().value as string);
    this.expected.set(orderLinkId, { decidedAtMs: tsCreatedMs, triggerRecvMs: tsTriggerRecvMs, arrivedAtMs: this.localNow() });
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

  /** The last entries' times, oldest first (entries without a trigger frame's time are not among them). */
  entryTimes(): readonly EntryTimes[] {
    return this.timed;
  }

  /** Trigger frame received (market-data) to the entry's create on the wire, every entry so far. */
  frameToOrderHistogram(): HistogramSnapshot {
    return this.frameToOrder.snapshot();
  }

  private onCreate(body: string): void {
    let orderLinkId: unknown;
    try {
      orderLinkId = (JSON.parse(body) as { orderLinkId?: unknown }).orderLinkId;
    } catch {
      return;
    }
    if (typeof orderLinkId === 'string') this.onWire(orderLinkId);
  }

  /** A create of `orderLinkId` is being written to the wire now (either way: REST, or the WebSocket trade API). */
  onWire(orderLinkId: string): void {
    const entry = this.expected.get(orderLinkId);
    if (entry === undefined) return; // a close, or an order strategy did not send
    const now = this.localNow();
    // A retried create is sent again: only its first trip to the wire is the frame-to-order latency.
    if (entry.triggerRecvMs !== undefined) {
      this.frameToOrder.recordMs(now - entry.triggerRecvMs);
      if (this.timed.length >= timedEntries) this.timed.shift();
      const { triggerRecvMs, decidedAtMs, arrivedAtMs } = entry;
      this.timed.push({ orderLinkId, triggerRecvMs, decidedAtMs, arrivedAtMs, wireAtMs: now });
      this.expected.set(orderLinkId, { decidedAtMs, triggerRecvMs: undefined, arrivedAtMs });
    }
    const ageMs = now - entry.decidedAtMs;
    this.oldestAtWireMs = Math.max(this.oldestAtWireMs, ageMs);
    if (ageMs > this.maxEntryAgeMs) this.sentPastMaxAge++;
  }
}
