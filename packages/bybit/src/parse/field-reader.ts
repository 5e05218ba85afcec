// Reads typed fields out of one untrusted JSON object (any thread), remembering the first problem instead of
// throwing, so parsers stay total: read everything, then check `problem` once.

import { isDecimalString, isSymbol, toDecimalString, toSymbol, type DecimalString, type Side, type Symbol } from '@scalper/protocol';

export class FieldReader {
  private first: string | null = null;
  private readonly object: Record<string, unknown>;

  constructor(
    value: unknown,
    private readonly context: string,
  ) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      this.object = value as Record<string, unknown>;
    } else {
      this.object = {};
      this.first = `${context}: not an object`;
    }
  }

  /** The first problem met, naming the context and the field; null when every read succeeded. */
  get problem(): string | null {
    return this.first;
  }

  private fail(field: string, expected: string): void {
    if (this.first !== null) return;
    const raw = this.object[field];
    const shown = raw === undefined ? 'missing' : JSON.stringify(raw)?.slice(0, 60);
    this.first = `${this.context}.${field}: expected ${expected}, got ${shown}`;
  }

  raw(field: string): unknown {
    return this.object[field];
  }

  string(field: string): string {
    const value = this.object[field];
    if (typeof value === 'string') return value;
    this.fail(field, 'a string');
    return '';
  }

  optionalString(field: string): string | null {
    const value = this.object[field];
    return typeof value === 'string' && value !== '' ? value : null;
  }

  symbol(field: string): Symbol {
    const value = this.object[field];
    if (isSymbol(value)) return toSymbol(value);
    this.fail(field, 'a symbol');
    return 'INVALID' as Symbol;
  }

  /** A plain decimal string; `positive` refuses zero too, `nonNegative` refuses a minus sign. */
  decimal(field: string, sign: 'any' | 'nonNegative' | 'positive' = 'any'): DecimalString {
    const value = this.object[field];
    if (!isDecimalString(value)) {
      this.fail(field, 'a decimal string');
      return toDecimalString('0');
    }
    if (sign !== 'any' && value.startsWith('-')) this.fail(field, 'a non-negative decimal');
    if (sign === 'positive' && !/[1-9]/.test(value)) this.fail(field, 'a positive decimal');
    return value;
  }

  /**
   * Bybit sends "" for "not set" in many decimal fields (stopLoss, avgPrice on a fresh order). `nonNegative` is for
   * prices: a set price below zero is refused, not passed on as "not set".
   */
  optionalDecimal(field: string, sign: 'any' | 'nonNegative' = 'any'): DecimalString | null {
    const value = this.object[field];
    if (value === undefined || value === null || value === '') return null;
    if (!isDecimalString(value)) {
      this.fail(field, 'a decimal string or ""');
      return null;
    }
    if (sign === 'nonNegative' && value.startsWith('-')) this.fail(field, 'a non-negative decimal or ""');
    return value;
  }

  /** Milliseconds given as a number or as a digit string (Bybit uses both); 16 digits can pass 2^53, so check after. */
  timestampMs(field: string): number {
    const value = this.object[field];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    const ms = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(ms)) return ms;
    this.fail(field, 'a millisecond timestamp');
    return 0;
  }

  boolean(field: string): boolean {
    const value = this.object[field];
    if (typeof value === 'boolean') return value;
    this.fail(field, 'a boolean');
    return false;
  }

  integer(field: string): number {
    const value = this.object[field];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    this.fail(field, 'an integer');
    return 0;
  }

  side(field: string): Side {
    const value = this.object[field];
    if (value === 'Buy' || value === 'Sell') return value;
    this.fail(field, '"Buy" or "Sell"');
    return 'Buy';
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.object[field];
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.fail(field, `one of ${allowed.join(', ')}`);
    return allowed[0] as T;
  }
}
