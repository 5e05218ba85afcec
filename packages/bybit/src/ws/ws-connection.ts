// BybitWsConnection: one Bybit v5 WebSocket, public or private (market-data and execution threads). It owns the
// socket's lifecycle (auth, application ping, reconnect with backoff and jitter, the state machine) and routes each
// frame once; topic requests and their replay live in TopicSubscriptions.

import { type RawData, WebSocket } from 'ws';
import { classifyWsFrame } from '../parse/classify-ws-frame.js';
import type { TradeFrame } from '../parse/ws-frame.js';
import { wsAuthRequest } from '../sign/signing.js';
import { reconnectDelayMs } from './backoff.js';
import { type AckResult, PendingAcks } from './pending-acks.js';
import { PingWatchdog } from './ping-watchdog.js';
import { rawDataText } from './raw-data-text.js';
import { TopicSubscriptions } from './topic-subscriptions.js';
import { type BybitWsConnectionOptions, type ResolvedWsConnectionOptions, resolveWsConnectionOptions } from './ws-connection-options.js';
import {
  type WsConnectionListeners,
  type WsConnectionState,
  type WsConnectionStats,
  type WsDataFrame,
  zeroFrameCounts,
} from './ws-connection-types.js';
import { WsAuthError, WsClosedError } from './ws-errors.js';
import { WsProblemReporter } from './ws-problem.js';

interface OpenWaiter {
  readonly resolve: (socket: WebSocket) => void;
  readonly reject: (error: Error) => void;
}

/** After close() sends its close frame, how long the server gets to answer before the socket is destroyed. */
const closeGraceMs = 1_000;

export class BybitWsConnection {
  private readonly options: ResolvedWsConnectionOptions;
  private readonly onFrame: (frame: WsDataFrame, receivedAtMs: number, text: string) => void;
  private readonly onStateChange: ((state: WsConnectionState, reason: string) => void) | undefined;
  private readonly problems: WsProblemReporter;
  private readonly acks: PendingAcks;
  private readonly watchdog: PingWatchdog;
  private readonly subscriptions: TopicSubscriptions;
  private readonly framesByKind = zeroFrameCounts();
  private current: WsConnectionState = 'idle';
  private socket: WebSocket | null = null;
  private openWaiters: OpenWaiter[] = [];
  private connectPromise: Promise<void> | null = null;
  private closePromise: Promise<void> | null = null;
  private resolveClosed: () => void = () => {};
  private closedError: Error | null = null;
  private reqSeq = 0;
  /** Failures since the last connection that stayed up stableAfterMs; drives the backoff ceiling. */
  private attempt = 0;
  private openedAtMs = 0;
  /** Why the current socket is going down, when we know better than its close code. */
  private dropReason: string | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closeTimer: NodeJS.Timeout | null = null;
  private reconnects = 0;
  private pongTimeouts = 0;
  private lastFrameAtMs: number | null = null;
  private readonly onRehearsal: ((frame: TradeFrame, receivedAtMs: number) => void) | undefined;
  /** The last trade frame as the socket delivered it, kept only for onRehearsal. */
  private lastTradeData: RawData | null = null;

  constructor(options: BybitWsConnectionOptions, listeners: WsConnectionListeners) {
    this.options = resolveWsConnectionOptions(options);
    this.onFrame = listeners.onFrame;
    this.onRehearsal = listeners.onRehearsal;
    this.onStateChange = listeners.onStateChange;
    this.problems = new WsProblemReporter(this.options.name, listeners.onProblem);
    this.acks = new PendingAcks(this.options.ackTimeoutMs);
    this.watchdog = new PingWatchdog(this.options.pingIntervalMs, this.options.pongTimeoutMs);
    const { name: connection, maxTopicsPerRequest, ackTimeoutMs } = this.options;
    const link = {
      whenOpen: () => this.whenOpen(),
      isCurrent: (socket: WebSocket) => socket === this.socket,
      closedError: () => this.closedError,
      nextReqId: () => this.nextReqId(),
      drop: (socket: WebSocket, reason: string) => {
        if (socket === this.socket) this.drop(socket, reason);
      },
    };
    this.subscriptions = new TopicSubscriptions({ connection, maxTopicsPerRequest, ackTimeoutMs }, this.acks, this.problems, link);
  }

  get state(): WsConnectionState {
    return this.current;
  }

  /** The confirmed topics, in the order a reconnect replays them. */
  topics(): readonly string[] {
    return this.subscriptions.topics();
  }

  stats(): WsConnectionStats {
    return {
      state: this.current,
      framesByKind: { ...this.framesByKind },
      reconnects: this.reconnects,
      pongTimeouts: this.pongTimeouts,
      malformed: this.framesByKind.malformed,
      unknown: this.framesByKind.unknown,
      lastFrameAtMs: this.lastFrameAtMs,
      topics: this.subscriptions.size,
    };
  }

  /**
   * Resolves once the connection is open (and authenticated, for the private stream). Network failures are
   * retried with backoff until close(); a refused auth rejects with WsAuthError and closes for good. Idempotent;
   * rejects once closed.
   */
  connect(): Promise<void> {
    if (this.current === 'closed') return Promise.reject(this.finalError());
    if (this.connectPromise === null) {
      this.openSocket('connect() called');
      this.connectPromise = this.whenOpen().then(() => undefined);
    }
    return this.connectPromise;
  }

  /**
   * Subscribes in requests of at most maxTopicsPerRequest topics, waiting through a reconnect. Rejects with
   * WsSubscriptionError naming the topics on a refusal or a missing ack; only confirmed topics are replayed.
   */
  subscribe(topics: readonly string[]): Promise<void> {
    return this.subscriptions.subscribe(topics);
  }

  /** Unsubscribes the same way; the topics leave the replay set once the venue confirms. */
  unsubscribe(topics: readonly string[]): Promise<void> {
    return this.subscriptions.unsubscribe(topics);
  }

  /**
   * Writes one request on the open socket (the trade API's order ops); false when the connection is not open, so
   * nothing was sent. Answers come back through onFrame.
   */
  send(text: string): boolean {
    const socket = this.socket;
    if (this.current !== 'open' || socket === null || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(text);
    return true;
  }

  /** Drops the socket and reconnects with the usual backoff: the trade API asks for a new connection on 10019. */
  restart(reason: string): void {
    const socket = this.socket;
    if (socket !== null && this.current !== 'closed') this.drop(socket, reason);
  }

  /** Final and idempotent: no reconnect follows. Resolves once the socket is closed. */
  close(): Promise<void> {
    this.enterClosed('close() called', new WsClosedError(this.options.name, 'close() called'));
    return this.closePromise ?? Promise.resolve();
  }

  private whenOpen(): Promise<WebSocket> {
    const socket = this.socket;
    if (this.current === 'open' && socket !== null && socket.readyState === WebSocket.OPEN) {
      return Promise.resolve(socket);
    }
    if (this.current === 'closed') return Promise.reject(this.finalError());
    if (this.current === 'idle') return Promise.reject(new Error(`${this.options.name}: call connect() first`));
    return new Promise((resolve, reject) => this.openWaiters.push({ resolve, reject }));
  }

  private openSocket(reason: string): void {
    this.setState('connecting', reason);
    this.dropReason = null;
    this.openedAtMs = 0;
    // No permessage-deflate: inflating every frame costs more latency than the bytes it saves here.
    const socket = new WebSocket(this.options.url, {
      handshakeTimeout: this.options.connectTimeoutMs,
      perMessageDeflate: false,
    });
    this.socket = socket;
    socket.on('open', () => this.onSocketOpen(socket));
    socket.on('message', (data) => {
      if (socket === this.socket) this.onMessage(data);
    });
    socket.on('error', (error) => {
      if (socket === this.socket && this.dropReason === null) this.dropReason = error.message;
    });
    socket.on('close', (code, reason) => this.onSocketClose(socket, code, reason.toString()));
  }

  private onSocketOpen(socket: WebSocket): void {
    if (socket !== this.socket || this.current === 'closed') return;
    this.openedAtMs = Date.now();
    this.watchdog.start(
      () => this.ping(socket),
      () => this.onPongTimeout(socket),
    );
    const auth = this.options.auth;
    if (auth === null) {
      this.becomeOpen(socket, 'socket open');
      return;
    }
    // Auth goes first on every connection: the private stream refuses subscriptions before it.
    this.setState('authenticating', 'socket open');
    const reqId = this.nextReqId();
    this.acks.expect(reqId, 'auth', (result) => this.onAuthResult(socket, result));
    socket.send(wsAuthRequest(auth.apiKey, auth.apiSecret, auth.now() + auth.expiresInMs, reqId));
  }

  private onAuthResult(socket: WebSocket, result: AckResult): void {
    if (socket !== this.socket || this.current === 'closed') return;
    if (result.outcome === 'ack') {
      if (result.success) this.becomeOpen(socket, 'authenticated');
      else this.enterClosed(`auth refused: ${result.retMsg}`, new WsAuthError(this.options.name, result.retMsg));
    } else if (result.outcome === 'timeout') {
      this.drop(socket, `no auth ack within ${this.options.ackTimeoutMs} ms`);
    }
  }

  private becomeOpen(socket: WebSocket, reason: string): void {
    // Replay goes out before any waiting call resumes, so the venue sees the old topics first.
    this.subscriptions.replay(socket);
    this.setState('open', reason);
    const waiters = this.openWaiters;
    this.openWaiters = [];
    for (const waiter of waiters) waiter.resolve(socket);
  }

  /**
   * Runs the last trade frame through decoding and the classifier again and hands it to onRehearsal; nothing is
   * counted and onFrame is not called. False when there is no frame to rehearse.
   */
  rehearse(): boolean {
    const data = this.lastTradeData;
    if (data === null || this.onRehearsal === undefined) return false;
    this.receive(data, true);
    return true;
  }

  private onMessage(data: RawData): void {
    this.receive(data, false);
  }

  /** One path for a real frame and a rehearsed one, so a rehearsal warms the very code a real frame runs. */
  private receive(data: RawData, rehearsing: boolean): void {
    // Stamped before decoding and parsing, so frame-to-decision latency includes the adapter's own cost.
    const receivedAtMs = performance.timeOrigin + performance.now();
    const text = rawDataText(data);
    const frame = classifyWsFrame(text);
    if (rehearsing) {
      if (frame.kind === 'trade') this.onRehearsal?.(frame, receivedAtMs);
      return;
    }
    this.framesByKind[frame.kind]++;
    this.lastFrameAtMs = Date.now();
    switch (frame.kind) {
      case 'trade':
        if (this.onRehearsal !== undefined) this.lastTradeData = data;
        this.onFrame(frame, receivedAtMs, text);
        return;
      case 'orderbook':
      case 'ticker':
      case 'order':
      case 'execution':
      case 'position':
      case 'wallet':
      case 'trade-response':
        this.onFrame(frame, receivedAtMs, text);
        return;
      case 'pong':
        this.watchdog.pong();
        return;
      case 'subscription-ack':
      case 'auth-ack': {
        const op = frame.kind === 'auth-ack' ? 'auth' : frame.op;
        if (!this.acks.acknowledge(op, frame.reqId, frame.success, frame.retMsg)) {
          this.problems.reportOnce('unmatched-ack', `${op} ack that no request waits for`, text.slice(0, 200));
        }
        return;
      }
      case 'malformed':
        this.problems.reportOnce('malformed-frame', frame.reason, frame.sample);
        return;
      case 'unknown':
        this.problems.reportOnce('unknown-frame', frame.reason, frame.sample);
        return;
    }
  }

  private ping(socket: WebSocket): boolean {
    if (socket !== this.socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(`{"op":"ping","req_id":"${this.nextReqId()}"}`);
    return true;
  }

  private onPongTimeout(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.pongTimeouts++;
    const reason = `no pong within ${this.options.pongTimeoutMs} ms of a ping`;
    this.problems.report('pong-timeout', reason);
    this.drop(socket, reason);
  }

  /** Kills a socket we no longer trust; its close event then takes the reconnect path. */
  private drop(socket: WebSocket, reason: string): void {
    this.dropReason = reason;
    socket.terminate();
  }

  private onSocketClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.watchdog.stop();
    if (this.current === 'closed') {
      if (this.closeTimer !== null) clearTimeout(this.closeTimer);
      this.closeTimer = null;
      this.resolveClosed();
      return;
    }
    this.acks.failAll('lost');
    const why = this.dropReason ?? `closed by the server (code ${code}${reason === '' ? '' : `, ${reason}`})`;
    if (this.openedAtMs > 0 && Date.now() - this.openedAtMs >= this.options.stableAfterMs) this.attempt = 0;
    const { baseDelayMs, maxDelayMs, random } = this.options;
    const delay = reconnectDelayMs(this.attempt, baseDelayMs, maxDelayMs, random);
    this.attempt++;
    this.reconnects++;
    this.setState('reconnecting', `${why}; next attempt in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.openSocket(`reconnect attempt ${this.attempt}`);
    }, delay);
  }

  private enterClosed(reason: string, error: Error): void {
    if (this.current === 'closed') return;
    this.closedError = error;
    this.closePromise = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.watchdog.stop();
    this.setState('closed', reason);
    this.acks.failAll('closed');
    const waiters = this.openWaiters;
    this.openWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
    const socket = this.socket;
    if (socket === null) {
      this.resolveClosed();
      return;
    }
    socket.removeAllListeners('message');
    socket.close(1000);
    this.closeTimer = setTimeout(() => socket.terminate(), closeGraceMs);
  }

  private finalError(): Error {
    return this.closedError ?? new WsClosedError(this.options.name, 'closed');
  }

  private nextReqId(): string {
    return String(++this.reqSeq);
  }

  private setState(next: WsConnectionState, reason: string): void {
    if (next === this.current) return;
    this.current = next;
    this.onStateChange?.(next, reason);
  }
}
