// Tests of the execution runtime (Jest thread) against the embedded venue: account set-up before a symbol's first
// order (a refusal denied with the venue's reason), the session's trips from the fills it forwards, the kill switch's
// halt and flatten, and a stop that cancels and closes (or only cancels) every symbol.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BybitWsConnection, type HttpAnswer } from '@scalper/bybit';
import { paperApiKey, paperApiSecret, type RunningVenue } from '@scalper/sim-venue';
import { toSymbol, wallClock } from '@scalper/protocol';
import { ExecutionService, type ExecutionServiceConfig, type ExecutionToStrategy } from './execution-service.js';
import { limitOrder, marketOrder, placeMessage } from './test-support/orders.js';
import { serviceSettings, valuedMarketOrder as valuedMarketOrderOn } from './test-support/service-settings.js';
import { MemoryLogger, waitUntil } from './test-support/test-host.js';
import {
  clientFor,
  rateLimitedAnswer,
  serviceUnavailableAnswer,
  startTestVenue,
  venuePositionSize,
  WatchedHttp,
  type SeenRequest,
} from './test-support/venue-harness.js';

const settings = serviceSettings;

/** Retries that back off 0.75-1.5 s then 1.5-3 s: an entry meeting a 10006 stays in flight long enough to overtake. */
const slowRetries = (): ExecutionServiceConfig => ({
  ...settings(),
  execution: { ...settings().execution, maxRetries: 2, retryBaseDelayMs: 1_500, retryMaxDelayMs: 3_000 },
});

/** The venue answers every create of `orderLinkId` with 10006 (it never lands); other requests go through. */
const rateLimitedCreatesOf =
  (orderLinkId: string) =>
  (request: SeenRequest): HttpAnswer | null =>
    request.path === '/v5/order/create' && request.body?.includes(orderLinkId) === true ? rateLimitedAnswer() : null;

let venue: RunningVenue;

const valuedMarketOrder = (symbol: string, side: 'Buy' | 'Sell', qty: string) => valuedMarketOrderOn(venue, symbol, side, qty);
const streams: BybitWsConnection[] = [];

beforeAll(async () => {
  venue = await startTestVenue();
});

afterAll(async () => {
  for (const stream of streams) await stream.close();
  await venue.close();
});

/** A service on the paper account with its private stream, as the worker wires it. */
async function serviceFor(config: ExecutionServiceConfig, http: WatchedHttp = new WatchedHttp()) {
  const toStrategy: ExecutionToStrategy[] = [];
  const logger = new MemoryLogger();
  const service = new ExecutionService(config, {
    client: clientFor(venue, http.send),
    clock: wallClock(),
    logger,
    toStrategy: (messages) => void toStrategy.push(...messages),
  });
  await service.start();
  const stream = new BybitWsConnection(
    { url: venue.wsPrivateUrl, name: 'private', auth: { apiKey: paperApiKey, apiSecret: paperApiSecret } },
    { onFrame: (frame) => service.onPrivateFrame(frame) },
  );
  streams.push(stream);
  await stream.connect();
  await stream.subscribe(['order', 'execution', 'position']);
  return { service, toStrategy, logger };
}

describe('ExecutionService', () => {
  it("denies an order whose account set-up the venue refuses, with the venue's reason, and sends nothing", async () => {
    const { service, toStrategy } = await serviceFor(settings({ leverage: '1000' }));
    const order = marketOrder('ADAUSDT', 'Buy', '100');
    await service.submit(placeMessage(order));
    const denied = toStrategy.find((m) => m.type === 'OrderDenied');
    expect(denied).toMatchObject({ type: 'OrderDenied', orderLinkId: order.orderLinkId });
    expect(denied?.type === 'OrderDenied' ? denied.reason : '').toMatch(/^account set-up failed: .*leverage/i);
    expect(venue.engine.orderHistory(paperApiKey, 'ADAUSDT')).toEqual([]);
    await service.stop('test over');
  });

  it('logs an entry refused before sending at warn, not error: it is routine under faults, unlike a venue failure', async () => {
    const { service, logger, toStrategy } = await serviceFor(settings());
    await service.submit(placeMessage(marketOrder('BTCUSDT', 'Buy', '0.0004'))); // below the minimum quantity
    expect(toStrategy.at(-1)).toMatchObject({ type: 'OrderDenied' });
    expect(logger.messages('warn')).toContain('execution outcome');
    expect(logger.messages('error')).toEqual([]);
    await service.stop('test over');
  });

  it('tells a restarted strategy the halt in force, and cancels the entries its previous life left resting', async () => {
    const { service, toStrategy } = await serviceFor(settings());
    const symbol = toSymbol('NEARUSDT');
    const bid = (venue.market.bestBid(symbol)?.priceRaw ?? 0) / 10 ** (venue.market.instrument(symbol)?.priceDecimals ?? 0);
    await service.submit(placeMessage(limitOrder('NEARUSDT', 'Buy', '10', (bid * 0.9).toFixed(3))));
    expect(venue.engine.openOrders(paperApiKey, symbol)).toHaveLength(1);
    // Execution's own start: nothing of strategy's is cancelled.
    service.strategyConnected(false);
    expect(venue.engine.openOrders(paperApiKey, symbol)).toHaveLength(1);
    // Strategy restarted: it no longer knows that entry, which nothing would time out.
    service.strategyConnected(true);
    await waitUntil(() => venue.engine.openOrders(paperApiKey, symbol).length === 0, 'the forgotten entry to be cancelled');
    await service.halt('kill switch: test');
    toStrategy.length = 0;
    service.strategyConnected(true);
    expect(toStrategy).toContainEqual({ type: 'TradingHalted', reason: 'kill switch: test', untilMs: null, tsEventMs: expect.any(Number) });
    await service.stop('test over');
  });

  it('halts for good: strategy hears TradingHalted, the resting order is cancelled and the position closed', async () => {
    const { service, toStrategy } = await serviceFor(settings());
    const symbol = toSymbol('DOTUSDT');
    await service.submit(placeMessage(valuedMarketOrder('DOTUSDT', 'Buy', '10')));
    const ask = (venue.market.bestAsk(symbol)?.priceRaw ?? 0) / 10 ** (venue.market.instrument(symbol)?.priceDecimals ?? 0);
    await service.submit(placeMessage(limitOrder('DOTUSDT', 'Buy', '10', (ask * 0.9).toFixed(3))));
    await waitUntil(() => service.stats()['sessionEntries'] === 1, 'the entry fill to reach the session');
    await service.halt('kill switch: test');
    expect(toStrategy.some((m) => m.type === 'TradingHalted' && m.reason === 'kill switch: test' && m.untilMs === null)).toBe(true);
    await waitUntil(
      () => venuePositionSize(venue, symbol) === '0' && venue.engine.openOrders(paperApiKey, symbol).length === 0,
      'DOTUSDT to be flat with nothing resting',
    );
    await waitUntil(() => service.stats()['sessionTrips'] === 1, 'the close to end the trip');
    expect(service.stats()).toMatchObject({ halted: 'kill switch: test', sessionExits_halt: 1 });
    await service.submit(placeMessage(valuedMarketOrder('DOTUSDT', 'Buy', '10')));
    expect(toStrategy.at(-1)).toMatchObject({ type: 'OrderDenied', reason: expect.stringContaining('kill switch: test') });
    await service.stop('test over');
  });

  it('closes by hand: the resting order is cancelled, the position closed, the trip named, and entries go on', async () => {
    const { service, toStrategy } = await serviceFor(settings());
    const symbol = toSymbol('SUIUSDT');
    await service.submit(placeMessage(valuedMarketOrder('SUIUSDT', 'Sell', '20')));
    const bid = (venue.market.bestBid(symbol)?.priceRaw ?? 0) / 10 ** (venue.market.instrument(symbol)?.priceDecimals ?? 0);
    await service.submit(placeMessage(limitOrder('SUIUSDT', 'Sell', '20', (bid * 1.1).toFixed(4))));
    await waitUntil(() => service.stats()['sessionEntries'] === 1, 'the entry fill to reach the session');
    await service.closeNow('close by hand from a test');
    await waitUntil(
      () => venuePositionSize(venue, symbol) === '0' && venue.engine.openOrders(paperApiKey, symbol).length === 0,
      'SUIUSDT to be flat with nothing resting',
    );
    await waitUntil(() => service.stats()['sessionTrips'] === 1, 'the close to end the trip');
    expect(service.stats()).toMatchObject({ halted: '', 'sessionExits_closed by hand': 1 });
    expect(toStrategy.some((m) => m.type === 'TradingHalted')).toBe(false);
    await service.submit(placeMessage(valuedMarketOrder('SUIUSDT', 'Sell', '20')));
    await waitUntil(() => venuePositionSize(venue, symbol) === '20', 'a new entry after the close');
    await service.stop('test over');
  });

  it('resumes after the kill switch: strategy hears it, entries pass again; with nothing to lift it says so', async () => {
    const { service, toStrategy } = await serviceFor(settings());
    expect(service.resumeTrading('resumed by hand from a test')).toEqual({ refusal: 'trading is not halted', haltedAgain: null });
    await service.halt('kill switch: test');
    expect(service.resumeTrading('resumed by hand from a test')).toEqual({ refusal: null, haltedAgain: null });
    expect(toStrategy.at(-1)).toMatchObject({ type: 'TradingResumed', reason: 'resumed by hand from a test' });
    expect(service.stats()['halted']).toBe('');
    await service.submit(placeMessage(valuedMarketOrder('WIFUSDT', 'Buy', '10')));
    await waitUntil(() => venuePositionSize(venue, toSymbol('WIFUSDT')) === '10', 'an entry after the resume');
    await service.stop('test over');
  });

  it('stops by cancelling and closing every symbol it traded, and counts the shutdown trip', async () => {
    const { service, logger } = await serviceFor(settings());
    const symbol = toSymbol('LINKUSDT');
    await service.submit(placeMessage(valuedMarketOrder('LINKUSDT', 'Sell', '2.0')));
    await waitUntil(() => venuePositionSize(venue, symbol) !== '0', 'the LINKUSDT short');
    await service.stop('test over');
    expect(venuePositionSize(venue, symbol)).toBe('0');
    expect(logger.messages('warn')).toEqual(expect.arrayContaining(['open orders cancelled on shutdown', 'position closed on shutdown']));
    expect(service.stats()).toMatchObject({ sessionTrips: 1, sessionExits_shutdown: 1 });
  });

  it('stops flat when the shutdown close fills only partly: it reads the venue again and closes the rest', async () => {
    const http = new WatchedHttp();
    const { service } = await serviceFor(settings(), http);
    const symbol = toSymbol('AVAXUSDT');
    await service.submit(placeMessage(valuedMarketOrder('AVAXUSDT', 'Buy', '4.0')));
    await waitUntil(() => venuePositionSize(venue, symbol) === '4', 'the AVAXUSDT long');
    // The first close meets a thin book: half fills, the venue cancels the rest.
    venue.setFault('partialCloseProbability=1');
    http.rewriteAnswer = (request, answer) => {
      if (request.path === '/v5/order/create') venue.setFault('partialCloseProbability=0');
      return answer;
    };
    await service.stop('test over');
    expect(venuePositionSize(venue, symbol)).toBe('0');
    const closes = http.requests.filter((request) => request.path === '/v5/order/create' && request.body?.includes('"reduceOnly":true') === true);
    expect(closes).toHaveLength(2);
  });

  it('runs a reconcile asked for while another runs once more after it, instead of dropping it', async () => {
    const http = new WatchedHttp();
    const { service } = await serviceFor(settings(), http);
    // A symbol it trades: each reconcile reads its open orders and position.
    await service.submit({ type: 'CancelAll', symbol: toSymbol('NEARUSDT'), reason: 'test' });
    await service.core.reconcile([toSymbol('NEARUSDT')]);
    const reads = (): number => http.requests.length;
    let before = reads();
    await service.reconcile();
    const perPass = reads() - before;
    expect(perPass).toBeGreaterThan(0);
    // A slow venue: the periodic reconcile is still reading when a reconnect asks for one, and then another.
    http.delayMs = () => 200;
    before = reads();
    await Promise.all([service.reconcile(), service.reconcile(), service.reconcile()]);
    expect(reads() - before).toBe(2 * perPass);
    await service.stop('test over');
  });

  it('stops with risk.closeOnShutdown false by cancelling only: the position stays', async () => {
    const { service, logger } = await serviceFor(settings({ closeOnShutdown: false }));
    const symbol = toSymbol('XRPUSDT');
    await service.submit(placeMessage(valuedMarketOrder('XRPUSDT', 'Buy', '100')));
    await waitUntil(() => venuePositionSize(venue, symbol) !== '0', 'the XRPUSDT long');
    await service.stop('test over');
    expect(venuePositionSize(venue, symbol)).toBe('100');
    expect(logger.messages('warn')).not.toContain('position closed on shutdown');
  });

  it('runs a close at once, past an entry backing off, and abandons the entries it overtakes unsent', async () => {
    const http = new WatchedHttp();
    const { service, toStrategy } = await serviceFor(slowRetries(), http);
    const symbol = toSymbol('SOLUSDT');
    await service.submit(placeMessage(valuedMarketOrder('SOLUSDT', 'Buy', '1.0')));
    await waitUntil(() => venuePositionSize(venue, symbol) !== '0', 'the SOLUSDT long');
    const stuck = valuedMarketOrder('SOLUSDT', 'Buy', '1.0');
    const queued = valuedMarketOrder('SOLUSDT', 'Buy', '1.0');
    // The venue answers the first add-on with 10006 (it never lands): the placer backs off 0.75-1.5 s.
    http.answerInstead = rateLimitedCreatesOf(stuck.orderLinkId);
    const finished: string[] = [];
    const stuckDone = service.submit(placeMessage(stuck)).then(() => void finished.push('stuck entry'));
    const queuedDone = service.submit(placeMessage(queued)).then(() => void finished.push('queued entry'));
    await waitUntil(() => http.count('/v5/order/create') >= 2, 'the add-on to meet the rate limit');
    await service.submit({ type: 'ClosePosition', symbol, orderLinkId: 'close-overtakes', reason: 'stop-loss' });
    finished.push('close');
    await Promise.all([stuckDone, queuedDone]);
    expect(finished).toEqual(['queued entry', 'close', 'stuck entry']);
    await waitUntil(() => venuePositionSize(venue, symbol) === '0', 'SOLUSDT to be flat');
    const denied = (id: string) => toStrategy.find((m) => m.type === 'OrderDenied' && m.orderLinkId === id);
    expect(denied(queued.orderLinkId)).toMatchObject({ reason: expect.stringContaining('a close of SOLUSDT arrived before it was sent') });
    expect(denied(stuck.orderLinkId)).toMatchObject({ reason: expect.stringContaining('abandoned') });
    expect(http.requests.filter((r) => r.path === '/v5/order/create' && r.body?.includes(queued.orderLinkId) === true)).toEqual([]);
    await service.stop('test over');
  });

  it('halts by abandoning the entry backing off and denying the queued ones first, then flattens', async () => {
    const http = new WatchedHttp();
    const { service, toStrategy } = await serviceFor(slowRetries(), http);
    const stuck = valuedMarketOrder('AVAXUSDT', 'Buy', '1.0');
    const queued = valuedMarketOrder('NEARUSDT', 'Buy', '1.0');
    http.answerInstead = rateLimitedCreatesOf(stuck.orderLinkId);
    const finished: string[] = [];
    const stuckDone = service.submit(placeMessage(stuck)).then(() => void finished.push('stuck entry'));
    const queuedDone = service.submit(placeMessage(queued)).then(() => void finished.push('queued entry'));
    await waitUntil(() => http.count('/v5/order/create') >= 1, 'the entry to meet the rate limit');
    await service.halt('kill switch: test');
    finished.push('halt');
    await Promise.all([stuckDone, queuedDone]);
    // The queued entry is denied at once; the halt then waits for the stuck one to give up (it is not resent), so a
    // second flatten pass would close anything it had opened.
    expect(finished).toEqual(['queued entry', 'stuck entry', 'halt']);
    const denied = (id: string) => toStrategy.find((m) => m.type === 'OrderDenied' && m.orderLinkId === id);
    expect(denied(queued.orderLinkId)).toMatchObject({ reason: expect.stringContaining('halted: kill switch: test') });
    expect(denied(stuck.orderLinkId)).toMatchObject({ reason: expect.stringContaining('abandoned') });
    expect(http.requests.filter((r) => r.path === '/v5/order/create' && r.body?.includes(queued.orderLinkId) === true)).toEqual([]);
    await service.stop('test over');
  });

  it('sets the account up for a symbol strategy now trades, before its first order, retrying a 503', async () => {
    const http = new WatchedHttp();
    let failures = 1;
    http.answerInstead = (request) => (request.path === '/v5/position/set-leverage' && failures-- > 0 ? serviceUnavailableAnswer() : null);
    const { service } = await serviceFor(settings(), http);
    await service.submit({ type: 'PrepareSymbol', symbol: toSymbol('INJUSDT') });
    expect(http.count('/v5/position/set-leverage')).toBe(2);
    expect(http.count('/v5/order/create')).toBe(0);
    // The first order finds the symbol ready: no second set-up on its path.
    await service.submit(placeMessage(valuedMarketOrder('INJUSDT', 'Buy', '1.0')));
    expect(http.count('/v5/position/set-leverage')).toBe(2);
    expect(http.count('/v5/order/create')).toBe(1);
    await service.stop('test over');
  });

  it('never sends an entry that a cancel of its symbol overtook while its account set-up was still running', async () => {
    const http = new WatchedHttp();
    // A slow venue: the set-up before the symbol's first order takes a while.
    http.delayMs = (request) => (request.path === '/v5/position/set-leverage' ? 400 : 0);
    const { service, toStrategy } = await serviceFor(settings(), http);
    const entry = valuedMarketOrder('TIAUSDT', 'Buy', '1.0');
    const entryDone = service.submit(placeMessage(entry));
    await waitUntil(() => http.count('/v5/position/set-leverage') >= 1, 'the set-up to start');
    await service.submit({ type: 'CancelAll', symbol: toSymbol('TIAUSDT'), reason: 'entry-timeout' });
    await entryDone;
    expect(http.requests.filter((r) => r.path === '/v5/order/create')).toEqual([]);
    expect(toStrategy).toContainEqual(
      expect.objectContaining({ type: 'OrderDenied', orderLinkId: entry.orderLinkId, reason: expect.stringContaining('abandoned before sending') }),
    );
    await service.stop('test over');
  });
});
