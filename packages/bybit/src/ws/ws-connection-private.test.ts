import { afterEach, describe, expect, it } from '@jest/globals';
import { signWsAuth } from '../sign/signing.js';
import { fixtureText } from '../test-support/fixtures.js';
import { closeHarnesses, harness } from './test-support/connection-harness.js';
import { FakeBybitWsServer, type ReceivedRequest } from './test-support/fake-bybit-ws-server.js';
import { sleep, waitUntil } from './test-support/wait-until.js';
import { WsAuthError } from './ws-errors.js';

const apiKey = 'test-key';
const apiSecret = 'test-secret';
const privateTopics = ['order', 'execution', 'position', 'wallet'];

let server: FakeBybitWsServer | null = null;

async function privateServer(): Promise<FakeBybitWsServer> {
  server = await FakeBybitWsServer.start({ pong: 'private', auth: { apiKey, apiSecret } });
  return server;
}

afterEach(async () => {
  await closeHarnesses();
  await server?.stop();
  server = null;
});

function expectValidAuth(request: ReceivedRequest | undefined, expires: number): void {
  expect(request?.op).toBe('auth');
  expect(request?.args).toEqual([apiKey, expires, signWsAuth(apiSecret, expires)]);
}

describe('BybitWsConnection (private stream)', () => {
  it('authenticates first on every connection and replays topics only after the auth ack', async () => {
    const fake = await privateServer();
    fake.authAckDelayMs = 50;
    let clock = Date.now();
    const h = harness(fake.url, { auth: { apiKey, apiSecret, expiresInMs: 5_000, now: () => clock } });
    await h.connection.connect();
    expect(h.states).toEqual(['connecting', 'authenticating', 'open']);
    expectValidAuth(fake.requestsOn(0)[0], clock + 5_000);
    await h.connection.subscribe(privateTopics);

    clock += 1_000;
    fake.terminate();
    await waitUntil(() => fake.requestsOn(1).filter((r) => r.op === 'subscribe').length === privateTopics.length, 'the replay');
    expectValidAuth(fake.requestsOn(1)[0], clock + 5_000);
    const replayed = fake.requestsOn(1).filter((r) => r.op === 'subscribe');
    expect(replayed.every((r) => r.afterAuthAck)).toBe(true);
    expect(replayed.map((r) => r.args)).toEqual(privateTopics.map((topic) => [topic]));
    expect(fake.requestsOn(1).filter((r) => r.op !== 'ping')).toHaveLength(1 + privateTopics.length);
    await waitUntil(() => h.connection.state === 'open', 'the reopened private connection');
    expect(h.connection.stats().topics).toBe(4);

    fake.send(fixtureText('ws_private_order_docs.json'));
    await waitUntil(() => h.frames.length === 1, 'an order frame');
    expect(h.frames[0]?.kind).toBe('order');
    expect(h.problems).toEqual([]);
  });

  it('rejects connect() and closes for good when the venue refuses the credentials', async () => {
    const fake = await privateServer();
    fake.acceptAuth = false;
    const h = harness(fake.url, { auth: { apiKey, apiSecret } });
    const connecting = h.connection.connect();
    await expect(connecting).rejects.toThrow(WsAuthError);
    await expect(connecting).rejects.toThrow('test-ws: authentication failed: Request not authorized');
    expect(h.connection.state).toBe('closed');
    expect(h.states).toEqual(['connecting', 'authenticating', 'closed']);
    await h.connection.close();
    await sleep(100);
    expect(fake.connectionCount).toBe(1);
    await expect(h.connection.connect()).rejects.toThrow(WsAuthError);
  });

  it('rejects a wrong signature the same way', async () => {
    const fake = await privateServer();
    const h = harness(fake.url, { auth: { apiKey, apiSecret: 'wrong-secret' } });
    await expect(h.connection.connect()).rejects.toThrow('Invalid signature');
    expect(h.connection.state).toBe('closed');
  });

  it('closes and fails waiting calls when the auth is refused after a reconnect', async () => {
    const fake = await privateServer();
    const h = harness(fake.url, { auth: { apiKey, apiSecret } });
    await h.connection.connect();
    await h.connection.subscribe(['order']);
    fake.acceptAuth = false;
    fake.terminate();
    await waitUntil(() => h.connection.state === 'closed', 'closed after the refused re-auth');
    await expect(h.connection.subscribe(['wallet'])).rejects.toThrow(WsAuthError);
    expect(fake.requestsOn(1).filter((r) => r.op === 'subscribe')).toEqual([]);
  });

  it('reconnects when the auth ack does not come in time', async () => {
    const fake = await privateServer();
    fake.authAckDelayMs = 300;
    const h = harness(fake.url, { auth: { apiKey, apiSecret }, ackTimeoutMs: 100 });
    const connecting = h.connection.connect();
    await fake.waitForConnections(2);
    fake.authAckDelayMs = 0;
    await connecting;
    expect(h.connection.state).toBe('open');
    expect(h.reasons.some((reason) => reason.includes('no auth ack within 100 ms'))).toBe(true);
  });

  it('takes the private pong ({"op":"pong"}) as an answer to its pings', async () => {
    const fake = await privateServer();
    const h = harness(fake.url, { auth: { apiKey, apiSecret } });
    await h.connection.connect();
    await sleep(450);
    expect(fake.connectionCount).toBe(1);
    expect(h.connection.stats().pongTimeouts).toBe(0);
    expect(h.connection.stats().framesByKind.pong).toBeGreaterThanOrEqual(3);
  });
});
