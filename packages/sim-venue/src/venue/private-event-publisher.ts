// Turns trading-core events into private stream frames (venue thread): consecutive events of one account and
// topic go out as one frame, in the order the core produced them (order, execution, position, wallet).

import { executionRecord, walletRecord, wsOrderRecord, wsPositionRecord, type VenueEvent } from '../core/trading/index.js';
import type { PrivateTopicName } from '../server/private-ws-hub.js';

/** Where private events go: the WebSocket hub live, an in-process queue in a backtest. */
export interface PrivateEventSink {
  publish(apiKey: string, topic: PrivateTopicName, items: readonly unknown[]): void;
}

function recordOf(event: VenueEvent): unknown {
  switch (event.topic) {
    case 'order':
      return wsOrderRecord(event.order);
    case 'execution':
      return executionRecord(event.execution);
    case 'position':
      return wsPositionRecord(event.position);
    case 'wallet':
      return walletRecord(event.wallet);
  }
}

export function publishVenueEvents(hub: PrivateEventSink, events: readonly VenueEvent[]): void {
  let batch: unknown[] = [];
  let batchKey: string | null = null;
  let batchTopic: PrivateTopicName | null = null;
  const flush = (): void => {
    if (batchKey !== null && batchTopic !== null) hub.publish(batchKey, batchTopic, batch);
    batch = [];
  };
  for (const event of events) {
    if (event.apiKey !== batchKey || event.topic !== batchTopic) {
      flush();
      batchKey = event.apiKey;
      batchTopic = event.topic;
    }
    batch.push(recordOf(event));
  }
  flush();
}
