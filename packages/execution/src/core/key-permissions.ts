// Refuses to trade with an API key that could do harm or could not do the job (execution thread, once at start,
// before any order can leave): a key that can withdraw funds, a read-only key, or one without contract order and
// position rights. Every venue is checked the same way, the embedded one included.

import type { ApiKeyInfo } from '@scalper/bybit';
import { BybitApiError, retryTransient, type TransientRetries } from '@scalper/bybit';

export type KeyVerdict = { readonly ok: true } | { readonly ok: false; readonly problems: readonly string[]; readonly message: string };

/** Linear perpetuals are "contract trade" on Bybit: orders need Order, leverage and position mode need Position. */
const neededContractRights = ['Order', 'Position'] as const;

/**
 * Pure: the key's description in, a verdict out. The refusal is one line naming every problem, so the operator
 * fixes the key once. Withdraw is looked for in every group, not only Wallet where Bybit documents it: a key
 * that can move money off the exchange is refused wherever the venue files that right.
 */
export function checkTradingKey(info: ApiKeyInfo): KeyVerdict {
  const problems: string[] = [];
  for (const [group, values] of Object.entries(info.permissions)) {
    if (values.some((value) => value.toLowerCase() === 'withdraw')) {
      problems.push(`it can withdraw funds (permissions.${group} includes "Withdraw")`);
    }
  }
  if (info.readOnly) problems.push('it is read-only (readOnly 1), so it cannot place or cancel orders');
  const contract = info.permissions['ContractTrade'] ?? [];
  const missing = neededContractRights.filter((right) => !contract.includes(right));
  if (missing.length > 0) {
    problems.push(`it lacks derivatives rights (permissions.ContractTrade has no ${missing.map((m) => `"${m}"`).join(' or ')})`);
  }
  if (problems.length === 0) return { ok: true };
  return {
    ok: false,
    problems,
    message: `API key refused: ${problems.join('; ')}. ` + 'Use a read-write key with ContractTrade Order and Position and without Withdraw.',
  };
}

/** The start of the engine stops on this; its message is the one line the operator sees. */
export class KeyRefusedError extends Error {
  override readonly name = 'KeyRefusedError';
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[]) {
    super(message);
    this.problems = problems;
  }
}

export interface KeyInfoSource {
  apiKeyInfo(): Promise<ApiKeyInfo>;
}

export interface KeyCheckOptions extends TransientRetries {
  /**
   * Bybit demo trading: its docs list GET /v5/user/query-api for demo keys, but peers (ccxt) skip it there and demo
   * answers "Demo trading are not supported" (10032) to endpoints it lacks. Only that answer, or an HTTP 404, then
   * leaves the key unverified instead of refusing it: demo funds are not money and a demo key cannot move real funds.
   * A bad key, a bad signature or a refused permission still refuses, demo or not.
   */
  readonly demo?: boolean;
}

/** Bybit's answer to an endpoint demo trading does not serve. */
export const retCodeNotOnDemo = 10032;

/**
 * Asks the venue what the key may do and throws KeyRefusedError if it must not trade. A venue that cannot answer
 * (bad key 10003, bad signature 10004, a shape the parser refuses, no network after the retries) throws too:
 * unknown rights are treated as refused rights. Retrying is safe here, the query changes nothing; it keeps a
 * restart of the worker during a venue hiccup from ending the engine. Null only on demo, when demo does not serve
 * the query (see KeyCheckOptions.demo): the caller says so in its log.
 */
export async function requireTradingKey(source: KeyInfoSource, options: KeyCheckOptions = {}): Promise<ApiKeyInfo | null> {
  let info: ApiKeyInfo;
  try {
    info = await retryTransient(() => source.apiKeyInfo(), options);
  } catch (error) {
    if (
      options.demo === true &&
      error instanceof BybitApiError &&
      (error.retCode === retCodeNotOnDemo || (error.retCode === null && error.httpStatus === 404))
    ) {
      return null;
    }
    throw error;
  }
  const verdict = checkTradingKey(info);
  if (!verdict.ok) throw new KeyRefusedError(verdict.message, verdict.problems);
  return info;
}
