// Pure helpers for the Bybit WebSocket client's subscribe/unsubscribe calls (market-data and execution threads):
// checking and de-duplicating topics, chunking them into small requests, and folding chunk failures into one error.

import { type WsRequestOp, WsSubscriptionError } from './ws-errors.js';

/** Distinct topics in first-seen order; throws on an empty or non-string topic (a caller bug). */
export function distinctTopics(connection: string, op: WsRequestOp, topics: readonly string[]): string[] {
  for (const topic of topics) {
    if (typeof topic !== 'string' || topic === '') {
      throw new Error(`${connection}: ${op} needs non-empty topic strings, got ${JSON.stringify(topic)}`);
    }
  }
  return [...new Set(topics)];
}

/** Consecutive slices of at most `size` topics: Bybit caps the args of one request. */
export function chunkTopics(topics: readonly string[], size: number): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < topics.length; i += size) chunks.push(topics.slice(i, i + size));
  return chunks;
}

/**
 * The error a chunked call rejects with: the only failure as it is, or one WsSubscriptionError naming every refused
 * topic, so the caller need not know how the call was chunked. Null when nothing failed.
 */
export function foldFailures(connection: string, op: WsRequestOp, outcomes: readonly PromiseSettledResult<unknown>[]): unknown {
  const failures: unknown[] = [];
  for (const outcome of outcomes) if (outcome.status === 'rejected') failures.push(outcome.reason);
  if (failures.length === 0) return null;
  const refusals = failures.filter((f): f is WsSubscriptionError => f instanceof WsSubscriptionError);
  if (failures.length === 1 || refusals.length !== failures.length) return failures[0];
  const retMsgs = [...new Set(refusals.map((r) => r.retMsg))].join('; ');
  return new WsSubscriptionError(
    connection,
    op,
    refusals.flatMap((r) => r.topics),
    retMsgs,
  );
}
