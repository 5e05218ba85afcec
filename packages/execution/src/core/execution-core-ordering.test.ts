// The order in which strategy hears position reports (Jest thread): a report the core gathered earlier in a call (the
// reconcile before a symbol's first order says "flat") must not reach strategy after a newer one the private stream
// already delivered ("open"). Found by the backtest of a recorded live run, where the stream is never late.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BybitWsConnection, createHttpSend, type HttpSend } from '@scalper/bybit';
import { paperApiKey, paperApiSecret, type RunningVenue } from '@scalper/sim-venue';
import { ExecutionCore } from './execution-core.js';
import type { ExecutionFeedback } from './execution-feedback.js';
import { marketOrder, placeMessage } from './test-support/orders.js';
import { MemoryLogger, SkippingClock, waitUntil } from './test-support/test-host.js';
import { clientFor, startTestVenue } from './test-support/venue-harness.js';

let venue: RunningVenue;
let core: ExecutionCore;
let stream: BybitWsConnection;
const streamed: ExecutionFeedback[] = [];
const symbol = 'LINKUSDT';

const isOpen = (m: ExecutionFeedback): boolean => m.type === 'PositionUpdate' && m.position.symbol === symbol && m.position.size !== '0';

beforeAll(async () => {
  venue = await startTestVenue();
  const real = createHttpSend();
  // The venue's answer to the order is held until the private stream has told the core about the new position:
  // the stream overtakes the REST answer, as it can on any real connection.
  const http: HttpSend = async (call) => {
    const answer = await real(call);
    if (call.url.endsWith('/v5/order/create')) await waitUntil(() => streamed.some(isOpen), 'the stream to report the position');
    return answer;
  };
  const clock = new SkippingClock();
  core = new ExecutionCore({ client: clientFor(venue, http), now: clock.now, sleep: clock.sleep, logger: new MemoryLogger() });
  stream = new BybitWsConnection(
    { url: venue.wsPrivateUrl, name: 'private', auth: { apiKey: paperApiKey, apiSecret: paperApiSecret } },
    { onFrame: (frame) => streamed.push(...core.onPrivateFrame(frame)) },
  );
  await stream.connect();
  await stream.subscribe(['order', 'execution', 'position']);
});

afterAll(async () => {
  await stream.close();
  await venue.close();
});

describe('position reports from one call of the execution core', () => {
  it('leave out the reconcile\'s "flat" when the stream has already reported the position open', async () => {
    const { outcome, toStrategy } = await core.handle(placeMessage(marketOrder(symbol, 'Buy', '1.0')));
    expect(outcome.result.ok).toBe(true);
    const positions = toStrategy.filter((m) => m.type === 'PositionUpdate' && m.position.symbol === symbol);
    // Strategy heard "open" from the stream; a "flat" after it would make it think the position is gone.
    expect(positions.filter((m) => m.type === 'PositionUpdate' && m.position.size === '0')).toEqual([]);
    expect(core.knownPositions().find((p) => p.symbol === symbol)?.size).toBe('1.0');
  });
});
