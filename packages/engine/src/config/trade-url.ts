// Where the WebSocket trade API is (main thread, at start): '' for REST only, the configured URL, or, for 'auto',
// the private stream's host with /v5/trade (how Bybit lays out mainnet and testnet, and how `pnpm venue` serves it).

import { ConfigError } from './config-error.js';

const privatePath = '/v5/private';

export function tradeUrlOf(orderEntry: 'websocket' | 'rest', wsTradeUrl: string, wsPrivateUrl: string): string {
  if (orderEntry === 'rest') return '';
  if (wsTradeUrl !== 'auto') return wsTradeUrl;
  const url = new URL(wsPrivateUrl);
  if (!url.pathname.endsWith(privatePath)) {
    throw new ConfigError(
      `venue.wsTradeUrl auto: the private stream's URL ${wsPrivateUrl} does not end in ${privatePath}, so the trade API's cannot be derived; set venue.wsTradeUrl (BYBIT_WS_TRADE_URL) or --execution.orderEntry rest`,
    );
  }
  url.pathname = `${url.pathname.slice(0, -privatePath.length)}/v5/trade`;
  return url.toString();
}
