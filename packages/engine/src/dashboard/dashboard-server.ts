// The browser dashboard's server (main thread): fastify 5 with @fastify/sse. It serves the page and its files
// behind the access token, streams the live view to every open page a few times a second (server-sent events,
// built from the control plane, never per tick), and takes the three confirmed controls behind the token, a CSRF
// token and a same-origin check. Nothing else can be changed from the page.

import { fastifySSE } from '@fastify/sse';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { DashboardSnapshot, ControlName, ControlReply } from '@scalper/dashboard-ui/snapshot';
import type { Logger } from '@scalper/logging';
import { boundAddress } from '../config/listen-address.js';
import type { ControlAnswer } from '../runtime/trading-controls.js';
import type { DashboardAccess } from './dashboard-access.js';
import type { DashboardAssets } from './dashboard-assets.js';
import { csrfHeader, DashboardAuth, sameOrigin } from './dashboard-auth.js';
import { dashboardSnapshot, type DashboardSources } from './dashboard-view.js';
import { PriceHistory } from './price-history.js';

export interface DashboardControls {
  halt(source: string): Promise<ControlAnswer>;
  closeNow(source: string): Promise<ControlAnswer>;
  resume(source: string): Promise<ControlAnswer>;
}

export interface DashboardServerOptions {
  readonly access: DashboardAccess;
  readonly assets: DashboardAssets;
  /** Between two updates while a page is open (dashboard.updateIntervalMs). */
  readonly intervalMs: number;
  readonly logger: Logger;
  /** What the view is built from, now; rejects while the engine is starting. */
  readonly gather: () => Promise<DashboardSources>;
  readonly controls: DashboardControls;
}

export class DashboardServerError extends Error {
  override readonly name = 'DashboardServerError';
}

/** With no page open the chart's prices are still sampled, this often, so a page opened later has history. */
const idleSampleMs = 2_000;
const unauthorisedPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scalper dashboard</title></head>
<body><h1>Access token needed</h1><p>Open the dashboard with the address the engine printed at start
(http://host:port/?token=…), or set SCALPER_DASHBOARD_TOKEN and use that.</p></body></html>`;

interface PageClient {
  send(snapshot: DashboardSnapshot): void;
}

export class DashboardServer {
  private readonly clients = new Set<PageClient>();
  private readonly history = new PriceHistory();
  private last: DashboardSnapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private updating = false;
  private lastUpdateMs = 0;
  private closed = false;

  private constructor(
    private readonly app: ReturnType<typeof Fastify>,
    private readonly options: DashboardServerOptions,
    /** host:port as bound (port 0 resolved). */
    readonly address: string,
  ) {}

  /** The address with the token, as printed at start: opening it logs the browser in. */
  get url(): string {
    return `http://${this.address}/?token=${encodeURIComponent(this.options.access.token)}`;
  }

  get openPages(): number {
    return this.clients.size;
  }

  /** Binds dashboard.listen; throws one line naming it when it cannot. */
  static async start(options: DashboardServerOptions): Promise<DashboardServer> {
    const { access, assets } = options;
    const auth = new DashboardAuth(access.token, access.port);
    const app = Fastify({ logger: false, bodyLimit: 4_096, forceCloseConnections: true });
    let server: DashboardServer | null = null;
    await app.register(fastifySSE, { heartbeatInterval: 15_000 });

    app.addHook('onRequest', async (_request, reply) => {
      void reply.headers({
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'content-security-policy': assets.contentSecurityPolicy,
      });
    });
    const signedIn = (request: FastifyRequest): boolean => auth.signedIn(request.headers.cookie);
    const requireSignIn = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      if (!signedIn(request))
        await reply.code(401).type('text/plain; charset=utf-8').send('access token needed: open the address the engine printed\n');
    };

    app.get<{ Querystring: { token?: string } }>('/', async (request, reply) => {
      const token = request.query.token;
      if (token !== undefined) {
        if (!auth.matches(token)) return reply.code(401).type('text/html; charset=utf-8').send(unauthorisedPage);
        // The token leaves the address bar (and the history) for a cookie no script can read.
        return reply.code(303).header('set-cookie', auth.sessionCookieHeader()).header('location', '/').send();
      }
      if (!signedIn(request)) return reply.code(401).type('text/html; charset=utf-8').send(unauthorisedPage);
      return reply.type('text/html; charset=utf-8').send(assets.pageTemplate.replace('{{csrf}}', auth.csrfToken));
    });

    for (const [path, asset] of assets.files) {
      app.get(path, { preHandler: requireSignIn }, async (_request, reply) => reply.type(asset.contentType).send(asset.body));
    }

    app.get('/api/snapshot', { preHandler: requireSignIn }, async (_request, reply) => {
      const current = server?.last;
      if (current === null || current === undefined) return reply.code(503).send({ error: 'the engine is starting' });
      return { ...current, prices: server?.history.window() ?? [], pricesReset: true };
    });

    app.get('/events', { preHandler: requireSignIn, sse: 'manual' }, async (_request, reply) => {
      reply.sse.keepAlive();
      const client: PageClient = {
        send: (snapshot) => {
          if (!reply.sse.isConnected) return;
          // A page that stopped reading (a laptop asleep behind an open tunnel) would pile snapshots up here for
          // hours: it is let go instead, and gets the whole view again when it comes back.
          if (reply.raw.writableNeedDrain) {
            server?.clients.delete(client);
            reply.sse.close();
            return;
          }
          void reply.sse.send({ event: 'snapshot', data: snapshot }).catch(() => undefined);
        },
      };
      server?.clients.add(client);
      reply.sse.onClose(() => server?.clients.delete(client));
      // A page that (re)connects gets the whole view at once, then the increments every page gets.
      const current = server?.last;
      if (current !== null && current !== undefined) client.send({ ...current, prices: server?.history.window() ?? [], pricesReset: true });
      else await reply.sse.send({ event: 'starting', data: { message: 'the engine is starting' } });
      server?.updateSoon();
    });

    app.post<{ Params: { name: string }; Body: unknown }>('/api/control/:name', { preHandler: requireSignIn }, async (request, reply) => {
      const headers = request.headers;
      const fetchSite = headers['sec-fetch-site'];
      if (!sameOrigin({ origin: headers.origin, host: headers.host, fetchSite: typeof fetchSite === 'string' ? fetchSite : undefined })) {
        return reply.code(403).send({ ok: false, message: 'refused: the request did not come from the dashboard page' } satisfies ControlReply);
      }
      const csrf = headers[csrfHeader];
      if (!auth.csrfMatches(typeof csrf === 'string' ? csrf : undefined)) {
        return reply.code(403).send({ ok: false, message: 'refused: missing or wrong CSRF token (reload the page)' } satisfies ControlReply);
      }
      const name = request.params.name;
      if (name !== 'halt' && name !== 'close' && name !== 'resume') {
        return reply.code(404).send({ ok: false, message: `no control ${JSON.stringify(name)}: halt, close and resume are the only ones` });
      }
      const body = request.body as { confirm?: unknown } | null;
      if (body === null || typeof body !== 'object' || body.confirm !== true) {
        return reply.code(400).send({ ok: false, message: 'not confirmed: the request must carry {"confirm": true}' } satisfies ControlReply);
      }
      const answer = await runControl(options.controls, name, `the dashboard (${request.ip})`);
      options.logger.warn({ control: name, ok: answer.ok, answer: answer.message, from: request.ip }, 'dashboard control');
      server?.updateSoon();
      return reply.code(answer.ok ? 200 : 409).send(answer satisfies ControlReply);
    });

    try {
      await app.listen({ host: access.host, port: access.port });
    } catch (error) {
      await app.close().catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      throw new DashboardServerError(
        `dashboard.listen ${access.listen}: ${code === 'EADDRINUSE' ? 'the port is in use (another engine?)' : (error as Error).message}; set another host:port, or "" for no dashboard`,
      );
    }
    const bound = app.server.address();
    const address = bound !== null && typeof bound === 'object' ? boundAddress(bound) : access.listen;
    server = new DashboardServer(app, options, address);
    server.schedule();
    return server;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.clients.clear();
    await this.app.close();
  }

  /** An update now (a page connected, a control ran) rather than at the next tick. */
  private updateSoon(): void {
    setImmediate(() => void this.update());
  }

  private schedule(): void {
    if (this.closed) return;
    const wait = this.clients.size > 0 ? this.options.intervalMs : idleSampleMs;
    this.timer = setTimeout(() => void this.update().finally(() => this.schedule()), wait);
    this.timer.unref();
  }

  /** Gathers the view once and sends it to every open page; one at a time, and never more often than the interval. */
  private async update(): Promise<void> {
    if (this.updating || this.closed) return;
    const now = Date.now();
    if (now - this.lastUpdateMs < Math.min(this.options.intervalMs, 250)) return;
    this.updating = true;
    try {
      const sources = await this.options.gather();
      this.lastUpdateMs = Date.now();
      const strategy = sources.stats.strategy;
      // A strategy that did not answer (restarting) says nothing about the symbol: the chart stays as it is.
      if (strategy['phase'] !== undefined) {
        const symbol = typeof strategy['symbol'] === 'string' && strategy['symbol'] !== '' ? strategy['symbol'] : null;
        const price = typeof strategy['lastPrice'] === 'number' ? strategy['lastPrice'] : null;
        this.history.sample(symbol, price, sources.nowMs);
      }
      const snapshot = dashboardSnapshot(sources, this.history.takeFresh());
      this.last = snapshot;
      for (const client of this.clients) client.send(snapshot);
    } catch {
      // The engine is starting or a worker is restarting: the next update tries again.
    } finally {
      this.updating = false;
    }
  }
}

async function runControl(controls: DashboardControls, name: ControlName, source: string): Promise<ControlAnswer> {
  try {
    switch (name) {
      case 'halt':
        return await controls.halt(source);
      case 'close':
        return await controls.closeNow(source);
      case 'resume':
        return await controls.resume(source);
    }
  } catch (error) {
    // The engine is still starting (the controls answer once every worker runs).
    return { ok: false, message: `Nothing done: ${(error as Error).message}; try again in a moment.` };
  }
}
