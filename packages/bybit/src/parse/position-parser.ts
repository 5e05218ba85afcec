// Position items, from the private `position` topic and from GET /v5/position/list (execution thread).
// WS names the entry price `entryPrice`, REST `avgPrice`; a flat position has side "" and size "0".

import { toDecimalString, type Position, type PositionSide } from '@scalper/protocol';
import { FieldReader } from './field-reader.js';
import { parsed, refused, type ParseResult } from './parse-result.js';

export interface ParsedPosition extends Position {
  /** 0 in one-way mode; 1 or 2 in hedge mode, which this engine refuses to trade in. */
  readonly positionIdx: number;
  readonly leverage: string | null;
}

export function parsePositionItem(raw: unknown): ParseResult<ParsedPosition> {
  const r = new FieldReader(raw, 'position');
  const rawSide = r.raw('side');
  const side: PositionSide = rawSide === 'Buy' || rawSide === 'Sell' ? rawSide : 'None';
  if (rawSide !== 'Buy' && rawSide !== 'Sell' && rawSide !== '' && rawSide !== 'None') {
    return refused(`position.side: expected "Buy", "Sell" or "", got ${JSON.stringify(rawSide)}`);
  }
  const entryField = r.raw('entryPrice') !== undefined ? 'entryPrice' : 'avgPrice';
  const stopLoss = r.optionalDecimal('stopLoss', 'nonNegative');
  const position: ParsedPosition = {
    symbol: r.symbol('symbol'),
    side,
    size: r.decimal('size', 'nonNegative'),
    avgEntryPrice: r.optionalDecimal(entryField, 'nonNegative') ?? toDecimalString('0'),
    unrealisedPnl: r.optionalDecimal('unrealisedPnl') ?? toDecimalString('0'),
    realisedPnl: r.optionalDecimal('curRealisedPnl') ?? toDecimalString('0'),
    stopLoss: stopLoss !== null && /[1-9]/.test(stopLoss) ? stopLoss : null,
    tsEventMs: r.timestampMs('updatedTime'),
    positionIdx: r.integer('positionIdx'),
    leverage: r.optionalString('leverage'),
  };
  if (r.problem !== null) return refused(r.problem);
  if (side === 'None' && /[1-9]/.test(position.size)) return refused('position has a size but no side');
  return parsed(position);
}
