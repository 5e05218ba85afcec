// The dashboard's gate (main thread, per request): the access token (from the URL once, then an HttpOnly,
// SameSite=Strict cookie), the CSRF token a control request must echo in a header, and the same-origin check.
// Comparisons are constant-time over digests, so the token's length and content do not leak through timing.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const sessionCookie = 'scalper_dashboard';
export const csrfHeader = 'x-csrf-token';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export class DashboardAuth {
  private readonly tokenDigest: Buffer;
  /** What the page echoes on a control request: derived from the token, so a page from another site cannot know it. */
  readonly csrfToken: string;

  constructor(token: string) {
    this.tokenDigest = digest(token);
    this.csrfToken = createHmac('sha256', token).update('dashboard csrf').digest('base64url');
  }

  matches(candidate: string | undefined): boolean {
    return candidate !== undefined && candidate !== '' && timingSafeEqual(digest(candidate), this.tokenDigest);
  }

  csrfMatches(candidate: string | undefined): boolean {
    return candidate !== undefined && candidate !== '' && timingSafeEqual(digest(candidate), digest(this.csrfToken));
  }

  /** The session cookie's value in a Cookie header, if any. */
  static cookieOf(header: string | undefined): string | undefined {
    for (const part of (header ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === sessionCookie) return decodeURIComponent(part.slice(eq + 1).trim());
    }
    return undefined;
  }

  /** Set-Cookie for the session: the page's own requests carry it, no other site's, and no script can read it. */
  sessionCookieHeader(token: string): string {
    return `${sessionCookie}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
  }
}

/**
 * A state-changing request must come from the dashboard's own page: a browser names the page's origin (Origin, and
 * Sec-Fetch-Site where it sends it), and both must be this server's. Without either header it is not a browser's
 * cross-site request (curl, a script holding the token), which the token and CSRF header already gate.
 */
export function sameOrigin(headers: {
  readonly origin?: string | undefined;
  readonly host?: string | undefined;
  readonly fetchSite?: string | undefined;
}): boolean {
  if (headers.fetchSite !== undefined && headers.fetchSite !== 'same-origin') return false;
  if (headers.origin === undefined) return true;
  return headers.host !== undefined && headers.origin === `http://${headers.host}`;
}
