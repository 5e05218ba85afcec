// Order and execution items, from the private stream and from REST (execution thread): Bybit's order and
// execution records become protocol OrderUpdates and Fills with exact decimal strings.

import type { Fill, OrderStatus, OrderUpdate } from '@scalper/protocol';
import { FieldReader } from './field-reader.js';
import { parsed, refused, type ParseResult } from './parse-result.js';

const bybitOrderStatuses = [
  'Created',
  'New',
  'Rejected',
  'PartiallyFilled',
  'PartiallyFilledCanceled',
  'Filled',
  'Cancelled',
  'Untriggered',
  'Triggered',
  'Deactivated',
] as const;
type BybitOrderStatus = (typeof bybitOrderStatuses)[number];

const statusMap: Readonly<Record<BybitOrderStatus, OrderStatus>> = {
  Created: 'New',
  New: 'New',
  Untriggered: 'New',
  Triggered: 'New',
  PartiallyFilled: 'PartiallyFilled',
  Filled: 'Filled',
  Rejected: 'Rejected',
  Cancelled: 'Cancelled',
  PartiallyFilledCanceled: 'Cancelled',
  Deactivated: 'Cancelled',
};

/** An item of the `order` topic or of GET /v5/order/realtime. */
export function parseOrderItem(raw: unknown): ParseResult<OrderUpdate> {
  const r = new FieldReader(raw, 'order');
  const status = r.oneOf('orderStatus', bybitOrderStatuses);
  const rejectReason = r.optionalString('rejectReason');
  const update: OrderUpdate = {
    orderLinkId: r.string('orderLinkId'),
    orderId: r.optionalString('orderId'),
    symbol: r.symbol('symbol'),
    side: r.side('side'),
    orderType: r.oneOf('orderType', ['Market', 'Limit'] as const),
    status: statusMap[status],
    qty: r.decimal('qty', 'nonNegative'),
    cumExecQty: r.decimal('cumExecQty', 'nonNegative'),
    avgPrice: nonZero(r.optionalDecimal('avgPrice', 'nonNegative')),
    rejectReason: rejectReason === 'EC_NoError' ? null : rejectReason,
    tsEventMs: r.timestampMs('updatedTime'),
  };
  return r.problem === null ? parsed(update) : refused(r.problem);
}

/** An item of the `execution` topic or of GET /v5/execution/list; only trade executions are fills. */
export function parseExecutionItem(raw: unknown): ParseResult<Fill> {
  const r = new FieldReader(raw, 'execution');
  const execType = r.string('execType');
  const fill: Fill = {
    execId: r.string('execId'),
    orderId: r.string('orderId'),
    orderLinkId: r.string('orderLinkId'),
    symbol: r.symbol('symbol'),
    side: r.side('side'),
    price: r.decimal('execPrice', 'positive'),
    qty: r.decimal('execQty', 'positive'),
    fee: r.decimal('execFee'),
    isMaker: r.boolean('isMaker'),
    tsEventMs: r.timestampMs('execTime'),
  };
  if (r.problem !== null) return refused(r.problem);
  if (execType !== 'Trade') return refused(`execution.execType ${execType} is not a trade fill`);
  return parsed(fill);
}

/** Bybit reports "0" for the average price of an order with no fills yet. */
function nonZero<T extends string>(value: T | null): T | null {
  return value === null || !/[1-9]/.test(value) ? null : value;
}
