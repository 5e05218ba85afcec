// One-way mode and leverage, set once per symbol before its first order (execution thread, and backtests): first
// orders sent together share one set-up, and a failed set-up is forgotten so the next order of the symbol tries again.

import { isRetryable, setUpAccount, type AccountSetupReport, type BybitRestClient } from '@scalper/bybit';
import type { Symbol } from '@scalper/protocol';

export class SymbolSetups {
  private readonly setups = new Map<Symbol, Promise<AccountSetupReport>>();

  constructor(
    private readonly client: BybitRestClient,
    private readonly leverage: string,
    /** Once per symbol, when its set-up succeeds (the worker logs it). */
    private readonly onReady: (symbol: Symbol, report: AccountSetupReport) => void = () => undefined,
  ) {}

  /** Resolves when `symbol` is ready to trade; rejects with the venue's refusal (the set-up is then retried next time). */
  prepare(symbol: Symbol): Promise<AccountSetupReport> {
    let setup = this.setups.get(symbol);
    if (setup === undefined) {
      setup = setUpAccount(this.client, symbol, this.leverage).then((report) => {
        this.onReady(symbol, report);
        return report;
      });
      setup.catch(() => this.setups.delete(symbol));
      this.setups.set(symbol, setup);
    }
    return setup;
  }

  /**
   * Sets `symbol` up ahead of its first order, waiting and trying again while the venue's answer is one worth
   * retrying (5xx, rate limits); returns the last failure when it gives up, null once the symbol is ready.
   */
  async prepareWithRetries(symbol: Symbol, retry: { attempts: number; baseDelayMs: number; sleep: (ms: number) => Promise<void> }): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.prepare(symbol);
        return null;
      } catch (error) {
        if (!isRetryable(error) || attempt >= retry.attempts) return error;
        await retry.sleep(retry.baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  /** Symbols set up or being set up: the ones a flatten must look at besides those with a known position. */
  symbols(): Symbol[] {
    return [...this.setups.keys()];
  }
}
