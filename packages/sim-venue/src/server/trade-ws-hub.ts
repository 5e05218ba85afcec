// The venue's WebSocket trade API, /v5/trade (venue thread): auth as Bybit does it on that socket, then
// order.create and order.cancel carried out by the same private API as REST, each answered with its reqId, the
// rate-limit header fields, and Bybit's trade-channel refusals (10019, 20006, 10002, 10404).

import type { WebSocket } from 'ws';
import { permits } from './api-keys.js';
import { isRefusal, type VenueRefusal } from './envelope.js';
import { faultFires, isStalled, isTradeDown } from './fault-plan.js';
import type { HeldLine } from './held-line.js';
import { authenticateWs, timestampOutsideWindow } from './request-auth.js';
import type { RestRouterDeps } from './rest-router.js';
import { newConnId } from './ws-ids.js';

/** The REST router's API, faults, limiter, clock and randomness: the trade API is the same venue behind a socket. */
export interface TradeHubDeps extends Pick<RestRouterDeps, 'api' | 'faults' | 'limiter' | 'now' | 'random' | 'onFault'> {
  /** Told of each request as it arrives (the frame-to-order benchmark times creates with it). */
  readonly onRequest?: (op: string, order: unknown) => void;
  /** The paper venue's latency, the same lines REST answers and private events take. */
  readonly fillLatency?: { readonly toVenue: HeldLine; readonly toClient: HeldLine };
}

interface Connection {
  readonly connId: string;
  apiKey: string | null;
  /** Bybit refuses a reqId used before with 20006. */
  readonly reqIds: Set<string>;
}

/** The REST path whose handler, permission and rate-limit bucket each op shares. */
const opRoutes: Readonly<Record<string, string>> = { 'order.create': '/v5/order/create', 'order.cancel': '/v5/order/cancel' };
const orderWrite = { write: true, group: 'ContractTrade', permission: 'Order' } as const;
const maxReqIdLength = 36;
/** The reqIds a connection remembers for 20006: the newest this many, so a socket open for weeks stays small. */
const rememberedReqIds = 10_000;

export class TradeWsHub {
  private readonly connections = new Map<WebSocket, Connection>();
  private traceSeq = 0;

  constructor(private readonly deps: TradeHubDeps) {}

  /** False while the tradeDown fault holds: the upgrade is refused, as a venue restarting its trade service would. */
  accepts(): boolean {
    return !isTradeDown(this.deps.faults, this.deps.now());
  }

  attach(socket: WebSocket): void {
    const connection: Connection = { connId: newConnId(), apiKey: null, reqIds: new Set() };
    this.connections.set(socket, connection);
    socket.on('message', (data: Buffer) => this.onMessage(socket, connection, data.toString('utf8')));
    socket.on('close', () => this.connections.delete(socket));
    socket.on('error', () => this.connections.delete(socket));
  }

  /** Called on the venue's tick: a tradeDown fault ends every trade socket. */
  tick(nowMs: number): void {
    if (isTradeDown(this.deps.faults, nowMs)) this.closeAll();
  }

  closeAll(): void {
    for (const socket of [...this.connections.keys()]) socket.terminate();
    this.connections.clear();
  }

  private onMessage(socket: WebSocket, connection: Connection, text: string): void {
    const now = this.deps.now();
    if (isStalled(this.deps.faults, now)) return;
    let request: { op?: unknown; args?: unknown; reqId?: unknown; req_id?: unknown; header?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      this.reply(socket, { retCode: 10001, retMsg: 'invalid json', op: '', connId: connection.connId });
      return;
    }
    const op = typeof request.op === 'string' ? request.op : '';
    if (this.deps.onRequest !== undefined && op.startsWith('order.'))
      this.deps.onRequest(op, Array.isArray(request.args) ? request.args[0] : undefined);
    const reqIdText = typeof request.reqId === 'string' ? request.reqId : typeof request.req_id === 'string' ? request.req_id : null;
    const reqId = reqIdText === null ? {} : { reqId: reqIdText };
    const refuse = (refusal: VenueRefusal): void =>
      this.reply(socket, { ...reqId, retCode: refusal.retCode, retMsg: refusal.retMsg, op, data: {}, retExtInfo: {}, connId: connection.connId });
    if (op === 'ping') {
      this.reply(socket, { ...reqId, retCode: 0, retMsg: 'OK', op: 'pong', data: [String(now)], connId: connection.connId });
      return;
    }
    if (op === 'auth') {
      if (connection.apiKey !== null) return refuse({ retCode: 20001, retMsg: 'Repeat auth' });
      const outcome = authenticateWs(request.args, now, (apiKey) => this.deps.api.keyOf(apiKey)?.secret);
      if (isRefusal(outcome)) return refuse(outcome);
      connection.apiKey = outcome;
      this.reply(socket, { ...reqId, retCode: 0, retMsg: 'OK', op: 'auth', connId: connection.connId });
      return;
    }
    const path = opRoutes[op];
    if (path === undefined) return refuse({ retCode: 10404, retMsg: `op type is not found: ${op}` });
    if (connection.apiKey === null) return refuse({ retCode: 10003, retMsg: 'Request not authorized' });
    if (reqIdText !== null) {
      if (reqIdText.length > maxReqIdLength) return refuse({ retCode: 10001, retMsg: `reqId longer than ${maxReqIdLength} characters` });
      if (connection.reqIds.has(reqIdText)) return refuse({ retCode: 20006, retMsg: 'reqId is duplicated' });
      if (connection.reqIds.size >= rememberedReqIds) connection.reqIds.delete(connection.reqIds.values().next().value as string);
      connection.reqIds.add(reqIdText);
    }
    const timing = this.checkHeader(request.header, now);
    if (timing !== null) return refuse(timing);
    const key = this.deps.api.keyOf(connection.apiKey);
    if (key === undefined) return refuse({ retCode: 10003, retMsg: 'API key is invalid.' });
    if (!permits(key, orderWrite)) return refuse({ retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.' });
    if (faultFires(this.deps.faults.tradeRestartingProbability, this.deps.random)) {
      this.deps.onFault?.('tradeRestarting');
      return refuse({ retCode: 10019, retMsg: 'ws trade service is restarting, do not accept new request' });
    }
    const args = Array.isArray(request.args) ? request.args : [];
    if (args.length !== 1) return refuse({ retCode: 10001, retMsg: 'args must hold exactly one order' });
    const verdict = this.deps.limiter.check(connection.apiKey, path, now);
    const header = { ...verdict.headers, Traceid: `sim${(++this.traceSeq).toString(16)}`, Timenow: String(now) };
    if (!verdict.allowed) {
      this.reply(socket, { ...reqId, retCode: 10006, retMsg: 'Too many visits!', op, data: {}, retExtInfo: {}, header, connId: connection.connId });
      return;
    }
    const apiKey = connection.apiKey;
    const carryOut = (): void => {
      const outcome =
        op === 'order.create' ? this.deps.api.privateApi.createOrder(apiKey, args[0]) : this.deps.api.privateApi.cancelOrder(apiKey, args[0]);
      const answer = isRefusal(outcome)
        ? { ...reqId, retCode: outcome.retCode, retMsg: outcome.retMsg, op, data: {}, retExtInfo: {}, header, connId: connection.connId }
        : { ...reqId, retCode: 0, retMsg: 'OK', op, data: outcome, retExtInfo: {}, header, connId: connection.connId };
      const write = (): void => this.reply(socket, answer);
      const send = this.deps.fillLatency === undefined ? write : (): void => this.deps.fillLatency?.toClient.send(write);
      if (op === 'order.create' && faultFires(this.deps.faults.lateCreateAnswerProbability, this.deps.random)) {
        this.deps.onFault?.('lateCreateAnswer');
        setTimeout(send, this.deps.faults.lateCreateAnswerMs).unref();
      } else send();
    };
    if (this.deps.fillLatency === undefined) carryOut();
    else this.deps.fillLatency.toVenue.send(carryOut);
  }

  /** The header fields' X-BAPI-TIMESTAMP within REST's window (timestampOutsideWindow), as the trade guideline puts it. */
  private checkHeader(header: unknown, now: number): VenueRefusal | null {
    const fields = (typeof header === 'object' && header !== null ? header : {}) as Record<string, unknown>;
    const timestamp = fields['X-BAPI-TIMESTAMP'];
    const window = fields['X-BAPI-RECV-WINDOW'];
    if (typeof timestamp !== 'string' || !/^\d{1,16}$/.test(timestamp))
      return { retCode: 10001, retMsg: 'header X-BAPI-TIMESTAMP missing or invalid' };
    if (window !== undefined && (typeof window !== 'string' || !/^\d{1,9}$/.test(window))) {
      return { retCode: 10001, retMsg: 'header X-BAPI-RECV-WINDOW invalid' };
    }
    return timestampOutsideWindow(Number(timestamp), window === undefined ? undefined : Number(window), now);
  }

  private reply(socket: WebSocket, value: unknown): void {
    if (socket.readyState === 1) socket.send(JSON.stringify(value));
  }
}
