// Flattens a symbol (execution thread): cancels its resting orders so no entry can reopen the position, reads the
// position from the venue (never from local belief) and closes exactly that size with reduce-only Market IOC
// orders, split at maxMktOrderQty, each idempotent by an orderLinkId derived from the caller's.

import Big from 'big.js';
import { floorToStep, type BybitRestClient, type OrderAck } from '@scalper/bybit';
import {
  oppositeSide,
  toDecimalString,
  type DecimalString,
  type ErrorValue,
  type OrderRequest,
  type Position,
  type PositionSide,
  type Symbol,
} from '@scalper/protocol';
import type { ExecutionCounters } from './execution-counters.js';
import type { ExecutionEnvironment } from './execution-environment.js';
import type { InstrumentCache } from './instrument-cache.js';
import type { OrderPlacer, PlacedOrder } from './order-placer.js';
import { isValidOrderLinkId } from './order-validation.js';
import { venueErrorValue, type RetryOptions } from './retry-schedule.js';
import type { RetryingReads } from './retrying-reads.js';

export interface CloseReport {
  readonly symbol: Symbol;
  readonly reason: string;
  /** 'nothing-to-close' when the venue reported the symbol flat. */
  readonly outcome: 'nothing-to-close' | 'close-sent';
  /** The position the venue reported before the close. */
  readonly positionSide: PositionSide;
  readonly positionSize: DecimalString;
  /** Resting orders cancelled first; null when cancel-all failed (the close went ahead regardless). */
  readonly cancelled: readonly OrderAck[] | null;
  readonly placed: readonly PlacedOrder[];
  /**
   * The venue's own report of the flat symbol: read before closing ('nothing-to-close'), or after the close orders
   * (or a 110017, nothing left to reduce) when it shows the symbol flat; null while a position remains. Strategy must hear it: a close whose fills the private stream lost (a stall, a drop) leaves
   * strategy waiting for a flat it would otherwise never be told.
   */
  readonly flatReport: Position | null;
}

/** A failure still lists the chunks placed before it, and the order that failed (strategy hears it was rejected). */
export type CloseResult =
  | { readonly ok: true; readonly value: CloseReport }
  | { readonly ok: false; readonly error: ErrorValue; readonly placed: readonly PlacedOrder[]; readonly failedOrder: OrderRequest | null };

/** A close that failed before any order was sent. */
function refused(code: ErrorValue['code'], message: string): CloseResult {
  return { ok: false, error: { code, message }, placed: [], failedOrder: null };
}

/** Chunk 1 keeps the caller's id; later chunks get "-2", "-3"... within Bybit's 36 characters. */
export function chunkOrderLinkId(base: string, index: number): string {
  if (index === 0) return base;
  const suffix = `-${index + 1}`;
  return `${base.slice(0, 36 - suffix.length)}${suffix}`;
}

/** Sizes of the close orders: maxMktOrderQty (on the qty grid) each, the remainder last. */
export function splitCloseQty(size: Big, maxMarketQty: Big, qtyStep: Big): Big[] {
  const cap = floorToStep(maxMarketQty, qtyStep);
  if (!cap.gt(0)) return [size];
  const chunks: Big[] = [];
  let left = size;
  while (left.gt(cap)) {
    chunks.push(cap);
    left = left.minus(cap);
  }
  if (left.gt(0)) chunks.push(left);
  return chunks;
}

export class PositionCloser {
  constructor(
    private readonly client: BybitRestClient,
    private readonly reads: RetryingReads,
    private readonly placer: OrderPlacer,
    private readonly instruments: InstrumentCache,
    private readonly env: ExecutionEnvironment,
    private readonly counters: ExecutionCounters,
    /** A close's own retry schedule, shorter than an entry's: each wait keeps the position open. */
    private readonly retry: RetryOptions,
  ) {}

  async closePosition(symbol: Symbol, orderLinkId: string, reason: string): Promise<CloseResult> {
    const { env, counters } = this;
    counters.add('closesRequested');
    const log = { symbol, orderLinkId, reason };
    if (!isValidOrderLinkId(orderLinkId)) {
      return refused('RISK_DENIED', `orderLinkId ${JSON.stringify(orderLinkId)} is not 1-36 letters, digits, "-" or "_"`);
    }
    this.placer.abandonEntries(symbol);

    let cancelled: readonly OrderAck[] | null = null;
    try {
      counters.add('cancelAlls');
      cancelled = await this.reads.call('cancel-all', () => this.client.cancelAll(symbol), this.retry);
    } catch (error) {
      env.logger.error({ ...log, error: venueErrorValue(error) }, 'cancel-all before the close failed; closing anyway');
    }

    let position;
    let reported: readonly Position[];
    try {
      const positions = await this.reads.call('positions', () => this.client.positions(symbol), this.retry);
      const open = positions.items.filter((item) => new Big(item.size).gt(0));
      if (open.length > 1) {
        return refused('INTERNAL', `${symbol} has ${open.length} positions: hedge mode is not supported`);
      }
      position = open[0] ?? null;
      reported = positions.items;
    } catch (error) {
      const value = venueErrorValue(error);
      env.logger.error({ ...log, error: value }, 'close failed: the position could not be read');
      return refused(value.code, `position of ${symbol} unreadable: ${value.message}`);
    }
    if (position === null || position.side === 'None') {
      counters.add('closesAlreadyFlat');
      env.logger.info({ ...log, cancelled: cancelled?.length ?? null }, 'close: the venue reports no position');
      const flat = toDecimalString('0');
      // Bybit lists a flat symbol with size 0 when asked for it; the tracker keeps only the Position fields.
      const flatReport = reported.find((item) => !new Big(item.size).gt(0)) ?? null;
      return {
        ok: true,
        value: { symbol, reason, outcome: 'nothing-to-close', positionSide: 'None', positionSize: flat, cancelled, placed: [], flatReport },
      };
    }

    const size = new Big(position.size);
    const chunks = await this.chunksOf(symbol, size);
    const side = oppositeSide(position.side);
    env.logger.warn(
      { ...log, positionSide: position.side, size: position.size, orders: chunks.length },
      'closing position with reduce-only market orders',
    );
    const placed: PlacedOrder[] = [];
    for (const [index, qty] of chunks.entries()) {
      const order: OrderRequest = {
        orderLinkId: chunkOrderLinkId(orderLinkId, index),
        symbol,
        side,
        orderType: 'Market',
        timeInForce: 'IOC',
        qty: toDecimalString(qty.toFixed()),
        reduceOnly: true,
        tsCreatedMs: env.now(),
      };
      counters.add('closeOrders');
      const result = await this.placer.sendPrepared(order, this.retry);
      if (result.ok) {
        placed.push(result.value);
        continue;
      }
      // 110017: nothing left to reduce (a stop or a fill got there first): the position is flat, which was the aim.
      // The stream may have lost that fill; the read below tells strategy.
      if (result.retCode === 110017) {
        env.logger.info({ ...log, orderLinkId: order.orderLinkId }, 'close: nothing left to reduce');
        break;
      }
      const message = `close of ${symbol}: ${placed.length} of ${chunks.length} orders placed; ${order.orderLinkId} failed: ${result.error.message}`;
      return { ok: false, error: { code: result.error.code, message }, placed, failedOrder: order };
    }
    // Market IOC closes are over once acknowledged (or refused with 110017): when the venue already shows the symbol
    // flat, strategy hears it now, not when a private stream that may be stalled gets round to it (the soak waited 5 s).
    const flatReport = await this.flatReportOf(symbol, log);
    return {
      ok: true,
      value: { symbol, reason, outcome: 'close-sent', positionSide: position.side, positionSize: position.size, cancelled, placed, flatReport },
    };
  }

  /** The venue's report of the symbol if it is flat now; null if it still holds a position or cannot be read. */
  private async flatReportOf(symbol: Symbol, log: Readonly<Record<string, string>>): Promise<Position | null> {
    try {
      const positions = await this.reads.call('positions', () => this.client.positions(symbol), this.retry);
      if (positions.items.some((item) => new Big(item.size).gt(0))) return null;
      return positions.items[0] ?? null;
    } catch (error) {
      this.env.logger.warn(
        { ...log, error: venueErrorValue(error) },
        'close: the position could not be read again; the stream or a reconcile will tell',
      );
      return null;
    }
  }

  /** Splits at maxMktOrderQty; without the rules (instruments-info unreachable) one order of the whole size goes. */
  private async chunksOf(symbol: Symbol, size: Big): Promise<Big[]> {
    try {
      const rules = await this.instruments.rulesFor(symbol);
      return splitCloseQty(size, new Big(rules.maxMktOrderQty), new Big(rules.qtyStep));
    } catch (error) {
      this.env.logger.warn({ symbol, error: venueErrorValue(error) }, 'instrument rules unavailable: closing in one order');
      return [size];
    }
  }
}
