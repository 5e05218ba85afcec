// The public linear WebSocket of the venue (venue thread): subscribe/unsubscribe/ping acks in Bybit's shapes, topic
// routing, and the public faults (stall, malformed and duplicated frames, refused subscriptions). Data frames are
// built by the venue and handed to publish(); this file only knows sockets and topics.

import type { WebSocket } from 'ws';
import { faultFires, isStalled, type FaultPlan, type InjectedFault } from './fault-plan.js';
import { newConnId } from './ws-ids.js';

const topicPattern = /^(orderbook\.(1|50)|publicTrade|tickers)\.([A-Z0-9]{2,32})$/;

export interface PublicHubDeps {
  readonly faults: FaultPlan;
  readonly now: () => number;
  readonly random: () => number;
  readonly symbolExists: (symbol: string) => boolean;
  /** Called after a successful subscribe so the venue can send an orderbook snapshot or ticker at once. */
  readonly onSubscribed: (socket: WebSocket, topic: string) => void;
  readonly onFault?: (fault: InjectedFault) => void;
  /** Each data frame as it goes out to a topic's sockets (before the frame faults): a session recording. */
  readonly onPublished?: (text: string) => void;
}

interface Connection {
  readonly connId: string;
  readonly topics: Set<string>;
}

export class PublicWsHub {
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly topicSockets = new Map<string, Set<WebSocket>>();
  private framesSent = 0;

  constructor(private readonly deps: PublicHubDeps) {}

  get socketCount(): number {
    return this.connections.size;
  }

  get sentFrames(): number {
    return this.framesSent;
  }

  /** Symbols some socket listens to, with the topics: the simulator churns books and trades only for these. */
  subscribedSymbols(): Set<string> {
    const symbols = new Set<string>();
    for (const topic of this.topicSockets.keys()) symbols.add(topic.slice(topic.lastIndexOf('.') + 1));
    return symbols;
  }

  hasSubscribers(topic: string): boolean {
    return (this.topicSockets.get(topic)?.size ?? 0) > 0;
  }

  attach(socket: WebSocket): void {
    const connection: Connection = { connId: newConnId(), topics: new Set() };
    this.connections.set(socket, connection);
    socket.on('message', (data: Buffer) => this.onMessage(socket, connection, data.toString('utf8')));
    socket.on('close', () => this.detach(socket));
    socket.on('error', () => this.detach(socket));
  }

  /** Sends `text` to every socket of `topic`, applying the public frame faults. */
  publish(topic: string, text: string): void {
    const sockets = this.topicSockets.get(topic);
    if (sockets === undefined || sockets.size === 0) return;
    const { faults } = this.deps;
    if (isStalled(faults, this.deps.now())) return;
    this.deps.onPublished?.(text);
    let out = text;
    if (faults.malformedFrameProbability > 0 && this.deps.random() < faults.malformedFrameProbability) {
      out = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    const copies = faults.duplicateFrameProbability > 0 && this.deps.random() < faults.duplicateFrameProbability ? 2 : 1;
    for (const socket of sockets) {
      for (let i = 0; i < copies; i++) this.sendText(socket, out);
    }
  }

  sendText(socket: WebSocket, text: string): void {
    if (socket.readyState !== 1) return;
    socket.send(text);
    this.framesSent++;
  }

  /** Fault: close every socket as if the network dropped them. */
  dropAll(): void {
    for (const socket of [...this.connections.keys()]) socket.terminate();
  }

  closeAll(): void {
    for (const socket of [...this.connections.keys()]) socket.terminate();
    this.connections.clear();
    this.topicSockets.clear();
  }

  private detach(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (connection === undefined) return;
    for (const topic of connection.topics) this.topicSockets.get(topic)?.delete(socket);
    for (const [topic, sockets] of this.topicSockets) if (sockets.size === 0) this.topicSockets.delete(topic);
    this.connections.delete(socket);
  }

  private onMessage(socket: WebSocket, connection: Connection, text: string): void {
    if (isStalled(this.deps.faults, this.deps.now())) return; // half-open: nothing answers, not even pings
    let request: { op?: unknown; args?: unknown; req_id?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      this.reply(socket, { success: false, ret_msg: 'error:invalid json', conn_id: connection.connId, op: '' });
      return;
    }
    const reqId = typeof request.req_id === 'string' ? request.req_id : '';
    const base = { conn_id: connection.connId, req_id: reqId };
    if (request.op === 'ping') {
      this.reply(socket, { success: true, ret_msg: 'pong', ...base, op: 'ping' });
      return;
    }
    if (request.op !== 'subscribe' && request.op !== 'unsubscribe') {
      this.reply(socket, { success: false, ret_msg: `error:unknown op ${String(request.op)}`, ...base, op: String(request.op) });
      return;
    }
    const args = Array.isArray(request.args) ? request.args : [];
    const bad = args.find((topic) => typeof topic !== 'string' || !this.isKnownTopic(topic));
    if (args.length === 0 || bad !== undefined) {
      const retMsg = args.length === 0 ? 'error:args is empty' : `error:handler not found,topic:${String(bad)}`;
      this.reply(socket, { success: false, ret_msg: retMsg, ...base, op: request.op });
      return;
    }
    const topics = args as string[];
    if (faultFires(this.deps.faults.subscribeRefusalProbability, this.deps.random)) {
      this.deps.onFault?.('subscribeRefused');
      this.reply(socket, { success: false, ret_msg: `error:request refused, please retry,topic:${topics.join(',')}`, ...base, op: request.op });
      return;
    }
    if (request.op === 'subscribe') {
      const already = topics.find((topic) => connection.topics.has(topic));
      if (already !== undefined) {
        this.reply(socket, { success: false, ret_msg: `error:already subscribed,topic:${already}`, ...base, op: 'subscribe' });
        return;
      }
      for (const topic of topics) {
        connection.topics.add(topic);
        let sockets = this.topicSockets.get(topic);
        if (sockets === undefined) this.topicSockets.set(topic, (sockets = new Set()));
        sockets.add(socket);
      }
      this.reply(socket, { success: true, ret_msg: '', ...base, op: 'subscribe' });
      for (const topic of topics) this.deps.onSubscribed(socket, topic);
      return;
    }
    for (const topic of topics) {
      connection.topics.delete(topic);
      this.topicSockets.get(topic)?.delete(socket);
      if (this.topicSockets.get(topic)?.size === 0) this.topicSockets.delete(topic);
    }
    this.reply(socket, { success: true, ret_msg: '', ...base, op: 'unsubscribe' });
  }

  private isKnownTopic(topic: string): boolean {
    const match = topicPattern.exec(topic);
    return match !== null && this.deps.symbolExists(match[3] as string);
  }

  private reply(socket: WebSocket, value: unknown): void {
    this.sendText(socket, JSON.stringify(value));
  }
}
