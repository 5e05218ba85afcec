// Items of GET /v5/position/closed-pnl (execution thread, at start): one closing order each, its closedPnl net of
// the close's fee and the opening fees its size carried (and of funding). Only what the day's realised PnL needs.

import type { DecimalString, Side, Symbol } from '@scalper/protocol';
import { FieldReader } from './field-reader.js';
import { parsed, refused, type ParseResult } from './parse-result.js';

export interface ClosedPnlRecord {
  readonly symbol: Symbol;
  readonly orderId: string;
  /** The closing order's side. */
  readonly side: Side;
  readonly closedSize: DecimalString;
  readonly closedPnl: DecimalString;
  readonly openFee: DecimalString | null;
  readonly closeFee: DecimalString | null;
  readonly createdTimeMs: number;
}

export function parseClosedPnlItem(raw: unknown): ParseResult<ClosedPnlRecord> {
  const r = new FieldReader(raw, 'closed-pnl');
  const record: ClosedPnlRecord = {
    symbol: r.symbol('symbol'),
    orderId: r.string('orderId'),
    side: r.side('side'),
    closedSize: r.decimal('closedSize', 'nonNegative'),
    closedPnl: r.decimal('closedPnl'),
    openFee: r.optionalDecimal('openFee'),
    closeFee: r.optionalDecimal('closeFee'),
    createdTimeMs: r.timestampMs('createdTime'),
  };
  if (r.problem !== null) return refused(r.problem);
  return parsed(record);
}
