import { afterEach, describe, expect, it } from '@jest/globals';
import { BybitApiError, BybitIpBanError, BybitTransportError } from '../errors/bybit-errors.js';
import { isRetryable } from '../errors/retry-policy.js';
import { signRestRequest } from '../sign/signing.js';
import { ok, retCode, startFakeRestServer, type FakeRestServer, type Responder } from '../test-support/fake-rest-server.js';
import { BybitRestTransport, buildQueryString, type RestTransportOptions } from './rest-transport.js';

const credentials = { apiKey: 'test-key-123456', apiSecret: 'test-secret-abcdefghijklmnop' };
let server: FakeRestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(routes: Record<string, Responder[]>, options: Partial<RestTransportOptions> = {}) {
  server = await startFakeRestServer(routes);
  const sleeps: number[] = [];
  const transport = new BybitRestTransport({
    baseUrl: server.url,
    credentials,
    maxRetries: 3,
    backoff: { baseDelayMs: 100, maxDelayMs: 1_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { transport, sleeps, requests: server.requests };
}

describe('BybitRestTransport', () => {
  it('signs the exact query string of a GET and the exact body of a POST', async () => {
    const { transport, requests } = await setUp({
      '/v5/order/realtime': [ok({ list: [] })],
      '/v5/order/create': [ok({ orderId: '1', orderLinkId: 'a' })],
    });
    await transport.request({
      method: 'GET',
      path: '/v5/order/realtime',
      query: { category: 'linear', symbol: 'BTCUSDT', cursor: undefined },
      signed: true,
    });
    await transport.request({
      method: 'POST',
      path: '/v5/order/create',
      body: { category: 'linear', symbol: 'BTCUSDT', qty: '0.001' },
      signed: true,
    });
    for (const request of requests) {
      const payload = request.method === 'GET' ? request.query : request.body;
      const expected = signRestRequest({
        ...credentials,
        timestamp: request.headers['x-bapi-timestamp'] as string,
        recvWindow: request.headers['x-bapi-recv-window'] as string,
        payload,
      });
      expect(request.headers['x-bapi-sign']).toBe(expected);
      expect(request.headers['x-bapi-api-key']).toBe(credentials.apiKey);
    }
    expect(requests[0]?.query).toBe('category=linear&symbol=BTCUSDT');
    expect(requests[1]?.body).toBe('{"category":"linear","symbol":"BTCUSDT","qty":"0.001"}');
  });

  it('retries HTTP 5xx with growing back-off, then returns the result', async () => {
    const retried: number[] = [];
    const { transport, sleeps } = await setUp(
      { '/v5/market/tickers': [{ status: 503, body: '<html>busy</html>' }, { status: 502, body: 'bad gateway' }, ok({ list: [] })] },
      { onRetry: (_endpoint, attempt) => retried.push(attempt) },
    );
    await expect(transport.request({ method: 'GET', path: '/v5/market/tickers', signed: false })).resolves.toMatchObject({ result: { list: [] } });
    expect(retried).toEqual([1, 2]);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
  });

  it('never retries a parameter error and reports status, retCode, retMsg and endpoint', async () => {
    const { transport, requests } = await setUp({ '/v5/order/create': [retCode(10001, 'params error: qty')] });
    const error = await transport.request({ method: 'POST', path: '/v5/order/create', body: {}, signed: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BybitApiError);
    expect(error).toMatchObject({ httpStatus: 200, retCode: 10001, retMsg: 'params error: qty', endpoint: '/v5/order/create' });
    expect(isRetryable(error)).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it('backs off a 10006 until the reset timestamp the venue gives', async () => {
    const resetAt = Date.now() + 700;
    const { transport, sleeps } = await setUp({
      '/v5/order/create': [
        retCode(10006, 'Too many visits!', { 'X-Bapi-Limit-Status': '0', 'X-Bapi-Limit-Reset-Timestamp': String(resetAt) }),
        ok({ orderId: '1', orderLinkId: 'a' }),
      ],
    });
    await transport.request({ method: 'POST', path: '/v5/order/create', body: {}, signed: true });
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(600);
  });

  it('still backs off a 10006 that comes without a reset header, and gives up after maxRetries', async () => {
    const { transport, sleeps, requests } = await setUp({ '/v5/order/create': [retCode(10006, 'Too many visits!')] });
    const error = await transport.request({ method: 'POST', path: '/v5/order/create', body: {}, signed: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retCode: 10006 });
    expect(requests).toHaveLength(4);
    expect(sleeps.filter((ms) => ms > 0).length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...sleeps)).toBeGreaterThan(0);
  });

  it('waits for the window to reset when the limit headers say nothing is left', async () => {
    const resetAt = Date.now() + 900;
    const { transport, sleeps } = await setUp({
      '/v5/order/realtime': [
        { ...ok({ list: [] }), headers: { 'X-Bapi-Limit-Status': '0', 'X-Bapi-Limit-Reset-Timestamp': String(resetAt) } },
        ok({ list: [] }),
      ],
    });
    await transport.request({ method: 'GET', path: '/v5/order/realtime', signed: true });
    expect(sleeps).toEqual([]);
    await transport.request({ method: 'GET', path: '/v5/order/realtime', signed: true });
    expect(sleeps[0]).toBeGreaterThan(500);
  });

  it('stops all HTTP traffic after a 403 IP ban and says so once', async () => {
    const bans: number[] = [];
    const { transport, requests } = await setUp(
      { '/v5/market/tickers': [{ status: 403, body: 'access too frequent' }] },
      { onIpBan: (until) => bans.push(until) },
    );
    await expect(transport.request({ method: 'GET', path: '/v5/market/tickers', signed: false })).rejects.toBeInstanceOf(BybitIpBanError);
    await expect(transport.request({ method: 'GET', path: '/v5/market/tickers', signed: false })).rejects.toThrow(/IP ban/);
    expect(requests).toHaveLength(1);
    expect(bans).toHaveLength(1);
    expect((bans[0] as number) - Date.now()).toBeGreaterThan(9 * 60_000);
  });

  it('resyncs the clock from /v5/market/time on 10002 and retries once', async () => {
    const serverNowMs = Date.now() + 60_000;
    const { transport, requests } = await setUp({
      '/v5/order/create': [retCode(10002, 'invalid request, please check your server timestamp'), ok({ orderId: '1', orderLinkId: 'a' })],
      '/v5/market/time': [ok({ timeSecond: String(Math.floor(serverNowMs / 1000)), timeNano: `${serverNowMs}000000` })],
    });
    await transport.request({ method: 'POST', path: '/v5/order/create', body: {}, signed: true });
    expect(requests.map((r) => r.path)).toEqual(['/v5/order/create', '/v5/market/time', '/v5/order/create']);
    expect(transport.clockOffset).toBeGreaterThan(59_000);
    const lastTimestamp = Number(requests[2]?.headers['x-bapi-timestamp']);
    expect(lastTimestamp - Date.now()).toBeGreaterThan(59_000);
  });

  it('turns a request that gets no answer in time into a retryable timeout', async () => {
    const { transport } = await setUp({ '/v5/market/time': [{ hang: true }] }, { timeoutMs: 100, maxRetries: 0 });
    const error = await transport.request({ method: 'GET', path: '/v5/market/time', signed: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BybitTransportError);
    expect(error).toMatchObject({ failure: 'timeout' });
    expect(isRetryable(error)).toBe(true);
  });

  it('classifies an unreachable venue as a retryable network error', async () => {
    const transport = new BybitRestTransport({ baseUrl: 'http://127.0.0.1:1', maxRetries: 0 });
    const error = await transport.request({ method: 'GET', path: '/v5/market/time', signed: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BybitTransportError', failure: 'network' });
  });

  it('refuses a signed request without credentials', async () => {
    const transport = new BybitRestTransport({ baseUrl: 'http://127.0.0.1:1' });
    await expect(transport.request({ method: 'GET', path: '/v5/position/list', signed: true })).rejects.toThrow(/needs credentials/);
  });
});

describe('buildQueryString', () => {
  it("keeps the caller's order, leaves out undefined and encodes values", () => {
    expect(buildQueryString({ category: 'linear', symbol: undefined, cursor: 'a b&c' })).toBe('category=linear&cursor=a%20b%26c');
  });
});
