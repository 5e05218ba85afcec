// The messages execution sends to strategy (execution thread): the order, fill and position feedback, and the
// OrderDenied event for a refusal. Built as values by the core; the worker only posts them.

import type { Fill, OrderUpdate, Position, StrategyMessage } from '@scalper/protocol';

export type ExecutionFeedback = Extract<StrategyMessage, { readonly type: 'OrderUpdate' | 'Fill' | 'PositionUpdate' | 'OrderDenied' }>;

export function orderUpdateMessage(update: OrderUpdate): ExecutionFeedback {
  return { type: 'OrderUpdate', update };
}

export function fillMessage(fill: Fill): ExecutionFeedback {
  return { type: 'Fill', fill };
}

export function positionMessage(position: Position): ExecutionFeedback {
  return { type: 'PositionUpdate', position };
}

export function orderDeniedMessage(orderLinkId: string, reason: string, tsEventMs: number): ExecutionFeedback {
  return { type: 'OrderDenied', orderLinkId, reason, tsEventMs };
}

/** Appends a message when there is one: the tracker answers null for what strategy has already heard. */
export function pushMessage(out: ExecutionFeedback[], message: ExecutionFeedback | null): void {
  if (message !== null) out.push(message);
}
