import { describe, expect, it } from '@jest/globals';
import { BybitApiError, BybitTransportError, WsTradeNotSentError, type OrderAck } from '@scalper/bybit';
import { toDecimalString as d, toSymbol, type OrderRequest } from '@scalper/protocol';
import { silentLogger } from './execution-environment.js';
import { ExecutionCounters } from './execution-counters.js';
import { RoutedOrderEntry, type OrderEntry, type TradeSocketEntry } from './order-entry.js';

const order: OrderRequest = {
  symbol: toSymbol('BTCUSDT'),
  side: 'Buy',
  orderType: 'Market',
  qty: d('0.001'),
  timeInForce: 'IOC',
  reduceOnly: false,
  orderLinkId: 'entry-1',
  tsCreatedMs: 0,
} as OrderRequest;

function harness(open: boolean, tradeAnswer: () => Promise<OrderAck>) {
  const calls: string[] = [];
  const rest: OrderEntry = {
    createOrder: async (o) => {
      calls.push(`rest ${o.orderLinkId}`);
      return { orderId: 'rest-id', orderLinkId: o.orderLinkId };
    },
    createOrderHoldMs: () => 7,
  };
  const trade: TradeSocketEntry & { restarts: number } = {
    isOpen: open,
    restarts: 0,
    createOrder: async (o) => {
      calls.push(`ws ${o.orderLinkId}`);
      return tradeAnswer();
    },
    restart() {
      this.restarts++;
    },
  };
  const counters = new ExecutionCounters();
  return { entry: new RoutedOrderEntry(rest, trade, silentLogger, counters), calls, trade, counters };
}

describe('RoutedOrderEntry', () => {
  it('sends over the trade API while its socket is open, and over REST while it is not', async () => {
    const up = harness(true, async () => ({ orderId: 'ws-id', orderLinkId: 'entry-1' }));
    await expect(up.entry.createOrder(order)).resolves.toEqual({ orderId: 'ws-id', orderLinkId: 'entry-1' });
    expect(up.calls).toEqual(['ws entry-1']);
    expect(up.counters.snapshot()).toMatchObject({ createsViaWebSocket: 1, createsViaRest: 0 });
    const down = harness(false, async () => ({ orderId: 'ws-id', orderLinkId: 'entry-1' }));
    await expect(down.entry.createOrder(order)).resolves.toMatchObject({ orderId: 'rest-id' });
    expect(down.calls).toEqual(['rest entry-1']);
    expect(down.entry.createOrderHoldMs()).toBe(7);
  });

  it('sends over REST at once what the trade API did not take (10019 with a new connection, 10002, not sent)', async () => {
    const restarting = harness(true, async () => {
      throw new BybitApiError({ httpStatus: 200, retCode: 10019, retMsg: 'ws trade service is restarting', endpoint: 'ws order.create' });
    });
    await expect(restarting.entry.createOrder(order)).resolves.toMatchObject({ orderId: 'rest-id' });
    expect(restarting.calls).toEqual(['ws entry-1', 'rest entry-1']);
    expect(restarting.trade.restarts).toBe(1);
    expect(restarting.counters.snapshot()).toMatchObject({ tradeApiFallbacks: 1, createsViaRest: 1 });
    for (const error of [
      new BybitApiError({ httpStatus: 200, retCode: 10002, retMsg: 'timestamp', endpoint: 'ws order.create' }),
      new WsTradeNotSentError('not sent'),
    ]) {
      const h = harness(true, async () => Promise.reject(error));
      await expect(h.entry.createOrder(order)).resolves.toMatchObject({ orderId: 'rest-id' });
      expect(h.trade.restarts).toBe(0);
    }
  });

  it('never resends on its own what may have landed, nor what the venue refused: the placer looks it up or gives up', async () => {
    for (const error of [
      new BybitTransportError('timeout', 'ws order.create', 'no answer'),
      new BybitTransportError('network', 'ws order.create', 'trade socket reconnecting before the answer'),
      new BybitApiError({ httpStatus: 200, retCode: 110072, retMsg: 'OrderLinkedID is duplicate', endpoint: 'ws order.create' }),
      new BybitApiError({ httpStatus: 200, retCode: 110007, retMsg: 'insufficient balance', endpoint: 'ws order.create' }),
    ]) {
      const h = harness(true, async () => Promise.reject(error));
      await expect(h.entry.createOrder(order)).rejects.toBe(error);
      expect(h.calls).toEqual(['ws entry-1']);
      // A create left unanswered means the socket is not to be trusted: a new one, and REST until it is open.
      expect(h.trade.restarts).toBe(error instanceof BybitTransportError && error.failure === 'timeout' ? 1 : 0);
    }
  });
});
