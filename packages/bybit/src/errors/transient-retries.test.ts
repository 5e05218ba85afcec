// Start-up retries (Jest thread): a transient venue failure is tried again, a refusal is not.

import { describe, expect, it } from '@jest/globals';
import { BybitApiError } from './bybit-errors.js';
import { retryTransient } from './transient-retries.js';

const unavailable = (): BybitApiError => new BybitApiError({ httpStatus: 503, retCode: null, retMsg: '503', endpoint: '/v5/market/time' });

describe('retryTransient', () => {
  it('tries a 503 again, waiting longer each time, and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryTransient(
      async () => {
        calls++;
        if (calls < 3) throw unavailable();
        return 'synced';
      },
      { attempts: 5, delayMs: 100, sleep: async (ms) => void waits.push(ms) },
    );
    expect([result, calls, waits]).toEqual(['synced', 3, [100, 200]]);
  });

  it('gives up after the attempts, and at once on a refusal that is not transient', async () => {
    const sleep = async (): Promise<void> => undefined;
    await expect(retryTransient(() => Promise.reject(unavailable()), { attempts: 2, sleep })).rejects.toMatchObject({ httpStatus: 503 });
    let calls = 0;
    const refused = new BybitApiError({ httpStatus: 200, retCode: 10003, retMsg: 'API key is invalid.', endpoint: '/v5/user/query-api' });
    await expect(retryTransient(() => (calls++, Promise.reject(refused)), { attempts: 5, sleep })).rejects.toBe(refused);
    expect(calls).toBe(1);
  });
});
