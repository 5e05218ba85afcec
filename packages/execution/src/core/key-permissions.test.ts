import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BybitApiError, BybitRestClient, BybitRestTransport, BybitTransportError, type ApiKeyInfo } from '@scalper/bybit';
import { startVenue, type RunningVenue } from '@scalper/sim-venue';
import { checkTradingKey, KeyRefusedError, requireTradingKey } from './key-permissions.js';

const tradingKey: ApiKeyInfo = {
  readOnly: false,
  permissions: { ContractTrade: ['Order', 'Position'], Spot: [], Wallet: [], Derivatives: ['DerivativesTrade'] },
  ips: ['*'],
  uta: 1,
  expiredAt: null,
  note: '',
};

function withPermissions(permissions: ApiKeyInfo['permissions'], readOnly = false): ApiKeyInfo {
  return { ...tradingKey, readOnly, permissions };
}

describe('checkTradingKey', () => {
  it('accepts a read-write key with ContractTrade Order and Position and no withdrawal right', () => {
    expect(checkTradingKey(tradingKey)).toEqual({ ok: true });
    // Transfers between the user's own accounts are not withdrawals.
    expect(checkTradingKey(withPermissions({ ContractTrade: ['Order', 'Position'], Wallet: ['AccountTransfer'] }))).toEqual({ ok: true });
  });

  it('refuses a key that can withdraw, in one line naming the right and what to use instead', () => {
    const verdict = checkTradingKey(withPermissions({ ContractTrade: ['Order', 'Position'], Wallet: ['AccountTransfer', 'Withdraw'] }));
    expect(verdict).toEqual({
      ok: false,
      problems: ['it can withdraw funds (permissions.Wallet includes "Withdraw")'],
      message:
        'API key refused: it can withdraw funds (permissions.Wallet includes "Withdraw"). ' +
        'Use a read-write key with ContractTrade Order and Position and without Withdraw.',
    });
    expect(verdict.ok ? '' : verdict.message).not.toContain('\n');
  });

  it('refuses a withdrawal right wherever the venue files it', () => {
    expect(checkTradingKey(withPermissions({ ContractTrade: ['Order', 'Position'], Assets: ['withdraw'] }))).toMatchObject({
      ok: false,
      problems: ['it can withdraw funds (permissions.Assets includes "Withdraw")'],
    });
  });

  it('refuses a read-only key even when its permission lists look complete', () => {
    expect(checkTradingKey(withPermissions(tradingKey.permissions, true))).toMatchObject({
      ok: false,
      problems: ['it is read-only (readOnly 1), so it cannot place or cancel orders'],
    });
  });

  it('refuses a key without derivatives order or position rights, naming what is missing', () => {
    expect(checkTradingKey(withPermissions({ Spot: ['SpotTrade'] }))).toMatchObject({
      ok: false,
      problems: ['it lacks derivatives rights (permissions.ContractTrade has no "Order" or "Position")'],
    });
    expect(checkTradingKey(withPermissions({ ContractTrade: ['Order'] }))).toMatchObject({
      ok: false,
      problems: ['it lacks derivatives rights (permissions.ContractTrade has no "Position")'],
    });
  });

  it('names every problem of a key that has several', () => {
    const verdict = checkTradingKey(withPermissions({ Wallet: ['Withdraw'] }, true));
    expect(verdict.ok ? [] : verdict.problems).toHaveLength(3);
  });
});

describe('requireTradingKey retries', () => {
  it('tries a transient failure again and refuses at once what cannot change (10003)', async () => {
    const answers: (ApiKeyInfo | Error)[] = [new BybitTransportError('timeout', '/v5/user/query-api', 'no answer'), tradingKey];
    const source = {
      apiKeyInfo: async (): Promise<ApiKeyInfo> => {
        const next = answers.shift() as ApiKeyInfo | Error;
        if (next instanceof Error) throw next;
        return next;
      },
    };
    const slept: number[] = [];
    await expect(requireTradingKey(source, { attempts: 3, sleep: async (ms) => void slept.push(ms) })).resolves.toBe(tradingKey);
    expect(slept).toEqual([500]);

    let calls = 0;
    const refusing = {
      apiKeyInfo: async (): Promise<ApiKeyInfo> => {
        calls++;
        throw new BybitApiError({ httpStatus: 200, retCode: 10003, retMsg: 'API key is invalid.', endpoint: '/v5/user/query-api' });
      },
    };
    await expect(requireTradingKey(refusing, { attempts: 3, sleep: async () => undefined })).rejects.toMatchObject({ retCode: 10003 });
    expect(calls).toBe(1);
  });

  it("gives up after the last try with the venue's own error", async () => {
    const down = {
      apiKeyInfo: async (): Promise<ApiKeyInfo> => {
        throw new BybitTransportError('network', '/v5/user/query-api', 'ECONNREFUSED');
      },
    };
    await expect(requireTradingKey(down, { attempts: 2, sleep: async () => undefined })).rejects.toMatchObject({ failure: 'network' });
  });
});

describe('requireTradingKey on Bybit demo trading', () => {
  const failing = (error: Error): { apiKeyInfo(): Promise<ApiKeyInfo> } => ({
    apiKeyInfo: async (): Promise<ApiKeyInfo> => {
      throw error;
    },
  });
  const notOnDemo = new BybitApiError({ httpStatus: 200, retCode: 10032, retMsg: 'Demo trading are not supported.', endpoint: '/v5/user/query-api' });
  const notFound = new BybitApiError({ httpStatus: 404, retCode: null, retMsg: 'Not Found', endpoint: '/v5/user/query-api' });

  it('leaves the key unverified (null) when demo does not serve the query, and only on demo', async () => {
    await expect(requireTradingKey(failing(notOnDemo), { demo: true })).resolves.toBeNull();
    await expect(requireTradingKey(failing(notFound), { demo: true })).resolves.toBeNull();
    await expect(requireTradingKey(failing(notOnDemo))).rejects.toMatchObject({ retCode: 10032 });
    await expect(requireTradingKey(failing(notFound), { demo: false })).rejects.toMatchObject({ httpStatus: 404 });
  });

  it('still refuses on demo a bad key, a bad signature, and a key whose answer shows it must not trade', async () => {
    const badKey = new BybitApiError({ httpStatus: 200, retCode: 10003, retMsg: 'API key is invalid.', endpoint: '/v5/user/query-api' });
    const badSign = new BybitApiError({ httpStatus: 200, retCode: 10004, retMsg: 'Error sign', endpoint: '/v5/user/query-api' });
    await expect(requireTradingKey(failing(badKey), { demo: true })).rejects.toMatchObject({ retCode: 10003 });
    await expect(requireTradingKey(failing(badSign), { demo: true })).rejects.toMatchObject({ retCode: 10004 });
    const readOnly = { apiKeyInfo: async (): Promise<ApiKeyInfo> => withPermissions({ ContractTrade: ['Order', 'Position'] }, true) };
    await expect(requireTradingKey(readOnly, { demo: true })).rejects.toThrow(/^API key refused: it is read-only/);
    await expect(requireTradingKey({ apiKeyInfo: async () => tradingKey }, { demo: true })).resolves.toBe(tradingKey);
  });
});

describe('requireTradingKey against the embedded venue', () => {
  let venue: RunningVenue;
  const accounts = {
    trader: { apiKey: 'KEY-TRADER-000001', apiSecret: 'secret-trader-000001' },
    withdrawer: {
      apiKey: 'KEY-WITHDRAW-00001',
      apiSecret: 'secret-withdraw-00001',
      permissions: { ContractTrade: ['Order', 'Position'], Wallet: ['Withdraw'] },
    },
    reader: { apiKey: 'KEY-READER-000001', apiSecret: 'secret-reader-000001', readOnly: true },
  };

  beforeAll(async () => {
    venue = await startVenue({ seed: 2, tradesPerSecondPerSymbol: 5, market: 'calm', accounts: Object.values(accounts) });
  });

  afterAll(async () => {
    await venue.close();
  });

  const clientOf = (credentials: { apiKey: string; apiSecret: string }) =>
    new BybitRestClient(
      new BybitRestTransport({
        baseUrl: venue.restUrl,
        credentials: { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret },
        maxRetries: 0,
      }),
    );

  it("passes the venue's default trading key and returns what it may do", async () => {
    await expect(requireTradingKey(clientOf(accounts.trader))).resolves.toMatchObject({
      readOnly: false,
      permissions: { ContractTrade: ['Order', 'Position'] },
    });
  });

  it('refuses a key the venue says can withdraw, and a read-only one, with KeyRefusedError', async () => {
    const withdraw = await requireTradingKey(clientOf(accounts.withdrawer)).catch((e: unknown) => e);
    expect(withdraw).toBeInstanceOf(KeyRefusedError);
    expect((withdraw as Error).message).toMatch(/^API key refused: it can withdraw funds/);
    await expect(requireTradingKey(clientOf(accounts.reader))).rejects.toThrow(/^API key refused: it is read-only/);
  });

  it('refuses when the venue cannot say what the key may do (unknown key 10003)', async () => {
    await expect(requireTradingKey(clientOf({ apiKey: 'KEY-NOBODY-000001', apiSecret: 'secret-nobody-00001' }))).rejects.toMatchObject({
      retCode: 10003,
    });
  });
});
