// Verifies signed REST requests the way Bybit does (venue thread), with its own HMAC code rather than the
// engine's signer, so a signing bug in the engine cannot be mirrored and hidden here.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VenueRefusal } from './envelope.js';

export interface AuthHeaders {
  readonly apiKey: string | undefined;
  readonly timestamp: string | undefined;
  readonly recvWindow: string | undefined;
  readonly sign: string | undefined;
}

export type SecretLookup = (apiKey: string) => string | undefined;

/** Bybit: serverTime - recvWindow <= timestamp < serverTime + 1000. */
const futureToleranceMs = 1_000;
const defaultRecvWindowMs = 5_000;

/** Returns the authenticated key, or the refusal Bybit would answer with. `payload`: query string or raw body. */
export function authenticate(headers: AuthHeaders, payload: string, nowMs: number, secretOf: SecretLookup): string | VenueRefusal {
  const { apiKey, timestamp, sign } = headers;
  if (apiKey === undefined || timestamp === undefined || sign === undefined) {
    return { retCode: 10003, retMsg: 'API key is invalid.' };
  }
  const secret = secretOf(apiKey);
  if (secret === undefined) return { retCode: 10003, retMsg: 'API key is invalid.' };
  const recvWindow = headers.recvWindow ?? String(defaultRecvWindowMs);
  const sentAt = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const window = /^\d{1,9}$/.test(recvWindow) ? Number(recvWindow) : Number.NaN;
  if (!Number.isFinite(sentAt) || !Number.isFinite(window)) {
    return { retCode: 10001, retMsg: 'X-BAPI-TIMESTAMP and X-BAPI-RECV-WINDOW must be integers' };
  }
  if (sentAt < nowMs - window || sentAt >= nowMs + futureToleranceMs) {
    return {
      retCode: 10002,
      retMsg: `invalid request, please check your server timestamp or recv_window param. req_timestamp[${sentAt}],server_timestamp[${nowMs}],recv_window[${window}]`,
    };
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}${apiKey}${recvWindow}${payload}`).digest('hex');
  const given = Buffer.from(sign.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
    return { retCode: 10004, retMsg: 'error sign! origin_string[' + `${timestamp}${apiKey}${recvWindow}${payload}` + ']' };
  }
  return apiKey;
}

/** WebSocket auth: args [apiKey, expires, signature] with signature = HMAC(secret, "GET/realtime" + expires). */
export function authenticateWs(args: unknown, nowMs: number, secretOf: SecretLookup): string | VenueRefusal {
  if (!Array.isArray(args) || args.length < 3) return { retCode: 10001, retMsg: 'Params Error' };
  const [apiKey, expires, signature] = args as [unknown, unknown, unknown];
  if (typeof apiKey !== 'string' || typeof signature !== 'string') return { retCode: 10001, retMsg: 'Params Error' };
  const secret = secretOf(apiKey);
  if (secret === undefined) return { retCode: 10003, retMsg: 'Invalid apikey' };
  const expiresMs = typeof expires === 'number' ? expires : typeof expires === 'string' && /^\d+$/.test(expires) ? Number(expires) : Number.NaN;
  if (!Number.isFinite(expiresMs) || expiresMs <= nowMs) return { retCode: 10006, retMsg: 'Request expired' };
  const expected = createHmac('sha256', secret).update(`GET/realtime${expiresMs}`).digest('hex');
  if (signature.toLowerCase() !== expected) return { retCode: 10004, retMsg: 'Invalid sign' };
  return apiKey;
}
