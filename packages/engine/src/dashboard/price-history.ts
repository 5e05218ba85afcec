// The traded symbol's recent prices for the dashboard's chart (main thread): one point a second at most, sampled
// from strategy's last trade price at each dashboard update (never per tick), a bounded window, and what is new
// since the last update so open pages get increments. A symbol switch starts the chart over.

import type { PricePoint } from '@scalper/dashboard-ui/snapshot';

/** 30 minutes of one-second points. */
const defaultCapacity = 1_800;

export class PriceHistory {
  private points: PricePoint[] = [];
  private fresh: PricePoint[] = [];
  private symbol: string | null = null;
  private startedOver = false;

  constructor(private readonly capacity = defaultCapacity) {}

  /** The symbol's last price at `nowMs`; a second already sampled is updated in place (the chart does the same). */
  sample(symbol: string | null, price: number | null, nowMs: number): void {
    if (symbol !== this.symbol) {
      this.symbol = symbol;
      this.points = [];
      this.fresh = [];
      this.startedOver = true;
    }
    if (symbol === null || price === null || !Number.isFinite(price) || price <= 0) return;
    const point: PricePoint = { time: Math.floor(nowMs / 1_000), price };
    const last = this.points.at(-1);
    if (last !== undefined && last.time >= point.time) {
      if (last.time > point.time) return; // the clock stepped back: keep the chart ascending
      this.points[this.points.length - 1] = point;
      if (this.fresh.at(-1)?.time === point.time) this.fresh[this.fresh.length - 1] = point;
      else this.fresh.push(point);
      return;
    }
    this.points.push(point);
    this.fresh.push(point);
    if (this.points.length > this.capacity) this.points.splice(0, this.points.length - this.capacity);
    if (this.fresh.length > this.capacity) this.fresh.splice(0, this.fresh.length - this.capacity);
  }

  /** The whole window, for a page that just connected. */
  window(): readonly PricePoint[] {
    return this.points;
  }

  /** What was sampled since the last call, and whether the chart must start over (a new symbol). */
  takeFresh(): { readonly points: readonly PricePoint[]; readonly reset: boolean } {
    const taken = { points: this.startedOver ? this.points.slice() : this.fresh, reset: this.startedOver };
    this.fresh = [];
    this.startedOver = false;
    return taken;
  }
}
