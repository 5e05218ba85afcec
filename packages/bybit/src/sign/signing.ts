// Request signing for Bybit v5 (execution thread, and the venue when it verifies): REST signatures over
// timestamp + apiKey + recvWindow + payload, and the WebSocket auth signature over "GET/realtime" + expires.

import { createHmac } from 'node:crypto';

export interface RestSignInput {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly timestamp: number | string;
  readonly recvWindow: number | string;
  /** The raw query string for GET (no leading "?"), the exact JSON body text sent for POST. */
  readonly payload: string;
}

/** Lower-case hex HMAC-SHA256: what Bybit expects in X-BAPI-SIGN. */
export function signRestRequest(input: RestSignInput): string {
  return createHmac('sha256', input.apiSecret).update(`${input.timestamp}${input.apiKey}${input.recvWindow}${input.payload}`).digest('hex');
}

/** The X-BAPI-* headers of a signed request; sign the very bytes you send (serialise the body once). */
export function signedHeaders(input: RestSignInput): Record<string, string> {
  return {
    'X-BAPI-API-KEY': input.apiKey,
    'X-BAPI-TIMESTAMP': String(input.timestamp),
    'X-BAPI-RECV-WINDOW': String(input.recvWindow),
    'X-BAPI-SIGN': signRestRequest(input),
    'X-BAPI-SIGN-TYPE': '2',
  };
}

/** Lower-case hex HMAC-SHA256 of "GET/realtime" + expires (ms), for the private stream's auth op. */
export function signWsAuth(apiSecret: string, expires: number): string {
  return createHmac('sha256', apiSecret).update(`GET/realtime${expires}`).digest('hex');
}

/** The auth request text: {"req_id":..,"op":"auth","args":[apiKey, expires, signature]}. */
export function wsAuthRequest(apiKey: string, apiSecret: string, expires: number, reqId: string): string {
  return JSON.stringify({ req_id: reqId, op: 'auth', args: [apiKey, expires, signWsAuth(apiSecret, expires)] });
}
