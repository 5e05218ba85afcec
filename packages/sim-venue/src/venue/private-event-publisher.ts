// Turns trading-core events into private stream frames (venue thread): consecutive events of one account and
// topic go out as one frame, in the order the core produced them (order, execution, position, wallet).

import { executionRecord, walletRecord, wsOrderRecord, wsPositionRecord, type VenueEvent } from '../core/trading/index.js';
import type { PrivateTopicName, PrivateWsHub } from '../server/private-ws-hub.js';

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

export function publishVenueEvents(hub: PrivateWsHub, events: readonly VenueEvent[]): void {
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
