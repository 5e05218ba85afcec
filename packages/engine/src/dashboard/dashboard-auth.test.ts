import { describe, expect, it } from '@jest/globals';
import { DashboardAuth, sameOrigin } from './dashboard-auth.js';

const token = 'the-token-of-this-engine-0001';

describe('the dashboard gate', () => {
  it('takes the token and the CSRF token derived from it, nothing else', () => {
    const auth = new DashboardAuth(token, 9465);
    expect(auth.matches(token)).toBe(true);
    expect([auth.matches('the-token-of-this-engine-0002'), auth.matches(''), auth.matches(undefined)]).toEqual([false, false, false]);
    expect(auth.csrfMatches(auth.csrfToken)).toBe(true);
    expect(auth.csrfMatches(token)).toBe(false);
    expect(new DashboardAuth('another-token-entirely-00000', 9465).csrfToken).not.toBe(auth.csrfToken);
  });

  it('keeps a session cookie derived from the token (never the token), named by port, HttpOnly and SameSite=Strict', () => {
    const auth = new DashboardAuth(token, 9465);
    const header = auth.sessionCookieHeader();
    expect(header).toMatch(/^scalper_dashboard_9465=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(header).not.toContain(token);
    const cookie = header.split(';')[0]!;
    expect(auth.signedIn(cookie)).toBe(true);
    // A cookie of the same name planted by another service on the host does not lock the trader out, nor does junk.
    expect(auth.signedIn(`scalper_dashboard_9465=planted%; ${cookie}; other=1`)).toBe(true);
    expect(auth.signedIn('scalper_dashboard_9465=planted%')).toBe(false);
    expect(auth.signedIn(`scalper_dashboard_9465=${token}`)).toBe(false);
    expect(new DashboardAuth(token, 9466).signedIn(cookie)).toBe(false);
    expect(auth.signedIn(undefined)).toBe(false);
  });

  it('lets a control through only from its own origin', () => {
    expect(sameOrigin({ origin: 'http://127.0.0.1:9465', host: '127.0.0.1:9465', fetchSite: 'same-origin' })).toBe(true);
    expect(sameOrigin({ origin: 'https://scalper.example.com', host: 'scalper.example.com' })).toBe(true);
    expect(sameOrigin({ origin: 'http://evil.example', host: '127.0.0.1:9465' })).toBe(false);
    expect(sameOrigin({ host: '127.0.0.1:9465', fetchSite: 'cross-site' })).toBe(false);
    expect(sameOrigin({ host: '127.0.0.1:9465' })).toBe(true);
  });
});
