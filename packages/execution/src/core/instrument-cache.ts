// The instrument rules of each traded symbol (execution thread): fetched from instruments-info once per symbol,
// shared by concurrent callers, and refreshed after a while so a status change (Trading -> Settling) is seen.

import { parseInstrumentRules, type BybitRestClient, type InstrumentRules } from '@scalper/bybit';
import type { Symbol } from '@scalper/protocol';
import type { ExecutionEnvironment } from './execution-environment.js';
import type { RetryingReads } from './retrying-reads.js';

/** The venue does not list the symbol (or lists it malformed): an order for it can only be refused. */
export class UnknownInstrumentError extends Error {
  override readonly name = 'UnknownInstrumentError';
}

interface Entry {
  readonly rules: InstrumentRules;
  readonly fetchedAtMs: number;
}

export class InstrumentCache {
  private readonly entries = new Map<Symbol, Entry>();
  private readonly pending = new Map<Symbol, Promise<InstrumentRules>>();

  constructor(
    private readonly client: BybitRestClient,
    private readonly reads: RetryingReads,
    private readonly env: ExecutionEnvironment,
    private readonly maxAgeMs: number,
  ) {}

  /** Rules known from elsewhere (a backtest's catalogue, a test's edited filters); they age like fetched ones. */
  put(rules: InstrumentRules): void {
    this.entries.set(rules.symbol, { rules, fetchedAtMs: this.env.now() });
  }

  /** Throws UnknownInstrumentError when the venue has no such symbol; venue errors pass through after retries. */
  async rulesFor(symbol: Symbol): Promise<InstrumentRules> {
    const entry = this.entries.get(symbol);
    if (entry !== undefined && this.env.now() - entry.fetchedAtMs < this.maxAgeMs) return entry.rules;
    const inFlight = this.pending.get(symbol);
    if (inFlight !== undefined) return inFlight;
    const fetching = this.fetch(symbol).finally(() => this.pending.delete(symbol));
    this.pending.set(symbol, fetching);
    return fetching;
  }

  private async fetch(symbol: Symbol): Promise<InstrumentRules> {
    const items = await this.reads.call('instruments-info', () => this.client.linearInstruments({ symbol }));
    for (const item of items) {
      const parsed = parseInstrumentRules(item);
      if (!parsed.ok) {
        if ((item as { symbol?: unknown } | null)?.symbol === symbol) throw new UnknownInstrumentError(parsed.reason);
        continue;
      }
      if (parsed.value.symbol !== symbol) continue;
      this.put(parsed.value);
      return parsed.value;
    }
    throw new UnknownInstrumentError(`instruments-info lists no linear instrument ${symbol}`);
  }
}
