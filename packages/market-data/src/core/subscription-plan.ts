// The hot-swap plan for a SwitchSymbol (market-data thread): which topics go, which come, the new epoch, and the
// order of the steps. Pure data: the worker carries the steps out on the one public socket, in order.

import type { InstrumentScale, StrategyPayloads, Symbol } from '@scalper/protocol';

export type SymbolChangedPayload = StrategyPayloads['SymbolChanged'];

/** The public topics of one symbol: the touch of the book and every trade. */
export function topicsFor(symbol: Symbol): readonly [book: string, trades: string] {
  return [bookTopicOf(symbol), tradeTopicOf(symbol)];
}

export function bookTopicOf(symbol: Symbol): string {
  return `orderbook.1.${symbol}`;
}

function tradeTopicOf(symbol: Symbol): string {
  return `publicTrade.${symbol}`;
}

/**
 * Book and trade topics in `subscribed` (BybitWsConnection.topics()) that are not `current`'s: left behind by an
 * unsubscribe that failed. The worker unsubscribes them after a swap; the core drops their data meanwhile.
 */
export function strayTopics(subscribed: readonly string[], current: Symbol | null): string[] {
  const keep: readonly string[] = current === null ? [] : topicsFor(current);
  return subscribed.filter((topic) => (topic.startsWith('orderbook.') || topic.startsWith('publicTrade.')) && !keep.includes(topic));
}

export type PlanStep =
  | { readonly kind: 'unsubscribe'; readonly topics: readonly string[] }
  | { readonly kind: 'symbol-changed'; readonly payload: SymbolChangedPayload }
  | { readonly kind: 'subscribe'; readonly topics: readonly string[] };

/**
 * - 'swap': a new symbol. Steps: unsubscribe the old topics (if any), SymbolChanged to strategy, subscribe the new.
 * - 'resubscribe': the same symbol, whose subscribe has not been confirmed (an earlier attempt failed): subscribe
 *   only; the epoch stays and strategy already knows the symbol.
 * - 'unchanged': the same symbol, confirmed subscribed: no step; the worker answers SwitchCompleted at once.
 */
export type PlanKind = 'swap' | 'resubscribe' | 'unchanged';

export interface SubscriptionPlan {
  readonly kind: PlanKind;
  readonly previous: Symbol | null;
  readonly symbol: Symbol;
  /** The epoch stamped on ring entries of `symbol`; +1 on a swap. */
  readonly epoch: number;
  readonly unsubscribe: readonly string[];
  readonly subscribe: readonly string[];
  /** What to do, in this order; a step that fails stops the plan and the worker answers SwitchFailed. */
  readonly steps: readonly PlanStep[];
}

/**
 * The seed's message-flow order: unsubscribe the old symbol first, so no old trade reaches strategy after it was
 * told of the new symbol; then SymbolChanged, so strategy closes the old position before new data arrives; then
 * subscribe. (The seed's hot_swap sketch sends SymbolChanged first; the core drops old-symbol data from the moment
 * of the switch anyway, so either order is safe, and we follow the flow diagram the issue names.)
 */
export function planSwitch(
  previous: Symbol | null,
  next: Symbol,
  scale: InstrumentScale,
  currentEpoch: number,
  subscribedConfirmed: boolean,
): SubscriptionPlan {
  if (scale.symbol !== next) {
    throw new RangeError(`planSwitch: the scale is for ${scale.symbol}, not ${next}`);
  }
  const subscribe = topicsFor(next);
  if (previous === next) {
    if (subscribedConfirmed) {
      return { kind: 'unchanged', previous, symbol: next, epoch: currentEpoch, unsubscribe: [], subscribe: [], steps: [] };
    }
    return {
      kind: 'resubscribe',
      previous,
      symbol: next,
      epoch: currentEpoch,
      unsubscribe: [],
      subscribe,
      steps: [{ kind: 'subscribe', topics: subscribe }],
    };
  }
  // The ring's epoch slot is an int32: wrap rather than overflow (2^31 switches is centuries of scans).
  const epoch = (currentEpoch + 1) | 0;
  const unsubscribe = previous === null ? [] : topicsFor(previous);
  const steps: PlanStep[] = [];
  if (unsubscribe.length > 0) steps.push({ kind: 'unsubscribe', topics: unsubscribe });
  steps.push({ kind: 'symbol-changed', payload: { previous, symbol: next, epoch, scale } });
  steps.push({ kind: 'subscribe', topics: subscribe });
  return { kind: 'swap', previous, symbol: next, epoch, unsubscribe, subscribe, steps };
}
