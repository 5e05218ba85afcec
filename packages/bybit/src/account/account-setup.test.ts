import { afterEach, describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { BybitRestClient } from '../http/bybit-rest-client.js';
import { BybitRestTransport } from '../http/rest-transport.js';
import { loadFixture } from '../test-support/fixtures.js';
import { ok, retCode, startFakeRestServer, type FakeRestServer, type Responder } from '../test-support/fake-rest-server.js';
import { AccountSetupError, setUpAccount } from './account-setup.js';

let server: FakeRestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const wallet = loadFixture<{ result: { list: Record<string, unknown>[] } }>('rest_wallet_balance_docs.json').payload;
const position = (loadFixture<{ result: { list: Record<string, unknown>[] } }>('rest_position_list_docs.json').payload.result.list[0] ??
  {}) as Record<string, unknown>;
const linearPosition = { ...position, symbol: 'BTCUSDT', side: '', size: '0', positionIdx: 0, leverage: '5' };

async function setUp(routes: Record<string, Responder[]>) {
  server = await startFakeRestServer({
    '/v5/position/switch-mode': [ok({})],
    '/v5/position/set-leverage': [retCode(110043, 'Set leverage not modified')],
    '/v5/position/list': [ok({ category: 'linear', list: [linearPosition] })],
    ...routes,
  });
  const transport = new BybitRestTransport({ baseUrl: server.url, credentials: { apiKey: 'k-123456789', apiSecret: 's-123456789' }, maxRetries: 0 });
  return new BybitRestClient(transport);
}

const btc = toSymbol('BTCUSDT');

describe('setUpAccount', () => {
  it('detects a unified account, sets one-way mode and verifies the leverage', async () => {
    const client = await setUp({ '/v5/account/wallet-balance': [{ body: wallet }] });
    await expect(setUpAccount(client, btc, '5')).resolves.toEqual({
      accountKind: 'unified',
      accountType: 'UNIFIED',
      totalEquityUsd: '3.31216591',
      positionMode: 'set',
      leverage: 'unchanged',
      verifiedLeverage: '5',
    });
  });

  it('falls back to a classic contract account when the unified wallet is refused', async () => {
    const classic = { ...wallet, result: { list: [{ ...wallet.result.list[0], accountType: 'CONTRACT' }] } };
    const client = await setUp({ '/v5/account/wallet-balance': [retCode(10001, 'accountType only support CONTRACT'), { body: classic }] });
    await expect(setUpAccount(client, btc, '5')).resolves.toMatchObject({ accountKind: 'classic', accountType: 'CONTRACT' });
  });

  it('says clearly when the key has no account that can trade perpetuals', async () => {
    const client = await setUp({ '/v5/account/wallet-balance': [retCode(10001, 'accountType invalid')] });
    await expect(setUpAccount(client, btc, '5')).rejects.toThrow(/neither a unified \(UNIFIED\) nor a classic/);
  });

  it('refuses to go on in hedge mode or with a leverage that does not read back', async () => {
    const hedged = await setUp({
      '/v5/account/wallet-balance': [{ body: wallet }],
      '/v5/position/list': [
        ok({
          list: [
            { ...linearPosition, positionIdx: 1 },
            { ...linearPosition, positionIdx: 2 },
          ],
        }),
      ],
    });
    await expect(setUpAccount(hedged, btc, '5')).rejects.toThrow(/hedge mode/);
    await server?.close();
    const wrongLeverage = await setUp({
      '/v5/account/wallet-balance': [{ body: wallet }],
      '/v5/position/list': [ok({ list: [{ ...linearPosition, leverage: '10' }] })],
    });
    const error = await setUpAccount(wrongLeverage, btc, '5').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountSetupError);
    expect((error as Error).message).toBe('BTCUSDT leverage reads back as 10, not the configured 5');
  });
});
