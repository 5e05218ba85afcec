// fast-check arbitraries that break Bybit's documented payloads the ways a bad link or a buggy venue would (test
// code, Jest thread): fields dropped, renamed or retyped, hostile number text, duplicate keys, cut or noisy text.

import fc from 'fast-check';

/** Text that has broken decimal and timestamp readers elsewhere: each must be refused or read exactly. */
export const hostileTexts: readonly string[] = [
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '-0.000',
  '0',
  '0.000',
  '',
  ' ',
  ' 1',
  '1 ',
  '+1',
  '-1',
  '-16578.50',
  '1e-7',
  '1E5',
  '.5',
  '5.',
  '1.2.3',
  '1,5',
  '0x10',
  '0b1',
  '1_000',
  '00.1',
  '--1',
  '١٢٣', // Arabic-Indic digits: \d in JavaScript matches ASCII only, but Number() and parseFloat do not care
  '１２３', // fullwidth digits
  '𝟏𝟐𝟑', // mathematical bold digits (surrogate pairs)
  '१२.५', // Devanagari
  '²',
  '½',
  'null',
  'true',
  'undefined',
  '[object Object]',
  '9007199254740993',
  '99999999999999999',
  '1'.repeat(64),
  '1'.repeat(65),
  '9'.repeat(400),
  `0.${'0'.repeat(400)}1`,
  'x'.repeat(10_000),
];

/** JSON number literals spliced into the text after JSON.stringify: 1e309 parses to Infinity, -0 to -0. */
export const hostileLiterals: readonly string[] = [
  '1e309',
  '-1e309',
  '1E400',
  '-0',
  '-0.0',
  '0',
  '-1',
  '-1672304486865',
  '1.5',
  '0.1e-400',
  '1e21',
  '9007199254740993',
  '123456789012345678901234567890',
  `1${'0'.repeat(400)}`,
];

const rawPrefix = '@@RAW@@';
const duplicatePrefix = '@@DUP@@';

/** A string that becomes the bare JSON literal `literal` in `toJsonText`'s output. */
export function rawLiteral(literal: string): string {
  return `${rawPrefix}${literal}`;
}

const rawPattern = /"@@RAW@@([^"]*)"/g;
const duplicatePattern = /"@@DUP@@/g;

/** JSON.stringify, then the markers left by rawLiteral and duplicate-key mutations become real JSON text. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.includes('"@@') ? text.replace(rawPattern, '$1').replace(duplicatePattern, '"') : text;
}

/**
 * One code point, lone surrogates included: fc's own binary unit draws from the same range, but first builds a
 * reverse map of all 1.1 million code points (over a second), which these properties never need.
 */
export const anyCharacter: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

/** Number-looking text: signs, leading zeros, exponents, stray dots, and lengths around the 64-char cap. */
const decimalLikeText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '-', '+'),
    fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 0, maxLength: 70 }),
    fc.constantFrom('', '', '.', '..'),
    fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 0, maxLength: 20 }),
    fc.constantFrom('', '', '', 'e5', 'e-7', 'E309'),
  )
  .map(([sign, whole, dot, fraction, exponent]) => `${sign}${whole}${dot}${fraction}${exponent}`);

/** Any value a hostile or broken venue might put where a field was: wrong types, hostile text, nested garbage. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...hostileTexts), weight: 6 },
  { arbitrary: fc.constantFrom(...hostileLiterals).map(rawLiteral), weight: 4 },
  { arbitrary: decimalLikeText, weight: 4 },
  // Digit runs pass a /^\d+$/ check yet read as a rounded number or Infinity: the timestamp and counter trap.
  { arbitrary: fc.constantFrom('9007199254740993', '99999999999999999', '9'.repeat(23), '9'.repeat(309), `1${'0'.repeat(400)}`), weight: 4 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(-1), fc.constant(0)), weight: 2 },
  // null on its own: Bybit itself sends null in places, and it is what breaks `value.field` reads.
  { arbitrary: fc.constant(null), weight: 2 },
  { arbitrary: fc.oneof(fc.boolean(), fc.constant([]), fc.constant({})), weight: 2 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: anyCharacter, maxLength: 12 }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

export type TreeMutation =
  | { readonly op: 'drop'; readonly at: number }
  | { readonly op: 'rename'; readonly at: number; readonly name: string }
  | { readonly op: 'retype'; readonly at: number; readonly value: unknown }
  | { readonly op: 'negate'; readonly at: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly value: unknown; readonly hostileWins: boolean }
  | { readonly op: 'empty-arrays' };

export const treeMutation: fc.Arbitrary<TreeMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('drop' as const), at: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      op: fc.constant('rename' as const),
      at: fc.nat(),
      name: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('P', 'V', 'price', 'Size', '', ' p')),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: hostileValue }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('negate' as const), at: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), value: hostileValue, hostileWins: fc.boolean() }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('empty-arrays' as const) }), weight: 1 },
);

export type TextMutation =
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'replace-char'; readonly at: number; readonly text: string }
  | { readonly op: 'unicode-digit'; readonly at: number; readonly digit: string };

const unicodeDigits = ['٣', '３', '𝟑', '३', '߃', '³', '½', '٫'];

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: anyCharacter, minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('replace-char' as const), at: fc.nat(), text: anyCharacter }),
  fc.record({ op: fc.constant('unicode-digit' as const), at: fc.nat(), digit: fc.constantFrom(...unicodeDigits) }),
);

type Container = Record<string, unknown> | unknown[];

interface Slot {
  readonly parent: Container;
  readonly key: string | number;
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Number of fields and array elements under `root`. Walks without building a list: this runs per mutation. */
function countSlots(root: unknown): number {
  if (!isContainer(root)) return 0;
  let count = 0;
  if (Array.isArray(root)) {
    for (const child of root) count += 1 + countSlots(child);
  } else {
    for (const key in root) count += 1 + countSlots(root[key]);
  }
  return count;
}

/** The index-th field or element under `root`, depth first, or the remaining index when `root` holds fewer. */
function slotAt(root: unknown, index: number): Slot | number {
  if (!isContainer(root)) return index;
  let left = index;
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) {
      if (left === 0) return { parent: root, key: i };
      const found = slotAt(root[i], left - 1);
      if (typeof found !== 'number') return found;
      left = found;
    }
  } else {
    for (const key in root) {
      if (left === 0) return { parent: root, key };
      const found = slotAt(root[key], left - 1);
      if (typeof found !== 'number') return found;
      left = found;
    }
  }
  return left;
}

function read(slot: Slot): unknown {
  return Array.isArray(slot.parent) ? slot.parent[slot.key as number] : slot.parent[slot.key as string];
}

function write(slot: Slot, value: unknown): void {
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else slot.parent[slot.key as string] = value;
}

function emptyArrays(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (isContainer(value)) {
    const object = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(object)) object[key] = emptyArrays(child);
  }
  return value;
}

function negated(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('-') ? value.slice(1) : `-${value}`;
  if (typeof value === 'number') return -value;
  return value;
}

/** Applies the mutations to a deep copy of `base` (`at` picks a field modulo the number of fields); none: `base`. */
export function mutateTree(base: unknown, mutations: readonly TreeMutation[]): unknown {
  if (mutations.length === 0) return base;
  // A JSON round trip copies faster than structuredClone, and every base is plain JSON anyway.
  let root = JSON.parse(JSON.stringify(base)) as unknown;
  for (const mutation of mutations) {
    if (mutation.op === 'empty-arrays') {
      root = emptyArrays(root);
      continue;
    }
    const count = countSlots(root);
    if (count === 0) continue;
    const slot = slotAt(root, mutation.at % count) as Slot;
    switch (mutation.op) {
      case 'drop':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete slot.parent[slot.key as string];
        break;
      case 'rename':
        if (!Array.isArray(slot.parent)) {
          const value = slot.parent[slot.key as string];
          delete slot.parent[slot.key as string];
          slot.parent[mutation.name] = value;
        }
        break;
      case 'retype':
        write(slot, mutation.value);
        break;
      case 'negate':
        write(slot, negated(read(slot)));
        break;
      case 'duplicate':
        if (!Array.isArray(slot.parent)) {
          const key = slot.key as string;
          const original = slot.parent[key];
          // The marker key is appended, so its value comes last in the text, and JSON.parse keeps the last one.
          slot.parent[key] = mutation.hostileWins ? original : mutation.value;
          slot.parent[`${duplicatePrefix}${key}`] = mutation.hostileWins ? mutation.value : original;
        }
        break;
    }
  }
  return root;
}

/** Applies text mutations in order (`at` picks a position modulo the text length). */
export function mutateText(text: string, mutations: readonly TextMutation[]): string {
  let out = text;
  for (const mutation of mutations) {
    const at = mutation.at % (out.length + 1);
    switch (mutation.op) {
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'insert':
        out = out.slice(0, at) + mutation.text + out.slice(at);
        break;
      case 'replace-char':
        out = out.slice(0, at) + mutation.text + out.slice(at + 1);
        break;
      case 'unicode-digit': {
        // The at-th ASCII digit (wrapping), so the mutation lands inside a number more often than not.
        const digits = [...out.matchAll(/\d/g)];
        const match = digits.length === 0 ? undefined : digits[mutation.at % digits.length];
        if (match?.index !== undefined) out = out.slice(0, match.index) + mutation.digit + out.slice(match.index + 1);
        break;
      }
    }
  }
  return out;
}

/** A payload with 0-4 field mutations, as JSON values (hostile literals go through a JSON text round trip). */
export function mutatedValue(base: unknown): fc.Arbitrary<unknown> {
  return fc.array(treeMutation, { minLength: 0, maxLength: 4 }).map((mutations) => {
    const text = toJsonText(mutateTree(base, mutations));
    return JSON.parse(text) as unknown;
  });
}
