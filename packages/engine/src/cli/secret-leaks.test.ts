// Secrets never reach the output, checked on what the CLI really writes (stdout with every thread's pino lines,
// and stderr) along the error paths that carry credentials closest to a log line: the venue refusing the signature
// (10004, whose message quotes the signed text with the key in it) or the key (10003), an HTTP timeout, an HTTP
// error page that echoes the request headers back, a refused private-stream auth, and configuration errors.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVenue, type RunningVenue } from '@scalper/sim-venue';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliToEnd } from './test-support/cli-process.js';

/** What the logger promises to keep out (create-logger.ts): the secret, the key, and any request signature. */
function expectNothingSecret(output: string, forbidden: readonly string[]): void {
  for (const value of forbidden) {
    expect(output).not.toContain(value);
    // Not even the start of it (V8's JSON.parse errors quote the first 10 characters of the text).
    expect(output).not.toContain(value.slice(0, 10));
  }
  expect(output).not.toMatch(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i);
}

function expectJsonLines(stdout: string): void {
  for (const line of stdout.split('\n').filter((l) => l !== '')) expect(() => JSON.parse(line)).not.toThrow();
}

const trader = { apiKey: 'LEAK-TRADER-KEY-01', apiSecret: 'leaksecrettrader00000000000000000001' };
let venue: RunningVenue;
/** Knows the trader's key with another secret: its private stream refuses the auth the engine signs. */
let otherVenue: RunningVenue;

beforeAll(async () => {
  venue = await startVenue({ seed: 4, tradesPerSecondPerSymbol: 10, market: 'calm', accounts: [trader] });
  otherVenue = await startVenue({
    seed: 4,
    tradesPerSecondPerSymbol: 10,
    market: 'calm',
    accounts: [{ apiKey: trader.apiKey, apiSecret: 'othersecretvenue00000000000000000001' }],
  });
});

afterAll(async () => {
  await venue.close();
  await otherVenue.close();
});

function urlEnv(rest: string, wsPublic: string, wsPrivate: string, apiKey: string, apiSecret: string): Record<string, string> {
  return { BYBIT_REST_URL: rest, BYBIT_WS_PUBLIC_URL: wsPublic, BYBIT_WS_PRIVATE_URL: wsPrivate, BYBIT_API_KEY: apiKey, BYBIT_API_SECRET: apiSecret };
}

const traceArgs = ['--venue', 'url', '--log.level', 'trace'];

describe('secrets in the output of a start that fails', () => {
  it('a bad signature (10004): the venue quotes the signed text with the key, the output does not', async () => {
    const wrongSecret = 'leakwrongsecret000000000000000000001';
    const run = await runCliToEnd(traceArgs, urlEnv(venue.restUrl, venue.wsPublicUrl, venue.wsPrivateUrl, trader.apiKey, wrongSecret));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^start failed: [^\n]*retCode 10004: error sign! origin_string\[\d+\[REDACTED\]5000\]\n$/);
    expectNothingSecret(run.stdout + run.stderr, [trader.apiKey, trader.apiSecret, wrongSecret]);
    expectJsonLines(run.stdout);
  }, 60_000);

  it('an unknown key (10003)', async () => {
    const stranger = { apiKey: 'LEAK-STRANGER-KEY1', apiSecret: 'leakstrangersecret000000000000000001' };
    const run = await runCliToEnd(traceArgs, urlEnv(venue.restUrl, venue.wsPublicUrl, venue.wsPrivateUrl, stranger.apiKey, stranger.apiSecret));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('retCode 10003: API key is invalid.');
    expectNothingSecret(run.stdout + run.stderr, [stranger.apiKey, stranger.apiSecret]);
  }, 60_000);

  it('a refused private-stream auth, after REST accepted the key', async () => {
    const run = await runCliToEnd(traceArgs, urlEnv(venue.restUrl, venue.wsPublicUrl, otherVenue.wsPrivateUrl, trader.apiKey, trader.apiSecret));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('"msg":"API key permissions checked"');
    expect(run.stderr).toMatch(/^start failed: execution failed to start: WsAuthError: private: authentication failed: [^\n]+\n$/);
    expectNothingSecret(run.stdout + run.stderr, [trader.apiKey, trader.apiSecret, 'othersecretvenue00000000000000000001']);
    expectJsonLines(run.stdout);
  }, 60_000);
});

describe('secrets in the output of HTTP failures', () => {
  const key = { apiKey: 'LEAK-HTTP-KEY-0001', apiSecret: 'leakhttpsecret0000000000000000000001' };
  let server: Server;
  let baseUrl = '';
  let mode: 'hang' | 'echo-500' = 'hang';
  const signsSeen: string[] = [];

  beforeAll(async () => {
    // Answers the clock like Bybit; every signed request either never gets an answer, or gets an HTML error page
    // that echoes the request's headers (a misbehaving proxy), key and signature included.
    server = createServer((req, res) => {
      if (req.url?.startsWith('/v5/market/time') === true) {
        const now = Date.now();
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            retCode: 0,
            retMsg: 'OK',
            result: { timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` },
            retExtInfo: {},
            time: now,
          }),
        );
        return;
      }
      const sign = req.headers['x-bapi-sign'];
      if (typeof sign === 'string') signsSeen.push(sign);
      if (mode === 'hang') return;
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.end(`<html><body>upstream error for ${JSON.stringify(req.headers)}</body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a signed request that times out', async () => {
    mode = 'hang';
    const before = signsSeen.length;
    const run = await runCliToEnd(
      [...traceArgs, '--venue.requestTimeoutMs', '300'],
      urlEnv(baseUrl, 'ws://127.0.0.1:9/v5/public/linear', 'ws://127.0.0.1:9/v5/private', key.apiKey, key.apiSecret),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/v5/user/query-api: timeout: no complete answer within 300 ms');
    // Each try (the key query is retried on transient failures) carried its own signature.
    const signs = signsSeen.slice(before);
    expect(signs.length).toBeGreaterThanOrEqual(1);
    expectNothingSecret(run.stdout + run.stderr, [key.apiKey, key.apiSecret, ...signs]);
  }, 60_000);

  it('an HTTP 500 page that echoes the request headers, key and signature included', async () => {
    mode = 'echo-500';
    const before = signsSeen.length;
    const run = await runCliToEnd(
      traceArgs,
      urlEnv(baseUrl, 'ws://127.0.0.1:9/v5/public/linear', 'ws://127.0.0.1:9/v5/private', key.apiKey, key.apiSecret),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/v5/user/query-api: HTTP 500: <html><body>upstream error for');
    // Each try (the key query is retried on transient failures) carried its own signature.
    const signs = signsSeen.slice(before);
    expect(signs.length).toBeGreaterThanOrEqual(1);
    expectNothingSecret(run.stdout + run.stderr, [key.apiKey, key.apiSecret, ...signs]);
    expectJsonLines(run.stdout);
  }, 60_000);
});

describe('secrets in configuration errors', () => {
  const key = { apiKey: 'LEAK-CONFIG-KEY-01', apiSecret: 'leakconfigsecret00000000000000000001' };
  const env = { BYBIT_API_KEY: key.apiKey, BYBIT_API_SECRET: key.apiSecret };
  const dir = mkdtempSync(join(tmpdir(), 'leak-config-'));

  it('a .env file given as the config file: the parse error says where, not what', async () => {
    const path = join(dir, 'keys.env');
    writeFileSync(path, `BYBIT_API_SECRET=${key.apiSecret}\nBYBIT_API_KEY=${key.apiKey}\n`);
    const run = await runCliToEnd(['--config', path], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`config error: cannot read config file ${path}: not valid JSON\n`);
    expectNothingSecret(run.stdout + run.stderr, [key.apiKey, key.apiSecret]);
    // A file that starts with the secret: V8's own message would have quoted its first 10 characters.
    const bare = join(dir, 'secret.txt');
    writeFileSync(bare, `${key.apiSecret}\n`);
    const bareRun = await runCliToEnd(['--config', bare], env);
    expect(bareRun.stderr).toBe(`config error: cannot read config file ${bare}: not valid JSON\n`);
    expectNothingSecret(bareRun.stdout + bareRun.stderr, [key.apiKey, key.apiSecret]);
  }, 60_000);

  it('a config file holding credentials, a secret on the command line, and a bad value with credentials set', async () => {
    const path = join(dir, 'with-credentials.json');
    writeFileSync(path, JSON.stringify({ credentials: { apiKey: key.apiKey, apiSecret: key.apiSecret } }));
    const runs = [
      await runCliToEnd(['--config', path], {}),
      await runCliToEnd(['--credentials.apiSecret', key.apiSecret], {}),
      await runCliToEnd([`--credentials.apiKey=${key.apiKey}`], {}),
      await runCliToEnd(['--ring.capacity', '1000'], env),
    ];
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs[0]?.stderr).toContain('holds credentials: set BYBIT_API_KEY and BYBIT_API_SECRET in the environment instead');
    expect(runs[1]?.stderr).toContain('--credentials.apiSecret is not accepted on the command line: set BYBIT_API_SECRET');
    for (const run of runs) {
      expect(run.stderr.split('\n')).toHaveLength(2);
      expectNothingSecret(run.stdout + run.stderr, [key.apiKey, key.apiSecret]);
    }
  }, 60_000);
});
