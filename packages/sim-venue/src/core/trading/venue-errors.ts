// Bybit's business errors as values (venue thread): the retCodes a client written for Bybit already handles,
// with messages that name the rule and the values so a failing test says what went wrong.

import type { VenueError, VenueResult } from './trading-types.js';

export const kRetParamError = 10001;
export const kRetInvalidApiKey = 10003;
export const kRetOrderNotExists = 110001;
export const kRetInsufficientBalance = 110007;
export const kRetReduceOnlyNothingToReduce = 110017;
export const kRetLeverageNotModified = 110043;
export const kRetDuplicateOrderLinkId = 110072;

export function venueError(retCode: number, retMsg: string): VenueError {
  return { retCode, retMsg };
}

export function paramError(message: string): VenueError {
  return { retCode: kRetParamError, retMsg: message };
}

export function failed<T>(error: VenueError): VenueResult<T> {
  return { ok: false, error };
}

export function succeeded<T>(value: T): VenueResult<T> {
  return { ok: true, value };
}

export const invalidApiKey: VenueError = { retCode: kRetInvalidApiKey, retMsg: 'API key is invalid.' };
export const orderNotExists: VenueError = { retCode: kRetOrderNotExists, retMsg: 'Order does not exist.' };
export const duplicateOrderLinkId: VenueError = { retCode: kRetDuplicateOrderLinkId, retMsg: 'OrderLinkedID is duplicate' };
export const leverageNotModified: VenueError = { retCode: kRetLeverageNotModified, retMsg: 'Set leverage has not been modified.' };
