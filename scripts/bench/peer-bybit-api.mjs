#!/usr/bin/env node
// Peer benchmark: the npm `bybit-api` SDK's WebsocketClient (v5, linear) on our venue's publicTrade stream:
// receipt-to-callback latency, trades/s delivered and lag behind frame `ts`. Usage:
// node scripts/bench/peer-bybit-api.mjs --url ws://127.0.0.1:PORT/v5/public/linear --symbol BTCUSDT --seconds 10 [--warmup 2]
//
// How the peer is pointed at the venue (bybit-api 4.7.x): the documented `wsUrl` client option. getWsUrl() returns
// it for every wsKey, so it is only sound for a client that opens one connection; this one subscribes to a single
// linear topic, so only the v5LinearPublic socket is ever opened. No subclass or patch is needed.
//
// Where the peer's time goes, per frame (BaseWSClient.onWsMessage + WebsocketClient.resolveEmittableEvents): ws's
// onmessage wrapper turns the Buffer into a string and a MessageEvent; clearPongTimer(); isWsPong() and isWsPing()
// scan the whole text three times with String#includes; JSON.parse of the full frame; subscription/WS-API type
// guards; then getFinalEmittable() shallow-copies the parsed frame to add wsKey and isWSAPIResponse before
// emit('update'). The callback therefore gets a parsed object, with `data` the parsed trade array.
import { createHistogram, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { WebsocketClient } from 'bybit-api';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true if `promise` settles within `ms`; the timer is cleared so it cannot hold the process open. */
async function settlesWithin(promise, ms) {
  let timer;
  const expired = new Promise((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function median(values) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The peer logs connection life-cycle with console.info to stdout, which would corrupt the JSON the CLI prints;
 * its trace lines are also the only place pings and pongs are visible, so they are counted here.
 */
function countingLogger(heartbeat) {
  return {
    trace: (message) => {
      if (typeof message !== 'string') return;
      if (message === 'Sending ping') heartbeat.pingsSent++;
      else if (message.startsWith('Received PONG')) heartbeat.pongsReceived++;
    },
    info: (message) => {
      if (typeof message === 'string' && message.startsWith('Pong timeout')) heartbeat.pongTimeouts++;
    },
    error: (...params) => process.stderr.write(`bybit-api: ${params.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}\n`),
  };
}

export async function runPeerBybitApi({ wsPublicUrl, symbol, seconds, warmupSeconds = 2 }) {
  const topic = `publicTrade.${symbol}`;
  const heartbeat = { pingsSent: 0, pongsReceived: 0, pongTimeouts: 0, reconnects: 0 };
  const client = new WebsocketClient({ market: 'v5', wsUrl: wsPublicUrl }, countingLogger(heartbeat));

  let receiptMs = NaN;
  const stampReceipt = () => {
    receiptMs = now();
  };
  // 'open' is emitted synchronously from the socket's open handler, before the client sends its subscribe, so the
  // stamp is in place before the first data frame; a reconnect builds a new socket, hence 'reconnected' too.
  const hookSocket = ({ ws }) => ws.prependListener('message', stampReceipt);
  client.on('open', hookSocket);
  client.on('reconnected', hookSocket);
  client.on('reconnect', () => heartbeat.reconnects++);
  let subscribeError = null;
  client.on('exception', (event) => {
    process.stderr.write(`bybit-api exception: ${JSON.stringify(event)}\n`);
    if (event.op === 'subscribe') subscribeError = event.ret_msg;
  });

  const latencyUs = createHistogram();
  let measuring = false;
  let startMs = 0;
  let endMs = 0;
  let trades = 0;
  let frames = 0;
  let unstamped = 0;
  const lagAt = [];
  const lag = [];
  let resolveFirstTrade;
  const firstTrade = new Promise((resolve) => (resolveFirstTrade = resolve));

  client.on('update', (event) => {
    const callbackMs = now();
    if (event.topic !== topic) return;
    resolveFirstTrade();
    // The client dispatches synchronously from the socket's 'message' event, so the latest stamp belongs to this
    // frame; consuming it proves that (a second update from one frame would be counted as unstamped).
    const receivedMs = receiptMs;
    receiptMs = NaN;
    if (!measuring || callbackMs < startMs) return;
    if (callbackMs >= endMs) {
      measuring = false;
      return;
    }
    if (Number.isNaN(receivedMs)) {
      unstamped++;
      return;
    }
    frames++;
    trades += event.data.length;
    latencyUs.record(Math.max(1, Math.round((callbackMs - receivedMs) * 1000)));
    lagAt.push(callbackMs - startMs);
    lag.push(callbackMs - event.ts);
  });

  const closed = new Promise((resolve) => client.on('close', resolve));
  try {
    client.subscribeV5(topic, 'linear');
    if (!(await settlesWithin(firstTrade, 15_000))) {
      throw new Error(`no ${topic} frame within 15 s from ${wsPublicUrl}${subscribeError ? `: ${subscribeError}` : ''}`);
    }
    await sleep(warmupSeconds * 1000);
    startMs = now();
    endMs = startMs + seconds * 1000;
    measuring = true;
    await sleep(seconds * 1000);
    // A backlogged client may still be reading frames stamped before endMs; the window is by callback time, so
    // stop here rather than wait for it to drain.
    measuring = false;
  } finally {
    client.closeAll();
    // The close handshake waits behind any backlog of unread frames; after 3 s terminate instead.
    if (!(await settlesWithin(closed, 3_000))) {
      client.closeAll(true);
      await settlesWithin(closed, 1_000);
    }
    client.removeAllListeners();
  }

  const elapsedS = Math.min(seconds, (now() - startMs) / 1000);
  const quarterMs = (seconds * 1000) / 4;
  const firstQuarter = [];
  const lastQuarter = [];
  for (let i = 0; i < lag.length; i++) {
    if (lagAt[i] < quarterMs) firstQuarter.push(lag[i]);
    else if (lagAt[i] >= seconds * 1000 - quarterMs) lastQuarter.push(lag[i]);
  }
  const round = (x) => (x === null ? null : Math.round(x * 1000) / 1000);
  return {
    tradesPerSecond: Math.round(trades / elapsedS),
    framesPerSecond: Math.round(frames / elapsedS),
    callbackLatencyUs: {
      p50: frames > 0 ? latencyUs.percentile(50) : null,
      p99: frames > 0 ? latencyUs.percentile(99) : null,
      max: frames > 0 ? latencyUs.max : null,
      count: latencyUs.count,
    },
    lagMs: {
      firstQuarterP50: round(median(firstQuarter)),
      lastQuarterP50: round(median(lastQuarter)),
      max: round(lag.length > 0 ? lag.reduce((a, b) => Math.max(a, b)) : null),
    },
    heartbeat,
    unstampedFrames: unstamped,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
  };
  const wsPublicUrl = arg('url');
  if (wsPublicUrl === undefined) {
    process.stderr.write('usage: node scripts/bench/peer-bybit-api.mjs --url WS_PUBLIC_URL [--symbol BTCUSDT] [--seconds 10] [--warmup 2]\n');
    process.exit(2);
  }
  const result = await runPeerBybitApi({
    wsPublicUrl,
    symbol: arg('symbol', 'BTCUSDT'),
    seconds: Number(arg('seconds', '10')),
    warmupSeconds: Number(arg('warmup', '2')),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
