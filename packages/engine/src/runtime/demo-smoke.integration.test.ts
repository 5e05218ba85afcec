// Opt-in smoke test of Bybit demo trading (Jest thread, the real network): runs only with a demo key in
// BYBIT_DEMO_API_KEY and BYBIT_DEMO_API_SECRET, and is skipped without them (CI has none). It checks the three URLs
// of config/demo.json, the key check as the engine makes it there, an order taken and cancelled over REST, and the
// engine started with --venue demo until it trades a symbol, then stopped cleanly.

import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { BybitRestClient, BybitRestTransport, BybitWsConnection, parseInstrumentRules } from '@scalper/bybit';
import { requireTradingKey } from '@scalper/execution';
import { toSymbol, type DecimalString } from '@scalper/protocol';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { translateVenueFlag } from '../cli/venue-flag.js';
import { loadConfig } from '../config/load-config.js';
import { startQuietEngine, tickingSymbol } from './test-support/test-engine.js';

const apiKey = process.env['BYBIT_DEMO_API_KEY'] ?? '';
const apiSecret = process.env['BYBIT_DEMO_API_SECRET'] ?? '';
const withDemoKey = apiKey !== '' && apiSecret !== '' ? describe : describe.skip;
const keys = { BYBIT_API_KEY: apiKey, BYBIT_API_SECRET: apiSecret };

/** config/demo.json as --venue demo loads it (in a test: a skipped suite still collects its body, without keys). */
const demoConfig = (): ReturnType<typeof loadConfig>['config'] =>
  loadConfig({ argv: translateVenueFlag(['--venue', 'demo']), env: keys, configDir: repositoryConfigDir }).config;

withDemoKey('Bybit demo trading (opt-in: BYBIT_DEMO_API_KEY and BYBIT_DEMO_API_SECRET)', () => {
  it('takes the key, and a PostOnly order far from the market that it then cancels, over REST', async () => {
    const config = demoConfig();
    expect(config.venue.restUrl).toBe('https://api-demo.bybit.com');
    const transport = new BybitRestTransport({ baseUrl: config.venue.restUrl, credentials: { apiKey, apiSecret }, timeoutMs: 10_000 });
    await transport.syncClock();
    const client = new BybitRestClient(transport);
    const key = await requireTradingKey(client, { attempts: 3, demo: true });
    process.stdout.write(
      `demo: /v5/user/query-api ${key === null ? 'not served (key unverified)' : `answered: ${JSON.stringify(key.permissions)}`}\n`,
    );

    const btc = toSymbol('BTCUSDT');
    const rules = parseInstrumentRules((await client.linearInstruments({ symbol: btc }))[0]);
    if (!rules.ok) throw new Error(rules.reason);
    const book = await client.orderBook(btc, 1);
    const bid = new Big((book.bids[0] as readonly [string, string])[0]);
    // 10 % under the best bid, on the tick grid: it rests, and PostOnly can never take.
    const price = bid.times(0.9).div(rules.value.tickSize).round(0, Big.roundDown).times(rules.value.tickSize).toFixed(rules.value.priceDecimals);
    const orderLinkId = `demo-smoke-${Date.now()}`;
    const ack = await client.createOrder({
      orderLinkId,
      symbol: btc,
      side: 'Buy',
      orderType: 'Limit',
      timeInForce: 'PostOnly',
      qty: rules.value.minOrderQty,
      price: price as DecimalString,
      reduceOnly: false,
      tsCreatedMs: Date.now(),
    });
    expect(ack.orderLinkId).toBe(orderLinkId);
    const cancelled = await client.cancelOrder(btc, { orderLinkId });
    expect(cancelled.orderLinkId).toBe(orderLinkId);
  }, 60_000);

  it('streams mainnet public data and the demo private stream', async () => {
    const config = demoConfig();
    expect(config.venue.wsPublicUrl).toBe('wss://stream.bybit.com/v5/public/linear');
    expect(config.venue.wsPrivateUrl).toBe('wss://stream-demo.bybit.com/v5/private');
    let trades = 0;
    const publicWs = new BybitWsConnection(
      { url: config.venue.wsPublicUrl, name: 'public' },
      { onFrame: (frame) => void (frame.kind === 'trade' && trades++) },
    );
    const privateWs = new BybitWsConnection(
      { url: config.venue.wsPrivateUrl, name: 'private', auth: { apiKey, apiSecret } },
      { onFrame: () => undefined },
    );
    try {
      await publicWs.connect();
      await publicWs.subscribe(['publicTrade.BTCUSDT']);
      await privateWs.connect();
      await privateWs.subscribe(['order', 'execution', 'position']);
      expect(privateWs.topics()).toEqual(expect.arrayContaining(['order', 'execution', 'position']));
      const until = Date.now() + 20_000;
      while (trades === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(trades).toBeGreaterThan(0);
    } finally {
      await publicWs.close();
      await privateWs.close();
    }
  }, 60_000);

  it('runs the engine with --venue demo until it trades a symbol, and stops it cleanly', async () => {
    const engine = await startQuietEngine(translateVenueFlag(['--venue', 'demo', '--log.level', 'warn']), {}, keys);
    try {
      expect(await tickingSymbol(engine)).toMatch(/USDT$/);
    } finally {
      expect(await engine.stop('demo smoke over')).toBe('demo smoke over');
    }
  }, 120_000);
});
