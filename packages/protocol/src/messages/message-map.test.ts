import { describe, expect, it } from '@jest/globals';
import { MessageChannel } from 'node:worker_threads';
import { toDecimalString } from '../domain/decimal-string.js';
import { toSymbol } from '../domain/symbol.js';
import type { ExecutionMessage, ExecutionPayloads } from './execution-message.js';
import { dispatch, portTo, send, type MessageHandlers } from './message-map.js';
import type { StrategyPayloads } from './strategy-message.js';

const symbol = toSymbol('BTCUSDT');

function nextMessage(port: import('node:worker_threads').MessagePort): Promise<unknown> {
  return new Promise((resolve) => port.once('message', resolve));
}

describe('typed send and dispatch over a real MessagePort', () => {
  it('delivers a discriminated message with exact decimal strings', async () => {
    const { port1, port2 } = new MessageChannel();
    const toExecution = portTo<ExecutionPayloads>(port1);
    const received = nextMessage(port2);
    send(toExecution, 'PlaceOrder', {
      order: {
        orderLinkId: 'scalp-1',
        symbol,
        side: 'Buy',
        orderType: 'Limit',
        timeInForce: 'PostOnly',
        qty: toDecimalString('0.001'),
        price: toDecimalString('30000.10'),
        reduceOnly: false,
        tsCreatedMs: 1_700_000_000_000,
      },
    });
    const message = (await received) as ExecutionMessage;
    port1.close();
    expect(message.type).toBe('PlaceOrder');
    expect(message.type === 'PlaceOrder' && message.order.price).toBe('30000.10');
  });

  it('routes each type to its handler and reports anything else as unknown instead of throwing', () => {
    const seen: string[] = [];
    const handlers: MessageHandlers<ExecutionPayloads> = {
      PlaceOrder: (m) => seen.push(`place ${m.order.orderLinkId}`),
      ClosePosition: (m) => seen.push(`close ${m.symbol} ${m.reason}`),
      CancelAll: (m) => seen.push(`cancel ${m.symbol}`),
      PrepareSymbol: (m) => seen.push(`prepare ${m.symbol}`),
    };
    expect(dispatch(handlers, { type: 'ClosePosition', symbol, orderLinkId: 'c-1', reason: 'symbol changed' })).toBe('handled');
    expect(dispatch(handlers, { type: 'CancelAll', symbol, reason: 'stop' })).toBe('handled');
    for (const bad of [null, undefined, 42, 'PlaceOrder', {}, { type: 7 }, { type: 'toString' }, { type: 'Nope' }]) {
      expect(dispatch(handlers, bad)).toBe('unknown');
    }
    expect(seen).toEqual(['close BTCUSDT symbol changed', 'cancel BTCUSDT']);
  });

  it('rejects wrong payloads and wrong receivers at compile time', () => {
    const { port1 } = new MessageChannel();
    const toStrategy = portTo<StrategyPayloads>(port1);
    const toExecution = portTo<ExecutionPayloads>(port1);
    // These lines are checked by tsc when the tests build; they never run.
    const neverCalled = (): void => {
      // @ts-expect-error PlaceOrder is not a strategy message
      send(toStrategy, 'PlaceOrder', { order: {} });
      // @ts-expect-error a reason is required
      send(toExecution, 'CancelAll', { symbol });
      // @ts-expect-error prices cross threads as decimal strings, never numbers
      send(toStrategy, 'OrderDenied', { orderLinkId: 'x', reason: 1, tsEventMs: 0 });
    };
    port1.close();
    expect(typeof neverCalled).toBe('function');
  });
});
