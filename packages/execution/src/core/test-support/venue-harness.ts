// Test support (Jest thread): the embedded venue on 127.0.0.1 with a REST client on the paper account, whose
// transport never retries (the core's policy does) and whose fetch can be watched or made to lose answers.

import { BybitRestClient, BybitRestTransport, parseInstrumentRules, type InstrumentRules } from '@scalper/bybit';
import { toSymbol, type Symbol } from '@scalper/protocol';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from '@scalper/sim-venue';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string | null;
}

/** Wraps global fetch: records every request, and loses the answer of the requests `loseAnswer` picks. */
export class WatchedFetch {
  readonly requests: SeenRequest[] = [];
  loseAnswer: ((request: SeenRequest) => boolean) | null = null;

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const request: SeenRequest = { method: init?.method ?? 'GET', path: url.pathname, body: typeof init?.body === 'string' ? init.body : null };
    this.requests.push(request);
    const response = await fetch(input, init);
    if (this.loseAnswer?.(request) === true) {
      // The venue has acted on the request; only its answer goes missing, as when a connection drops mid-reply.
      await response.text();
      throw new TypeError('fetch failed');
    }
    return response;
  };

  count(path: string): number {
    return this.requests.filter((request) => request.path === path).length;
  }
}

export function startTestVenue(): Promise<RunningVenue> {
  return startVenue({ seed: 11, tradesPerSecondPerSymbol: 20 });
}

export function clientFor(venue: RunningVenue, fetchImpl: typeof fetch = fetch): BybitRestClient {
  return new BybitRestClient(
    new BybitRestTransport({
      baseUrl: venue.restUrl,
      credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret },
      maxRetries: 0,
      fetch: fetchImpl,
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
