// The private WebSocket of the venue (venue thread): auth as Bybit does it, then order, execution, position and
// wallet topics per account, pushed as `{id, topic, creationTime, data}` frames when the account's state changes.

import type { WebSocket } from 'ws';
import { authenticateWs } from './request-auth.js';
import { isRefusal } from './envelope.js';
import type { FaultPlan } from './fault-plan.js';
import { isStalled } from './fault-plan.js';
import { newConnId } from './ws-ids.js';

export const privateTopics = ['order', 'execution', 'position', 'wallet'] as const;
export type PrivateTopicName = (typeof privateTopics)[number];

/** Bybit accepts the plain names and the category-suffixed ones (order.linear) for these topics. */
function topicOf(arg: string): PrivateTopicName | null {
  const base = arg.endsWith('.linear') ? arg.slice(0, -'.linear'.length) : arg;
  return (privateTopics as readonly string[]).includes(base) ? (base as PrivateTopicName) : null;
}

export interface PrivateHubDeps {
  readonly faults: FaultPlan;
  readonly now: () => number;
  readonly secretOf: (apiKey: string) => string | undefined;
  /** Called for each topic of an acknowledged subscribe. */
  readonly onSubscribed?: (topic: string) => void;
}

interface Connection {
  readonly connId: string;
  apiKey: string | null;
  readonly topics: Set<PrivateTopicName>;
}

export class PrivateWsHub {
  private readonly connections = new Map<WebSocket, Connection>();
  private messageSeq = 0;

  constructor(private readonly deps: PrivateHubDeps) {}

  get socketCount(): number {
    return this.connections.size;
  }

  attach(socket: WebSocket): void {
    const connection: Connection = { connId: newConnId(), apiKey: null, topics: new Set() };
    this.connections.set(socket, connection);
    socket.on('message', (data: Buffer) => this.onMessage(socket, connection, data.toString('utf8')));
    socket.on('close', () => this.connections.delete(socket));
    socket.on('error', () => this.connections.delete(socket));
  }

  /** Pushes `items` on `topic` to every authenticated socket of `apiKey` that subscribed to it. */
  publish(apiKey: string, topic: PrivateTopicName, items: readonly unknown[]): void {
    if (items.length === 0 || isStalled(this.deps.faults, this.deps.now())) return;
    let text: string | null = null;
    for (const [socket, connection] of this.connections) {
      if (connection.apiKey !== apiKey || !connection.topics.has(topic) || socket.readyState !== 1) continue;
      this.messageSeq++;
      text ??= JSON.stringify({ id: `sim-${this.messageSeq}`, topic, creationTime: this.deps.now(), data: items });
      socket.send(text);
    }
  }

  dropAll(): void {
    for (const socket of [...this.connections.keys()]) socket.terminate();
  }

  closeAll(): void {
    this.dropAll();
    this.connections.clear();
  }

  private onMessage(socket: WebSocket, connection: Connection, text: string): void {
    const now = this.deps.now();
    if (isStalled(this.deps.faults, now)) return;
    let request: { op?: unknown; args?: unknown; req_id?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      this.reply(socket, { success: false, ret_msg: 'error:invalid json', conn_id: connection.connId, op: '' });
      return;
    }
    const reqIdField = typeof request.req_id === 'string' ? { req_id: request.req_id } : {};
    if (request.op === 'ping') {
      this.reply(socket, { ...reqIdField, op: 'pong', args: [String(now)], conn_id: connection.connId });
      return;
    }
    if (request.op === 'auth') {
      if (connection.apiKey !== null) {
        this.reply(socket, { success: false, ret_msg: 'Repeat auth', op: 'auth', conn_id: connection.connId, ...reqIdField });
        return;
      }
      const outcome = authenticateWs(request.args, now, this.deps.secretOf);
      if (isRefusal(outcome)) {
        this.reply(socket, { success: false, ret_msg: outcome.retMsg, op: 'auth', conn_id: connection.connId, ...reqIdField });
        return;
      }
      connection.apiKey = outcome;
      this.reply(socket, { success: true, ret_msg: '', op: 'auth', conn_id: connection.connId, ...reqIdField });
      return;
    }
    if (request.op !== 'subscribe' && request.op !== 'unsubscribe') {
      this.reply(socket, {
        success: false,
        ret_msg: `error:unknown op ${String(request.op)}`,
        op: String(request.op),
        conn_id: connection.connId,
        ...reqIdField,
      });
      return;
    }
    if (connection.apiKey === null) {
      this.reply(socket, { success: false, ret_msg: 'Request not authorized', op: request.op, conn_id: connection.connId, ...reqIdField });
      return;
    }
    const args = Array.isArray(request.args) ? request.args : [];
    const topics = args.map((arg) => (typeof arg === 'string' ? topicOf(arg) : null));
    const badIndex = topics.indexOf(null);
    if (args.length === 0 || badIndex >= 0) {
      const retMsg = args.length === 0 ? 'error:args is empty' : `error:handler not found,topic:${String(args[badIndex])}`;
      this.reply(socket, { success: false, ret_msg: retMsg, op: request.op, conn_id: connection.connId, ...reqIdField });
      return;
    }
    for (const topic of topics as PrivateTopicName[]) {
      if (request.op === 'subscribe') connection.topics.add(topic);
      else connection.topics.delete(topic);
    }
    this.reply(socket, { success: true, ret_msg: '', op: request.op, conn_id: connection.connId, ...reqIdField });
    if (request.op === 'subscribe') for (const topic of topics as PrivateTopicName[]) this.deps.onSubscribed?.(topic);
  }

  private reply(socket: WebSocket, value: unknown): void {
    if (socket.readyState === 1) socket.send(JSON.stringify(value));
  }
}
