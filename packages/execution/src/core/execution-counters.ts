// The execution core's counters (execution thread): every attempt and outcome is counted so the status view and
// the tests can tell a retried order from a duplicate, a denial from a venue refusal.

const counterNames = [
  'ordersRequested',
  'ordersPlaced',
  'ordersDenied',
  /** Entries the risk gate refused (also counted in ordersDenied). */
  'riskDenied',
  'ordersFailed',
  'ordersAbandoned',
  /** Entries past execution.maxEntryAgeMs, not sent or not resent. */
  'entriesTooOld',
  /** Creates whose every answer and lookup was lost: kept working until a reconcile settles them. */
  'ordersUnknown',
  'createAttempts',
  /** Creates sent over the WebSocket trade API, and over REST (its socket down, or the request not taken there). */
  'createsViaWebSocket',
  'createsViaRest',
  /** Creates the trade API did not take (10019 restarting, 10002 clock, socket gone before sending): sent over REST. */
  'tradeApiFallbacks',
  'retries',
  'lookups',
  'lookupsFound',
  'duplicateAnswers',
  'closesRequested',
  'closesAlreadyFlat',
  'closeOrders',
  'cancelAlls',
  'readRetries',
  'reconciliations',
  'privateFrames',
  'orderUpdatesForwarded',
  'fillsForwarded',
  'fillsDuplicate',
  'positionUpdatesForwarded',
  'staleUpdatesDropped',
  'parseRefusals',
] as const;

export type CounterName = (typeof counterNames)[number];

export class ExecutionCounters {
  private readonly values: Record<CounterName, number>;

  constructor() {
    this.values = Object.fromEntries(counterNames.map((name) => [name, 0])) as Record<CounterName, number>;
  }

  add(name: CounterName, by = 1): void {
    this.values[name] += by;
  }

  get(name: CounterName): number {
    return this.values[name];
  }

  snapshot(): Readonly<Record<CounterName, number>> {
    return { ...this.values };
  }
}
