// Wallet balances, from the private `wallet` topic and GET /v5/account/wallet-balance (execution thread).

import type { DecimalString } from '@scalper/protocol';
import { FieldReader } from './field-reader.js';
import { parsed, refused, type ParseResult } from './parse-result.js';

export interface CoinBalance {
  readonly coin: string;
  readonly equity: DecimalString;
  readonly walletBalance: DecimalString;
  readonly unrealisedPnl: DecimalString | null;
}

export interface WalletSnapshot {
  /** UNIFIED for a unified trading account; CONTRACT or others for classic accounts. */
  readonly accountType: string;
  readonly totalEquity: DecimalString | null;
  readonly totalAvailableBalance: DecimalString | null;
  readonly coins: readonly CoinBalance[];
}

export function parseWalletItem(raw: unknown): ParseResult<WalletSnapshot> {
  const r = new FieldReader(raw, 'wallet');
  const accountType = r.string('accountType');
  const totalEquity = r.optionalDecimal('totalEquity');
  const totalAvailableBalance = r.optionalDecimal('totalAvailableBalance');
  const rawCoins = r.raw('coin');
  if (r.problem !== null) return refused(r.problem);
  if (!Array.isArray(rawCoins)) return refused('wallet.coin: expected an array');
  const coins: CoinBalance[] = [];
  for (const item of rawCoins) {
    const c = new FieldReader(item, 'wallet.coin');
    const coin: CoinBalance = {
      coin: c.string('coin'),
      equity: c.optionalDecimal('equity') ?? ('0' as DecimalString),
      walletBalance: c.optionalDecimal('walletBalance') ?? ('0' as DecimalString),
      unrealisedPnl: c.optionalDecimal('unrealisedPnl'),
    };
    if (c.problem !== null) return refused(c.problem);
    coins.push(coin);
  }
  return parsed({ accountType, totalEquity, totalAvailableBalance, coins });
}
