import { describe, expect, it } from '@jest/globals';
import { tradeUrlOf } from './trade-url.js';

describe('tradeUrlOf', () => {
  it("puts the trade API on the private stream's host, as Bybit's mainnet and testnet are laid out", () => {
    expect(tradeUrlOf('websocket', 'auto', 'wss://stream.bybit.com/v5/private')).toBe('wss://stream.bybit.com/v5/trade');
    expect(tradeUrlOf('websocket', 'auto', 'wss://stream-testnet.bybit.com/v5/private')).toBe('wss://stream-testnet.bybit.com/v5/trade');
    expect(tradeUrlOf('websocket', 'auto', 'ws://127.0.0.1:4100/v5/private')).toBe('ws://127.0.0.1:4100/v5/trade');
  });

  it('takes a URL given outright, none for REST only, and refuses to guess from a private URL of another shape', () => {
    expect(tradeUrlOf('websocket', 'wss://stream.bybit.kz/v5/trade', 'wss://stream.bybit.kz/v5/private')).toBe('wss://stream.bybit.kz/v5/trade');
    expect(tradeUrlOf('rest', 'auto', 'wss://stream.bybit.com/v5/private')).toBe('');
    expect(() => tradeUrlOf('websocket', 'auto', 'ws://127.0.0.1:4100/private')).toThrow(/set venue.wsTradeUrl/);
  });
});
