import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { closeHarnesses, harness } from './test-support/connection-harness.js';
import { FakeBybitWsServer } from './test-support/fake-bybit-ws-server.js';
import { sleep, waitUntil } from './test-support/wait-until.js';
import { BybitWsConnection } from './ws-connection.js';
import { WsClosedError, WsSubscriptionError } from './ws-errors.js';

const tradeText =
  '{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"BTCUSDT",' +
  '"S":"Buy","v":"0.001","p":"16578.50","L":"PlusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false}]}';

let server: FakeBybitWsServer;

beforeEach(async () => {
  server = await FakeBybitWsServer.start();
});

afterEach(async () => {
  await closeHarnesses();
  await server.stop();
});

describe('BybitWsConnection (public stream)', () => {
  it('connects, subscribes with a req_id, and hands data frames to onFrame', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    expect(h.connection.state).toBe('open');
    await h.connection.subscribe(['publicTrade.BTCUSDT']);
    const request = await server.waitForRequest((r) => r.op === 'subscribe');
    expect(request.args).toEqual(['publicTrade.BTCUSDT']);
    expect(request.reqId).toMatch(/^\S+$/);
    expect(h.connection.topics()).toEqual(['publicTrade.BTCUSDT']);

    server.send(tradeText);
    await waitUntil(() => h.frames.length === 1, 'a trade frame');
    const frame = h.frames[0];
    expect(frame?.kind).toBe('trade');
    expect(frame?.kind === 'trade' ? frame.symbol : null).toBe('BTCUSDT');
    const stats = h.connection.stats();
    expect(stats.framesByKind.trade).toBe(1);
    expect(stats.framesByKind['subscription-ack']).toBe(1);
    expect(stats.lastFrameAtMs).not.toBeNull();
    expect(h.states).toEqual(['connecting', 'open']);
  });

  it('rehearses the last trade frame through the classifier into onRehearsal only, counting nothing', async () => {
    const frames: string[] = [];
    const rehearsed: string[] = [];
    const connection = new BybitWsConnection(
      { url: server.url, name: 'rehearsing', pingIntervalMs: 60_000 },
      { onFrame: (frame) => void frames.push(frame.kind), onRehearsal: (frame) => void rehearsed.push(frame.symbol) },
    );
    try {
      await connection.connect();
      expect(connection.rehearse()).toBe(false); // no trade frame yet
      await connection.subscribe(['publicTrade.BTCUSDT']);
      server.send(tradeText);
      await waitUntil(() => frames.length === 1, 'a trade frame');
      expect(connection.rehearse()).toBe(true);
      expect(connection.rehearse()).toBe(true);
      expect(rehearsed).toEqual(['BTCUSDT', 'BTCUSDT']);
      expect(frames).toEqual(['trade']);
      expect(connection.stats().framesByKind.trade).toBe(1);
    } finally {
      await connection.close();
    }
  });

  it('keeps nothing to rehearse without an onRehearsal listener', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    await h.connection.subscribe(['publicTrade.BTCUSDT']);
    server.send(tradeText);
    await waitUntil(() => h.frames.length === 1, 'a trade frame');
    expect(h.connection.rehearse()).toBe(false);
  });

  it('resubscribes exactly the confirmed topics after a server-side close, and after a dropped socket', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    const topics = ['publicTrade.BTCUSDT', 'orderbook.50.BTCUSDT', 'tickers.BTCUSDT'];
    await h.connection.subscribe(topics);

    // One topic per replay request: a refusal of one can never take the others down with it.
    const replayed = (connection: number) =>
      server
        .requestsOn(connection)
        .filter((r) => r.op === 'subscribe')
        .map((r) => r.args);
    server.close(0);
    await waitUntil(() => replayed(1).length === topics.length, 'the replay');
    expect(replayed(1)).toEqual(topics.map((topic) => [topic]));
    await waitUntil(() => h.connection.state === 'open', 'the reopened connection');

    server.terminate(1);
    await waitUntil(() => replayed(2).length === topics.length, 'the second replay');
    expect(replayed(2)).toEqual(topics.map((topic) => [topic]));

    await waitUntil(() => h.connection.state === 'open', 'the second reopened connection');
    server.send(tradeText, 2);
    await waitUntil(() => h.frames.length === 1, 'a trade on the new connection');
    expect(h.connection.stats().reconnects).toBe(2);
    const cycle = ['reconnecting', 'connecting', 'open'];
    expect(h.states).toEqual(['connecting', 'open', ...cycle, ...cycle]);
    expect(h.reasons[2]).toContain('closed by the server (code 1000)');
  });

  it('reconnects and resubscribes when the server stops answering pings', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    await h.connection.subscribe(['publicTrade.BTCUSDT']);
    server.answerPings = false;
    await server.waitForConnections(2);
    server.answerPings = true;
    const replay = await server.waitForRequest((r) => r.connection === 1 && r.op === 'subscribe');
    expect(replay.args).toEqual(['publicTrade.BTCUSDT']);
    expect(server.requestsOn(0).some((r) => r.op === 'ping')).toBe(true);
    const stats = h.connection.stats();
    expect(stats.pongTimeouts).toBe(1);
    expect(stats.reconnects).toBe(1);
    expect(h.problems.map((p) => p.kind)).toEqual(['pong-timeout']);
    expect(h.reasons.find((reason) => reason.includes('no pong within 300 ms'))).toBeDefined();
  });

  it('keeps one connection while pings are answered', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    await sleep(450);
    expect(server.connectionCount).toBe(1);
    expect(h.connection.stats().pongTimeouts).toBe(0);
    expect(h.connection.stats().framesByKind.pong).toBeGreaterThanOrEqual(3);
    const ping = server.requests.find((r) => r.op === 'ping');
    expect(ping?.reqId).toMatch(/^\S+$/);
  });

  it('rejects a refused subscribe with an error naming the topic, and never replays that topic', async () => {
    server.refusedTopics.add('publicTrade.NOPEUSDT');
    const h = harness(server.url);
    await h.connection.connect();
    const refused = h.connection.subscribe(['publicTrade.NOPEUSDT']);
    await expect(refused).rejects.toThrow(WsSubscriptionError);
    await expect(refused).rejects.toThrow(/publicTrade\.NOPEUSDT.*error:handler not found/);
    const error = (await refused.catch((e: unknown) => e)) as WsSubscriptionError;
    expect(error.topics).toEqual(['publicTrade.NOPEUSDT']);
    expect(error.retMsg).toBe('error:handler not found');

    await h.connection.subscribe(['publicTrade.BTCUSDT']);
    expect(h.connection.topics()).toEqual(['publicTrade.BTCUSDT']);
    server.close();
    const replay = await server.waitForRequest((r) => r.connection === 1 && r.op === 'subscribe');
    expect(replay.args).toEqual(['publicTrade.BTCUSDT']);
  });

  it('counts "already subscribed" as subscribed, and a replay refused for one topic keeps the others', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    server.alreadySubscribedTopics.add('orderbook.1.BTCUSDT');
    await h.connection.subscribe(['orderbook.1.BTCUSDT']);
    server.alreadySubscribedTopics.clear();
    await h.connection.subscribe(['publicTrade.BTCUSDT']);
    expect(h.connection.topics()).toEqual(['orderbook.1.BTCUSDT', 'publicTrade.BTCUSDT']);

    server.refusedTopics.add('orderbook.1.BTCUSDT');
    server.close();
    await waitUntil(() => server.requestsOn(1).filter((r) => r.op === 'subscribe').length === 2, 'the replay');
    await waitUntil(() => h.connection.topics().length === 1, 'the refused topic to leave the replay set');
    expect(h.connection.topics()).toEqual(['publicTrade.BTCUSDT']);
    expect(h.problems.map((p) => p.kind)).toContain('replay-failed');
  });

  it('drops a socket whose replay gets no ack and replays on the next one, so no topic is silently lost', async () => {
    const h = harness(server.url, { ackTimeoutMs: 150 });
    await h.connection.connect();
    await h.connection.subscribe(['publicTrade.BTCUSDT']);
    server.answerRequests = false; // a half-open venue: the socket stays up, requests vanish
    server.close();
    await server.waitForRequest((r) => r.connection === 1 && r.op === 'subscribe');
    await server.waitForConnections(3);
    server.answerRequests = true;
    await server.waitForRequest((r) => r.connection === 2 && r.op === 'subscribe');
    await waitUntil(() => h.connection.state === 'open', 'the third connection');
    expect(h.connection.topics()).toEqual(['publicTrade.BTCUSDT']);
    expect(h.problems.map((p) => p.kind)).toContain('replay-failed');
    expect(h.reasons.some((reason) => reason.includes('no ack within 150 ms for resubscribing publicTrade.BTCUSDT'))).toBe(true);
  });

  it('rejects a subscribe whose ack never arrives', async () => {
    server.answerRequests = false;
    const h = harness(server.url, { ackTimeoutMs: 100 });
    await h.connection.connect();
    await expect(h.connection.subscribe(['publicTrade.BTCUSDT'])).rejects.toThrow(/no ack within 100 ms/);
    expect(h.connection.topics()).toEqual([]);
  });

  it('splits a long subscribe into small requests and names only the refused chunk in the error', async () => {
    server.refusedTopics.add('publicTrade.NOPEUSDT');
    const h = harness(server.url, { maxTopicsPerRequest: 2 });
    await h.connection.connect();
    const topics = ['publicTrade.A', 'publicTrade.B', 'publicTrade.C', 'publicTrade.NOPEUSDT', 'publicTrade.E'];
    const error = (await h.connection.subscribe(topics).catch((e: unknown) => e)) as WsSubscriptionError;
    expect(error).toBeInstanceOf(WsSubscriptionError);
    expect(error.topics).toEqual(['publicTrade.C', 'publicTrade.NOPEUSDT']);
    expect(server.requests.filter((r) => r.op === 'subscribe').map((r) => r.args)).toEqual([
      ['publicTrade.A', 'publicTrade.B'],
      ['publicTrade.C', 'publicTrade.NOPEUSDT'],
      ['publicTrade.E'],
    ]);
    expect(h.connection.topics()).toEqual(['publicTrade.A', 'publicTrade.B', 'publicTrade.E']);
  });

  it('unsubscribes with an ack and drops the topic from the replay set', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    await h.connection.subscribe(['publicTrade.BTCUSDT', 'tickers.BTCUSDT', 'publicTrade.BTCUSDT']);
    await h.connection.subscribe(['tickers.BTCUSDT']);
    expect(server.requests.filter((r) => r.op === 'subscribe')).toHaveLength(1);
    await h.connection.unsubscribe(['tickers.BTCUSDT']);
    const request = await server.waitForRequest((r) => r.op === 'unsubscribe');
    expect(request.args).toEqual(['tickers.BTCUSDT']);
    expect(h.connection.topics()).toEqual(['publicTrade.BTCUSDT']);
    server.close();
    const replay = await server.waitForRequest((r) => r.connection === 1 && r.op === 'subscribe');
    expect(replay.args).toEqual(['publicTrade.BTCUSDT']);
  });

  it('holds a subscribe made while reconnecting until the new connection is open', async () => {
    const h = harness(server.url, { reconnect: { baseDelayMs: 150, maxDelayMs: 150, random: () => 0.99 } });
    await h.connection.connect();
    server.terminate();
    await waitUntil(() => h.connection.state === 'reconnecting', 'reconnecting');
    await h.connection.subscribe(['publicTrade.BTCUSDT']);
    const request = await server.waitForRequest((r) => r.op === 'subscribe');
    expect(request.connection).toBe(1);
    expect(h.connection.topics()).toEqual(['publicTrade.BTCUSDT']);
  });

  it('closes idempotently and for good, and fails later calls', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    await h.connection.subscribe(['publicTrade.BTCUSDT']);
    const first = h.connection.close();
    const second = h.connection.close();
    expect(second).toBe(first);
    await first;
    await h.connection.close();
    expect(h.connection.state).toBe('closed');
    expect(h.states).toEqual(['connecting', 'open', 'closed']);
    await sleep(100);
    expect(server.connectionCount).toBe(1);
    await expect(h.connection.subscribe(['tickers.BTCUSDT'])).rejects.toThrow(WsClosedError);
    await expect(h.connection.connect()).rejects.toThrow(WsClosedError);
  });

  it('stops reconnecting when closed between attempts, and rejects a pending connect()', async () => {
    const h = harness(server.url, { reconnect: { baseDelayMs: 200, maxDelayMs: 200, random: () => 0.99 } });
    await h.connection.connect();
    server.terminate();
    await waitUntil(() => h.connection.state === 'reconnecting', 'reconnecting');
    await h.connection.close();
    await sleep(300);
    expect(server.connectionCount).toBe(1);
    expect(h.states).toEqual(['connecting', 'open', 'reconnecting', 'closed']);

    const unreachable = harness('ws://127.0.0.1:1/v5/public/linear');
    const connecting = unreachable.connection.connect();
    await waitUntil(() => unreachable.connection.stats().reconnects >= 2, 'two failed attempts');
    expect(unreachable.reasons.some((reason) => reason.includes('ECONNREFUSED'))).toBe(true);
    await unreachable.connection.close();
    await expect(connecting).rejects.toThrow(WsClosedError);
  });

  it('closes a connection that was never opened', async () => {
    const h = harness(server.url);
    await h.connection.close();
    expect(h.states).toEqual(['closed']);
    await expect(h.connection.connect()).rejects.toThrow(WsClosedError);
    await expect(harness(server.url).connection.subscribe(['a'])).rejects.toThrow('call connect() first');
  });

  it('counts malformed and unknown frames, reports each reason once, and keeps the stream', async () => {
    const h = harness(server.url);
    await h.connection.connect();
    for (let i = 0; i < 3; i++) server.send('not json');
    for (let i = 0; i < 2; i++) server.send('{"topic":"publicTrade","ts":1,"data":[]}');
    for (let i = 0; i < 2; i++) server.send('{"topic":"kline.1.BTCUSDT","ts":1,"data":[]}');
    server.send({ success: true, ret_msg: '', conn_id: 'x', req_id: 'not-ours', op: 'subscribe' });
    server.send(tradeText);
    await waitUntil(() => h.frames.length === 1, 'the trade after the bad frames');
    const stats = h.connection.stats();
    expect(stats.malformed).toBe(5);
    expect(stats.unknown).toBe(2);
    expect(h.problems.map((p) => [p.kind, p.message])).toEqual([
      ['malformed-frame', 'not JSON'],
      ['malformed-frame', 'publicTrade topic without a symbol'],
      ['unknown-frame', 'topic kline.1.BTCUSDT is not handled'],
      ['unmatched-ack', 'subscribe ack that no request waits for'],
    ]);
    expect(h.problems[0]?.sample).toBe('not json');
    expect(h.problems[0]?.connection).toBe('test-ws');
    expect(h.connection.state).toBe('open');
    expect(server.connectionCount).toBe(1);
  });

  it('refuses bad options at construction with the option path in the message', () => {
    const onFrame = (): void => {};
    expect(() => new BybitWsConnection({ url: 'http://127.0.0.1', name: 'pub' }, { onFrame })).toThrow('ws(pub).url must start with ws:// or wss://');
    expect(() => new BybitWsConnection({ url: server.url, name: 'pub', pingIntervalMs: 0 }, { onFrame })).toThrow('ws(pub).pingIntervalMs');
    const reconnect = { baseDelayMs: 10, maxDelayMs: 5 };
    expect(() => new BybitWsConnection({ url: server.url, name: 'pub', reconnect }, { onFrame })).toThrow('ws(pub).reconnect.maxDelayMs');
    expect(() => new BybitWsConnection({ url: server.url, name: 'pub', maxTopicsPerRequest: 0 }, { onFrame })).toThrow('ws(pub).maxTopicsPerRequest');
  });
});
