// Tests of the embedded venue without sockets (backtest thread): InProcessVenue reached by the real Bybit REST client
// through venue.http, signed reads, Bybit's refusal of a bad signature, fills against the replayed book and trades.

import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { BybitApiError, BybitRestClient, BybitRestTransport, classifyWsFrame, type PrivateFrame } from '@scalper/bybit';
import { toDecimalString, toSymbol, type OrderRequest } from '@scalper/protocol';
import { instrumentCatalog, type InstrumentSpec } from '@scalper/sim-venue';
import type { FillRecord } from '../core/backtest-types.js';
import { bookFrame, tradeFrame } from '../test-support/bybit-frames.js';
import { BacktestMarket } from './backtest-market.js';
import { InProcessVenue } from './in-process-venue.js';

const btc = instrumentCatalog.find((s) => s.symbol === 'BTCUSDT') as InstrumentSpec;
const key = { apiKey: 'IN-PROCESS-KEY', apiSecret: 'IN-PROCESS-SECRET' };
const takerFeeRate = '0.00055';
const makerFeeRate = '0.0002';

/** A venue on a replay clock, with a client signing as `credentials`, and everything the venue handed out. */
function setup(credentials = key) {
  const clock = { nowMs: 1_700_000_000_000 };
  const now = (): number => clock.nowMs;
  const market = new BacktestMarket({ slippageBps: 10, specs: [btc] });
  const frames: string[] = [];
  const fills: FillRecord[] = [];
  const venue = new InProcessVenue({
    market,
    ...key,
    startingBalance: '10000',
    makerFeeRate,
    takerFeeRate,
    seed: 5,
    now,
    onPrivateFrame: (text) => frames.push(text),
    onFill: (fill) => fills.push(fill),
  });
  const transport = new BybitRestTransport({
    baseUrl: 'http://in-process.invalid',
    credentials,
    http: venue.http,
    now,
    maxRetries: 0,
    sleep: () => Promise.resolve(),
  });
  const client = new BybitRestClient(transport);
  // The documented top of book: 16493.50 bid for 0.006, 16611.00 ask for 0.029.
  market.ingestBook(bookFrame({ symbol: 'BTCUSDT', bids: [['16493.50', '0.006']], asks: [['16611.00', '0.029']] }));
  return { clock, market, venue, client, frames, fills };
}

/** A BTCUSDT order as the execution core sends it (one-way mode, not reduce-only). */
function order(
  fields: { orderLinkId: string; side: 'Buy' | 'Sell'; orderType: 'Market' | 'Limit'; qty: string; price?: string },
  nowMs: number,
): OrderRequest {
  return {
    orderLinkId: fields.orderLinkId,
    symbol: toSymbol('BTCUSDT'),
    side: fields.side,
    orderType: fields.orderType,
    timeInForce: fields.orderType === 'Market' ? 'IOC' : 'GTC',
    qty: toDecimalString(fields.qty),
    ...(fields.price === undefined ? {} : { price: toDecimalString(fields.price) }),
    reduceOnly: false,
    tsCreatedMs: nowMs,
  };
}

function classifiedPrivate(frames: readonly string[]): PrivateFrame[] {
  return frames.map((text) => {
    const frame = classifyWsFrame(text);
    if (frame.kind !== 'order' && frame.kind !== 'execution' && frame.kind !== 'position' && frame.kind !== 'wallet') {
      throw new Error(`not a private frame: ${frame.kind} ${text.slice(0, 200)}`);
    }
    return frame;
  });
}

describe('InProcessVenue', () => {
  it('answers a signed wallet-balance read with the starting balance', async () => {
    const { client } = setup();
    const wallet = await client.walletBalance('UNIFIED');
    expect(wallet.refused).toEqual([]);
    expect(wallet.items).toHaveLength(1);
    const usdt = wallet.items[0]?.coins.find((c) => c.coin === 'USDT');
    expect(new Big(usdt?.walletBalance ?? 'NaN').eq(10_000)).toBe(true);
  });

  it('refuses a request signed with the wrong secret with Bybit’s retCode 10004', async () => {
    const { client } = setup({ apiKey: key.apiKey, apiSecret: 'NOT-THE-SECRET' });
    const refusal = await client.walletBalance('UNIFIED').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(BybitApiError);
    expect((refusal as BybitApiError).retCode).toBe(10004);
    expect((refusal as BybitApiError).retMsg).toMatch(/^error sign!/);
  });

  it('refuses a key it does not know', async () => {
    const { client } = setup({ apiKey: 'SOMEONE-ELSE', apiSecret: key.apiSecret });
    const refusal = await client.walletBalance('UNIFIED').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(BybitApiError);
    expect((refusal as BybitApiError).retCode).toBe(10003);
  });

  it('fills a market order against the replayed book and hands out order, execution and position frames', async () => {
    const { client, frames, fills, clock } = setup();
    const ack = await client.createOrder(order({ orderLinkId: 'bt-market-1', side: 'Buy', orderType: 'Market', qty: '0.010' }, clock.nowMs));
    expect(ack.orderLinkId).toBe('bt-market-1');
    const privateFrames = classifiedPrivate(frames);
    const kinds = privateFrames.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['order', 'execution', 'position']));
    for (const frame of privateFrames) expect(frame.creationTimeMs).toBe(clock.nowMs);
    const execution = privateFrames.find((f) => f.kind === 'execution')?.data[0] as Record<string, unknown>;
    expect(execution).toMatchObject({
      symbol: 'BTCUSDT',
      side: 'Buy',
      execPrice: '16611.00',
      execQty: '0.010',
      orderLinkId: 'bt-market-1',
      isMaker: false,
    });
    const position = privateFrames.find((f) => f.kind === 'position')?.data[0] as Record<string, unknown>;
    expect(position).toMatchObject({ symbol: 'BTCUSDT', side: 'Buy', size: '0.010' });

    // 16611.00 * 0.010 * 0.00055 = 0.0913605, exactly.
    expect(fills).toEqual([
      {
        tsMs: clock.nowMs,
        symbol: 'BTCUSDT',
        side: 'Buy',
        price: '16611.00',
        qty: '0.010',
        fee: execution['execFee'],
        isMaker: false,
        orderLinkId: 'bt-market-1',
      },
    ]);
    expect(new Big(fills[0]?.fee ?? 'NaN').eq('0.0913605')).toBe(true);
  });

  it('walks a market order past the recorded level into the slippage level', async () => {
    const { client, fills, clock } = setup();
    await client.createOrder(order({ orderLinkId: 'bt-market-deep', side: 'Sell', orderType: 'Market', qty: '0.010' }, clock.nowMs));
    // 0.006 at the recorded 16493.50, the other 0.004 at 16493.50 * (1 - 0.001) down to the tick: 16477.00.
    expect(fills.map((f) => [f.side, f.price, f.qty])).toEqual([
      ['Sell', '16493.50', '0.006'],
      ['Sell', '16477.00', '0.004'],
    ]);
  });

  it('fills a resting limit order as a maker when a trade prints through its price, not before', async () => {
    const { client, market, venue, frames, fills, clock } = setup();
    await client.createOrder(order({ orderLinkId: 'bt-limit-1', side: 'Buy', orderType: 'Limit', qty: '0.010', price: '16500.00' }, clock.nowMs));
    expect(fills).toEqual([]);
    // The order is acknowledged on the stream (and its margin shows in the wallet); nothing executed.
    const restingKinds = classifiedPrivate(frames).map((f) => f.kind);
    expect(restingKinds).toContain('order');
    expect(restingKinds).not.toContain('execution');
    frames.length = 0;

    clock.nowMs += 1_000;
    venue.onTrades(market.ingestTrades(tradeFrame('BTCUSDT', [{ p: '16500.10', v: '1.000', S: 'Sell', i: 't1' }]), clock.nowMs));
    expect(fills).toEqual([]);
    expect(frames).toEqual([]);

    clock.nowMs += 1_000;
    venue.onTrades(market.ingestTrades(tradeFrame('BTCUSDT', [{ p: '16499.00', v: '1.000', S: 'Sell', i: 't2' }]), clock.nowMs));
    // A maker fills at its own price: 16500.00 * 0.010 * 0.0002 = 0.033.
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ tsMs: clock.nowMs, side: 'Buy', price: '16500.00', qty: '0.010', isMaker: true, orderLinkId: 'bt-limit-1' });
    expect(new Big(fills[0]?.fee ?? 'NaN').eq('0.033')).toBe(true);
    expect(classifiedPrivate(frames).map((f) => f.kind)).toEqual(expect.arrayContaining(['order', 'execution', 'position']));
  });

  it('lets trades of a symbol without orders pass the matching engine by', async () => {
    const { market, venue, frames, fills, clock } = setup();
    venue.onTrades(market.ingestTrades(tradeFrame('BTCUSDT', [{ p: '10000.00', v: '5.000', S: 'Sell' }]), clock.nowMs));
    expect(frames).toEqual([]);
    expect(fills).toEqual([]);
  });
});
