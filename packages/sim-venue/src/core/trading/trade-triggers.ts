// What one public trade sets off (venue thread): resting limit orders it crosses fill as makers at their own
// price, then position stop losses it reaches close the position at the trade price as takers.

import { leavesQty, type VenueAccount } from './account.js';
import { kZero, minBig, rawToBig } from './exact-decimal.js';
import { EventBatch, kNoEvents } from './event-batch.js';
import { isStopHit, type RestingEntry, type SymbolTriggers } from './symbol-triggers.js';
import type { VenueState } from './venue-state.js';
import type { VenueEvent } from './trading-types.js';
import type { InstrumentSpec, SimTrade } from '../venue-types.js';

/**
 * Resting orders on one side in price-time priority. The print's size is a budget shared by them all: one trade
 * cannot fill more resting volume than it printed. Orders at exactly the trade price fill too (no queue model).
 */
function fillResting(
  state: VenueState,
  list: readonly RestingEntry[],
  trade: SimTrade,
  spec: InstrumentSpec,
  nowMs: number,
  batch: EventBatch,
  touched: Set<VenueAccount>,
): void {
  let budget = rawToBig(trade.sizeRaw, spec.sizeDecimals);
  const crossed = list.filter((entry) => (entry.side === 'Buy' ? trade.priceRaw <= entry.priceRaw : trade.priceRaw >= entry.priceRaw));
  for (const entry of crossed) {
    if (budget.lte(0)) break;
    const account = state.accounts.get(entry.apiKey);
    const order = account?.openOrder(entry.orderId) ?? null;
    if (account === undefined || order === null) continue;
    let qty = minBig(leavesQty(order), budget);
    if (order.reduceOnly) {
      const position = account.knownPosition(order.symbol);
      const reducible = position !== null && position.side !== '' && position.side !== order.side ? position.size : kZero;
      qty = minBig(qty, reducible);
      if (qty.lte(0)) {
        state.cancel(account, order, 'CancelByReduceOnly', 'EC_NoError', nowMs, batch);
        continue;
      }
    }
    const { order: filled } = state.executeFill(account, order, { price: order.price, qty, isMaker: true }, nowMs, batch);
    state.recordOrder(account, filled);
    batch.order(account, filled);
    budget = budget.minus(qty);
    touched.add(account);
  }
}

function fireStops(
  state: VenueState,
  triggers: SymbolTriggers,
  trade: SimTrade,
  spec: InstrumentSpec,
  nowMs: number,
  batch: EventBatch,
  touched: Set<VenueAccount>,
): void {
  const hits = triggers.stops.filter((stop) => isStopHit(stop, trade.priceRaw));
  const price = rawToBig(trade.priceRaw, spec.priceDecimals);
  for (const stop of hits) {
    const account = state.accounts.get(stop.apiKey);
    const position = account?.knownPosition(spec.symbol) ?? null;
    if (account === undefined || position === null || position.side === '' || position.stopLoss === null) {
      triggers.setStop(stop.apiKey, null, null);
      continue;
    }
    const order = state.newOrder({
      orderLinkId: '',
      symbol: spec.symbol,
      side: position.side === 'Buy' ? 'Sell' : 'Buy',
      orderType: 'Market',
      timeInForce: 'IOC',
      price,
      qty: position.size,
      reduceOnly: true,
      closeOnTrigger: true,
      stopLoss: null,
      triggerPrice: position.stopLoss,
      createType: 'CreateByStopLoss',
      stopOrderType: 'StopLoss',
      lastPriceOnCreated: price,
      createdTimeMs: nowMs,
      updatedTimeMs: nowMs,
      priceDecimals: spec.priceDecimals,
      sizeDecimals: spec.sizeDecimals,
    });
    const { order: filled } = state.executeFill(account, order, { price, qty: position.size, isMaker: false }, nowMs, batch);
    state.recordOrder(account, filled);
    batch.order(account, filled);
    touched.add(account);
  }
}

export function matchTrade(state: VenueState, trade: SimTrade, spec: InstrumentSpec, nowMs: number): readonly VenueEvent[] {
  const triggers = state.triggersFor(trade.symbol);
  state.noteSpec(spec);
  triggers.lastPriceRaw = trade.priceRaw;
  const buys = triggers.buysCrossedBy(trade.priceRaw);
  const sells = triggers.sellsCrossedBy(trade.priceRaw);
  const stops = triggers.stopsHitBy(trade.priceRaw);
  if (!buys && !sells && !stops) return kNoEvents;
  const batch = new EventBatch();
  const touched = new Set<VenueAccount>();
  if (buys) fillResting(state, triggers.buys, trade, spec, nowMs, batch, touched);
  if (sells) fillResting(state, triggers.sells, trade, spec, nowMs, batch, touched);
  if (stops || touched.size > 0) fireStops(state, triggers, trade, spec, nowMs, batch, touched);
  for (const account of touched) state.sweepReduceOnly(account, spec.symbol, nowMs, batch);
  return batch.drain(state.markOf);
}
