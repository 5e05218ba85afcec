// Property test (Jest thread): bad values for every option, from arguments, environment variables and a config file
// in a temp dir. loadConfig either loads a config with no NaN or Infinity in it, or throws a one-line ConfigError.

import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { loadConfig } from './load-config.js';
import { describeOptions, type OptionDescription } from './option-names.js';
import { engineSchema } from './schema.js';

const options = describeOptions(engineSchema);
const dir = mkdtempSync(join(tmpdir(), 'scalper-config-property-'));
// A new file per run: rewriting one file in place cost ~3 ms a run here (truncation), a fresh one ~0.1 ms.
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text that has broken number and decimal readers elsewhere. */
const hostileTexts = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '-1',
  '0',
  '',
  ' ',
  ' 5 ',
  '+5',
  '0x10',
  '1e3',
  '.5',
  '5.',
  '1_000',
  '1,5',
  '١٢٣',
  '１２３',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '9'.repeat(400),
  `0.${'0'.repeat(30)}1`,
  '1'.repeat(65),
  'line\nbreak',
  'BTCUSDT,',
  'btcusdt',
  'ftp://example.com',
  'http://',
  'wss://stream.bybit.com/v5/public/linear',
  'x'.repeat(5_000),
];

const rawPrefix = '@@RAW@@';
/** JSON number literals that JSON.parse turns into Infinity, -0 or a rounded number. */
const rawLiterals = ['1e309', '-1e309', '-0', '1E400', '123456789012345678901234567890', '9007199254740993', '0.1e-400'];

/** Option values as text, for arguments and environment variables. */
function textValue(option: OptionDescription): fc.Arbitrary<string> {
  const fallback = option.spec.default;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...hostileTexts) },
    { weight: 2, arbitrary: fc.constant(Array.isArray(fallback) ? fallback.join(',') : String(fallback)) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.integer({ min: -5, max: 70_000 }), fc.double()).map(String) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
}

/** Option values as JSON, for a config file: wrong types, numbers where decimal strings belong, garbage. */
function jsonValue(option: OptionDescription): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: textValue(option) },
    { weight: 2, arbitrary: fc.constant(option.spec.default) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(-1), fc.constant(0.5)) },
    { weight: 1, arbitrary: fc.constantFrom(...rawLiterals).map((literal) => `${rawPrefix}${literal}`) },
    { weight: 1, arbitrary: fc.oneof(fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({})) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

type Source = 'arg' | 'arg=' | 'env' | 'file';

interface Assignment {
  readonly option: OptionDescription;
  readonly source: Source;
  readonly value: unknown;
}

const assignment: fc.Arbitrary<Assignment> = fc
  .record({ index: fc.nat({ max: options.length - 1 }), source: fc.constantFrom<Source>('arg', 'arg=', 'env', 'file') })
  .chain(({ index, source }) => {
    const option = options[index] as OptionDescription;
    const value = source === 'file' ? jsonValue(option) : textValue(option);
    return value.map((chosen): Assignment => ({ option, source, value: chosen }));
  });

/** Keys no option has: empty, dotted, inherited from Object.prototype, or random. */
const strangeKey = fc.oneof(
  fc.constantFrom('', ' ', '.', 'strategy.windowTicks', 'strategy..windowTicks', '__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  fc.string({ maxLength: 8 }),
);

/**
 * A whole section replaced by something that is not an object, a strange key at the top or inside a section, or a
 * file that is not JSON at all.
 */
const fileDamage = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.record({
      section: fc.constantFrom('strategy', 'risk', 'venue', 'ring'),
      value: fc.constantFrom<unknown>(null, 5, 'x', [], [1]),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      key: strangeKey,
      within: fc.constantFrom<string | null>(null, 'strategy', 'venue'),
      value: fc.constantFrom<unknown>(1, 5, 'x', null, {}, { windowTicks: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ cut: fc.nat() }) },
);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    node = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : (node[key] = {});
  }
  node[keys[keys.length - 1] as string] = value;
}

function valueAt(config: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], config);
}

const integerFormats = new Set([
  'port-or-zero',
  'positive-int',
  'non-negative-int',
  'window-ticks',
  'interval-ms',
  'queue-capacity',
  'ring-capacity',
  'dashboard-interval',
  'spin-micros',
  'warm-every-ms',
]);
const numberFormats = new Set(['positive-number', 'non-negative-number', 'multiplier-above-one', 'boost', 'fraction', 'percent']);

/** Every option of a loaded config holds a value of its format; no number anywhere is NaN or Infinity. */
function checkLoaded(config: unknown): void {
  const walk = (node: unknown, where: string): void => {
    if (typeof node === 'number' && !Number.isFinite(node)) throw new Error(`${where} is ${node}`);
    if (typeof node === 'object' && node !== null) for (const [key, child] of Object.entries(node)) walk(child, `${where}.${key}`);
  };
  walk(config, 'config');
  for (const option of options) {
    const value = valueAt(config, option.path);
    const format = option.spec.format;
    const bad = (expected: string): Error => new Error(`${option.path} loaded as ${JSON.stringify(value)}, not ${expected}`);
    if (Array.isArray(format)) {
      if (!format.includes(value as string)) throw bad(`one of ${format.join(', ')}`);
    } else if (format === 'positive-decimal') {
      if (typeof value !== 'string' || !/^[0-9]+(\.[0-9]+)?$/.test(value) || !/[1-9]/.test(value)) throw bad('a positive plain decimal');
    } else if (integerFormats.has(format as string)) {
      if (!Number.isSafeInteger(value)) throw bad('a safe integer');
    } else if (numberFormats.has(format as string)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a finite number');
    } else if (format === 'strict-boolean') {
      if (typeof value !== 'boolean') throw bad('a boolean');
    }
  }
}

const optionKeys = new Set(options.map((option) => JSON.stringify(option.path.split('.'))));

/** A file that loaded must have put every value on an option: no line of it may have been skipped silently. */
function checkFileUsed(text: string): void {
  const visit = (node: unknown, keys: readonly string[]): void => {
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      for (const [key, child] of Object.entries(node)) visit(child, [...keys, key]);
    } else if (!optionKeys.has(JSON.stringify(keys))) {
      throw new Error(`a config file with the key path ${JSON.stringify(keys)} loaded, but no option has that path`);
    }
  };
  visit(JSON.parse(text), []);
}

/** Whole-word matches only: the option "env" must not be found inside "environment". */
function mentions(message: string, name: string): boolean {
  const at = message.indexOf(name);
  if (at < 0) return false;
  const before = message[at - 1] ?? ' ';
  const after = message[at + name.length] ?? ' ';
  return (!/[\w.]/.test(before) && !/[\w]/.test(after)) || mentions(message.slice(at + 1), name);
}

/**
 * One line that names an option: one of those touched, any option of the schema (rules that span options), or the
 * key that is no option at all.
 */
function checkError(error: unknown, touched: readonly Assignment[], file: string | null): void {
  // Duck-typed: instanceof can fail across Jest's module realms.
  const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
  if (name !== 'ConfigError') throw error;
  if (typeof message !== 'string' || message.length === 0) throw new Error('ConfigError without a message');
  if (/[\r\n]/.test(message)) throw new Error(`ConfigError message is not one line: ${JSON.stringify(message)}`);
  const named =
    touched.some((a) => mentions(message, a.option.path) || mentions(message, a.option.env)) ||
    (file !== null && message.includes(file)) ||
    options.some((option) => mentions(message, option.path) || mentions(message, option.env)) ||
    /unknown option|unknown environment variable|is no option name/.test(message);
  if (!named) throw new Error(`ConfigError names no option: ${message}`);
}

describe('loadConfig with bad values for every option', () => {
  it('loads a config without NaN or Infinity, or throws a one-line ConfigError naming the option', () => {
    const outcomes = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(assignment, { minLength: 1, maxLength: 3 }), fileDamage, (assignments, damage) => {
        const argv: string[] = [];
        const env: Record<string, string> = {};
        const file: Record<string, unknown> = {};
        let usedFile = damage !== null;
        let userFile: string | null = null;
        let fileText: string | null = null;
        for (const { option, source, value } of assignments) {
          // Credentials have no argument; asking for one on the command line must be refused by name too.
          const arg = option.arg ?? option.path;
          if (source === 'arg') argv.push(`--${arg}`, value as string);
          else if (source === 'arg=') argv.push(`--${arg}=${value as string}`);
          else if (source === 'env') env[option.env] = value as string;
          else {
            setPath(file, option.path, value);
            usedFile = true;
          }
        }
        if (usedFile) {
          if (damage !== null && 'section' in damage) file[damage.section] = damage.value;
          let text = JSON.stringify(file).replace(/"@@RAW@@([^"]*)"/g, '$1');
          if (damage !== null && 'key' in damage) {
            // Spliced into the text: a __proto__ key set on an object would change its prototype, not add a key.
            const entry = `${JSON.stringify(damage.key)}:${JSON.stringify(damage.value)}`;
            const section = damage.within === null ? -1 : text.indexOf(`"${damage.within}":{`);
            const opened = section < 0 ? 1 : section + (damage.within as string).length + 4;
            const rest = text.slice(opened);
            text = `${text.slice(0, opened)}${entry}${rest.startsWith('}') ? '' : ','}${rest}`;
          }
          if (damage !== null && 'cut' in damage) text = text.slice(0, damage.cut % text.length);
          userFile = join(dir, `user-${files++}.json`);
          writeFileSync(userFile, text);
          fileText = text;
          argv.push('--config', userFile);
        }
        try {
          checkLoaded(loadConfig({ argv, env, configDir: repositoryConfigDir }).config);
          if (fileText !== null) checkFileUsed(fileText);
          outcomes.loaded++;
        } catch (error) {
          checkError(error, assignments, userFile);
          outcomes.refused++;
        }
      }),
      { seed: 0xc0f16, numRuns: 2_000 },
    );
    // Enough valid values get through that the loaded side of the property is tested too.
    expect(outcomes.loaded).toBeGreaterThan(200);
    expect(outcomes.refused).toBeGreaterThan(200);
  });
});
