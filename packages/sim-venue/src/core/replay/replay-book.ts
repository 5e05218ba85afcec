// One symbol's book rebuilt from recorded orderbook frames (venue thread): snapshots replace, deltas apply, size 0
// deletes; the changed levels since the last step are handed out as one BookChange with a consecutive updateId.

import { scaledIntegerOrNaN as raw } from '../market/decimal-scale.js';
import type { BookChange, BookLevel, BookView, InstrumentSpec } from '../venue-types.js';

function sortedLevels(side: ReadonlyMap<number, number>, descending: boolean): BookLevel[] {
  const levels = [...side].map(([priceRaw, sizeRaw]) => ({ priceRaw, sizeRaw }));
  return levels.sort((a, b) => (descending ? b.priceRaw - a.priceRaw : a.priceRaw - b.priceRaw));
}

export class ReplayBook {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private readonly changedBids = new Map<number, number>();
  private readonly changedAsks = new Map<number, number>();
  /** Not 1: u = 1 tells Bybit clients the venue restarted its book. */
  private updateId = 1_000;
  private cached: BookView | null = null;

  /** Applies one frame's levels; false (and nothing applied) when a level is not a [price, size] decimal pair. */
  apply(bidLevels: unknown, askLevels: unknown, replace: boolean, spec: InstrumentSpec): boolean {
    const parsedBids = this.parseLevels(bidLevels, spec);
    const parsedAsks = this.parseLevels(askLevels, spec);
    if (parsedBids === null || parsedAsks === null) return false;
    this.applySide(this.bids, this.changedBids, parsedBids, replace);
    this.applySide(this.asks, this.changedAsks, parsedAsks, replace);
    this.cached = null;
    return true;
  }

  /** The levels changed since the last call, as a BookChange when `publish`; the updateId moves on either way. */
  takeChange(symbol: string, nowMs: number, publish: boolean): BookChange | null {
    if (this.changedBids.size === 0 && this.changedAsks.size === 0) return null;
    this.updateId++;
    this.cached = null;
    const change: BookChange = {
      symbol,
      bids: [...this.changedBids].map(([priceRaw, sizeRaw]) => ({ priceRaw, sizeRaw })),
      asks: [...this.changedAsks].map(([priceRaw, sizeRaw]) => ({ priceRaw, sizeRaw })),
      updateId: this.updateId,
      tsMs: nowMs,
    };
    this.changedBids.clear();
    this.changedAsks.clear();
    return publish ? change : null;
  }

  view(): BookView {
    this.cached ??= { bids: sortedLevels(this.bids, true), asks: sortedLevels(this.asks, false), updateId: this.updateId };
    return this.cached;
  }

  bestBid(): BookLevel | null {
    return this.view().bids[0] ?? null;
  }

  bestAsk(): BookLevel | null {
    return this.view().asks[0] ?? null;
  }

  midRaw(): number {
    const bid = this.bestBid();
    const ask = this.bestAsk();
    if (bid === null || ask === null) return bid?.priceRaw ?? ask?.priceRaw ?? 0;
    return Math.round((bid.priceRaw + ask.priceRaw) / 2);
  }

  private parseLevels(levels: unknown, spec: InstrumentSpec): [number, number][] | null {
    if (levels === undefined) return [];
    if (!Array.isArray(levels)) return null;
    const out: [number, number][] = [];
    for (const level of levels) {
      if (!Array.isArray(level)) return null;
      const price = raw(level[0], spec.priceDecimals);
      const size = raw(level[1], spec.sizeDecimals);
      if (!(price > 0) || !(size >= 0)) return null;
      out.push([price, size]);
    }
    return out;
  }

  private applySide(side: Map<number, number>, changed: Map<number, number>, levels: readonly [number, number][], replace: boolean): void {
    if (replace) {
      const incoming = new Set(levels.map(([price]) => price));
      for (const price of side.keys()) {
        if (!incoming.has(price)) {
          side.delete(price);
          changed.set(price, 0);
        }
      }
    }
    for (const [price, size] of levels) {
      if (size === 0) {
        if (side.delete(price)) changed.set(price, 0);
      } else if (side.get(price) !== size) {
        side.set(price, size);
        changed.set(price, size);
      }
    }
  }
}
