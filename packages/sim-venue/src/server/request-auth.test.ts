// The venue's REST authentication against the codes and messages Bybit answers with: the docs' error table
// (packages/bybit/fixtures/error_codes_docs.json) for the codes, Bybit's gateway for the order of the checks and
// the message texts.

import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { ApiKeyRegistry, readAccess, type RouteAccess } from './api-keys.js';
import { authenticate, type AuthHeaders } from './request-auth.js';

const now = 1_700_000_000_000;
const keys = new ApiKeyRegistry();
keys.add({ apiKey: 'TRADER-KEY-0001', apiSecret: 'trader-secret-0001' }, now);
keys.add({ apiKey: 'READER-KEY-0001', apiSecret: 'reader-secret-0001', readOnly: true }, now);
keys.add({ apiKey: 'SPOT-KEY-000001', apiSecret: 'spot-secret-00001', permissions: { Spot: ['SpotTrade'] } }, now);
const keyOf = (apiKey: string) => keys.keyOf(apiKey);
const orderWrite: RouteAccess = { write: true, group: 'ContractTrade', permission: 'Order' };

const payload = '{"category":"linear","symbol":"BTCUSDT"}';

function signed(apiKey: string, secret: string, overrides: Partial<AuthHeaders> = {}): AuthHeaders {
  const timestamp = overrides.timestamp ?? String(now);
  const recvWindow = 'recvWindow' in overrides ? overrides.recvWindow : '5000';
  const sign = createHmac('sha256', secret)
    .update(`${timestamp}${apiKey}${recvWindow ?? ''}${payload}`)
    .digest('hex');
  return { apiKey, timestamp, recvWindow, sign, ...overrides };
}

const trader = (overrides: Partial<AuthHeaders> = {}) => signed('TRADER-KEY-0001', 'trader-secret-0001', overrides);

describe('authenticate (REST)', () => {
  it('accepts a correctly signed request and returns its key, with or without X-BAPI-RECV-WINDOW', () => {
    expect(authenticate(trader(), payload, now, keyOf, orderWrite)).toBe('TRADER-KEY-0001');
    // Without the header Bybit allows 5000 ms and signs the empty string in its place.
    expect(authenticate(trader({ recvWindow: undefined }), payload, now + 4_999, keyOf, orderWrite)).toBe('TRADER-KEY-0001');
  });

  it('answers 10001 "empty value" naming what was sent when a header is missing', () => {
    expect(authenticate({ apiKey: undefined, timestamp: String(now), recvWindow: '5000', sign: 'ab' }, payload, now, keyOf, readAccess)).toEqual({
      retCode: 10001,
      retMsg: 'empty value: apiTimestamp[] apiKey[] apiSignature[]',
    });
    expect(authenticate(trader({ timestamp: undefined }), payload, now, keyOf, readAccess)).toEqual({
      retCode: 10001,
      retMsg: 'empty value: apiTimestamp[] apiKey[TRADER-KEY-0001]',
    });
    expect(authenticate(trader({ sign: undefined }), payload, now, keyOf, readAccess)).toEqual({
      retCode: 10001,
      retMsg: `empty value: apiTimestamp[${now}] apiKey[TRADER-KEY-0001] apiSignature[]`,
    });
    expect(authenticate(trader({ sign: '' }), payload, now, keyOf, readAccess)).toMatchObject({ retCode: 10001 });
  });

  it('answers 10001 when the timestamp or the receive window is not an integer', () => {
    expect(authenticate(trader({ timestamp: '1700000000000.5' }), payload, now, keyOf, readAccess)).toEqual({
      retCode: 10001,
      retMsg: 'openapi params error! req_timestamp invalid',
    });
    expect(authenticate(trader({ recvWindow: '5s' }), payload, now, keyOf, readAccess)).toEqual({
      retCode: 10001,
      retMsg: 'openapi params error! recv_window invalid',
    });
  });

  it('answers 10002 outside [server time - recv_window, server time + 1000), naming the three numbers', () => {
    expect(authenticate(trader(), payload, now + 5_000, keyOf, readAccess)).toBe('TRADER-KEY-0001');
    expect(authenticate(trader(), payload, now + 5_001, keyOf, readAccess)).toEqual({
      retCode: 10002,
      retMsg: `invalid request, please check your server timestamp or recv_window param. req_timestamp[${now}],server_timestamp[${now + 5_001}],recv_window[5000]`,
    });
    expect(authenticate(trader(), payload, now - 999, keyOf, readAccess)).toBe('TRADER-KEY-0001');
    expect(authenticate(trader(), payload, now - 1_000, keyOf, readAccess)).toMatchObject({ retCode: 10002 });
    expect(authenticate(trader({ recvWindow: '20000' }), payload, now + 19_000, keyOf, readAccess)).toBe('TRADER-KEY-0001');
  });

  it('answers 10003 "API key is invalid." for a key it does not know, after the time check as Bybit does', () => {
    const stranger = signed('NOBODY-KEY-0001', 'whatever-secret');
    expect(authenticate(stranger, payload, now, keyOf, readAccess)).toEqual({ retCode: 10003, retMsg: 'API key is invalid.' });
    expect(authenticate(stranger, payload, now + 60_000, keyOf, readAccess)).toMatchObject({ retCode: 10002 });
  });

  it('answers 10004 "error sign!" with the signed text, never the signature it was sent', () => {
    const forged = signed('TRADER-KEY-0001', 'not-the-secret-0001');
    const refusal = authenticate(forged, payload, now, keyOf, readAccess);
    expect(refusal).toEqual({ retCode: 10004, retMsg: `error sign! origin_string[${now}TRADER-KEY-00015000${payload}]` });
    expect(JSON.stringify(refusal)).not.toContain(forged.sign as string);
    // The same signature over another payload (a tampered body) fails too.
    expect(authenticate(trader(), `${payload} `, now, keyOf, readAccess)).toMatchObject({ retCode: 10004 });
  });

  it('answers 10005 to a write the key may not make: read-only, or no ContractTrade Order permission', () => {
    const reader = signed('READER-KEY-0001', 'reader-secret-0001');
    const spot = signed('SPOT-KEY-000001', 'spot-secret-00001');
    expect(authenticate(reader, payload, now, keyOf, readAccess)).toBe('READER-KEY-0001');
    expect(authenticate(reader, payload, now, keyOf, orderWrite)).toEqual({
      retCode: 10005,
      retMsg: 'Permission denied, please check your API key permissions.',
    });
    expect(authenticate(spot, payload, now, keyOf, readAccess)).toBe('SPOT-KEY-000001');
    expect(authenticate(spot, payload, now, keyOf, orderWrite)).toMatchObject({ retCode: 10005 });
    // Bybit checks permissions before the signature.
    expect(authenticate({ ...reader, sign: 'f'.repeat(64) }, payload, now, keyOf, orderWrite)).toMatchObject({ retCode: 10005 });
  });
});
