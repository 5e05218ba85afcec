// The state of our orders and positions as the venue reports them (execution thread): REST answers and private
// frames go in, changes for strategy come out as messages. Repeated fills (same execId), stale or repeated order
// updates and unchanged positions are dropped, so a reconnect or a REST re-read never says the same thing twice.

import { parseExecutionItem, parseOrderItem, parsePositionItem, type WsDataFrame } from '@scalper/bybit';
import {
  isTerminalStatus,
  isZeroDecimal,
  toDecimalString,
  type Fill,
  type OrderRequest,
  type OrderUpdate,
  type Position,
  type Symbol,
} from '@scalper/protocol';
import Big from 'big.js';
import type { ExecutionCounters } from './execution-counters.js';
import type { ExecutionEnvironment } from './execution-environment.js';
import { fillMessage, orderUpdateMessage, positionMessage, type ExecutionFeedback } from './execution-feedback.js';

interface TrackedOrder {
  update: OrderUpdate;
  /** Not reduce-only as we sent it (an order only the venue told us of counts as an entry, the cautious reading). */
  entry: boolean;
  /** Every answer and lookup of its create was lost: it may be at the venue, and a reconcile must settle it. */
  outcomeUnknown?: boolean;
  /** Written by us (sent, failed, inferred at reconciliation), not by the venue: any venue report overrides it. */
  local: boolean;
  /** Local time of the last change, so reconciliation leaves alone what changed after its snapshot was taken. */
  changedAtMs: number;
}

export interface OrderTrackerOptions {
  /** Finished orders kept for de-duplication; the oldest are forgotten first. Default 1000. */
  readonly maxFinishedOrders?: number;
  /** execIds remembered to drop repeated fills. Default 10 000. */
  readonly maxRememberedFills?: number;
}

function sameUpdate(a: OrderUpdate, b: OrderUpdate): boolean {
  return a.status === b.status && a.cumExecQty === b.cumExecQty && a.avgPrice === b.avgPrice && a.orderId === b.orderId;
}

/**
 * Unrealised PnL is left out: it moves with the mark price, so every REST re-read would differ and strategy would
 * hear the same position again and again. It still travels with each update that is sent.
 */
function samePosition(a: Position, b: Position): boolean {
  return (
    a.side === b.side && a.size === b.size && a.avgEntryPrice === b.avgEntryPrice && a.realisedPnl === b.realisedPnl && a.stopLoss === b.stopLoss
  );
}

/** Orders placed without an orderLinkId (by hand, in the app) are still tracked, by the venue's id. */
export function orderKey(update: { readonly orderLinkId: string; readonly orderId: string | null }): string {
  return update.orderLinkId !== '' ? update.orderLinkId : `#${update.orderId ?? ''}`;
}

export class OrderTracker {
  private readonly orders = new Map<string, TrackedOrder>();
  private readonly finished: string[] = [];
  private readonly positions = new Map<Symbol, Position>();
  private readonly fillIds = new Set<string>();
  private readonly fillOrder: string[] = [];
  private readonly maxFinished: number;
  private readonly maxFills: number;

  constructor(
    private readonly env: ExecutionEnvironment,
    private readonly counters: ExecutionCounters,
    options: OrderTrackerOptions = {},
  ) {
    this.maxFinished = options.maxFinishedOrders ?? 1_000;
    this.maxFills = options.maxRememberedFills ?? 10_000;
  }

  /** An order about to be sent: 'Submitted' until the venue reports it. Nothing is forwarded. */
  track(order: OrderRequest, orderId: string | null = null): void {
    const key = order.orderLinkId;
    const known = this.orders.get(key);
    if (known !== undefined) {
      if (known.local && known.update.orderId === null && orderId !== null) {
        known.update = { ...known.update, orderId };
        // Acked now: a reconcile that read the open orders before it landed must not take it for one that ended.
        known.changedAtMs = this.env.now();
      }
      return;
    }
    const update: OrderUpdate = {
      orderLinkId: key,
      orderId,
      symbol: order.symbol,
      side: order.side,
      orderType: order.orderType,
      status: 'Submitted',
      qty: order.qty,
      cumExecQty: toDecimalString('0'),
      avgPrice: null,
      rejectReason: null,
      tsEventMs: this.env.now(),
    };
    this.orders.set(key, { update, entry: !order.reduceOnly, local: true, changedAtMs: this.env.now() });
  }

  /** The unfilled quantity of `symbol`'s entries still working (or of unknown outcome), by side. */
  workingEntries(symbol: Symbol): { readonly buy: Big; readonly sell: Big } {
    let buy = new Big(0);
    let sell = new Big(0);
    for (const tracked of this.orders.values()) {
      const update = tracked.update;
      if (!tracked.entry || update.symbol !== symbol || isTerminalStatus(update.status)) continue;
      const remaining = new Big(update.qty).minus(update.cumExecQty);
      if (!remaining.gt(0)) continue;
      if (update.side === 'Buy') buy = buy.plus(remaining);
      else sell = sell.plus(remaining);
    }
    return { buy, sell };
  }

  /** Every order not yet finished (working, or of unknown outcome), in the order first tracked. */
  openOrders(): OrderUpdate[] {
    return [...this.orders.values()].filter((tracked) => !isTerminalStatus(tracked.update.status)).map((tracked) => tracked.update);
  }

  /** Symbols with an entry still working (or of unknown outcome). */
  symbolsWithWorkingEntries(): Symbol[] {
    const symbols = new Set<Symbol>();
    for (const { entry, update } of this.orders.values()) {
      if (entry && !isTerminalStatus(update.status)) symbols.add(update.symbol);
    }
    return [...symbols];
  }

  /** The create's every answer and lookup was lost: the order stays working until a reconcile settles it. */
  markOutcomeUnknown(orderLinkId: string): void {
    const known = this.orders.get(orderLinkId);
    if (known !== undefined) known.outcomeUnknown = true;
  }

  /** Drops a local record that never reached the venue (a denied order), so the orderLinkId stays unknown. */
  forget(orderLinkId: string): void {
    const known = this.orders.get(orderLinkId);
    if (known?.local === true && known.update.status === 'Submitted') this.orders.delete(orderLinkId);
  }

  /** An order the venue refused or that could not be sent: strategy hears 'Rejected' with the reason. */
  reject(order: OrderRequest, reason: string): ExecutionFeedback | null {
    this.track(order);
    return this.settleLocally(order.orderLinkId, 'Rejected', reason);
  }

  /**
   * Ends a local record without a venue report: reconciliation found the order gone. A venue report that arrives
   * later still wins. Returns null when the order is unknown or already finished.
   */
  settleLocally(orderLinkId: string, status: 'Rejected' | 'Cancelled' | 'Filled', reason: string, cumExecQty?: string): ExecutionFeedback | null {
    const known = this.orders.get(orderLinkId);
    if (known === undefined || isTerminalStatus(known.update.status)) return null;
    const update: OrderUpdate = {
      ...known.update,
      status,
      rejectReason: reason,
      tsEventMs: this.env.now(),
      ...(cumExecQty === undefined ? {} : { cumExecQty: toDecimalString(cumExecQty) }),
    };
    this.store(orderLinkId, update, true);
    this.counters.add('orderUpdatesForwarded');
    return orderUpdateMessage(update);
  }

  applyOrder(update: OrderUpdate): ExecutionFeedback | null {
    const key = orderKey(update);
    const known = this.orders.get(key);
    if (known !== undefined && !known.local && this.isStale(known.update, update)) {
      this.counters.add('staleUpdatesDropped');
      return null;
    }
    this.store(key, update, false);
    this.counters.add('orderUpdatesForwarded');
    return orderUpdateMessage(update);
  }

  applyFill(fill: Fill): ExecutionFeedback | null {
    if (this.fillIds.has(fill.execId)) {
      this.counters.add('fillsDuplicate');
      return null;
    }
    this.fillIds.add(fill.execId);
    this.fillOrder.push(fill.execId);
    while (this.fillOrder.length > this.maxFills) this.fillIds.delete(this.fillOrder.shift() as string);
    this.counters.add('fillsForwarded');
    return fillMessage(fill);
  }

  /** Accepts the adapter's ParsedPosition too; only the protocol's Position fields are kept and forwarded. */
  applyPosition(input: Position): ExecutionFeedback | null {
    const position: Position = {
      symbol: input.symbol,
      side: input.side,
      size: input.size,
      avgEntryPrice: input.avgEntryPrice,
      unrealisedPnl: input.unrealisedPnl,
      realisedPnl: input.realisedPnl,
      stopLoss: input.stopLoss,
      tsEventMs: input.tsEventMs,
    };
    const known = this.positions.get(position.symbol);
    if (known !== undefined && (position.tsEventMs < known.tsEventMs || samePosition(known, position))) {
      this.counters.add('staleUpdatesDropped');
      return null;
    }
    this.positions.set(position.symbol, position);
    this.counters.add('positionUpdatesForwarded');
    return positionMessage(position);
  }

  /** The private stream's order, execution and position frames; other frames are not ours and pass untouched. */
  onPrivateFrame(frame: WsDataFrame): ExecutionFeedback[] {
    if (frame.kind !== 'order' && frame.kind !== 'execution' && frame.kind !== 'position') return [];
    this.counters.add('privateFrames');
    const out: ExecutionFeedback[] = [];
    for (const raw of frame.data) {
      // A unified account streams spot and option items on the same topics; only linear ones are ours.
      const category = (raw as { category?: unknown } | null)?.category;
      if (category !== undefined && category !== 'linear') continue;
      const message = this.applyRaw(frame.kind, raw);
      if (message !== null) out.push(message);
    }
    return out;
  }

  /** Non-finished orders of `symbol` the venue has reported or acknowledged, last changed before `beforeMs` (local time). */
  openOrdersSeenBefore(symbol: Symbol, beforeMs: number): readonly OrderUpdate[] {
    const open: OrderUpdate[] = [];
    for (const tracked of this.orders.values()) {
      const { update } = tracked;
      // A create still in flight (no orderId yet) may not have reached the venue: not missing, just not there yet.
      // One the venue acked is there, even if the stream never said so: the soak found entries stuck for good
      // when a dropped private socket swallowed every update of an acked order.
      // One whose outcome is unknown is settled like one the venue acked: it may be there.
      const mayBeAbsent = update.status === 'Submitted' && update.orderId === null && tracked.outcomeUnknown !== true;
      if (update.symbol !== symbol || isTerminalStatus(update.status) || mayBeAbsent) continue;
      if (tracked.changedAtMs < beforeMs) open.push(update);
    }
    return open;
  }

  position(symbol: Symbol): Position | null {
    return this.positions.get(symbol) ?? null;
  }

  /** The newest report of every symbol's position (flat ones included). */
  knownPositions(): Position[] {
    return [...this.positions.values()];
  }

  /** Symbols whose last reported position is not flat. */
  openPositionSymbols(): Symbol[] {
    const open: Symbol[] = [];
    for (const [symbol, position] of this.positions) if (position.side !== 'None' && !isZeroDecimal(position.size)) open.push(symbol);
    return open;
  }

  order(orderLinkId: string): OrderUpdate | null {
    return this.orders.get(orderLinkId)?.update ?? null;
  }

  get size(): { orders: number; positions: number; rememberedFills: number } {
    return { orders: this.orders.size, positions: this.positions.size, rememberedFills: this.fillIds.size };
  }

  private applyRaw(kind: 'order' | 'execution' | 'position', raw: unknown): ExecutionFeedback | null {
    if (kind === 'order') {
      const parsed = parseOrderItem(raw);
      return parsed.ok ? this.applyOrder(parsed.value) : this.refused(kind, parsed.reason);
    }
    if (kind === 'execution') {
      const parsed = parseExecutionItem(raw);
      return parsed.ok ? this.applyFill(parsed.value) : this.refused(kind, parsed.reason);
    }
    const parsed = parsePositionItem(raw);
    return parsed.ok ? this.applyPosition(parsed.value) : this.refused(kind, parsed.reason);
  }

  private refused(topic: string, reason: string): null {
    // Funding, settlement and ADL executions are not fills of ours: expected, so not worth a warning.
    if (/execType \S+ is not a trade fill/.test(reason)) return null;
    this.counters.add('parseRefusals');
    this.env.logger.warn({ topic, reason }, 'private stream item refused by the parser');
    return null;
  }

  /** Older than what we have, a finished order coming back to life, or less filled than before: out of order. */
  private isStale(known: OrderUpdate, next: OrderUpdate): boolean {
    if (next.tsEventMs < known.tsEventMs) return true;
    if (isTerminalStatus(known.status) && !isTerminalStatus(next.status)) return true;
    if (new Big(next.cumExecQty).lt(known.cumExecQty)) return true;
    return sameUpdate(known, next);
  }

  private store(key: string, update: OrderUpdate, local: boolean): void {
    const known = this.orders.get(key);
    const wasFinished = known?.update.status;
    this.orders.set(key, {
      update,
      entry: known?.entry ?? true,
      local,
      changedAtMs: this.env.now(),
      ...(known?.outcomeUnknown === true ? { outcomeUnknown: true } : {}),
    });
    if (isTerminalStatus(update.status) && (wasFinished === undefined || !isTerminalStatus(wasFinished))) {
      this.finished.push(key);
      while (this.finished.length > this.maxFinished) {
        const oldest = this.finished.shift() as string;
        const tracked = this.orders.get(oldest);
        if (tracked !== undefined && isTerminalStatus(tracked.update.status)) this.orders.delete(oldest);
      }
    }
  }
}
