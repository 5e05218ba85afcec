// publicTrade items into protocol Trades (market-data thread, once per trade): direct field checks rather than
// a FieldReader, because this runs for every trade on the hot path.

import { isSymbol, type Trade } from '@scalper/protocol';
import { isPositiveDecimalText } from './decimal-text.js';
import { parsed, refused, type ParseResult } from './parse-result.js';

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
  if (!isPositiveDecimalText(price)) return refused('trade p is not a positive decimal');
  if (!isPositiveDecimalText(size)) return refused('trade v is not a positive decimal');
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time <= 0) return refused('trade T is not a millisecond timestamp');
  if (side !== 'Buy' && side !== 'Sell') return refused('trade S is neither Buy nor Sell');
  if (!isSymbol(symbol)) return refused('trade s is not a symbol');
  if (typeof tradeId !== 'string' || tradeId.length === 0) return refused('trade i is not an id');
  return parsed({ symbol, tradeId, side, price, size, tsEventMs: time, isBlockTrade: item['BT'] === true });
}
