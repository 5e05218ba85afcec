// The char-code decimal checks (Jest thread) against the checks they replaced: isDecimalString's regex for book
// levels, and parseWsTrade's former private scan for trade amounts. Any disagreement on any input fails.

import { describe, expect, it } from '@jest/globals';
import { isDecimalString, toSymbol } from '@scalper/protocol';
import { L2OrderBook } from '../book/l2-order-book.js';
import { loadFixture } from '../test-support/fixtures.js';
import { classifyWsFrame } from './classify-ws-frame.js';
import type { OrderBookFrame } from './ws-frame.js';
import { isDecimalText, isPositiveDecimalText } from './decimal-text.js';
import { parseWsTrade } from './trade-parser.js';

/** parseWsTrade's isPositiveDecimal before the shared helper, kept verbatim as the reference. */
function oldIsPositiveDecimal(value: unknown): boolean {
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

const digits = (n: number): string => '1234567890'.repeat(Math.ceil(n / 10)).slice(0, n);

const chosen: unknown[] = [
  // empty, bare and misplaced dots and signs
  ...['', '.', '..', '-', '+', '-.', '.-', '1.', '.1', '-.1', '-1.', '1..2', '1.2.3', '1.-2', '1-', '--1', '+1', '-+1'],
  // signs and zeros
  ...['-1', '-0', '-0.0', '-00.000', '0', '00', '0.0', '0.000', '000.0001', '01.5', '0.0001', '1', '9', '10', '30247.20'],
  // exponents, names, bases, separators
  ...['1e5', '1E5', '1e-7', '1.5e3', 'NaN', 'Infinity', '-Infinity', '0x10', '0b1', '0o7', '1_000', '1,5', '1/2'],
  // whitespace and control characters anywhere
  ...[' 1', '1 ', ' ', '1\n', '\n1', '\t1', '1\u0000', '\u00001', '1\u00a0', '\u20281', '1 .5', '1. 5'],
  // non-ASCII digits and look-alikes: Arabic-Indic, Persian, fullwidth, Devanagari, maths bold (a surrogate pair)
  ...['\u0661\u0662\u0663', '\u06f1.\u06f5', '\uff11\uff12\uff13', '\u0967', '\ud835\udfcf', '1\u066b5', '\u00b2', '\u00bd'],
  // characters just outside the digit range, and the dot's neighbours
  ...['/', ':', '1/', '1:', '1,', '1-2', '\u00301', '\u0130'],
  // lengths around the 64-character cap, with and without sign and dot
  '123456789.12345678',
  digits(63),
  digits(64),
  digits(65),
  `-${digits(63)}`,
  `-${digits(64)}`,
  `${digits(31)}.${digits(32)}`,
  `${digits(32)}.${digits(32)}`,
  `-${digits(31)}.${digits(31)}`,
  `0.${'0'.repeat(62)}`,
  `0.${'0'.repeat(61)}1`,
  `0.${'0'.repeat(62)}1`,
  digits(1_000),
  // not strings at all
  1,
  0,
  -1,
  1.5,
  Number.NaN,
  null,
  undefined,
  true,
  {},
  [],
  ['1'],
  10n,
  // A boxed string is an object, and must be refused like one.
  new String('1'),
];

/** Every string of up to 4 characters over an alphabet of the interesting characters. */
function exhaustiveShort(): string[] {
  const alphabet = ['0', '1', '9', '.', '-', '+', 'e', ' ', '/', ':', '\u0661'];
  const out: string[] = [''];
  let previous: string[] = [''];
  for (let length = 1; length <= 4; length++) {
    const next: string[] = [];
    for (const prefix of previous) for (const char of alphabet) next.push(prefix + char);
    out.push(...next);
    previous = next;
  }
  return out;
}

/** Mostly-digit strings of 0..70 characters from a fixed seed, so many land on both sides of the 64 cap. */
function seededLong(count: number): string[] {
  let state = 0x2545f491;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const rare = ['.', '.', '-', 'e', ' ', '+', '\u0663'];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const length = Math.floor(next() * 71);
    let text = '';
    for (let i = 0; i < length; i++) {
      text += next() < 0.93 ? String(Math.floor(next() * 10)) : (rare[Math.floor(next() * rare.length)] as string);
    }
    out.push(text);
  }
  return out;
}

const inputs: unknown[] = [...chosen, ...exhaustiveShort(), ...seededLong(20_000)];

describe('isDecimalText and isPositiveDecimalText', () => {
  it('accept and refuse exactly what the checks they replaced did, on every input', () => {
    const disagreements: string[] = [];
    for (const value of inputs) {
      if (isDecimalText(value) !== isDecimalString(value)) disagreements.push(`isDecimalText ${String(value)}`);
      if (isPositiveDecimalText(value) !== oldIsPositiveDecimal(value)) disagreements.push(`isPositiveDecimalText ${String(value)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('are tested on inputs that both accept and refuse, across every shape', () => {
    const strings = inputs.filter((value): value is string => typeof value === 'string');
    const accepted = strings.filter((value) => isDecimalText(value));
    expect(accepted.length).toBeGreaterThan(2_000);
    expect(strings.length - accepted.length).toBeGreaterThan(2_000);
    expect(accepted.some((value) => value.startsWith('-'))).toBe(true);
    expect(accepted.some((value) => value.length === 64)).toBe(true);
    expect(strings.some((value) => value.length === 65 && /^\d+$/.test(value))).toBe(true);
    expect(strings.filter((value) => isPositiveDecimalText(value)).length).toBeGreaterThan(1_000);
  });

  it('keep the documented answers on the named cases', () => {
    for (const good of ['0', '0.0001', '01.5', '123456789.12345678', digits(64), '-1', '-0']) expect(isDecimalText(good)).toBe(true);
    for (const bad of ['', '.', '1.', '.1', '1e5', ' 1', '+1', digits(65), '\u0661', '\uff11', 1, null]) expect(isDecimalText(bad)).toBe(false);
    for (const good of ['0.0001', '01.5', '123456789.12345678', digits(64)]) expect(isPositiveDecimalText(good)).toBe(true);
    for (const bad of ['0', '0.000', '-1', '-0', '', '1e5', digits(65)]) expect(isPositiveDecimalText(bad)).toBe(false);
  });
});

describe('the classifier and parseWsTrade through the shared check', () => {
  const book = loadFixture<{ data: { b: unknown[][]; a: unknown[][] } }>('ws_orderbook50_delta_docs.json');
  const trade = loadFixture<{ data: Record<string, unknown>[] }>('ws_public_trade_docs.json');
  // JSON can carry strings, numbers, null, booleans, arrays and objects; undefined, bigint and boxed strings cannot.
  const jsonValues = chosen.filter((value) => value !== undefined && typeof value !== 'bigint' && !(value instanceof String));

  it('lets the book apply a level only when isDecimalString accepts both sides (the classifier leaves levels to it)', () => {
    for (const value of jsonValues) {
      for (const [side, index] of [
        ['b', 0],
        ['b', 1],
        ['a', 0],
        ['a', 1],
      ] as const) {
        const payload = { ...structuredClone(book.payload), type: 'snapshot' };
        (payload.data[side][2] as unknown[])[index] = value;
        const frame = classifyWsFrame(JSON.stringify(payload));
        expect(frame.kind).toBe('orderbook');
        const outcome = new L2OrderBook(toSymbol('BTCUSDT'), 2).apply(frame as OrderBookFrame, 1).kind;
        if (!isDecimalString(value)) expect([String(value), side, index, outcome]).toEqual([String(value), side, index, 'resync-needed']);
      }
    }
  });

  it('parses a trade exactly when the former scan accepts its price and size', () => {
    const item = trade.payload.data[0] as Record<string, unknown>;
    for (const value of jsonValues) {
      expect([String(value), parseWsTrade({ ...item, p: value }).ok]).toEqual([String(value), oldIsPositiveDecimal(value)]);
      expect([String(value), parseWsTrade({ ...item, v: value }).ok]).toEqual([String(value), oldIsPositiveDecimal(value)]);
    }
  });
});
