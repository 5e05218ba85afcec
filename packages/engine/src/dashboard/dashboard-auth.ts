// The dashboard's gate (main thread, per request): the access token (from the URL once, then an HttpOnly,
// SameSite=Strict cookie), the CSRF token a control request must echo in a header, and the same-origin check.
// Comparisons are constant-time over digests, so the token's length and content do not leak through timing.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const csrfHeader = 'x-csrf-token';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export class DashboardAuth {
  private readonly tokenDigest: Buffer;
  /**
   * The cookie's value: derived from the token, never the token itself. Browsers send cookies to every port of a
   * host, so another local service could read it; it opens this dashboard, not the token (nor another engine's).
   */
  private readonly session: string;
  /** What the page echoes on a control request: derived from the token, so a page from another site cannot know it. */
  readonly csrfToken: string;
  /** The cookie's name carries the port: two engines on one host keep their sessions apart. */
  readonly cookieName: string;

  constructor(token: string, port: number) {
    this.tokenDigest = digest(token);
    this.session = createHmac('sha256', token).update('dashboard session').digest('base64url');
    this.csrfToken = createHmac('sha256', token).update('dashboard csrf').digest('base64url');
    this.cookieName = `scalper_dashboard_${port}`;
  }

  matches(candidate: string | undefined): boolean {
    return candidate !== undefined && candidate !== '' && timingSafeEqual(digest(candidate), this.tokenDigest);
  }

  csrfMatches(candidate: string | undefined): boolean {
    return candidate !== undefined && candidate !== '' && timingSafeEqual(digest(candidate), digest(this.csrfToken));
  }

  /**
   * Whether a Cookie header carries this dashboard's session. Any cookie of the name may: another service on the host
   * can plant one of the same name (cookies ignore ports), which must not lock the trader out.
   */
  signedIn(cookieHeader: string | undefined): boolean {
    const wanted = digest(this.session);
    let found = false;
    for (const part of (cookieHeader ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0 || part.slice(0, eq).trim() !== this.cookieName) continue;
      if (timingSafeEqual(digest(part.slice(eq + 1).trim()), wanted)) found = true;
    }
    return found;
  }

  /** Set-Cookie for the session: the page's own requests carry it, no other site's, and no script can read it. */
  sessionCookieHeader(): string {
    return `${this.cookieName}=${this.session}; Path=/; HttpOnly; SameSite=Strict`;
  }
}

/**
 * A state-changing request must come from the dashboard's own page: a browser names the page's origin (Origin, and
 * Sec-Fetch-Site where it sends it), and both must be this server's (over http, or https through a TLS proxy that
 * keeps the Host). Without either header it is not a browser's cross-site request (curl, a script holding the
 * token), which the cookie and the CSRF header already gate.
 */
export function sameOrigin(headers: {
  readonly origin?: string | undefined;
  readonly host?: string | undefined;
  readonly fetchSite?: string | undefined;
}): boolean {
  if (headers.fetchSite !== undefined && headers.fetchSite !== 'same-origin') return false;
  if (headers.origin === undefined) return true;
  return headers.host !== undefined && (headers.origin === `http://${headers.host}` || headers.origin === `https://${headers.host}`);
}
