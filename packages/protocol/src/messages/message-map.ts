// Turns a type-to-payload map into a readonly discriminated union, and gives a typed send (any thread).
// Each receiver has one map (StrategyPayloads, ...) so `send(port, 'PlaceOrder', payload)` is checked end to end.

import type { TransferListItem } from 'node:worker_threads';

/** Anything with postMessage: a MessagePort, a Worker, parentPort, or a bounded link wrapping one. */
export interface MessageTarget {
  postMessage(value: unknown, transferList?: readonly TransferListItem[]): void;
}

/** `{ type: K } & Payload` for every K of the map, as one union. */
export type MessageUnion<PayloadMap> = {
  readonly [K in keyof PayloadMap & string]: { readonly type: K } & Readonly<PayloadMap[K]>;
}[keyof PayloadMap & string];

/** The member of the union whose type is K. */
export type MessageOf<PayloadMap, K extends keyof PayloadMap & string> = { readonly type: K } & Readonly<PayloadMap[K]>;

/** A port that only carries messages for one receiver: the map is a phantom type checked at compile time. */
export interface PortTo<PayloadMap> extends MessageTarget {
  readonly __receiver?: PayloadMap;
}

export function portTo<PayloadMap>(target: MessageTarget): PortTo<PayloadMap> {
  return target as PortTo<PayloadMap>;
}

export function send<PayloadMap, K extends keyof PayloadMap & string>(
  port: PortTo<PayloadMap>,
  type: K,
  payload: PayloadMap[K],
  transferList?: readonly TransferListItem[],
): void {
  const message = { type, ...payload } as MessageOf<PayloadMap, K>;
  if (transferList === undefined) port.postMessage(message);
  else port.postMessage(message, transferList);
}

/** One handler per message type: adding a message to a map makes every receiver that forgets it fail to compile. */
export type MessageHandlers<PayloadMap> = {
  readonly [K in keyof PayloadMap & string]: (message: MessageOf<PayloadMap, K>) => void;
};

export type DispatchOutcome = 'handled' | 'unknown';

/**
 * Routes a received message to its handler. A value that is not one of the map's messages is reported as
 * 'unknown' for the caller to count and log, never thrown: a bad message must not take a thread down.
 */
export function dispatch<PayloadMap>(handlers: MessageHandlers<PayloadMap>, message: unknown): DispatchOutcome {
  if (typeof message !== 'object' || message === null) return 'unknown';
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return 'unknown';
  const handler = handlers[type as keyof PayloadMap & string] as (message: unknown) => void;
  handler(message);
  return 'handled';
}
