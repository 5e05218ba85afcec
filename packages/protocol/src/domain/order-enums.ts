// Order vocabulary shared by strategy, execution and the venue adapter (any thread).

export const sides = ['Buy', 'Sell'] as const;
export type Side = (typeof sides)[number];

const orderTypes = ['Market', 'Limit'] as const;
export type OrderType = (typeof orderTypes)[number];

/** IOC for aggressive market entries, PostOnly for maker limits that must never take liquidity. */
const timeInForces = ['GTC', 'IOC', 'FOK', 'PostOnly'] as const;
export type TimeInForce = (typeof timeInForces)[number];

const orderStatuses = [
  'Submitted', // sent, not yet acknowledged by the venue
  'New',
  'PartiallyFilled',
  'Filled',
  'Cancelled',
  'Rejected',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** A position side: 'None' when flat (one-way mode, as Bybit reports it). */
export type PositionSide = Side | 'None';

export function oppositeSide(side: Side): Side {
  return side === 'Buy' ? 'Sell' : 'Buy';
}

export function isTerminalStatus(status: OrderStatus): boolean {
  return status === 'Filled' || status === 'Cancelled' || status === 'Rejected';
}
