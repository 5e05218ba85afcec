// Collects what one venue call changed and orders it the way a venue pushes it (venue thread): per account, each
// order change, then each execution, then the latest position of each touched symbol, then one wallet.

import type Big from 'big.js';
import type { VenueAccount } from './account.js';
import type { VenueEvent, VenueExecution, VenueOrder, VenuePosition } from './trading-types.js';

interface AccountChanges {
  readonly account: VenueAccount;
  readonly orders: VenueOrder[];
  readonly executions: VenueExecution[];
  readonly positions: Map<string, VenuePosition>;
  wallet: boolean;
}

export const kNoEvents: readonly VenueEvent[] = Object.freeze([]);

export class EventBatch {
  private readonly changes = new Map<string, AccountChanges>();

  private of(account: VenueAccount): AccountChanges {
    let changes = this.changes.get(account.apiKey);
    if (changes === undefined) {
      changes = { account, orders: [], executions: [], positions: new Map(), wallet: false };
      this.changes.set(account.apiKey, changes);
    }
    return changes;
  }

  order(account: VenueAccount, order: VenueOrder): void {
    this.of(account).orders.push(order);
  }

  /** A fill moves the position and the wallet too. */
  execution(account: VenueAccount, execution: VenueExecution, position: VenuePosition): void {
    const changes = this.of(account);
    changes.executions.push(execution);
    changes.positions.set(position.symbol, position);
    changes.wallet = true;
  }

  position(account: VenueAccount, position: VenuePosition): void {
    this.of(account).positions.set(position.symbol, position);
  }

  /** Margin held by orders changed: available balance moved. */
  wallet(account: VenueAccount): void {
    this.of(account).wallet = true;
  }

  /** The events, with positions marked and the wallet valued as of the end of the call. */
  drain(markOf: (symbol: string) => Big | null): readonly VenueEvent[] {
    if (this.changes.size === 0) return kNoEvents;
    const events: VenueEvent[] = [];
    for (const [apiKey, changes] of this.changes) {
      for (const order of changes.orders) events.push({ topic: 'order', apiKey, order });
      for (const execution of changes.executions) events.push({ topic: 'execution', apiKey, execution });
      for (const position of changes.positions.values()) {
        const latest = changes.account.knownPosition(position.symbol) ?? position;
        events.push({ topic: 'position', apiKey, position: { ...latest, markPrice: markOf(latest.symbol) } });
      }
      if (changes.wallet) events.push({ topic: 'wallet', apiKey, wallet: changes.account.wallet(markOf) });
    }
    this.changes.clear();
    return events;
  }
}
