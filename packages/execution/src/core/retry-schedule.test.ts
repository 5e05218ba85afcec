// The retry schedule on its own (Jest thread): delays, rate-limit resets, option checks, and which failures may
// hide an order that landed.

import { describe, expect, it } from '@jest/globals';
import { BybitApiError, BybitIpBanError, BybitTransportError } from '@scalper/bybit';
import { backoffDelayMs, defaultRetryOptions, mayHaveLanded, resolveRetryOptions, venueErrorValue } from './retry-schedule.js';

const create = '/v5/order/create';

describe('the retry schedule', () => {
  it('waits 2, 4 and 8 seconds by default, with no jitter', () => {
    const options = resolveRetryOptions();
    const timeout = new BybitTransportError('timeout', create, 'no answer');
    expect(options).toEqual(defaultRetryOptions);
    expect([1, 2, 3].map((retry) => backoffDelayMs(options, retry, timeout, 0))).toEqual([2_000, 4_000, 8_000]);
  });

  it('caps a delay at maxDelayMs and waits for a rate limit to reset when the venue says when', () => {
    const options = resolveRetryOptions({ baseDelayMs: 1_000, maxDelayMs: 3_000 });
    const limited = new BybitApiError({
      httpStatus: 200,
      retCode: 10006,
      retMsg: 'Too many visits',
      endpoint: create,
      rateLimitResetAtMs: 15_500,
    });
    expect(backoffDelayMs(options, 5, new BybitTransportError('network', create, 'reset'), 0)).toBe(3_000);
    expect(backoffDelayMs(options, 1, limited, 10_000)).toBe(5_500);
  });

  it('refuses nonsense options, naming the option path', () => {
    expect(() => resolveRetryOptions({ maxRetries: -1 })).toThrow('execution.retry.maxRetries must be a whole number >= 0, got -1');
    expect(() => resolveRetryOptions({ baseDelayMs: 1.5 })).toThrow(/execution\.retry\.baseDelayMs/);
    expect(() => resolveRetryOptions({ baseDelayMs: 5_000, maxDelayMs: 1_000 }, 'cfg.retry')).toThrow(
      'cfg.retry.maxDelayMs (1000) is below cfg.retry.baseDelayMs (5000)',
    );
  });

  it('knows that only a rate-limit refusal proves an order create did not land', () => {
    const api = (httpStatus: number, retCode: number | null) => new BybitApiError({ httpStatus, retCode, retMsg: '', endpoint: create });
    expect(mayHaveLanded(new BybitTransportError('timeout', create, ''))).toBe(true);
    expect(mayHaveLanded(new BybitTransportError('bad-response', create, ''))).toBe(true);
    expect(mayHaveLanded(api(503, null))).toBe(true);
    expect(mayHaveLanded(api(200, 10016))).toBe(true);
    expect(mayHaveLanded(api(200, 10006))).toBe(false);
    expect(mayHaveLanded(api(429, null))).toBe(false);
  });

  it('calls a failure retries could not get past unavailable, and a refusal rejected', () => {
    const unavailable = new BybitApiError({ httpStatus: 503, retCode: null, retMsg: '<html>', endpoint: create });
    expect(venueErrorValue(unavailable)).toMatchObject({ code: 'VENUE_UNAVAILABLE' });
    expect(venueErrorValue(new BybitApiError({ httpStatus: 200, retCode: 10001, retMsg: 'params error', endpoint: create }))).toEqual({
      code: 'VENUE_REJECTED',
      message: '/v5/order/create: retCode 10001: params error',
      retCode: 10001,
    });
    expect(venueErrorValue(new BybitIpBanError(create, 0))).toMatchObject({ code: 'VENUE_UNAVAILABLE' });
  });
});
