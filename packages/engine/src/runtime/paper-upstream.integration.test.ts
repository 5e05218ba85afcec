// `--venue paper` end to end (issue 16): the engine's embedded venue takes its market from an upstream, here a second
// embedded venue started apart, standing for Bybit mainnet. The scanner's top coin must be subscribed upstream, a
// round trip must fill in the local matching engine against the relayed book, the upstream must see no signed
// request and no private socket, a drop of the upstream socket must end in a clean resubscribe, and a stall must
// reach the engine as a stalled feed.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingHttpHeaders } from 'node:http';
import { paperApiKey, startVenue, type RunningVenue } from '@scalper/sim-venue';
import { translateVenueFlag } from '../cli/venue-flag.js';
import type { RunningEngine } from './engine-runner.js';
import { quickEntryArgs, startQuietEngine, tickingSymbol } from './test-support/test-engine.js';
import { until } from './test-support/until.js';

interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

let upstream: RunningVenue;
let engine: RunningEngine;
const requests: SeenRequest[] = [];
const topics: string[] = [];

beforeAll(async () => {
  upstream = await startVenue({
    seed: 5,
    tradesPerSecondPerSymbol: 60,
    market: 'calm',
    probe: {
      restRequestReceived: (method, path, _body, _atMs, headers) => void requests.push({ method, path, headers }),
      topicSubscribed: (stream, topic) => void topics.push(`${stream} ${topic}`),
    },
  });
  engine = await startQuietEngine(
    translateVenueFlag([
      '--venue',
      'paper',
      '--venue.restUrl',
      upstream.restUrl,
      '--venue.wsPublicUrl',
      upstream.wsPublicUrl,
      ...quickEntryArgs,
      '--strategy.maxHoldingMs',
      '3000',
      '--log.level',
      'warn',
    ]),
  );
}, 60_000);

afterAll(async () => {
  await engine?.stop('test over');
  await upstream?.close();
}, 60_000);

describe('--venue paper on an upstream', () => {
  it('trades the top coin on the relayed market with local fills, sending the upstream nothing private', async () => {
    const paper = engine.venue!;
    const symbol = await tickingSymbol(engine);
    expect(topics).toEqual(expect.arrayContaining([`public orderbook.50.${symbol}`, `public publicTrade.${symbol}`]));

    // A burst on the upstream's market reaches the engine through the relay and triggers an entry; the exit follows
    // by the maximum holding time. Both fill in the paper venue, against the relayed book.
    upstream.impulse(symbol, 1.5, 1_500, 3);
    await until(
      () => (paper.engine.orderHistory(paperApiKey, symbol).some((o) => o.reduceOnly && o.cumExecQty.gt(0)) ? true : undefined),
      'a round trip filled in the paper venue',
      30_000,
    );
    const filled = paper.engine.orderHistory(paperApiKey, symbol).filter((o) => o.cumExecQty.gt(0));
    expect(filled.some((o) => !o.reduceOnly)).toBe(true);

    expect(upstream.engine.orderHistory(paperApiKey, symbol)).toEqual([]);
    expect(requests.filter((r) => r.headers['x-bapi-sign'] !== undefined || r.headers['x-bapi-api-key'] !== undefined)).toEqual([]);
    expect(requests.every((r) => r.method === 'GET' && r.path.startsWith('/v5/market/'))).toBe(true);
    expect(upstream.stats().privateSockets).toBe(0);
    expect(topics.filter((t) => t.startsWith('private'))).toEqual([]);
  }, 60_000);

  it('resubscribes upstream after the upstream drops its socket, and ticks flow again', async () => {
    const symbol = String((await engine.supervisor.stats()).strategy['symbol']);
    const subscribes = (): number => topics.filter((t) => t === `public publicTrade.${symbol}`).length;
    const before = subscribes();
    upstream.setFault('dropPublicEverySec=1');
    await until(() => (subscribes() > before ? true : undefined), 'the upstream resubscribe', 10_000);
    upstream.setFault('dropPublicEverySec=0');
    const ticks = Number((await engine.supervisor.stats()).strategy['ticks']);
    await until(
      async () => (Number((await engine.supervisor.stats()).strategy['ticks']) > ticks + 10 ? true : undefined),
      'ticks after the drop',
      10_000,
    );
  }, 30_000);

  it('shows an upstream stall to the engine as a stalled feed, as Bybit going quiet would, and recovers after it', async () => {
    const feedState = async (): Promise<string> => String((await engine.supervisor.stats()).strategy['feedState']);
    await until(async () => ((await feedState()) === 'live' ? true : undefined), 'the feed to be live');
    // Half-open: the upstream keeps its socket but sends nothing and answers no ping.
    const stallEndsAt = Date.now() + 12_000;
    upstream.setFault('stallSec=12');
    await until(async () => ((await feedState()) !== 'live' ? true : undefined), 'the engine to see the feed stalled', 12_000);
    // And it stays stalled while the upstream is quiet: the venue sends nothing of its own meanwhile, not even when
    // market-data resubscribes the silent book.
    const seen: string[] = [];
    while (Date.now() < stallEndsAt - 1_500) {
      seen.push(`${stallEndsAt - Date.now()} ${await feedState()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(seen.filter((s) => s.endsWith(' live'))).toEqual([]);
    await until(async () => ((await feedState()) === 'live' ? true : undefined), 'the feed live again after the stall', 40_000);
  }, 60_000);
});
