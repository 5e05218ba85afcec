// Test support (Jest thread): an embedded venue for engine processes a test SIGKILLs and restarts. It notes the coin
// the engine subscribes, and gives the turnover floor halfway between its two largest coins: with it as
// scanner.minTurnover24hUsd only one coin passes, so no scan moves the engine off the coin a test pushes.

import { startVenue, type RunningVenue } from '@scalper/sim-venue';

export interface TopCoinVenue {
  readonly venue: RunningVenue;
  /** The symbol of the last publicTrade topic subscribed, or null before the first. */
  readonly tradedSymbol: () => string | null;
  /** For --scanner.minTurnover24hUsd. */
  readonly turnoverFloor: string;
}

export async function startTopCoinVenue(seed: number): Promise<TopCoinVenue> {
  let traded: string | null = null;
  const venue = await startVenue({
    seed,
    market: 'calm',
    tradesPerSecondPerSymbol: 60,
    probe: { topicSubscribed: (_stream, topic) => void (topic.startsWith('publicTrade.') && (traded = topic.slice('publicTrade.'.length))) },
  });
  const tickers = (
    (await (await fetch(`${venue.restUrl}/v5/market/tickers?category=linear`)).json()) as { result: { list: { turnover24h: string }[] } }
  ).result.list;
  const [top, next] = tickers.map((t) => Number(t.turnover24h)).sort((a, b) => b - a);
  return { venue, tradedSymbol: () => traded, turnoverFloor: String(Math.round(((top ?? 0) + (next ?? 0)) / 2)) };
}
