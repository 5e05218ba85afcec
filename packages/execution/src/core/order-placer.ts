// Places orders over signed REST without ever placing one twice (execution thread): checks the instrument rules
// first, sends with the order's orderLinkId, and after an answer that may hide a landed order (timeout, lost
// response, 5xx) looks the order up before any resend. 110072 (duplicate orderLinkId) means an attempt landed.

import Big from 'big.js';
import { BybitApiError, errorValueOf, isRetryable, retCodeDuplicateOrderLinkId, type BybitRestClient } from '@scalper/bybit';
import type { DecimalString, ErrorValue, Fill, OrderRequest, OrderUpdate, Side, Symbol } from '@scalper/protocol';
import type { ExecutionCounters } from './execution-counters.js';
import type { ExecutionEnvironment } from './execution-environment.js';
import { UnknownInstrumentError, type InstrumentCache } from './instrument-cache.js';
import type { OrderEntry } from './order-entry.js';
import { lookUpOrder, type OrderLookup } from './order-lookup.js';
import { validateOrder } from './order-validation.js';
import { backoffDelayMs, mayHaveLanded, type RetryOptions } from './retry-schedule.js';
import type { RetryingReads } from './retrying-reads.js';

/** Best ask for a Buy, best bid for a Sell, when the host knows it; null when it does not. */
export type ReferencePriceSource = (symbol: Symbol, side: Side) => DecimalString | null;

export interface PlacedOrder {
  readonly orderLinkId: string;
  /** null only when a 110072 answer was met and the order could not be found again (an IOC that died unfilled). */
  readonly orderId: string | null;
  /** The order as sent: quantity and prices rounded onto the instrument's grid. */
  readonly order: OrderRequest;
  /** Creates sent, by this call; 0 when a lookup showed that an earlier call's create had landed. */
  readonly attempts: number;
  /** How we know it is at the venue: its answer, a lookup after a lost answer, or a 110072 duplicate answer. */
  readonly via: 'ack' | 'lookup' | 'duplicate';
  /** What the lookups saw at the venue, for the order tracker. */
  readonly seenOrders: readonly OrderUpdate[];
  readonly seenFills: readonly Fill[];
}

/**
 * A protocol Result with the venue's retCode kept on failures. RISK_DENIED: refused before sending (an OrderDenied
 * event); VENUE_REJECTED: a 4xx-class answer, never retried; VENUE_UNAVAILABLE: retries ran out.
 */
export type PlaceOrderResult =
  | { readonly ok: true; readonly value: PlacedOrder }
  | {
      readonly ok: false;
      readonly error: ErrorValue;
      readonly retCode: number | null;
      /** An attempt may have landed and no lookup could tell: not a rejection, the order may be working. */
      readonly outcomeUnknown?: boolean;
    };

export interface OrderPlacerOptions {
  /** Lookups, and creates unless `entry` is given. */
  readonly client: BybitRestClient;
  /** Where creates go: the WebSocket trade API with REST behind it (RoutedOrderEntry); default `client`. */
  readonly entry?: OrderEntry;
  readonly env: ExecutionEnvironment;
  readonly retry: RetryOptions;
  readonly counters: ExecutionCounters;
  readonly instruments: InstrumentCache;
  readonly reads: RetryingReads;
  readonly referencePrice?: ReferencePriceSource;
  /** How far before the first attempt a lookup searches for fills, covering clock offset; default 5 min. */
  readonly lookupLeadMs?: number;
  /** execution.maxEntryAgeMs: an entry older than this is never sent or resent (closes have no limit). */
  readonly maxEntryAgeMs?: number;
  /** The clock strategy stamps tsCreatedMs with (local, not the venue's), for an entry's age. */
  readonly localNow?: () => number;
}

type Settled = { readonly result: PlaceOrderResult } | { readonly absent: true } | { readonly lookupError: unknown };

type LookupOutcome = { readonly ok: true; readonly lookup: OrderLookup } | { readonly ok: false; readonly error: unknown };

function failure(code: ErrorValue['code'], message: string, retCode: number | null = null): Extract<PlaceOrderResult, { ok: false }> {
  return { ok: false, error: { code, message }, retCode };
}

function isDuplicateAnswer(error: unknown): boolean {
  return error instanceof BybitApiError && error.retCode === retCodeDuplicateOrderLinkId;
}

export class OrderPlacer {
  private readonly inFlight = new Map<string, Promise<PlaceOrderResult>>();
  /** Bumped by abandonEntries: a placement started under an older epoch is not resent. */
  private readonly epochs = new Map<Symbol, number>();
  private readonly lookupLeadMs: number;

  constructor(private readonly options: OrderPlacerOptions) {
    this.lookupLeadMs = options.lookupLeadMs ?? 5 * 60_000;
  }

  /** Checks the rules, then sends; a second call with an orderLinkId still in flight joins the first. */
  placeOrder(order: OrderRequest, entryEpoch: number = this.entryEpoch(order.symbol)): Promise<PlaceOrderResult> {
    return this.once(order.orderLinkId, () => this.checkAndSend(order, entryEpoch));
  }

  /**
   * Sends an order built from venue data (a reduce-only close) without the entry checks, with the same recovery,
   * retried by `retry` when given (a close's shorter schedule).
   */
  sendPrepared(order: OrderRequest, retry: RetryOptions = this.options.retry): Promise<PlaceOrderResult> {
    return this.once(order.orderLinkId, () => this.send(order, this.entryEpoch(order.symbol), retry));
  }

  /**
   * A close of `symbol` has begun: entries for it still waiting to be retried are dropped rather than resent, so a
   * slow retry cannot reopen what the close flattens. Reduce-only orders carry on.
   */
  /** How many times entries of `symbol` were abandoned: an entry taken in under an older count is never sent. */
  entryEpoch(symbol: Symbol): number {
    return this.epochs.get(symbol) ?? 0;
  }

  abandonEntries(symbol: Symbol): void {
    this.epochs.set(symbol, (this.epochs.get(symbol) ?? 0) + 1);
  }

  private once(orderLinkId: string, run: () => Promise<PlaceOrderResult>): Promise<PlaceOrderResult> {
    const running = this.inFlight.get(orderLinkId);
    if (running !== undefined) return running;
    const started = run().finally(() => this.inFlight.delete(orderLinkId));
    this.inFlight.set(orderLinkId, started);
    return started;
  }

  private async checkAndSend(order: OrderRequest, entryEpoch: number): Promise<PlaceOrderResult> {
    const { counters, env } = this.options;
    counters.add('ordersRequested');
    let rules;
    try {
      rules = await this.options.instruments.rulesFor(order.symbol);
    } catch (error) {
      if (error instanceof UnknownInstrumentError) return this.denied(order, error.message);
      counters.add('ordersFailed');
      env.logger.error({ orderLinkId: order.orderLinkId, error: errorValueOf(error) }, 'order not sent: instrument rules unavailable');
      return failure('VENUE_UNAVAILABLE', `instrument rules unavailable: ${errorValueOf(error).message}`);
    }
    // A Market order is checked at the price strategy expects to pay (its referencePrice), else at the host's.
    const reference = order.orderType === 'Market' ? (order.referencePrice ?? this.options.referencePrice?.(order.symbol, order.side) ?? null) : null;
    const checked = validateOrder(order, rules, reference === null ? null : new Big(reference));
    if (!checked.ok) return this.denied(order, checked.reason);
    if (checked.adjustments.length > 0) {
      env.logger.info({ orderLinkId: order.orderLinkId, adjustments: checked.adjustments }, 'order rounded onto the instrument grid');
    }
    return this.send(checked.order, entryEpoch);
  }

  private denied(order: OrderRequest, reason: string): PlaceOrderResult {
    this.options.counters.add('ordersDenied');
    this.options.env.logger.warn({ orderLinkId: order.orderLinkId, symbol: order.symbol, reason }, 'order denied before sending');
    return failure('RISK_DENIED', reason);
  }

  /**
   * Why `order` is too old to send (or resend), or null; reduce-only orders (closes) have no age limit. Its age is
   * taken as it would reach the wire: a create the venue's rate limit holds leaves only after the hold.
   */
  private tooOld(order: OrderRequest, resend: boolean): string | null {
    const { maxEntryAgeMs, localNow, env } = this.options;
    if (maxEntryAgeMs === undefined || order.reduceOnly) return null;
    const client = this.options.entry ?? this.options.client;
    // Unrounded: an entry 1000.4 ms old is past a 1000 ms limit (the soak's wire watch measures it unrounded too).
    const rawAgeMs = (localNow ?? env.now)() - order.tsCreatedMs;
    const rawHoldMs = client.createOrderHoldMs();
    if (rawAgeMs + rawHoldMs <= maxEntryAgeMs) return null;
    const ageMs = Math.round(rawAgeMs);
    const holdMs = Math.round(rawHoldMs);
    const held = holdMs > 0 ? `, and the venue's rate limit holds creates ${holdMs} ms more` : '';
    return `entry ${resend ? 'not resent' : 'not sent'}: ${ageMs} ms old${held}, past execution.maxEntryAgeMs ${maxEntryAgeMs} (its signal is gone)`;
  }

  private async send(order: OrderRequest, epoch: number, retry: RetryOptions = this.options.retry): Promise<PlaceOrderResult> {
    const { counters, env } = this.options;
    const entry = this.options.entry ?? this.options.client;
    const log = { orderLinkId: order.orderLinkId, symbol: order.symbol, side: order.side, qty: order.qty };
    const sinceMs = env.now() - this.lookupLeadMs;
    let attempts = 0;
    /** An earlier create may have landed: look before sending again. */
    let unsure = false;
    let lastError: unknown = null;
    for (let round = 0; round <= retry.maxRetries; round++) {
      if (round > 0) {
        const delayMs = backoffDelayMs(retry, round, lastError, env.now());
        counters.add('retries');
        env.logger.warn({ ...log, retry: round, delayMs, unsure }, 'order create backing off before retrying');
        await env.sleep(delayMs);
      }
      // A close or cancel of the symbol came after this entry was taken in (while it was prepared, reconciled or
      // backing off): it is never sent. If an earlier attempt may have landed, that is not known to be nothing.
      if (!order.reduceOnly && this.entryEpoch(order.symbol) !== epoch) {
        counters.add('ordersAbandoned');
        env.logger.warn({ ...log, mayHaveLanded: unsure }, 'entry abandoned: a close or cancel of the symbol came first');
        const reason = `abandoned before ${round === 0 ? 'sending' : `retry ${round}`}: a close or cancel of ${order.symbol} came first`;
        return unsure ? this.failed(order, lastError, attempts, true) : failure('RISK_DENIED', reason);
      }
      if (unsure) {
        const settled = await this.settle(order, sinceMs, attempts);
        if ('result' in settled) return settled.result;
        if ('lookupError' in settled) {
          lastError = settled.lookupError;
          continue;
        }
        unsure = false;
      }
      const tooOld = this.tooOld(order, attempts > 0);
      if (tooOld !== null) {
        counters.add('entriesTooOld');
        counters.add('ordersDenied');
        env.logger.warn({ ...log, reason: tooOld }, 'entry too old: not sent');
        return failure('RISK_DENIED', tooOld);
      }
      attempts++;
      counters.add('createAttempts');
      try {
        // The transport resends by itself after a 10002 clock resync: only while the entry is young enough.
        const creating = entry.createOrder(order, { stillWanted: () => this.tooOld(order, true) === null });
        // Logged once the create is on its way (a trade socket writes it in the call): the line never delays it.
        env.logger.info({ ...log, attempt: attempts }, 'order create sent');
        const ack = await creating;
        return this.placed(order, { found: true, orderId: ack.orderId, order: null, fills: [] }, 'ack', attempts);
      } catch (error) {
        lastError = error;
        if (isDuplicateAnswer(error)) return this.resolveDuplicate(order, sinceMs, attempts);
        if (!isRetryable(error)) return this.failed(order, error, attempts, unsure);
        unsure = mayHaveLanded(error);
        env.logger.warn({ ...log, attempt: attempts, mayHaveLanded: unsure, error: errorValueOf(error) }, 'order create failed');
        if (!unsure) continue;
        // Looked up at once, not only after the backoff: a close whose answer came late (it executed on arrival) is
        // known flat a lookup later, not a backoff later. "Not found" this early proves nothing (the create may still
        // be on its way in, or the venue's lists behind): it stays unsure, so the next round looks again after the
        // backoff, before anything is resent or given up.
        const settled = await this.settle(order, sinceMs, attempts);
        if ('result' in settled) return settled.result;
        if ('lookupError' in settled) lastError = settled.lookupError;
      }
    }
    // Every create that may have landed was looked up right after it failed: still unsure means those lookups failed.
    return this.failed(order, lastError, attempts, unsure);
  }

  /**
   * Looks for an attempt that may have landed: the placement's result when that settles it (found, or a lookup
   * refused for good), `absent` when nothing landed, or the lookup's retryable failure for the send loop's backoff.
   */
  private async settle(order: OrderRequest, sinceMs: number, attempts: number): Promise<Settled> {
    const outcome = await this.lookUp(order, sinceMs);
    if (!outcome.ok) {
      if (!isRetryable(outcome.error)) return { result: this.failed(order, outcome.error, attempts, true) };
      return { lookupError: outcome.error };
    }
    if (outcome.lookup.found) return { result: this.placed(order, outcome.lookup, 'lookup', attempts) };
    return { absent: true };
  }

  /** One lookup pass; a failure is returned, not thrown, for the send loop's schedule. */
  private async lookUp(order: OrderRequest, sinceMs: number): Promise<LookupOutcome> {
    this.options.counters.add('lookups');
    try {
      const lookup = await lookUpOrder(this.options.client, order.symbol, order.orderLinkId, sinceMs);
      if (lookup.found) this.options.counters.add('lookupsFound');
      this.options.env.logger.info({ orderLinkId: order.orderLinkId, found: lookup.found }, 'order looked up by orderLinkId');
      return { ok: true, lookup };
    } catch (error) {
      this.options.env.logger.warn({ orderLinkId: order.orderLinkId, error: errorValueOf(error) }, 'order lookup failed');
      return { ok: false, error };
    }
  }

  /** 110072: an attempt (ours, or an earlier PlaceOrder with the same id) landed; find it for its orderId. */
  private async resolveDuplicate(order: OrderRequest, sinceMs: number, attempts: number): Promise<PlaceOrderResult> {
    const { client, counters, env, reads } = this.options;
    counters.add('duplicateAnswers');
    env.logger.warn({ orderLinkId: order.orderLinkId, attempts }, 'venue reports the orderLinkId as already used: the order landed before');
    let lookup: OrderLookup = { found: false };
    try {
      lookup = await reads.call('order lookup', () => lookUpOrder(client, order.symbol, order.orderLinkId, sinceMs));
    } catch (error) {
      env.logger.warn({ orderLinkId: order.orderLinkId, error: errorValueOf(error) }, 'duplicate order could not be looked up');
    }
    return this.placed(order, lookup.found ? lookup : { found: true, orderId: null, order: null, fills: [] }, 'duplicate', attempts);
  }

  private placed(order: OrderRequest, lookup: Extract<OrderLookup, { found: true }>, via: PlacedOrder['via'], attempts: number): PlaceOrderResult {
    this.options.counters.add('ordersPlaced');
    this.options.env.logger.info({ orderLinkId: order.orderLinkId, orderId: lookup.orderId, via, attempts }, 'order placed');
    return {
      ok: true,
      value: {
        orderLinkId: order.orderLinkId,
        orderId: lookup.orderId,
        order,
        attempts,
        via,
        seenOrders: lookup.order === null ? [] : [lookup.order],
        seenFills: lookup.fills,
      },
    };
  }

  private failed(order: OrderRequest, error: unknown, attempts: number, unsure: boolean): PlaceOrderResult {
    this.options.counters.add('ordersFailed');
    const value = errorValueOf(error);
    const retryable = isRetryable(error);
    const code = retryable ? 'VENUE_UNAVAILABLE' : value.code;
    const message = unsure
      ? `outcome unknown after ${attempts} attempt(s): an attempt may have landed; watch the private stream: ${value.message}`
      : retryable
        ? `not placed after ${attempts} attempt(s): ${value.message}`
        : value.message;
    this.options.env.logger.error({ orderLinkId: order.orderLinkId, attempts, code, message }, 'order failed');
    return { ...failure(code, message, error instanceof BybitApiError ? error.retCode : null), outcomeUnknown: unsure };
  }
}
