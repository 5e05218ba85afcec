// InstrumentRules: one linear instrument's price and lot rules from /v5/market/instruments-info (execution thread).
// Pure and total: a malformed item becomes { ok: false, reason }, so one bad symbol cannot stop start-up.

import Big from 'big.js';
import type { DecimalString, InstrumentScale, Symbol } from '@scalper/protocol';
import { decimalsOf, isDecimalString, isSymbol, maxScaleDecimals } from '@scalper/protocol';

/**
 * Plain data (strings and numbers, no Big) so the rules cross threads by structured clone unchanged; the rounding
 * helpers build Big values from these strings when an order needs them.
 */
export interface InstrumentRules {
  readonly symbol: Symbol;
  /** 'Trading', 'PreLaunch', 'Settling', 'Delivering', 'Closed': only 'Trading' accepts our orders. */
  readonly status: string;
  readonly contractType: string;
  readonly quoteCoin: string;
  readonly tickSize: DecimalString;
  readonly minPrice: DecimalString;
  readonly maxPrice: DecimalString;
  readonly qtyStep: DecimalString;
  readonly minOrderQty: DecimalString;
  /** The cap for Limit orders. */
  readonly maxOrderQty: DecimalString;
  /** The cap for Market orders, usually well below maxOrderQty. */
  readonly maxMktOrderQty: DecimalString;
  /** The cap for PostOnly limits; null when the venue leaves it out (then maxOrderQty applies). */
  readonly postOnlyMaxOrderQty: DecimalString | null;
  /** In the quote coin (USDT): qty x price must reach it. */
  readonly minNotionalValue: DecimalString;
  /** Significant decimals of tickSize ("0.10" -> 1): the scale of book prices. */
  readonly priceDecimals: number;
  /** Significant decimals of qtyStep ("0.001" -> 3). */
  readonly sizeDecimals: number;
  readonly scale: InstrumentScale;
}

export type InstrumentRulesResult = { readonly ok: true; readonly value: InstrumentRules } | { readonly ok: false; readonly reason: string };

export function isTradingStatus(rules: InstrumentRules): boolean {
  return rules.status === 'Trading';
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects the first problem so the parser reads as a list of fields instead of a ladder of early returns. */
class FieldReader {
  problem: string | null = null;

  constructor(private readonly where: string) {}

  text(parent: JsonObject, key: string, path: string): string {
    const value = parent[key];
    if (typeof value === 'string' && value.length > 0) return value;
    this.fail(`${path} is missing or not a non-empty string: ${JSON.stringify(value)}`);
    return '';
  }

  /** A decimal string > 0 (or >= 0 with allowZero); numbers, exponents, "NaN" and negatives are refused. */
  amount(parent: JsonObject, key: string, path: string, allowZero = false): DecimalString {
    const value = parent[key];
    if (!isDecimalString(value)) {
      this.fail(`${path} is not a plain decimal string: ${JSON.stringify(value)}`);
      return '0' as DecimalString;
    }
    const amount = new Big(value);
    // "-0" equals zero, but every consumer expects unsigned text: a sign on a filter value is refused outright.
    if (value.startsWith('-') || (allowZero ? amount.lt(0) : amount.lte(0))) {
      this.fail(`${path} must be ${allowZero ? 'zero or more' : 'above zero'}: ${value}`);
    }
    return value;
  }

  optionalAmount(parent: JsonObject, key: string, path: string): DecimalString | null {
    return parent[key] === undefined || parent[key] === '' ? null : this.amount(parent, key, path);
  }

  /** `low` <= `high`, both already read (skipped when either failed, so the first message stays the useful one). */
  ordered(lowPath: string, low: DecimalString, highPath: string, high: DecimalString): void {
    if (this.problem === null && new Big(low).gt(high)) this.fail(`${lowPath} ${low} is above ${highPath} ${high}`);
  }

  fail(message: string): void {
    this.problem ??= `${this.where}: ${message}`;
  }
}

function stepDecimals(reader: FieldReader, path: string, step: DecimalString): number {
  if (reader.problem !== null) return 0;
  const decimals = decimalsOf(step);
  if (decimals > maxScaleDecimals) reader.fail(`${path} ${step} has more than ${maxScaleDecimals} decimals`);
  return decimals;
}

/** Parses one item of instruments-info `result.list` (category linear). */
export function parseInstrumentRules(raw: unknown): InstrumentRulesResult {
  if (!isObject(raw)) return { ok: false, reason: 'instrument is not an object' };
  const symbol = raw['symbol'];
  if (!isSymbol(symbol)) return { ok: false, reason: `instrument symbol is not valid: ${JSON.stringify(symbol)}` };
  const reader = new FieldReader(`instrument ${symbol}`);
  const status = reader.text(raw, 'status', 'status');
  const contractType = reader.text(raw, 'contractType', 'contractType');
  const quoteCoin = reader.text(raw, 'quoteCoin', 'quoteCoin');
  const priceFilter = raw['priceFilter'];
  const lotSizeFilter = raw['lotSizeFilter'];
  if (!isObject(priceFilter)) return { ok: false, reason: `instrument ${symbol}: priceFilter is not an object` };
  if (!isObject(lotSizeFilter)) return { ok: false, reason: `instrument ${symbol}: lotSizeFilter is not an object` };

  const tickSize = reader.amount(priceFilter, 'tickSize', 'priceFilter.tickSize');
  const minPrice = reader.amount(priceFilter, 'minPrice', 'priceFilter.minPrice');
  const maxPrice = reader.amount(priceFilter, 'maxPrice', 'priceFilter.maxPrice');
  const qtyStep = reader.amount(lotSizeFilter, 'qtyStep', 'lotSizeFilter.qtyStep');
  const minOrderQty = reader.amount(lotSizeFilter, 'minOrderQty', 'lotSizeFilter.minOrderQty');
  const maxOrderQty = reader.amount(lotSizeFilter, 'maxOrderQty', 'lotSizeFilter.maxOrderQty');
  const maxMktOrderQty = reader.amount(lotSizeFilter, 'maxMktOrderQty', 'lotSizeFilter.maxMktOrderQty');
  const postOnlyMaxOrderQty = reader.optionalAmount(lotSizeFilter, 'postOnlyMaxOrderQty', 'lotSizeFilter.postOnlyMaxOrderQty');
  const minNotionalValue = reader.amount(lotSizeFilter, 'minNotionalValue', 'lotSizeFilter.minNotionalValue', true);
  reader.ordered('priceFilter.minPrice', minPrice, 'priceFilter.maxPrice', maxPrice);
  reader.ordered('lotSizeFilter.minOrderQty', minOrderQty, 'lotSizeFilter.maxOrderQty', maxOrderQty);
  reader.ordered('lotSizeFilter.minOrderQty', minOrderQty, 'lotSizeFilter.maxMktOrderQty', maxMktOrderQty);
  const priceDecimals = stepDecimals(reader, 'priceFilter.tickSize', tickSize);
  const sizeDecimals = stepDecimals(reader, 'lotSizeFilter.qtyStep', qtyStep);
  if (reader.problem !== null) return { ok: false, reason: reader.problem };

  return {
    ok: true,
    value: {
      symbol,
      status,
      contractType,
      quoteCoin,
      tickSize,
      minPrice,
      maxPrice,
      qtyStep,
      minOrderQty,
      maxOrderQty,
      maxMktOrderQty,
      postOnlyMaxOrderQty,
      minNotionalValue,
      priceDecimals,
      sizeDecimals,
      scale: { symbol, tickSize, qtyStep, priceDecimals, sizeDecimals },
    },
  };
}
