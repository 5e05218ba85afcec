// Test support (Jest thread): the embedded venue on 127.0.0.1 with a REST client on the paper account, whose
// transport never retries (the core's policy does) and whose HTTP calls can be watched or made to lose answers.

import {
  BybitRestClient,
  BybitRestTransport,
  createHttpSend,
  parseInstrumentRules,
  type HttpAnswer,
  type HttpSend,
  type InstrumentRules,
} from '@scalper/bybit';
import { afterAll, beforeAll } from '@jest/globals';
import { toSymbol, type Symbol } from '@scalper/protocol';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from '@scalper/sim-venue';
import { ExecutionCore, type ExecutionCoreOptions } from '../execution-core.js';
import { MemoryLogger, SkippingClock } from './test-host.js';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string | null;
  /** Date.now() as the transport handed the request over: when it went on the wire. */
  readonly atMs: number;
}

/** Wraps the real HTTP call: records every request, and loses the answer of the requests `loseAnswer` picks. */
export class WatchedHttp {
  readonly requests: SeenRequest[] = [];
  loseAnswer: ((request: SeenRequest) => boolean) | null = null;
  /** An answer given without reaching the venue (a refusal that never landed), or null to go through. */
  answerInstead: ((request: SeenRequest) => HttpAnswer | null) | null = null;
  /** Milliseconds the request waits before it reaches the venue (a slow venue), or 0. */
  delayMs: ((request: SeenRequest) => number) | null = null;
  /** Changes the venue's answer on its way back (headers a real venue might send). */
  rewriteAnswer: ((request: SeenRequest, answer: HttpAnswer) => HttpAnswer) | null = null;
  private readonly real = createHttpSend();

  readonly send: HttpSend = async (call) => {
    const request: SeenRequest = { method: call.method, path: new URL(call.url).pathname, body: call.body ?? null, atMs: Date.now() };
    this.requests.push(request);
    const instead = this.answerInstead?.(request) ?? null;
    if (instead !== null) return instead;
    const delay = this.delayMs?.(request) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const answer = await this.real(call);
    // The venue has acted on the request; only its answer goes missing, as when a connection drops mid-reply.
    if (this.loseAnswer?.(request) === true) throw new TypeError('other side closed');
    return this.rewriteAnswer?.(request, answer) ?? answer;
  };

  count(path: string): number {
    return this.requests.filter((request) => request.path === path).length;
  }
}

/** An answer given in the venue's place: a 10006 rate limit (the create never landed). */
export function rateLimitedAnswer(): HttpAnswer {
  const body = JSON.stringify({ retCode: 10006, retMsg: 'Too many visits!', result: {}, retExtInfo: {}, time: Date.now() });
  return { status: 200, headers: { get: () => null }, text: body };
}

/** An answer given in the venue's place: an HTTP 503 page. */
export function serviceUnavailableAnswer(): HttpAnswer {
  return { status: 503, headers: { get: () => null }, text: '<html>503 Service Temporarily Unavailable</html>' };
}

/** An execution core on the paper account behind a WatchedHttp, on a clock its fake sleep moves, with a logger that keeps its lines. */
export function coreOnVenue(venue: RunningVenue, options: Partial<ExecutionCoreOptions> = {}) {
  const watched = new WatchedHttp();
  const clock = new SkippingClock();
  const logger = new MemoryLogger();
  const core = new ExecutionCore({ client: clientFor(venue, watched.send), now: clock.now, sleep: clock.sleep, logger, ...options });
  return { watched, clock, logger, core };
}

export function startTestVenue(): Promise<RunningVenue> {
  return startVenue({ seed: 11, tradesPerSecondPerSymbol: 20, market: 'calm' });
}

/** The test venue of one test file: started before its tests, closed after them; call the getter inside a test. */
export function testVenueForFile(): () => RunningVenue {
  let venue: RunningVenue | null = null;
  beforeAll(async () => {
    venue = await startTestVenue();
  });
  afterAll(async () => {
    await venue?.close();
  });
  return () => {
    if (venue === null) throw new Error('the test venue is used outside a test');
    return venue;
  };
}

export function clientFor(venue: RunningVenue, http: HttpSend = createHttpSend()): BybitRestClient {
  return new BybitRestClient(
    new BybitRestTransport({
      baseUrl: venue.restUrl,
      credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret },
      maxRetries: 0,
      http,
    }),
  );
}

/** The venue's position size for the paper account, read from its matching engine (not through our code). */
export function venuePositionSize(venue: RunningVenue, symbol: Symbol): string {
  const spec = venue.market.instrument(symbol);
  if (spec === undefined) throw new Error(`venue has no ${symbol}`);
  return venue.engine.position(paperApiKey, spec, Date.now()).size.toFixed();
}

export async function rulesFromVenue(client: BybitRestClient, symbol: string): Promise<InstrumentRules> {
  const [item] = await client.linearInstruments({ symbol: toSymbol(symbol) });
  const parsed = parseInstrumentRules(item);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
