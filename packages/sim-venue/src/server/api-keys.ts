// The venue's API keys (venue thread): each key's secret, read-only flag and permission lists, the access each
// private route needs, and the GET /v5/user/query-api record Bybit describes a key with.

/**
 * Permission groups and values as Bybit documents them for /v5/user/query-api (bybit-exchange/docs
 * docs/v5/user/apikey-info.mdx): ContractTrade Order, Position; Wallet AccountTransfer, SubMemberTransfer,
 * SubMemberTransferList, Withdraw; Derivatives DerivativesTrade on unified accounts; and so on.
 */
export type KeyPermissions = Readonly<Record<string, readonly string[]>>;

/** Every group Bybit lists in the answer, present even when empty (as Bybit sends them). */
const documentedGroups = [
  'ContractTrade',
  'Spot',
  'Wallet',
  'Options',
  'Derivatives',
  'CopyTrading',
  'BlockTrade',
  'Exchange',
  'NFT',
  'Affiliate',
  'Earn',
] as const;

/**
 * What a trading key of a unified account has: contract orders and positions, DerivativesTrade (unified accounts
 * get it by default), and nothing in Wallet, so it can neither withdraw nor transfer.
 */
export const tradingKeyPermissions: KeyPermissions = {
  ContractTrade: ['Order', 'Position'],
  Derivatives: ['DerivativesTrade'],
};

export interface ApiKeySpec {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Default false (read and write). */
  readonly readOnly?: boolean;
  /** Default tradingKeyPermissions; missing groups count as empty. */
  readonly permissions?: KeyPermissions;
}

export interface VenueKey {
  readonly apiKey: string;
  readonly secret: string;
  readonly readOnly: boolean;
  readonly permissions: KeyPermissions;
  readonly createdAtMs: number;
  /** Bybit's user id, made up per key. */
  readonly userId: number;
}

/**
 * What a route asks of the key, like the ACL of a route on Bybit's gateway: reads need any valid key (query-api is
 * documented as open to any permission); writes need the key not read-only and `group` to hold `permission`.
 */
export type RouteAccess = { readonly write: false } | { readonly write: true; readonly group: string; readonly permission: string };

export const readAccess: RouteAccess = { write: false };

export function permits(key: VenueKey, access: RouteAccess): boolean {
  if (!access.write) return true;
  return !key.readOnly && (key.permissions[access.group] ?? []).includes(access.permission);
}

/** Keys without a bound IP expire after 90 days on Bybit; the venue binds none, so it reports that deadline. */
const unboundKeyLifetimeDays = 90;

export class ApiKeyRegistry {
  private readonly keys = new Map<string, VenueKey>();

  add(spec: ApiKeySpec, createdAtMs: number): void {
    const permissions: Record<string, readonly string[]> = {};
    for (const group of documentedGroups) permissions[group] = [];
    Object.assign(permissions, spec.permissions ?? tradingKeyPermissions);
    this.keys.set(spec.apiKey, {
      apiKey: spec.apiKey,
      secret: spec.apiSecret,
      readOnly: spec.readOnly ?? false,
      permissions,
      createdAtMs,
      userId: 10_000_000 + this.keys.size + 1,
    });
  }

  keyOf(apiKey: string): VenueKey | undefined {
    return this.keys.get(apiKey);
  }

  secretOf(apiKey: string): string | undefined {
    return this.keys.get(apiKey)?.secret;
  }
}

/** Bybit's datetime fields here are ISO 8601 to the second, e.g. "2023-12-22T07:20:25Z". */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The result of GET /v5/user/query-api, field for field as documented (secret is always ""). */
export function queryApiRecord(key: VenueKey, nowMs: number): Record<string, unknown> {
  const expiresAtMs = key.createdAtMs + unboundKeyLifetimeDays * 86_400_000;
  return {
    id: String(key.userId * 10),
    note: 'sim venue key',
    apiKey: key.apiKey,
    readOnly: key.readOnly ? 1 : 0,
    secret: '',
    permissions: key.permissions,
    ips: ['*'],
    type: 1,
    deadlineDay: Math.max(0, Math.ceil((expiresAtMs - nowMs) / 86_400_000)),
    expiredAt: isoSeconds(expiresAtMs),
    createdAt: isoSeconds(key.createdAtMs),
    unified: 0,
    // The venue's accounts are unified trading accounts (its wallet answers accountType UNIFIED only).
    uta: 1,
    userID: key.userId,
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: '',
    isMaster: true,
    parentUid: '0',
    kycLevel: 'LEVEL_DEFAULT',
    kycRegion: '',
  };
}
