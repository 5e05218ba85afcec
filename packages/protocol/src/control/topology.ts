// Which worker talks to which (every thread): the seed's actor graph plus the feedback from execution to strategy
// that the seed leaves implicit. Port names are literal types, so a worker that names a port it does not have, or
// sends a message its peer does not take, fails to compile.

import type { MessagePort } from 'node:worker_threads';
import type { EngineConfig } from '../config/engine-config.js';
import type { ExecutionPayloads } from '../messages/execution-message.js';
import type { MarketDataPayloads } from '../messages/market-data-message.js';
import type { ScannerPayloads } from '../messages/scanner-message.js';
import type { StrategyPayloads } from '../messages/strategy-message.js';
import type { WorkerName } from '../messages/control.js';

/** The channel capacity a link gets: `channels.<kind>` of the config. */
export type LinkKind = keyof EngineConfig['channels'];

/** What each worker receives. */
export interface PayloadsOf {
  readonly scanner: ScannerPayloads;
  readonly 'market-data': MarketDataPayloads;
  readonly strategy: StrategyPayloads;
  readonly execution: ExecutionPayloads;
}

/** One MessageChannel per direction; each end is filed under its worker by its port name. */
export const links = [
  { from: 'scanner', to: 'market-data', senderPort: 'toMarketData', receiverPort: 'fromScanner', kind: 'commands', coalesce: [] },
  { from: 'market-data', to: 'scanner', senderPort: 'toScanner', receiverPort: 'fromMarketData', kind: 'commands', coalesce: [] },
  // Only SymbolChanged: trades, book tops and feed states go through the tick ring, in receive order.
  { from: 'market-data', to: 'strategy', senderPort: 'toStrategy', receiverPort: 'fromMarketData', kind: 'data', coalesce: [] },
  { from: 'strategy', to: 'execution', senderPort: 'toExecution', receiverPort: 'fromStrategy', kind: 'execution', coalesce: [] },
  { from: 'execution', to: 'strategy', senderPort: 'toStrategy', receiverPort: 'fromExecution', kind: 'execution', coalesce: [] },
] as const satisfies readonly {
  readonly from: WorkerName;
  readonly to: WorkerName;
  readonly senderPort: string;
  readonly receiverPort: string;
  readonly kind: LinkKind;
  readonly coalesce: readonly string[];
}[];

export type LinkSpec = (typeof links)[number];

/** The links `W` sends on, and the port name of each. */
export type OutLinkOf<W extends WorkerName> = Extract<LinkSpec, { readonly from: W }>;
export type InLinkOf<W extends WorkerName> = Extract<LinkSpec, { readonly to: W }>;
export type SenderPortOf<W extends WorkerName> = OutLinkOf<W>['senderPort'];
export type ReceiverPortOf<W extends WorkerName> = InLinkOf<W>['receiverPort'];
/** The worker at the other end of `W`'s sender port `P`. */
export type PeerOf<W extends WorkerName, P extends string> = Extract<OutLinkOf<W>, { readonly senderPort: P }>['to'];

/** Every port of `W`, as the main thread hands them over at start. */
export type PortsOf<W extends WorkerName> = { readonly [P in SenderPortOf<W> | ReceiverPortOf<W>]: MessagePort };
