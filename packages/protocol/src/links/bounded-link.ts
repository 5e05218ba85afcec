// A bounded, credit-based message link over one MessagePort (any thread): the sender keeps at most `capacity`
// messages in flight and the receiver hands credits back as it handles them. When the receiver falls behind, the
// sender queues locally: messages marked as superseded by newer ones (book tops, feed state) are coalesced to the
// latest, and every other message (orders, closes, fills) waits in order — never dropped. Back-pressure is counted
// and reported, not hidden in unbounded port memory.

import type { MessagePort } from 'node:worker_threads';
import type { MessageOf, MessageUnion } from '../messages/message-map.js';

const creditType = '__credit';

interface CreditMessage {
  readonly type: typeof creditType;
  readonly count: number;
}

function isCredit(value: unknown): value is CreditMessage {
  return typeof value === 'object' && value !== null && (value as CreditMessage).type === creditType;
}

export interface LinkStats {
  readonly sent: number;
  readonly inFlight: number;
  readonly queued: number;
  readonly maxQueued: number;
  readonly coalesced: number;
  /** Times the link went from flowing to queueing. */
  readonly backpressureEpisodes: number;
}

export interface LinkSenderOptions<PayloadMap> {
  /** For logs: "strategy->execution". */
  readonly name: string;
  readonly capacity: number;
  /** Message types where only the newest matters; they are coalesced while the link is full. */
  readonly coalesce?: readonly (keyof PayloadMap & string)[];
  /** Called once at the start of each back-pressure episode and once when it ends. */
  readonly onBackpressure?: (name: string, state: 'started' | 'ended', stats: LinkStats) => void;
}

export class LinkSender<PayloadMap> {
  private inFlight = 0;
  private sent = 0;
  private coalesced = 0;
  private maxQueued = 0;
  private episodes = 0;
  private readonly queue: { type: string; message: unknown }[] = [];
  private readonly coalesceTypes: ReadonlySet<string>;

  constructor(
    private readonly port: MessagePort,
    private readonly options: LinkSenderOptions<PayloadMap>,
  ) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`link ${options.name}: capacity must be a positive integer, got ${options.capacity}`);
    }
    this.coalesceTypes = new Set(options.coalesce ?? []);
    port.on('message', (value: unknown) => {
      if (isCredit(value)) this.onCredit(value.count);
    });
  }

  send<K extends keyof PayloadMap & string>(type: K, payload: PayloadMap[K]): void {
    this.sendMessage({ type, ...payload } as MessageOf<PayloadMap, K> as MessageUnion<PayloadMap>);
  }

  /** Sends a message that is already built, such as an action a core returned, without taking it apart. */
  sendMessage(message: MessageUnion<PayloadMap>): void {
    const type = message.type;
    if (this.queue.length === 0 && this.inFlight < this.options.capacity) {
      this.post(message);
      return;
    }
    if (this.coalesceTypes.has(type)) {
      const index = this.queue.findIndex((queued) => queued.type === type);
      if (index >= 0) {
        this.queue[index] = { type, message };
        this.coalesced++;
        return;
      }
    }
    if (this.queue.length === 0) {
      this.episodes++;
      this.options.onBackpressure?.(this.options.name, 'started', this.stats());
    }
    this.queue.push({ type, message });
    if (this.queue.length > this.maxQueued) this.maxQueued = this.queue.length;
  }

  stats(): LinkStats {
    return {
      sent: this.sent,
      inFlight: this.inFlight,
      queued: this.queue.length,
      maxQueued: this.maxQueued,
      coalesced: this.coalesced,
      backpressureEpisodes: this.episodes,
    };
  }

  close(): void {
    this.port.close();
  }

  private post(message: unknown): void {
    this.inFlight++;
    this.sent++;
    this.port.postMessage(message);
  }

  private onCredit(count: number): void {
    this.inFlight = Math.max(0, this.inFlight - count);
    const hadQueue = this.queue.length > 0;
    while (this.queue.length > 0 && this.inFlight < this.options.capacity) {
      this.post((this.queue.shift() as { message: unknown }).message);
    }
    if (hadQueue && this.queue.length === 0) this.options.onBackpressure?.(this.options.name, 'ended', this.stats());
  }
}

export interface LinkReceiverOptions {
  readonly capacity: number;
}

/** Hands every data message to `handle` and returns credits in batches of a quarter of the capacity. */
export class LinkReceiver {
  private pending = 0;
  private received = 0;
  private readonly creditEvery: number;

  constructor(
    private readonly port: MessagePort,
    handle: (message: unknown) => void,
    options: LinkReceiverOptions,
  ) {
    this.creditEvery = Math.max(1, Math.floor(options.capacity / 4));
    port.on('message', (value: unknown) => {
      if (isCredit(value)) return;
      this.received++;
      try {
        handle(value);
      } finally {
        // Credit even when the handler threw: the message was taken off the link either way.
        if (++this.pending >= this.creditEvery) this.flushCredits();
      }
    });
  }

  get receivedCount(): number {
    return this.received;
  }

  /**
   * Returns outstanding credits now. Never needed to avoid a stall (fewer than capacity/4 credits can be pending,
   * so the sender always has room), but it keeps the sender's in-flight count honest for stats on quiet links.
   */
  flushCredits(): void {
    if (this.pending === 0) return;
    const count = this.pending;
    this.pending = 0;
    this.port.postMessage({ type: creditType, count } satisfies CreditMessage);
  }

  close(): void {
    this.port.close();
  }
}
