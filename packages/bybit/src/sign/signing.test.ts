import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fixturePath, loadFixture } from '../test-support/fixtures.js';
import { signedHeaders, signRestRequest, signWsAuth, wsAuthRequest } from './signing.js';

interface Vectors {
  rfc4231_case2: { key: string; data: string; hex: string };
  rest_get: { apiKey: string; apiSecret: string; timestamp: number; recvWindow: number; payload: string; hex: string };
  rest_post: { apiKey: string; apiSecret: string; timestamp: number; recvWindow: number; payload: string; hex: string };
  ws_auth: { apiSecret: string; expires: number; hex: string };
}

const vectors = JSON.parse(readFileSync(fixturePath('signing-vectors.json'), 'utf8')) as Vectors;

describe('signing', () => {
  it('uses a correct HMAC-SHA256 (RFC 4231 test case 2)', () => {
    const { key, data, hex } = vectors.rfc4231_case2;
    expect(createHmac('sha256', key).update(data).digest('hex')).toBe(hex);
  });

  it('signs a GET over timestamp + key + recvWindow + query string', () => {
    const { hex, ...input } = vectors.rest_get;
    expect(signRestRequest(input)).toBe(hex);
  });

  it('signs a POST over the exact body of the documented order request', () => {
    const { hex, ...input } = vectors.rest_post;
    const documented = loadFixture<{ bodies: Record<string, unknown> }>('rest_order_create_request_linear_docs.json');
    expect(input.payload).toBe(JSON.stringify(documented.payload.bodies['USDT Perp close long position (one-way mode)']));
    expect(signRestRequest(input)).toBe(hex);
    expect(signRestRequest({ ...input, payload: `${input.payload} ` })).not.toBe(hex);
  });

  it('builds the X-BAPI headers with lower-case hex', () => {
    const { hex, ...input } = vectors.rest_get;
    expect(signedHeaders(input)).toEqual({
      'X-BAPI-API-KEY': input.apiKey,
      'X-BAPI-TIMESTAMP': '1658384314791',
      'X-BAPI-RECV-WINDOW': '5000',
      'X-BAPI-SIGN': hex,
      'X-BAPI-SIGN-TYPE': '2',
    });
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs the WebSocket auth over GET/realtime + expires and builds the documented request shape', () => {
    expect(signWsAuth(vectors.ws_auth.apiSecret, vectors.ws_auth.expires)).toBe(vectors.ws_auth.hex);
    const documented = loadFixture<{ op: string; args: unknown[] }>('ws_auth_request_docs.json').payload;
    const request = JSON.parse(wsAuthRequest('api_key', vectors.ws_auth.apiSecret, 1662350400000, '10001'));
    expect(Object.keys(request).sort()).toEqual(Object.keys(documented).sort());
    expect(request.args).toEqual(['api_key', 1662350400000, vectors.ws_auth.hex]);
  });
});
