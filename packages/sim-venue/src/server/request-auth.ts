// Verifies signed REST requests the way Bybit does (venue thread), with its own HMAC code rather than the
// engine's signer, so a signing bug in the engine cannot be mirrored and hidden here.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { permits, type RouteAccess, type VenueKey } from './api-keys.js';
import type { VenueRefusal } from './envelope.js';

export interface AuthHeaders {
  readonly apiKey: string | undefined;
  readonly timestamp: string | undefined;
  readonly recvWindow: string | undefined;
  readonly sign: string | undefined;
}

export type SecretLookup = (apiKey: string) => string | undefined;
export type KeyLookup = (apiKey: string) => VenueKey | undefined;

/** Bybit: serverTime - recvWindow <= timestamp < serverTime + 1000. */
const futureToleranceMs = 1_000;
const defaultRecvWindowMs = 5_000;

/** Go's strconv.ParseInt(text, 10, 64), which Bybit's gateway parses both headers with. */
const goInteger = /^[+-]?\d{1,18}$/;

export const refusals = {
  apiKeyInvalid: { retCode: 10003, retMsg: 'API key is invalid.' },
  permissionDenied: { retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.' },
  timestampInvalid: { retCode: 10001, retMsg: 'openapi params error! req_timestamp invalid' },
  recvWindowInvalid: { retCode: 10001, retMsg: 'openapi params error! recv_window invalid' },
} as const satisfies Record<string, VenueRefusal>;

/**
 * Returns the authenticated key, or the refusal Bybit would answer with. `payload`: the raw query string (GET) or
 * body (POST). The checks and their order follow Bybit's API gateway (package openapi: v3Checker, antiReplay,
 * verify, checkPermission, VerifySign), so a request that breaks several rules gets the code Bybit would give:
 *   1. missing X-BAPI-API-KEY, X-BAPI-TIMESTAMP or X-BAPI-SIGN: 10001 "empty value: ..." naming what was sent;
 *   2. timestamp or recv_window not an integer: 10001; outside [now - recvWindow, now + 1000): 10002;
 *   3. unknown key: 10003;  4. key lacks the route's permission (read-only, or no ContractTrade Order): 10005;
 *   5. signature over timestamp + key + recv_window (as sent, "" when absent) + payload does not match: 10004,
 *      with the signed text in origin_string (as Bybit's production gateway does; it never echoes the sign).
 */
export function authenticate(headers: AuthHeaders, payload: string, nowMs: number, keyOf: KeyLookup, access: RouteAccess): string | VenueRefusal {
  const apiKey = headers.apiKey ?? '';
  const timestamp = headers.timestamp ?? '';
  const sign = headers.sign ?? '';
  if (apiKey === '') {
    // Without the key header Bybit's gateway falls back to the v2 scheme (api_key, timestamp and sign as
    // parameters) and finds none of them.
    return { retCode: 10001, retMsg: 'empty value: apiTimestamp[] apiKey[] apiSignature[]' };
  }
  if (timestamp === '') return { retCode: 10001, retMsg: `empty value: apiTimestamp[] apiKey[${apiKey}]` };
  if (sign === '') return { retCode: 10001, retMsg: `empty value: apiTimestamp[${timestamp}] apiKey[${apiKey}] apiSignature[]` };
  const recvWindowText = headers.recvWindow ?? '';
  if (!goInteger.test(timestamp)) return refusals.timestampInvalid;
  if (recvWindowText !== '' && !goInteger.test(recvWindowText)) return refusals.recvWindowInvalid;
  const outside = timestampOutsideWindow(Number(timestamp), recvWindowText === '' ? undefined : Number(recvWindowText), nowMs);
  if (outside !== null) return outside;
  const key = keyOf(apiKey);
  if (key === undefined) return refusals.apiKeyInvalid;
  if (!permits(key, access)) return refusals.permissionDenied;
  const signed = `${timestamp}${apiKey}${recvWindowText}${payload}`;
  const expected = createHmac('sha256', key.secret).update(signed).digest('hex');
  const given = Buffer.from(sign.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
    return { retCode: 10004, retMsg: `error sign! origin_string[${signed}]` };
  }
  return apiKey;
}

/**
 * 10002 unless server time - recvWindow <= timestamp < server time + 1 s (REST's headers and the trade API's
 * header fields alike); `recvWindowMs` undefined takes Bybit's default 5,000.
 */
export function timestampOutsideWindow(sentAt: number, recvWindowMs: number | undefined, nowMs: number): VenueRefusal | null {
  const window = recvWindowMs ?? defaultRecvWindowMs;
  if (sentAt < nowMs + futureToleranceMs && sentAt >= nowMs - window) return null;
  return {
    retCode: 10002,
    retMsg: `invalid request, please check your server timestamp or recv_window param. req_timestamp[${sentAt}],server_timestamp[${nowMs}],recv_window[${window}]`,
  };
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
