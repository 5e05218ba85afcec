// The venue's keys over real HTTP: unsigned and badly signed requests get Bybit's envelope and codes, GET
// /v5/user/query-api describes each key field for field as Bybit documents it, and a key's permissions are enforced.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BybitRestClient, BybitRestTransport } from '@scalper/bybit';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { createHmac } from 'node:crypto';
import { loadBybitFixture } from '../core/trading/test-support/trading-fixtures.js';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from './start-venue.js';

let venue: RunningVenue;
const withdrawer = {
  apiKey: 'WITHDRAW-KEY-0001',
  apiSecret: 'withdraw-secret-0001',
  permissions: { ContractTrade: ['Order', 'Position'], Wallet: ['AccountTransfer', 'Withdraw'] },
};
const reader = { apiKey: 'READONLY-KEY-0001', apiSecret: 'readonly-secret-0001', readOnly: true };

beforeAll(async () => {
  venue = await startVenue({
    seed: 5,
    tradesPerSecondPerSymbol: 10,
    market: 'calm',
    accounts: [{ apiKey: paperApiKey, apiSecret: paperApiSecret }, withdrawer, reader],
  });
});

afterAll(async () => {
  await venue.close();
});

function clientOf(credentials: { apiKey: string; apiSecret: string }): BybitRestClient {
  return new BybitRestClient(new BybitRestTransport({ baseUrl: venue.restUrl, credentials, maxRetries: 0 }));
}

async function envelope(path: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${venue.restUrl}${path}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('unsigned and badly signed requests', () => {
  it("answer HTTP 200 with Bybit's envelope: 10001 without headers, 10002 for a stale time, 10004 for a bad sign", async () => {
    expect(await envelope('/v5/position/list?category=linear&symbol=BTCUSDT', {})).toEqual({
      retCode: 10001,
      retMsg: 'empty value: apiTimestamp[] apiKey[] apiSignature[]',
      result: {},
      retExtInfo: {},
      time: expect.any(Number),
    });
    const query = 'category=linear&symbol=BTCUSDT';
    const stale = String(Date.now() - 60_000);
    const sign = (timestamp: string, secret: string) => createHmac('sha256', secret).update(`${timestamp}${paperApiKey}5000${query}`).digest('hex');
    const headers = (timestamp: string, secret: string) => ({
      'X-BAPI-API-KEY': paperApiKey,
      'X-BAPI-TIMESTAMP': timestamp,
      'X-BAPI-RECV-WINDOW': '5000',
      'X-BAPI-SIGN': sign(timestamp, secret),
    });
    expect(await envelope(`/v5/position/list?${query}`, headers(stale, paperApiSecret))).toMatchObject({
      retCode: 10002,
      retMsg: expect.stringMatching(
        /^invalid request, please check your server timestamp or recv_window param\. req_timestamp\[\d+\],server_timestamp\[\d+\],recv_window\[5000\]$/,
      ),
    });
    const now = String(Date.now());
    expect(await envelope(`/v5/position/list?${query}`, headers(now, 'wrong-secret-000'))).toMatchObject({
      retCode: 10004,
      retMsg: `error sign! origin_string[${now}${paperApiKey}5000${query}]`,
    });
    expect(await envelope(`/v5/position/list?${query}`, headers(now, paperApiSecret))).toMatchObject({ retCode: 0 });
  });
});

describe('GET /v5/user/query-api', () => {
  it('describes the paper key with every documented field: read-write, contract trading, no wallet rights', async () => {
    const documented = loadBybitFixture<{ result: Record<string, unknown> }>('rest_user_query_api_docs.json').result;
    const response = await fetch(`${venue.restUrl}/v5/user/query-api`, { headers: signedHeaders(paperApiKey, paperApiSecret, '') });
    const body = (await response.json()) as { retCode: number; result: Record<string, unknown> };
    expect(body.retCode).toBe(0);
    expect(Object.keys(body.result).sort()).toEqual(Object.keys(documented).sort());
    expect(Object.keys(body.result['permissions'] as object).sort()).toEqual(Object.keys(documented['permissions'] as object).sort());
    expect(body.result).toMatchObject({
      apiKey: paperApiKey,
      readOnly: 0,
      secret: '',
      ips: ['*'],
      uta: 1,
      permissions: { ContractTrade: ['Order', 'Position'], Wallet: [], Derivatives: ['DerivativesTrade'] },
      expiredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    await expect(clientOf({ apiKey: paperApiKey, apiSecret: paperApiSecret }).apiKeyInfo()).resolves.toMatchObject({ readOnly: false, uta: 1 });
  });

  it('reports the permissions each account was given: one that can withdraw, one read-only', async () => {
    await expect(clientOf(withdrawer).apiKeyInfo()).resolves.toMatchObject({
      readOnly: false,
      permissions: { Wallet: ['AccountTransfer', 'Withdraw'] },
    });
    await expect(clientOf(reader).apiKeyInfo()).resolves.toMatchObject({ readOnly: true, permissions: { ContractTrade: ['Order', 'Position'] } });
    await expect(clientOf({ apiKey: 'NOBODY-KEY-0001', apiSecret: 'nobody-secret-01' }).apiKeyInfo()).rejects.toMatchObject({
      retCode: 10003,
      retMsg: 'API key is invalid.',
    });
  });

  it('lets a read-only key read but refuses its orders and settings with 10005, as Bybit does', async () => {
    const client = clientOf(reader);
    const btc = toSymbol('BTCUSDT');
    await expect(client.positions(btc)).resolves.toMatchObject({ refused: [] });
    const order = {
      orderLinkId: 'ro-1',
      symbol: btc,
      side: 'Buy' as const,
      orderType: 'Market' as const,
      timeInForce: 'IOC' as const,
      qty: toDecimalString('0.001'),
      reduceOnly: false,
      tsCreatedMs: Date.now(),
    };
    await expect(client.createOrder(order)).rejects.toMatchObject({
      retCode: 10005,
      retMsg: 'Permission denied, please check your API key permissions.',
    });
    await expect(client.setLeverage(btc, '5')).rejects.toMatchObject({ retCode: 10005 });
    expect(venue.engine.orderHistory(reader.apiKey, 'BTCUSDT')).toEqual([]);
  });
});

function signedHeaders(apiKey: string, secret: string, payload: string): Record<string, string> {
  const timestamp = String(Date.now());
  return {
    'X-BAPI-API-KEY': apiKey,
    'X-BAPI-TIMESTAMP': timestamp,
    'X-BAPI-RECV-WINDOW': '5000',
    'X-BAPI-SIGN': createHmac('sha256', secret).update(`${timestamp}${apiKey}5000${payload}`).digest('hex'),
  };
}
