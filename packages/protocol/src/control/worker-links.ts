// A worker's links to its peers (worker threads): opens a bounded sender for each out-port and a receiver for each
// in-port it is handed, at start and again whenever a restarted peer hands it new ends, closing the old ones.

import type { MessagePort } from 'node:worker_threads';
import type { EngineConfig } from '../config/engine-config.js';
import { LinkReceiver, LinkSender, type LinkStats } from '../links/bounded-link.js';
import type { WorkerName } from '../messages/control.js';
import { dispatch, type MessageHandlers, type MessageUnion } from '../messages/message-map.js';
import { links, type PayloadsOf, type PeerOf, type PortsOf, type SenderPortOf } from './topology.js';

export interface WorkerLinksOptions<W extends WorkerName> {
  readonly worker: W;
  readonly channels: EngineConfig['channels'];
  /** One handler per message `W` receives, whichever peer sends it. */
  readonly handlers: MessageHandlers<PayloadsOf[W]>;
  /** A message that is none of `W`'s (a bug in a peer): counted by the caller, never thrown. */
  readonly onUnknown?: (message: unknown) => void;
  readonly onBackpressure?: (link: string, state: 'started' | 'ended', stats: LinkStats) => void;
  /** A peer's new end of a sender port was opened (e.g. execution re-sends the positions to a restarted strategy). */
  readonly onSenderOpened?: (port: SenderPortOf<W>) => void;
}

export class WorkerLinks<W extends WorkerName> {
  private readonly senders = new Map<string, LinkSender<never>>();
  private readonly receivers = new Map<string, LinkReceiver>();

  constructor(private readonly options: WorkerLinksOptions<W>) {}

  /** Opens links on the ports given (all at start, some after a peer restarted), closing the ones they replace. */
  open(ports: Partial<PortsOf<W>> | Readonly<Record<string, MessagePort>>): void {
    const { worker, channels, handlers } = this.options;
    const given = ports as Readonly<Record<string, MessagePort | undefined>>;
    const opened: SenderPortOf<W>[] = [];
    for (const link of links) {
      if (link.from === worker) {
        const port = given[link.senderPort];
        if (port === undefined) continue;
        this.senders.get(link.senderPort)?.close();
        const name = `${link.from}->${link.to}`;
        this.senders.set(
          link.senderPort,
          new LinkSender<never>(port, {
            name,
            capacity: channels[link.kind],
            coalesce: link.coalesce as readonly never[],
            ...(this.options.onBackpressure === undefined ? {} : { onBackpressure: this.options.onBackpressure }),
          }),
        );
        opened.push(link.senderPort as SenderPortOf<W>);
      }
      if (link.to === worker) {
        const port = given[link.receiverPort];
        if (port === undefined) continue;
        this.receivers.get(link.receiverPort)?.close();
        const receive = (message: unknown): void => {
          if (dispatch(handlers, message) === 'unknown') this.options.onUnknown?.(message);
        };
        this.receivers.set(link.receiverPort, new LinkReceiver(port, receive, { capacity: channels[link.kind] }));
      }
    }
    for (const port of opened) this.options.onSenderOpened?.(port);
  }

  /** Sends on `port`; before the port is open (or after close) the message is dropped, as a closed port drops it. */
  send<P extends SenderPortOf<W>, K extends keyof PayloadsOf[PeerOf<W, P>] & string>(port: P, type: K, payload: PayloadsOf[PeerOf<W, P>][K]): void {
    this.post(port, { type, ...payload });
  }

  /** Sends a message that is already built, such as an action a core returned. */
  sendMessage<P extends SenderPortOf<W>>(port: P, message: MessageUnion<PayloadsOf[PeerOf<W, P>]>): void {
    this.post(port, message);
  }

  private post(port: string, message: unknown): void {
    (this.senders.get(port) as LinkSender<Record<string, object>> | undefined)?.sendMessage(message as MessageUnion<Record<string, object>>);
  }

  /** Returns the receivers' outstanding credits (on a timer: keeps the senders' stats honest on quiet links). */
  flushCredits(): void {
    for (const receiver of this.receivers.values()) receiver.flushCredits();
  }

  /** Receivers first: nothing more comes in, and nothing more goes out. */
  close(): void {
    for (const receiver of this.receivers.values()) receiver.close();
    for (const sender of this.senders.values()) sender.close();
    this.receivers.clear();
    this.senders.clear();
  }

  closeReceivers(): void {
    for (const receiver of this.receivers.values()) receiver.close();
    this.receivers.clear();
  }
}
