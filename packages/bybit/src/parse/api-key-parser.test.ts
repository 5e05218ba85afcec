import { describe, expect, it } from '@jest/globals';
import { loadFixture } from '../test-support/fixtures.js';
import { parseApiKeyInfo } from './api-key-parser.js';

const documented = loadFixture<{ result: Record<string, unknown> }>('rest_user_query_api_docs.json').payload.result;

describe('parseApiKeyInfo', () => {
  it('reads the documented query-api result: read-write, its permission lists, IPs and account type', () => {
    expect(parseApiKeyInfo(documented)).toEqual({
      ok: true,
      value: {
        readOnly: false,
        permissions: {
          ContractTrade: ['Order', 'Position'],
          Spot: ['SpotTrade'],
          Wallet: ['AccountTransfer', 'SubMemberTransfer'],
          Options: ['OptionsTrade'],
          Derivatives: [],
          CopyTrading: [],
          BlockTrade: [],
          Exchange: [],
          NFT: [],
          Affiliate: [],
          Earn: [],
        },
        ips: ['*'],
        uta: 0,
        expiredAt: '2023-12-22T07:20:25Z',
        note: 'readwrite api key',
      },
    });
  });

  it('reads readOnly 1 as a read-only key and keeps permission groups it does not know', () => {
    const outcome = parseApiKeyInfo({ ...documented, readOnly: 1, permissions: { Wallet: ['Withdraw'], Futures2030: ['Anything'] } });
    expect(outcome).toMatchObject({ ok: true, value: { readOnly: true, permissions: { Wallet: ['Withdraw'], Futures2030: ['Anything'] } } });
  });

  it('never copies the key or the secret field into the parsed value', () => {
    const outcome = parseApiKeyInfo({ ...documented, apiKey: 'KEY-VALUE-123456', secret: 'SECRET-VALUE-123456' });
    expect(JSON.stringify(outcome)).not.toMatch(/KEY-VALUE|SECRET-VALUE/);
  });

  it('refuses shapes it cannot vouch for, so the caller refuses to trade rather than guess', () => {
    expect(parseApiKeyInfo({ ...documented, readOnly: '0' })).toEqual({ ok: false, reason: 'query-api.readOnly: expected an integer, got "0"' });
    expect(parseApiKeyInfo({ ...documented, readOnly: 2 })).toEqual({ ok: false, reason: 'query-api.readOnly: expected 0 or 1, got 2' });
    expect(parseApiKeyInfo({ ...documented, permissions: ['Order'] })).toEqual({
      ok: false,
      reason: 'query-api.permissions: expected an object of permission lists',
    });
    expect(parseApiKeyInfo({ ...documented, permissions: { Wallet: 'Withdraw' } })).toEqual({
      ok: false,
      reason: 'query-api.permissions.Wallet: expected an array of strings',
    });
    expect(parseApiKeyInfo({ ...documented, ips: '*' })).toEqual({ ok: false, reason: 'query-api.ips: expected an array of strings' });
    expect(parseApiKeyInfo({ ...documented, uta: true })).toEqual({ ok: false, reason: 'query-api.uta: expected 0 or 1, got true' });
    expect(parseApiKeyInfo(null)).toEqual({ ok: false, reason: 'query-api: not an object' });
  });

  it('names only the position of a permission value that is not a plain name, never the value', () => {
    const outcome = parseApiKeyInfo({ ...documented, permissions: { Wallet: ['AccountTransfer', 'leaked secret value 0123456789'] } });
    expect(outcome).toEqual({ ok: false, reason: 'query-api.permissions.Wallet[1]: not a permission name' });
  });
});
