// Account set-up before trading a symbol (execution thread, at start and after each symbol switch): find out
// what kind of account the key belongs to, put the symbol in one-way mode and at the configured leverage, and
// read both back, so the engine never trades on assumptions about the account.

import Big from 'big.js';
import type { Symbol } from '@scalper/protocol';
import { BybitApiError } from '../errors/bybit-errors.js';
import type { BybitRestClient, SetOutcome } from '../http/bybit-rest-client.js';

export class AccountSetupError extends Error {
  override readonly name = 'AccountSetupError';
}

export type AccountKind = 'unified' | 'classic';

export interface AccountSetupReport {
  readonly accountKind: AccountKind;
  readonly accountType: string;
  readonly totalEquityUsd: string | null;
  readonly positionMode: SetOutcome;
  readonly leverage: SetOutcome;
  readonly verifiedLeverage: string;
}

/** UNIFIED first (the account type new keys have); a classic account answers that only CONTRACT is supported. */
async function detectAccount(client: BybitRestClient): Promise<{ kind: AccountKind; accountType: string; totalEquity: string | null }> {
  for (const [accountType, kind] of [
    ['UNIFIED', 'unified'],
    ['CONTRACT', 'classic'],
  ] as const) {
    try {
      const wallet = await client.walletBalance(accountType);
      const first = wallet.items[0];
      if (first === undefined) continue;
      if (first.accountType !== accountType) {
        throw new AccountSetupError(`wallet-balance for ${accountType} answered accountType ${first.accountType}`);
      }
      return { kind, accountType, totalEquity: first.totalEquity };
    } catch (error) {
      // 10001 is how Bybit says "this account has no wallet of that type": try the next one.
      if (error instanceof BybitApiError && error.retCode === 10001) continue;
      throw error;
    }
  }
  throw new AccountSetupError(
    "this API key has neither a unified (UNIFIED) nor a classic derivatives (CONTRACT) wallet: it cannot trade USDT perpetuals; check the key's account and permissions",
  );
}

export async function setUpAccount(client: BybitRestClient, symbol: Symbol, leverage: string): Promise<AccountSetupReport> {
  const account = await detectAccount(client);
  const positionMode = await client.switchToOneWayMode(symbol);
  const leverageOutcome = await client.setLeverage(symbol, leverage);
  const positions = await client.positions(symbol);
  if (positions.refused.length > 0) {
    throw new AccountSetupError(`position list for ${symbol} could not be read: ${positions.refused.join('; ')}`);
  }
  const position = positions.items[0];
  if (position === undefined) throw new AccountSetupError(`position list for ${symbol} is empty: cannot verify mode and leverage`);
  const hedged = positions.items.find((p) => p.positionIdx !== 0);
  if (hedged !== undefined) {
    throw new AccountSetupError(`${symbol} is still in hedge mode (positionIdx ${hedged.positionIdx}); this engine trades one-way mode only`);
  }
  if (position.leverage === null || !new Big(position.leverage).eq(new Big(leverage))) {
    throw new AccountSetupError(`${symbol} leverage reads back as ${position.leverage ?? 'nothing'}, not the configured ${leverage}`);
  }
  return {
    accountKind: account.kind,
    accountType: account.accountType,
    totalEquityUsd: account.totalEquity,
    positionMode,
    leverage: leverageOutcome,
    verifiedLeverage: position.leverage,
  };
}
