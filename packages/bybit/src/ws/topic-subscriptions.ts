// The topics of one Bybit WebSocket connection (market-data and execution threads): subscribe/unsubscribe requests
// awaited by req_id, the set of topics the venue confirmed, and the replay of that set on every new socket.

import { WebSocket } from 'ws';
import type { AckResult, PendingAcks } from './pending-acks.js';
import { chunkTopics, distinctTopics, foldFailures } from './topic-requests.js';
import { type WsRequestOp, WsSubscriptionError } from './ws-errors.js';
import type { WsProblemReporter } from './ws-problem.js';

/** What the subscriptions need from the connection that owns the socket. */
export interface SubscriptionLink {
  /** The open socket, waiting through reconnects; rejects once the connection is closed. */
  whenOpen(): Promise<WebSocket>;
  /** Whether `socket` is still the connection's current socket. */
  isCurrent(socket: WebSocket): boolean;
  /** The error calls fail with once the connection is closed; null while it is not. */
  closedError(): Error | null;
  nextReqId(): string;
  /** Ends `socket` as failed (the connection reconnects and replays); ignored for a socket no longer current. */
  drop(socket: WebSocket, reason: string): void;
}

export interface TopicSubscriptionsOptions {
  readonly connection: string;
  readonly maxTopicsPerRequest: number;
  readonly ackTimeoutMs: number;
}

const lostResult: AckResult = { outcome: 'lost' };
/** Bybit's refusal of a topic the socket already has: `error:already subscribed,topic:orderbook.1.BTCUSDT`. */
const alreadySubscribed = /already subscribed/i;

export class TopicSubscriptions {
  private readonly options: TopicSubscriptionsOptions;
  private readonly acks: PendingAcks;
  private readonly problems: WsProblemReporter;
  private readonly link: SubscriptionLink;
  /** Topics the venue confirmed, in subscription order: what a reconnect replays. */
  private readonly confirmed = new Set<string>();

  constructor(options: TopicSubscriptionsOptions, acks: PendingAcks, problems: WsProblemReporter, link: SubscriptionLink) {
    this.options = options;
    this.acks = acks;
    this.problems = problems;
    this.link = link;
  }

  get size(): number {
    return this.confirmed.size;
  }

  topics(): readonly string[] {
    return [...this.confirmed];
  }

  /** Confirmed topics are skipped: the venue refuses a topic that is already subscribed. */
  async subscribe(topics: readonly string[]): Promise<void> {
    const wanted = distinctTopics(this.options.connection, 'subscribe', topics);
    await this.requestInChunks(
      'subscribe',
      wanted.filter((topic) => !this.confirmed.has(topic)),
    );
  }

  async unsubscribe(topics: readonly string[]): Promise<void> {
    await this.requestInChunks('unsubscribe', distinctTopics(this.options.connection, 'unsubscribe', topics));
  }

  /**
   * Sends a subscribe request for each confirmed topic on a fresh socket; failures are reported, not thrown. One
   * topic per request: the venue refuses a whole request when one of its topics is already subscribed (a resumed
   * call can get there first), and a shared refusal used to drop every topic of the chunk for good (the soak run
   * lost its publicTrade subscription that way).
   */
  replay(socket: WebSocket): void {
    for (const topic of [...this.confirmed]) {
      void this.send(socket, 'subscribe', [topic]).then((result) => this.onReplayResult(socket, [topic], result));
    }
  }

  private async requestInChunks(op: WsRequestOp, topics: readonly string[]): Promise<void> {
    const closed = this.link.closedError();
    if (closed !== null) throw closed;
    const chunks = chunkTopics(topics, this.options.maxTopicsPerRequest);
    const outcomes = await Promise.allSettled(chunks.map((chunk) => this.request(op, chunk)));
    const failure = foldFailures(this.options.connection, op, outcomes);
    if (failure !== null) throw failure;
  }

  /** One request, sent again on the next socket when this one drops before the ack. */
  private async request(op: WsRequestOp, topics: readonly string[]): Promise<void> {
    for (;;) {
      // After 'lost' or 'closed' this waits for the next socket, or rejects with the reason the connection closed.
      const result = await this.send(await this.link.whenOpen(), op, topics);
      if (result.outcome === 'ack') {
        if (result.success) return;
        throw new WsSubscriptionError(this.options.connection, op, topics, result.retMsg);
      }
      if (result.outcome === 'timeout') {
        const retMsg = `no ack within ${this.options.ackTimeoutMs} ms`;
        throw new WsSubscriptionError(this.options.connection, op, topics, retMsg);
      }
    }
  }

  private send(socket: WebSocket, op: WsRequestOp, topics: readonly string[]): Promise<AckResult> {
    return new Promise((resolve) => {
      if (!this.link.isCurrent(socket) || socket.readyState !== WebSocket.OPEN) {
        resolve(lostResult);
        return;
      }
      const reqId = this.link.nextReqId();
      this.acks.expect(reqId, op, (answer) => {
        // "Already subscribed" to the one topic asked for means it is subscribed: the goal of the request.
        const result: AckResult =
          answer.outcome === 'ack' && !answer.success && op === 'subscribe' && topics.length === 1 && alreadySubscribed.test(answer.retMsg)
            ? { ...answer, success: true }
            : answer;
        // The set changes in the ack's own callback, before a close event can start a replay from it.
        if (result.outcome === 'ack' && result.success) {
          if (op === 'subscribe') for (const topic of topics) this.confirmed.add(topic);
          else for (const topic of topics) this.confirmed.delete(topic);
        }
        resolve(result);
      });
      socket.send(JSON.stringify({ req_id: reqId, op, args: topics }));
    });
  }

  private onReplayResult(socket: WebSocket, topics: readonly string[], result: AckResult): void {
    if (result.outcome === 'ack' && !result.success) {
      // The venue said no; replaying it on every reconnect would only repeat the refusal.
      for (const topic of topics) this.confirmed.delete(topic);
      this.problems.report('replay-failed', `resubscribing ${topics.join(', ')} was refused: ${result.retMsg}`);
    } else if (result.outcome === 'timeout') {
      // Left alone, the socket would stay open without the topic and its data would never come (a half-open
      // stall swallowed the request: found by the soak run). A new socket replays the whole set again.
      const ms = this.options.ackTimeoutMs;
      this.problems.report('replay-failed', `no ack within ${ms} ms for resubscribing ${topics.join(', ')}`);
      this.link.drop(socket, `no ack within ${ms} ms for resubscribing ${topics.join(', ')}`);
    }
  }
}
