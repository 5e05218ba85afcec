// What execution counts for a metrics scrape (execution thread): orders by type and outcome, venue refusals by
// retCode, fills by liquidity, and every REST call's round trip by path. Counted as things happen (per order, fill
// or request, never per tick) and read on scrape.

import type { HttpSend } from '@scalper/bybit';
import { BucketHistogram, type HistogramSnapshot, type OrderType, type WorkerMetrics } from '@scalper/protocol';
import type { HandleOutcome } from './execution-core.js';

/** How an order execution was asked for ended, as the metrics label it. */
export type OrderOutcomeLabel = 'placed' | 'denied' | 'rejected' | 'failed' | 'unknown';

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export class ExecutionMetrics {
  /** `${orderType}|${outcome}`. */
  private readonly orders = new Map<string, number>();
  private readonly rejections = new Map<string, number>();
  private readonly fills = new Map<string, number>();
  private readonly rest = new Map<string, BucketHistogram>();

  order(orderType: OrderType, outcome: OrderOutcomeLabel): void {
    bump(this.orders, `${orderType}|${outcome}`);
  }

  /** An entry's (of `orderType`) or a close's outcome; a close's orders are Market orders. */
  outcome(orderType: OrderType | null, outcome: HandleOutcome): void {
    if (outcome.type === 'CancelAll') return;
    if (outcome.result.ok) {
      if (outcome.type === 'PlaceOrder') this.order(outcome.result.value.order.orderType, 'placed');
      else for (const placed of outcome.result.value.placed) this.order(placed.order.orderType, 'placed');
      return;
    }
    const error = outcome.result.error;
    const label: OrderOutcomeLabel = error.code === 'RISK_DENIED' ? 'denied' : error.code === 'VENUE_REJECTED' ? 'rejected' : 'failed';
    this.order(orderType ?? 'Market', label);
    if (error.retCode !== undefined) this.rejection(error.retCode);
  }

  rejection(retCode: number): void {
    bump(this.rejections, String(retCode));
  }

  fill(isMaker: boolean): void {
    bump(this.fills, isMaker ? 'maker' : 'taker');
  }

  /** `send` with each exchange timed, from the request leaving to the answer (or the failure) coming back. */
  wrap(send: HttpSend): HttpSend {
    return async (request) => {
      const startedAt = performance.now();
      const path = new URL(request.url).pathname;
      try {
        return await send(request);
      } finally {
        let histogram = this.rest.get(path);
        if (histogram === undefined) this.rest.set(path, (histogram = new BucketHistogram()));
        histogram.recordMs(performance.now() - startedAt);
      }
    };
  }

  /** The scrape's view; `frameToOrder` is the entry wire watch's. */
  snapshot(frameToOrder: HistogramSnapshot | null): Pick<WorkerMetrics, 'histograms' | 'labelled'> {
    const histograms: Record<string, HistogramSnapshot> = {};
    if (frameToOrder !== null) histograms['frameToOrder'] = frameToOrder;
    for (const [path, histogram] of this.rest) histograms[`restRoundTrip|${path}`] = histogram.snapshot();
    return {
      histograms,
      labelled: {
        ordersByTypeOutcome: Object.fromEntries(this.orders),
        rejectionsByRetCode: Object.fromEntries(this.rejections),
        fillsByLiquidity: Object.fromEntries(this.fills),
      },
    };
  }
}
