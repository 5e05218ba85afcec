// The way a worker's facts reach the trade journal (every worker thread): JournalEvents posted on the port the main
// thread handed over at start, where the one writer batches them. Events are per order, fill or decision, never per
// tick; without a port (no journal, tests, backtests) they go nowhere.

import type { MessagePort } from 'node:worker_threads';
import type { JournalEvent } from '../messages/journal-event.js';

export type JournalSink = (event: JournalEvent) => void;

export const noJournal: JournalSink = () => undefined;

export function journalSinkOn(port: MessagePort | undefined): JournalSink {
  if (port === undefined) return noJournal;
  return (event) => port.postMessage(event);
}
