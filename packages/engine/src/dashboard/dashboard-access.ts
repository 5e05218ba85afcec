// Who may use the dashboard (main thread, at start): its address and access token. On loopback (reached over an
// SSH tunnel) a fresh random token is made each start unless SCALPER_DASHBOARD_TOKEN sets one; any other address
// needs that variable, or the start is refused. The token lives in the environment only, like the Telegram token.

import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isLoopback, splitListen } from '../config/listen-address.js';

export interface DashboardAccess {
  /** host:port to listen on, as configured (port 0: any free one). */
  readonly listen: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** Where the token came from, for the log: SCALPER_DASHBOARD_TOKEN, the CLI's token file, or this start. */
  readonly tokenSource: string;
}

export class DashboardAccessError extends Error {
  override readonly name = 'DashboardAccessError';
}

export const dashboardTokenVariable = 'SCALPER_DASHBOARD_TOKEN';
/** 24 characters of base64url carry 144 bits: beyond guessing over a network. */
const minTokenLength = 24;
const tokenPattern = /^[A-Za-z0-9._~-]+$/;

/** null when dashboard.listen is "". Throws one line for a public address without a good token. */
export function dashboardAccessFrom(
  listen: string,
  env: Readonly<Record<string, string | undefined>>,
  ownToken: { readonly make: () => string; readonly source: string } = { make: () => randomBytes(24).toString('base64url'), source: 'this start' },
): DashboardAccess | null {
  if (listen === '') return null;
  const { host, port } = splitListen(listen);
  const fromEnv = env[dashboardTokenVariable]?.trim() ?? '';
  if (fromEnv !== '') {
    if (fromEnv.length < minTokenLength || !tokenPattern.test(fromEnv)) {
      throw new DashboardAccessError(
        `${dashboardTokenVariable} must be ${minTokenLength} or more URL-safe characters (letters, digits, . _ ~ -); make one with: openssl rand -base64 32 | tr '+/' '-_' | tr -d =`,
      );
    }
    return { listen, host, port, token: fromEnv, tokenSource: dashboardTokenVariable };
  }
  if (!isLoopback(host)) {
    throw new DashboardAccessError(
      `dashboard.listen ${listen} is reachable from other machines: set ${dashboardTokenVariable} (${minTokenLength}+ characters) in the environment, or listen on 127.0.0.1 and use an SSH tunnel`,
    );
  }
  return { listen, host, port, token: ownToken.make(), tokenSource: ownToken.source };
}

/** Where the CLI keeps its own token between starts, so an open page reconnects after a restart. */
export const defaultTokenFile = (): string => resolve('data', 'dashboard.token');

/**
 * A token kept in `path` (mode 0600): the one written there before, or a new random one written now. A page left
 * open then reconnects after a restart (systemd's Restart=on-failure), instead of needing the new address. A file
 * another user could have placed or can read is refused, not trusted: a link, another owner, group or other access.
 */
export function persistedToken(path: string): string {
  const stat = lstatIfThere(path);
  if (stat !== null) {
    if (!stat.isFile()) throw new DashboardAccessError(`${path} is not a regular file (a link?): remove it, and the engine makes a new token`);
    if (process.getuid !== undefined && stat.uid !== process.getuid()) {
      throw new DashboardAccessError(`${path} belongs to another user: remove it, and the engine makes a new token`);
    }
    if ((stat.mode & 0o077) !== 0) {
      throw new DashboardAccessError(
        `${path} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 ${path}, or remove it for a new token`,
      );
    }
    const kept = readFileSync(path, 'utf8').trim();
    if (kept.length >= minTokenLength && tokenPattern.test(kept)) return kept;
    rmSync(path);
  }
  const token = randomBytes(24).toString('base64url');
  mkdirSync(dirname(path), { recursive: true });
  // Created with its mode, and never over a file that appeared since (wx): no moment where others could read it.
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, `${token}\n`);
  } finally {
    closeSync(fd);
  }
  return token;
}

function lstatIfThere(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
