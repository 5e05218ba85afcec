// Retries for venue calls that are safe to repeat (execution thread): reads, cancel-all and the instruments
// query. Unlike an order create, repeating them cannot open anything, so a transient failure just backs off.

import { errorValueOf, isRetryable } from '@scalper/bybit';
import type { ExecutionCounters } from './execution-counters.js';
import type { ExecutionEnvironment } from './execution-environment.js';
import { backoffDelayMs, type RetryOptions } from './retry-schedule.js';

export class RetryingReads {
  constructor(
    private readonly env: ExecutionEnvironment,
    private readonly retry: RetryOptions,
    private readonly counters: ExecutionCounters,
  ) {}

  /**
   * Runs `call`, retrying transient failures by the schedule (`schedule` when given: a close's is shorter); the
   * last error is thrown as the adapter gave it.
   */
  async call<T>(what: string, call: () => Promise<T>, schedule: RetryOptions = this.retry): Promise<T> {
    for (let retry = 1; ; retry++) {
      try {
        return await call();
      } catch (error) {
        if (!isRetryable(error) || retry > schedule.maxRetries) throw error;
        const delayMs = backoffDelayMs(schedule, retry, error, this.env.now());
        this.counters.add('readRetries');
        this.env.logger.warn({ what, retry, delayMs, error: errorValueOf(error) }, 'venue call failed; retrying');
        await this.env.sleep(delayMs);
      }
    }
  }
}
