// Per-symbol index of what a public trade can set off (venue thread): resting limit orders in price-time priority
// and position stop losses, as plain integers in the book's scale. onTrade runs for every simulated trade, so the
// common case (nothing crossed) is a few integer comparisons with no allocation.

import type { Side } from './trading-types.js';

export interface RestingEntry {
  readonly apiKey: string;
  readonly orderId: string;
  readonly side: Side;
  readonly priceRaw: number;
}

export interface StopEntry {
  readonly apiKey: string;
  /** The position's side: a long (Buy) stops out at or below its stop, a short at or above. */
  readonly side: Side;
  readonly stopRaw: number;
}

export class SymbolTriggers {
  /** NaN until the symbol's first trade. */
  lastPriceRaw = Number.NaN;
  /** Highest price first, then arrival. */
  readonly buys: RestingEntry[] = [];
  /** Lowest price first, then arrival. */
  readonly sells: RestingEntry[] = [];
  readonly stops: StopEntry[] = [];

  addResting(entry: RestingEntry): void {
    const list = entry.side === 'Buy' ? this.buys : this.sells;
    const worse = (other: RestingEntry) => (entry.side === 'Buy' ? other.priceRaw < entry.priceRaw : other.priceRaw > entry.priceRaw);
    let index = list.findIndex(worse);
    if (index < 0) index = list.length;
    list.splice(index, 0, entry);
  }

  removeResting(side: Side, orderId: string): void {
    const list = side === 'Buy' ? this.buys : this.sells;
    const index = list.findIndex((entry) => entry.orderId === orderId);
    if (index >= 0) list.splice(index, 1);
  }

  /** One stop per account (one-way mode); null removes it. */
  setStop(apiKey: string, side: Side | null, stopRaw: number | null): void {
    const index = this.stops.findIndex((entry) => entry.apiKey === apiKey);
    if (index >= 0) this.stops.splice(index, 1);
    if (side !== null && stopRaw !== null) this.stops.push({ apiKey, side, stopRaw });
  }

  /** A resting Buy fills when a trade prints at or below its price. */
  buysCrossedBy(priceRaw: number): boolean {
    const best = this.buys[0];
    return best !== undefined && priceRaw <= best.priceRaw;
  }

  /** A resting Sell fills when a trade prints at or above its price. */
  sellsCrossedBy(priceRaw: number): boolean {
    const best = this.sells[0];
    return best !== undefined && priceRaw >= best.priceRaw;
  }

  stopsHitBy(priceRaw: number): boolean {
    for (let i = 0; i < this.stops.length; i++) {
      const stop = this.stops[i];
      if (stop !== undefined && isStopHit(stop, priceRaw)) return true;
    }
    return false;
  }
}

export function isStopHit(stop: StopEntry, priceRaw: number): boolean {
  return stop.side === 'Buy' ? priceRaw <= stop.stopRaw : priceRaw >= stop.stopRaw;
}
