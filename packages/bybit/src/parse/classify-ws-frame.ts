// classifyWsFrame: the total classifier of Bybit v5 WebSocket text (market-data and execution threads). It never
// throws: every input becomes one WsFrame, with 'malformed' or 'unknown' and a reason for anything it cannot use.

import type { BookAction, MalformedFrame, PrivateTopic, UnknownFrame, WsFrame } from './ws-frame.js';

const sampleLength = 200;

function malformed(reason: string, text: string): MalformedFrame {
  return { kind: 'malformed', reason, sample: text.slice(0, sampleLength) };
}

function unknown(reason: string, text: string): UnknownFrame {
  return { kind: 'unknown', reason, sample: text.slice(0, sampleLength) };
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Levels must be [decimal, decimal] pairs; returns null at the first bad one. */
function bookAction(value: unknown): BookAction | null {
  return value === 'snapshot' || value === 'delta' ? value : null;
}

const privateTopics: ReadonlySet<string> = new Set<PrivateTopic>(['order', 'execution', 'position', 'wallet']);

function classifyTopicFrame(frame: JsonObject, topic: string, text: string): WsFrame {
  const dot = topic.indexOf('.');
  const channel = dot < 0 ? topic : topic.slice(0, dot);
  if ((channel === 'publicTrade' || channel === 'tickers') && (dot < 0 || dot === topic.length - 1)) {
    return malformed(`${channel} topic without a symbol`, text);
  }
  if (channel === 'publicTrade') {
    if (!isTimestamp(frame['ts'])) return malformed('publicTrade frame without a numeric ts', text);
    if (!Array.isArray(frame['data'])) return malformed('publicTrade frame without a data array', text);
    return { kind: 'trade', topic, symbol: topic.slice(dot + 1), tsMs: frame['ts'], data: frame['data'] };
  }
  if (channel === 'orderbook') {
    const rest = topic.slice(dot + 1);
    const secondDot = rest.indexOf('.');
    const depth = Number(rest.slice(0, secondDot));
    if (secondDot < 0 || !Number.isInteger(depth) || depth <= 0) return malformed(`bad orderbook topic ${topic}`, text);
    const action = bookAction(frame['type']);
    const data = frame['data'];
    if (action === null) return malformed('orderbook frame whose type is neither snapshot nor delta', text);
    if (!isTimestamp(frame['ts'])) return malformed('orderbook frame without a numeric ts', text);
    if (!isObject(data)) return malformed('orderbook frame without a data object', text);
    // Each level is checked by the book that applies it, as it parses the price (see OrderBookFrame.bids).
    const bids: unknown = data['b'];
    const asks: unknown = data['a'];
    if (!Array.isArray(bids) || !Array.isArray(asks)) return malformed('orderbook frame whose b or a is not an array of levels', text);
    if (!isTimestamp(data['u'])) return malformed('orderbook frame without a numeric u', text);
    return {
      kind: 'orderbook',
      topic,
      symbol: rest.slice(secondDot + 1),
      depth,
      action,
      tsMs: frame['ts'],
      ctsMs: isTimestamp(frame['cts']) ? frame['cts'] : null,
      bids,
      asks,
      updateId: data['u'],
      seq: isTimestamp(data['seq']) ? data['seq'] : null,
    };
  }
  if (channel === 'tickers') {
    const action = bookAction(frame['type']);
    if (action === null || !isTimestamp(frame['ts']) || !isObject(frame['data'])) {
      return malformed('tickers frame without type, ts or a data object', text);
    }
    return { kind: 'ticker', topic, symbol: topic.slice(dot + 1), action, tsMs: frame['ts'], data: frame['data'] };
  }
  if (privateTopics.has(channel)) {
    if (!Array.isArray(frame['data'])) return malformed(`${channel} frame without a data array`, text);
    const creation = frame['creationTime'];
    return {
      kind: channel as PrivateTopic,
      topic,
      creationTimeMs: isTimestamp(creation) ? creation : 0,
      data: frame['data'],
    };
  }
  return unknown(`topic ${topic} is not handled`, text);
}

/** Header values of a trade answer, names lower-cased (the docs spell Traceid both ways); non-strings dropped. */
function headerOf(value: unknown): Readonly<Record<string, string>> {
  const header: Record<string, string> = {};
  if (isObject(value)) for (const [name, text] of Object.entries(value)) if (typeof text === 'string') header[name.toLowerCase()] = text;
  return header;
}

function classifyTradeResponse(frame: JsonObject, op: string, reqId: string | null, retMsg: string, connId: string | null, text: string): WsFrame {
  const retCode = frame['retCode'];
  if (typeof retCode === 'number' && Number.isSafeInteger(retCode)) {
    return { kind: 'trade-response', op, reqId, retCode, retMsg, data: frame['data'], header: headerOf(frame['header']), connId };
  }
  if (typeof frame['success'] === 'boolean') {
    // The old shape: a success without retCode is still a success; a failure has no code to act on.
    const code = frame['success'] ? 0 : null;
    return { kind: 'trade-response', op, reqId, retCode: code, retMsg, data: frame['data'], header: headerOf(frame['header']), connId };
  }
  return malformed(`${op} answer without a retCode or success`, text);
}

function classifyOpFrame(frame: JsonObject, op: string, text: string): WsFrame {
  // The public and private streams write req_id, conn_id and ret_msg; the trade API reqId, connId and retMsg.
  const reqId = optionalString(frame['req_id'] ?? frame['reqId']);
  const connId = optionalString(frame['conn_id'] ?? frame['connId']);
  const retMsg = typeof frame['ret_msg'] === 'string' ? frame['ret_msg'] : typeof frame['retMsg'] === 'string' ? frame['retMsg'] : '';
  if (op.startsWith('order.')) return classifyTradeResponse(frame, op, reqId, retMsg, connId, text);
  if (op === 'auth' && typeof frame['retCode'] === 'number') {
    return { kind: 'auth-ack', success: frame['retCode'] === 0, retMsg, reqId, connId };
  }
  if (op === 'pong' || (op === 'ping' && retMsg === 'pong')) {
    const args = frame['args'];
    const first = Array.isArray(args) ? args[0] : undefined;
    // A long enough digit string passes 2^53, so the number is checked after the digits.
    const ms = typeof first === 'string' && /^\d+$/.test(first) ? Number(first) : Number.NaN;
    const serverTimeMs = Number.isSafeInteger(ms) ? ms : null;
    return { kind: 'pong', reqId, serverTimeMs };
  }
  if (op === 'subscribe' || op === 'unsubscribe' || op === 'auth') {
    if (typeof frame['success'] !== 'boolean') return malformed(`${op} ack without a boolean success`, text);
    if (op === 'auth') return { kind: 'auth-ack', success: frame['success'], retMsg, reqId, connId };
    return { kind: 'subscription-ack', op, success: frame['success'], retMsg, reqId, connId };
  }
  return unknown(`op ${op} is not handled`, text);
}

/** Classifies one WebSocket text frame. Never throws. */
export function classifyWsFrame(text: string): WsFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return malformed('not JSON', text);
  }
  if (!isObject(parsed)) return malformed('JSON is not an object', text);
  const topic = parsed['topic'];
  if (typeof topic === 'string') return classifyTopicFrame(parsed, topic, text);
  const op = parsed['op'];
  if (typeof op === 'string') return classifyOpFrame(parsed, op, text);
  return unknown('neither a topic nor an op', text);
}
