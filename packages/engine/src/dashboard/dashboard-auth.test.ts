import { describe, expect, it } from '@jest/globals';
import { DashboardAuth, sameOrigin } from './dashboard-auth.js';

describe('the dashboard gate', () => {
  it('takes the token and the CSRF token derived from it, nothing else', () => {
    const auth = new DashboardAuth('the-token-of-this-engine-0001');
    expect(auth.matches('the-token-of-this-engine-0001')).toBe(true);
    expect([auth.matches('the-token-of-this-engine-0002'), auth.matches(''), auth.matches(undefined)]).toEqual([false, false, false]);
    expect(auth.csrfMatches(auth.csrfToken)).toBe(true);
    expect(auth.csrfMatches('the-token-of-this-engine-0001')).toBe(false);
    expect(new DashboardAuth('another-token-entirely-00000').csrfToken).not.toBe(auth.csrfToken);
  });

  it('reads its cookie among others, and sets it HttpOnly and SameSite=Strict', () => {
    expect(DashboardAuth.cookieOf('a=1; scalper_dashboard=abc%2Fd; b=2')).toBe('abc/d');
    expect(DashboardAuth.cookieOf('scalper_dashboardx=1')).toBeUndefined();
    expect(DashboardAuth.cookieOf(undefined)).toBeUndefined();
    expect(new DashboardAuth('t').sessionCookieHeader('tok')).toBe('scalper_dashboard=tok; Path=/; HttpOnly; SameSite=Strict');
  });

  it('lets a control through only from its own origin', () => {
    expect(sameOrigin({ origin: 'http://127.0.0.1:9465', host: '127.0.0.1:9465', fetchSite: 'same-origin' })).toBe(true);
    expect(sameOrigin({ origin: 'http://evil.example', host: '127.0.0.1:9465' })).toBe(false);
    expect(sameOrigin({ host: '127.0.0.1:9465', fetchSite: 'cross-site' })).toBe(false);
    expect(sameOrigin({ host: '127.0.0.1:9465' })).toBe(true);
  });
});
