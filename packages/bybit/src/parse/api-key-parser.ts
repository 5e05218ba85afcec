// The API key's own description, from GET /v5/user/query-api (execution thread, once at start): read-only flag and
// permission lists, so the engine can refuse a key that could withdraw or could not trade before any order leaves.

import { FieldReader } from './field-reader.js';
import { parsed, refused, type ParseResult } from './parse-result.js';

/**
 * Bybit's documented permission groups and values (bybit-exchange/docs docs/v5/user/apikey-info.mdx, also the
 * ApiKeyPermissionsV5 type of tiagosiebler/bybit-api): ContractTrade Order, Position; Spot SpotTrade; Wallet
 * AccountTransfer, SubMemberTransfer, SubMemberTransferList, Withdraw; Options OptionsTrade; Derivatives
 * DerivativesTrade; Exchange ExchangeHistory; Earn Earn. Groups the venue adds later are kept as sent.
 */
export type ApiKeyPermissions = Readonly<Record<string, readonly string[]>>;

export interface ApiKeyInfo {
  /** readOnly 1 on the wire: the key can read but not place, cancel or change anything. */
  readonly readOnly: boolean;
  readonly permissions: ApiKeyPermissions;
  /** Bound IPs; ["*"] means any address. */
  readonly ips: readonly string[];
  /** 1 when the account is a unified trading account, 0 classic; null when not sent. */
  readonly uta: 0 | 1 | null;
  /** ISO date the key stops working (keys without bound IPs expire); null when not sent or empty. */
  readonly expiredAt: string | null;
  readonly note: string;
}

/** What a venue sends as permission values: plain identifiers, never anything long enough to be a credential. */
const permissionValue = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function stringList(value: unknown): readonly string[] | null {
  if (!Array.isArray(value)) return null;
  return value.every((item) => typeof item === 'string') ? (value as string[]) : null;
}

/**
 * Total and fail-closed: anything that is not the documented shape is refused (the caller then refuses to trade).
 * The key and the `secret` field (documented as always "") are never read, so neither can reach a parsed value or
 * a refusal reason that might be logged.
 */
export function parseApiKeyInfo(raw: unknown): ParseResult<ApiKeyInfo> {
  const r = new FieldReader(raw, 'query-api');
  const readOnlyFlag = r.integer('readOnly');
  const rawPermissions = r.raw('permissions');
  const rawIps = r.raw('ips');
  const rawUta = r.raw('uta');
  const expiredAt = r.optionalString('expiredAt');
  const note = r.optionalString('note') ?? '';
  if (r.problem !== null) return refused(r.problem);
  if (readOnlyFlag !== 0 && readOnlyFlag !== 1) return refused(`query-api.readOnly: expected 0 or 1, got ${readOnlyFlag}`);
  if (typeof rawPermissions !== 'object' || rawPermissions === null || Array.isArray(rawPermissions)) {
    return refused('query-api.permissions: expected an object of permission lists');
  }
  const permissions: Record<string, readonly string[]> = {};
  for (const [group, value] of Object.entries(rawPermissions as Record<string, unknown>)) {
    const list = stringList(value);
    if (list === null) return refused(`query-api.permissions.${group}: expected an array of strings`);
    const odd = list.find((item) => !permissionValue.test(item));
    // Only the position is named: a value this odd is not shown, in case it is something that must not be logged.
    if (odd !== undefined) return refused(`query-api.permissions.${group}[${list.indexOf(odd)}]: not a permission name`);
    permissions[group] = list;
  }
  let ips: readonly string[] = [];
  if (rawIps !== undefined && rawIps !== null) {
    const list = stringList(rawIps);
    if (list === null) return refused('query-api.ips: expected an array of strings');
    ips = list;
  }
  if (rawUta !== undefined && rawUta !== 0 && rawUta !== 1)
    return refused(`query-api.uta: expected 0 or 1, got ${JSON.stringify(rawUta)?.slice(0, 20)}`);
  const uta = rawUta === 0 || rawUta === 1 ? rawUta : null;
  return parsed({ readOnly: readOnlyFlag === 1, permissions, ips, uta, expiredAt, note });
}
