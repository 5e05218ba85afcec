// A scripted HTTP server on 127.0.0.1 for REST client tests (test thread): each path answers from a list of
// responses in turn (the last one repeats), and every request is recorded with its raw query, body and headers.

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

export interface ScriptedResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string is sent as is. */
  readonly body?: unknown;
  /** Never answer (for timeout tests). */
  readonly hang?: boolean;
}

export type Responder = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse);

export interface FakeRestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export function ok(result: unknown): ScriptedResponse {
  return { body: { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: Date.now() } };
}

export function retCode(code: number, retMsg: string, headers: Record<string, string> = {}): ScriptedResponse {
  return { body: { retCode: code, retMsg, result: {}, retExtInfo: {}, time: Date.now() }, headers };
}

export async function startFakeRestServer(routes: Readonly<Record<string, readonly Responder[]>>): Promise<FakeRestServer> {
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [path = '', query = ''] = (req.url ?? '').split('?', 2) as [string?, string?];
      const recorded: RecordedRequest = { method: req.method ?? '', path, query, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers };
      requests.push(recorded);
      const list = routes[path];
      if (list === undefined || list.length === 0) {
        res.writeHead(404).end('not found');
        return;
      }
      const index = served.get(path) ?? 0;
      served.set(path, index + 1);
      const responder = list[Math.min(index, list.length - 1)] as Responder;
      const response = typeof responder === 'function' ? responder(recorded) : responder;
      if (response.hang === true) return;
      const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {});
      res.writeHead(response.status ?? 200, { 'content-type': 'application/json', ...response.headers }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
