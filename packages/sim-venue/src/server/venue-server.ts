// One node:http server for the venue (venue thread): REST on every path, WebSocket upgrades on Bybit's stream
// paths (/v5/public/linear, /v5/private and the trade API's /v5/trade), the added-latency fault, and a close() that
// ends every socket.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { FaultPlan } from './fault-plan.js';
import type { PrivateWsHub } from './private-ws-hub.js';
import type { TradeWsHub } from './trade-ws-hub.js';
import type { PublicWsHub } from './public-ws-hub.js';
import type { HeldLine } from './held-line.js';
import { isPublicMarketPath, routeRest, type RestRouterDeps } from './rest-router.js';
import { probeClockMs, type VenueProbe } from '../venue/venue-probe.js';

const publicWsPath = '/v5/public/linear';
const privateWsPath = '/v5/private';
const tradeWsPath = '/v5/trade';

export interface VenueServerDeps extends RestRouterDeps {
  readonly faults: FaultPlan;
  readonly publicHub: PublicWsHub;
  readonly privateHub: PrivateWsHub;
  readonly tradeHub: TradeWsHub;
  readonly probe?: VenueProbe;
  /**
   * The fill model's latency (paper trading): a private request reaches the matching engine `toVenue` later, its
   * answer leaves `toClient` later (the line the private stream's events take too, so their order holds).
   */
  readonly fillLatency?: { readonly toVenue: HeldLine; readonly toClient: HeldLine };
}

export interface ListeningVenueServer {
  readonly restUrl: string;
  readonly wsPublicUrl: string;
  readonly wsPrivateUrl: string;
  readonly wsTradeUrl: string;
  close(): Promise<void>;
}

/** Bodies above this are refused: an order body is a few hundred bytes. */
const maxBodyBytes = 64 * 1024;

export async function listenVenueServer(host: string, port: number, deps: VenueServerDeps): Promise<ListeningVenueServer> {
  const sockets = new Set<Socket>();
  /** Answers the late-answer fault is holding: a closing venue drops them instead of waiting. */
  const heldAnswers = new Set<NodeJS.Timeout>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const probe = deps.probe?.restRequestReceived;
  const server: Server = createServer((req, res) => {
    const receivedAtMs = probe === undefined ? 0 : probeClockMs();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = req.url ?? '/';
      const queryAt = url.indexOf('?');
      const path = queryAt < 0 ? url : url.slice(0, queryAt);
      probe?.(req.method ?? 'GET', path, Buffer.concat(chunks).toString('utf8'), receivedAtMs, req.headers);
      const held = deps.fillLatency !== undefined && !isPublicMarketPath(path) ? deps.fillLatency : null;
      const respond = (): void => {
        if (size > maxBodyBytes) {
          res.writeHead(413).end('request body too large');
          return;
        }
        const out = routeRest(
          {
            method: req.method ?? 'GET',
            path,
            rawQuery: queryAt < 0 ? '' : url.slice(queryAt + 1),
            body: Buffer.concat(chunks).toString('utf8'),
            header: (name) => headerValue(req, name),
          },
          deps,
        );
        const write = (): void => void (res.destroyed ? undefined : res.writeHead(out.status, out.headers).end(out.body));
        const send = held === null ? write : (): void => held.toClient.send(write);
        if (out.holdMs !== undefined && out.holdMs > 0) {
          const timer = setTimeout(() => {
            heldAnswers.delete(timer);
            send();
          }, out.holdMs);
          heldAnswers.add(timer);
        } else send();
      };
      const latency = deps.faults.restLatencyMs;
      const arrive = held === null ? respond : (): void => held.toVenue.send(respond);
      if (latency > 0) setTimeout(arrive, latency);
      else arrive();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    const known = path === publicWsPath || path === privateWsPath || path === tradeWsPath;
    if (!known || (path === tradeWsPath && !deps.tradeHub.accepts())) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (path === publicWsPath) deps.publicHub.attach(ws);
      else if (path === privateWsPath) deps.privateHub.attach(ws);
      else deps.tradeHub.attach(ws);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    restUrl: `http://${hostText}:${address.port}`,
    wsPublicUrl: `ws://${hostText}:${address.port}${publicWsPath}`,
    wsPrivateUrl: `ws://${hostText}:${address.port}${privateWsPath}`,
    wsTradeUrl: `ws://${hostText}:${address.port}${tradeWsPath}`,
    close: async () => {
      for (const timer of heldAnswers) clearTimeout(timer);
      heldAnswers.clear();
      deps.publicHub.closeAll();
      deps.privateHub.closeAll();
      deps.tradeHub.closeAll();
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
