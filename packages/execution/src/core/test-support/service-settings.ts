// Test support (Jest thread): the ExecutionService settings of the service tests (fast retries, generous limits
// unless a test tightens one), and a Market order valued at the venue's touch as strategy would send it.

import type { RunningVenue } from '@scalper/sim-venue';
import { toDecimalString, type OrderRequest } from '@scalper/protocol';
import type { ExecutionServiceConfig } from '../execution-service.js';
import { marketOrder } from './orders.js';

export interface ServiceSettingsOverrides {
  readonly leverage?: string;
  readonly closeOnShutdown?: boolean;
  readonly maxDailyLossUsd?: string;
}

export function serviceSettings(overrides: ServiceSettingsOverrides = {}): ExecutionServiceConfig {
  return {
    strategy: { staleDataMs: 500 },
    execution: {
      orderEntry: 'rest',
      leverage: overrides.leverage ?? '5',
      maxRetries: 1,
      retryBaseDelayMs: 10,
      retryMaxDelayMs: 20,
      closeRetryBaseDelayMs: 10,
      reconcileIntervalMs: 60_000,
      maxEntryAgeMs: 60_000,
    },
    risk: {
      maxPositionNotionalUsd: '100000',
      maxDailyLossUsd: overrides.maxDailyLossUsd ?? '100000',
      maxOrdersPerMinute: 100,
      cooldownAfterStopMs: 0,
      killSwitchFile: '',
      closeOnShutdown: overrides.closeOnShutdown ?? true,
    },
  };
}

/** A Market order valued at the touch, as strategy sends it (the risk limits need a price to value it). */
export function valuedMarketOrder(venue: RunningVenue, symbol: string, side: 'Buy' | 'Sell', qty: string): OrderRequest {
  const spec = venue.market.instrument(symbol);
  const level = side === 'Buy' ? venue.market.bestAsk(symbol) : venue.market.bestBid(symbol);
  const price = ((level?.priceRaw ?? 0) / 10 ** (spec?.priceDecimals ?? 0)).toFixed(spec?.priceDecimals ?? 0);
  return marketOrder(symbol, side, qty, undefined, { referencePrice: toDecimalString(price) });
}
