// comlink over worker_threads (main thread and every worker): comlink speaks the browser Worker API, so Node's
// MessagePort and Worker are adapted with comlink's own node adapter.

import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { MessagePort, Worker } from 'node:worker_threads';

export { Comlink };

export function endpointOf(target: MessagePort | Worker): Comlink.Endpoint {
  return nodeEndpoint(target as never);
}
