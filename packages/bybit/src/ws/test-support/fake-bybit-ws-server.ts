// A local stand-in for Bybit's v5 WebSocket endpoints, for tests only (Jest thread). It answers pings, subscribe and
// auth requests the way the venue's docs show, records every request, and lets a test misbehave on purpose.

import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { signWsAuth } from '../../sign/signing.js';
import { rawDataText } from '../raw-data-text.js';

export interface ReceivedRequest {
  /** 0 for the first connection the server accepted, 1 for the next, … */
  readonly connection: number;
  readonly text: string;
  readonly op: string | null;
  readonly reqId: string | null;
  readonly args: readonly unknown[];
  /** Whether this connection had already been sent a successful auth ack when the request arrived. */
  readonly afterAuthAck: boolean;
}

export interface FakeBybitWsServerOptions {
  /** 'public-linear' echoes op "ping" with ret_msg "pong"; 'private' answers op "pong". Default public-linear. */
  readonly pong?: 'public-linear' | 'private';
  /** Makes this a private stream: auth requests are verified and subscribe is refused before auth. */
  readonly auth?: { readonly apiKey: string; readonly apiSecret: string };
}

interface Waiter {
  readonly check: () => boolean;
  readonly resolve: () => void;
}

export class FakeBybitWsServer {
  /** Set false to keep sockets open but leave pings unanswered. */
  answerPings = true;
  /** Set false to leave subscribe/unsubscribe requests unanswered. */
  answerRequests = true;
  /** Set false to refuse every auth request (even a valid one) with ret_msg "Request not authorized". */
  acceptAuth = true;
  /** Delay before an auth ack, so a client that does not wait for it would be caught subscribing early. */
  authAckDelayMs = 0;
  /** Topics answered with {"success":false,"ret_msg":"error:handler not found"}. */
  readonly refusedTopics = new Set<string>();
  /** Subscribing to these is refused as Bybit refuses a topic the socket already has. */
  readonly alreadySubscribedTopics = new Set<string>();
  readonly requests: ReceivedRequest[] = [];
  private readonly wss: WebSocketServer;
  private readonly options: FakeBybitWsServerOptions;
  private readonly sockets: WebSocket[] = [];
  private readonly authenticated = new Set<number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private waiters: Waiter[] = [];

  private constructor(wss: WebSocketServer, options: FakeBybitWsServerOptions) {
    this.wss = wss;
    this.options = options;
    wss.on('connection', (socket) => this.onConnection(socket));
  }

  /** Listens on 127.0.0.1 with a free port. */
  static start(options: FakeBybitWsServerOptions = {}): Promise<FakeBybitWsServer> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      wss.once('error', reject);
      wss.once('listening', () => resolve(new FakeBybitWsServer(wss, options)));
    });
  }

  get url(): string {
    const { port } = this.wss.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/v5/${this.options.auth === undefined ? 'public/linear' : 'private'}`;
  }

  /** How many connections the server has accepted so far. */
  get connectionCount(): number {
    return this.sockets.length;
  }

  requestsOn(connection: number): ReceivedRequest[] {
    return this.requests.filter((request) => request.connection === connection);
  }

  /** Sends raw text (or an object as JSON) on a connection, by default the latest. */
  send(payload: string | object, connection = this.sockets.length - 1): void {
    this.socket(connection).send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  /** A clean server-side close (close frame) of a connection, by default the latest. */
  close(connection = this.sockets.length - 1, code = 1000): void {
    this.socket(connection).close(code);
  }

  /** Drops a connection without a close frame, like a network failure. */
  terminate(connection = this.sockets.length - 1): void {
    this.socket(connection).terminate();
  }

  /** Resolves with the first request (old or new) that matches. */
  async waitForRequest(match: (request: ReceivedRequest) => boolean, timeoutMs = 3_000): Promise<ReceivedRequest> {
    let found: ReceivedRequest | undefined;
    await this.waitUntil(() => (found = this.requests.find(match)) !== undefined, timeoutMs, 'a matching request');
    return found as ReceivedRequest;
  }

  waitForConnections(count: number, timeoutMs = 3_000): Promise<void> {
    return this.waitUntil(() => this.sockets.length >= count, timeoutMs, `${count} connections`);
  }

  /** Drops every client and stops listening. */
  stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.terminate();
    return new Promise((resolve, reject) => this.wss.close((error) => (error ? reject(error) : resolve())));
  }

  private waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake Bybit server: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  private wake(): void {
    const ready = this.waiters.filter((waiter) => waiter.check());
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }

  private socket(connection: number): WebSocket {
    const socket = this.sockets[connection];
    if (socket === undefined) throw new Error(`fake Bybit server: no connection ${connection}`);
    return socket;
  }

  private onConnection(socket: WebSocket): void {
    const connection = this.sockets.length;
    this.sockets.push(socket);
    socket.on('message', (data) => this.onMessage(connection, socket, rawDataText(data)));
    this.wake();
  }

  private onMessage(connection: number, socket: WebSocket, text: string): void {
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Recorded as is: a test may want to see what the client sent.
    }
    const op = typeof json['op'] === 'string' ? json['op'] : null;
    const reqId = typeof json['req_id'] === 'string' ? json['req_id'] : null;
    const args = Array.isArray(json['args']) ? (json['args'] as unknown[]) : [];
    const afterAuthAck = this.authenticated.has(connection);
    this.requests.push({ connection, text, op, reqId, args, afterAuthAck });
    this.wake();
    const connId = `fake-conn-${connection}`;
    if (op === 'ping' && this.answerPings) {
      socket.send(
        JSON.stringify(
          this.options.pong === 'private'
            ? { req_id: reqId ?? '', op: 'pong', args: [String(Date.now())], conn_id: connId }
            : { success: true, ret_msg: 'pong', conn_id: connId, req_id: reqId ?? '', op: 'ping' },
        ),
      );
    } else if (op === 'auth') {
      this.onAuth(connection, socket, reqId, args);
    } else if ((op === 'subscribe' || op === 'unsubscribe') && this.answerRequests) {
      const refused = args.find((arg) => typeof arg === 'string' && this.refusedTopics.has(arg));
      const unauthorized = this.options.auth !== undefined && !afterAuthAck;
      const already = op === 'subscribe' ? args.find((arg) => typeof arg === 'string' && this.alreadySubscribedTopics.has(arg)) : undefined;
      const retMsg = unauthorized
        ? 'Request not authorized'
        : refused !== undefined
          ? 'error:handler not found'
          : already !== undefined
            ? `error:already subscribed,topic:${String(already)}`
            : '';
      socket.send(JSON.stringify({ success: retMsg === '', ret_msg: retMsg, conn_id: connId, req_id: reqId, op }));
    }
  }

  private onAuth(connection: number, socket: WebSocket, reqId: string | null, args: readonly unknown[]): void {
    const auth = this.options.auth;
    const [apiKey, expires, signature] = args;
    const valid =
      auth !== undefined &&
      apiKey === auth.apiKey &&
      typeof expires === 'number' &&
      expires > Date.now() &&
      signature === signWsAuth(auth.apiSecret, expires);
    const success = valid && this.acceptAuth;
    const ack = {
      req_id: reqId,
      success,
      ret_msg: success ? '' : valid ? 'Request not authorized' : 'Invalid signature',
      op: 'auth',
      conn_id: `fake-conn-${connection}`,
    };
    const answer = (): void => {
      if (success) this.authenticated.add(connection);
      socket.send(JSON.stringify(ack));
    };
    if (this.authAckDelayMs <= 0) {
      answer();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      answer();
    }, this.authAckDelayMs);
    this.timers.add(timer);
  }
}
