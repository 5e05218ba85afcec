import { afterEach, describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { loadFixture } from '../test-support/fixtures.js';
import { ok, retCode, startFakeRestServer, type FakeRestServer, type Responder } from '../test-support/fake-rest-server.js';
import { BybitRestClient } from './bybit-rest-client.js';
import { BybitRestTransport } from './rest-transport.js';

const credentials = { apiKey: 'test-key-123456', apiSecret: 'test-secret-abcdefghijklmnop' };
let server: FakeRestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function fixtureResult(name: string): ReturnType<typeof ok> {
  return { body: loadFixture(name).payload };
}

async function clientFor(routes: Record<string, Responder[]>) {
  server = await startFakeRestServer(routes);
  const transport = new BybitRestTransport({ baseUrl: server.url, credentials, maxRetries: 0 });
  return { client: new BybitRestClient(transport), requests: server.requests };
}

const btc = toSymbol('BTCUSDT');

describe('BybitRestClient', () => {
  it('reads tickers and reports items it had to refuse instead of dropping them silently', async () => {
    const documented = loadFixture<{ result: { list: Record<string, unknown>[] } }>('rest_tickers_inverse_docs.json').payload;
    const good = documented.result.list[0] as Record<string, unknown>;
    const { client, requests } = await clientFor({
      '/v5/market/tickers': [ok({ category: 'linear', list: [good, { ...good, symbol: 'ETHUSDT', lastPrice: 'NaN' }] })],
    });
    const tickers = await client.linearTickers();
    expect(requests[0]?.query).toBe('category=linear');
    expect(tickers.items.map((t) => t.symbol)).toEqual(['BTCUSD']);
    expect(tickers.refused).toEqual(['ticker.lastPrice: expected a decimal string, got "NaN"']);
  });

  it('follows instruments-info paging, passing the cursor back verbatim', async () => {
    const item = loadFixture<{ result: { list: unknown[] } }>('rest_instruments_info_linear_docs.json').payload.result.list[0];
    const { client, requests } = await clientFor({
      '/v5/market/instruments-info': [
        ok({ category: 'linear', list: [item], nextPageCursor: 'first%3D1%26second%3D2' }),
        ok({ category: 'linear', list: [item], nextPageCursor: '' }),
      ],
    });
    expect(await client.linearInstruments()).toHaveLength(2);
    expect(requests[0]?.query).toBe('category=linear&limit=1000');
    expect(requests[1]?.query).toBe('category=linear&limit=1000&cursor=first%3D1%26second%3D2');
  });

  it('sends an order in one-way mode with the client id and the documented fields', async () => {
    const { client, requests } = await clientFor({ '/v5/order/create': [fixtureResult('rest_order_create_response_docs.json')] });
    const ack = await client.createOrder({
      orderLinkId: 'scalp-42',
      symbol: btc,
      side: 'Buy',
      orderType: 'Limit',
      timeInForce: 'PostOnly',
      qty: toDecimalString('0.001'),
      price: toDecimalString('25000'),
      stopLoss: toDecimalString('24875'),
      reduceOnly: false,
      tsCreatedMs: 1,
    });
    expect(ack).toEqual({ orderId: '1321003749386327552', orderLinkId: 'spot-test-postonly' });
    const documented = loadFixture<{ bodies: Record<string, Record<string, unknown>> }>('rest_order_create_request_linear_docs.json').payload;
    const sent = JSON.parse(requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.001',
      price: '25000',
      timeInForce: 'PostOnly',
      positionIdx: 0,
      orderLinkId: 'scalp-42',
      reduceOnly: false,
      stopLoss: '24875',
    });
    for (const key of Object.keys(sent)) {
      expect(Object.keys(documented.bodies['USDT Perp open long position (one-way mode)'] ?? {})).toContain(key);
    }
  });

  it('cancels one order and all orders of a symbol', async () => {
    const { client } = await clientFor({
      '/v5/order/cancel': [fixtureResult('rest_order_cancel_response_docs.json')],
      '/v5/order/cancel-all': [fixtureResult('rest_order_cancel_all_response_docs.json')],
    });
    expect(await client.cancelOrder(btc, { orderLinkId: 'linear-004' })).toEqual({
      orderId: 'c6f055d9-7f21-4079-913d-e6523a9cfffa',
      orderLinkId: 'linear-004',
    });
    expect(await client.cancelAll(btc)).toHaveLength(2);
  });

  it('reads open orders, positions, executions and the wallet into protocol types', async () => {
    const execution = loadFixture<{ data: unknown[] }>('ws_private_execution_docs.json').payload.data[0];
    const { client, requests } = await clientFor({
      '/v5/order/realtime': [fixtureResult('rest_order_realtime_docs.json'), ok({ list: [], nextPageCursor: '' })],
      '/v5/position/list': [fixtureResult('rest_position_list_docs.json')],
      '/v5/execution/list': [ok({ category: 'linear', list: [execution], nextPageCursor: '' })],
      '/v5/account/wallet-balance': [fixtureResult('rest_wallet_balance_docs.json')],
    });
    const orders = await client.openOrders(toSymbol('ETHUSDT'));
    expect(orders.items).toHaveLength(1);
    expect(orders.items[0]).toMatchObject({ orderLinkId: 'test-000005', status: 'New' });
    expect((await client.positions(btc)).items[0]).toMatchObject({ side: 'Sell', size: '300' });
    expect((await client.executions(btc, 1_746_270_000_000)).items[0]).toMatchObject({
      execId: '0ab1bdf7-4219-438b-b30a-32ec863018f7',
      price: '95900.1',
    });
    expect((await client.walletBalance('UNIFIED')).items[0]).toMatchObject({ accountType: 'UNIFIED' });
    expect(requests.find((r) => r.path === '/v5/execution/list')?.query).toBe('category=linear&symbol=BTCUSDT&startTime=1746270000000&limit=100');
  });

  it('treats "not modified" answers to leverage and position mode as success', async () => {
    const { client } = await clientFor({
      '/v5/position/set-leverage': [fixtureResult('rest_set_leverage_response_docs.json'), retCode(110043, 'Set leverage not modified')],
      '/v5/position/switch-mode': [retCode(110025, 'Position mode is not modified')],
    });
    expect(await client.setLeverage(btc, '5')).toBe('set');
    expect(await client.setLeverage(btc, '5')).toBe('unchanged');
    expect(await client.switchToOneWayMode(btc)).toBe('unchanged');
  });

  it('stops paging a venue that never stops sending cursors', async () => {
    const { client, requests } = await clientFor({ '/v5/order/realtime': [fixtureResult('rest_order_realtime_docs.json')] });
    await expect(client.openOrders(btc)).rejects.toThrow(/still paging after 50 pages/);
    expect(requests).toHaveLength(50);
  });

  it("reads the key's permissions from a signed GET /v5/user/query-api and refuses a shape it cannot read", async () => {
    const { client, requests } = await clientFor({
      '/v5/user/query-api': [fixtureResult('rest_user_query_api_docs.json'), ok({ readOnly: 0, permissions: null })],
    });
    const info = await client.apiKeyInfo();
    expect(info).toMatchObject({ readOnly: false, permissions: { ContractTrade: ['Order', 'Position'] } });
    expect(requests[0]).toMatchObject({ method: 'GET', query: '' });
    expect(requests[0]?.headers['x-bapi-api-key']).toBe(credentials.apiKey);
    expect(requests[0]?.headers['x-bapi-sign']).toMatch(/^[0-9a-f]{64}$/);
    await expect(client.apiKeyInfo()).rejects.toMatchObject({
      name: 'BybitTransportError',
      failure: 'bad-response',
      message: expect.stringContaining('query-api.permissions'),
    });
  });

  it('surfaces other errors of setting calls', async () => {
    const { client } = await clientFor({ '/v5/position/set-leverage': [retCode(10001, 'leverage invalid')] });
    await expect(client.setLeverage(btc, '500')).rejects.toMatchObject({ retCode: 10001 });
  });
});
