// publicTrade items into protocol Trades (market-data thread, once per trade): direct field checks rather than
// a FieldReader, because this runs for every trade on the hot path.

import { isSymbol, type DecimalString, type Trade } from '@scalper/protocol';
import { parsed, refused, type ParseResult } from './parse-result.js';

/** One pass over the chars: digits, at most one inner dot, at least one non-zero digit; no sign, no exponent. */
function isPositiveDecimal(value: unknown): value is DecimalString {
  if (typeof value !== 'string') return false;
  const length = value.length;
  if (length === 0 || length > 64) return false;
  let nonZero = false;
  let dot = -1;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code === 46) {
      if (dot >= 0 || i === 0 || i === length - 1) return false;
      dot = i;
    } else if (code < 48 || code > 57) {
      return false;
    } else if (code !== 48) {
      nonZero = true;
    }
  }
  return nonZero;
}

/**
 * One item of a publicTrade frame: {T, s, S, v, p, L, i, BT, seq}. Refuses anything whose price or size is not a
 * positive plain decimal, so no NaN, Infinity, zero or negative amount can enter the engine from here.
 */
export function parseWsTrade(raw: unknown): ParseResult<Trade> {
  if (typeof raw !== 'object' || raw === null) return refused('trade item is not an object');
  const item = raw as Record<string, unknown>;
  const price = item['p'];
  const size = item['v'];
  const time = item['T'];
  const side = item['S'];
  const symbol = item['s'];
  const tradeId = item['i'];
  if (!isPositiveDecimal(price)) return refused('trade p is not a positive decimal');
  if (!isPositiveDecimal(size)) return refused('trade v is not a positive decimal');
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time <= 0) return refused('trade T is not a millisecond timestamp');
  if (side !== 'Buy' && side !== 'Sell') return refused('trade S is neither Buy nor Sell');
  if (!isSymbol(symbol)) return refused('trade s is not a symbol');
  if (typeof tradeId !== 'string' || tradeId.length === 0) return refused('trade i is not an id');
  return parsed({ symbol, tradeId, side, price, size, tsEventMs: time, isBlockTrade: item['BT'] === true });
}
