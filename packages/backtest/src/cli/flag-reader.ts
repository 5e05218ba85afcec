// Reads `--name value` flags for `pnpm record` and `pnpm generate-data` (main thread). Bad usage is a UsageFault
// whose message is the one line the CLI prints before it exits with code 2.

import { dropArgSeparators } from '@scalper/sim-venue';

export class UsageFault extends Error {
  override readonly name = 'UsageFault';
}

export interface Flags {
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

/**
 * `--name value` or `--name=value` for `valued`, a bare `--name` for `switches`; a lone `--` (from pnpm) is ignored.
 * With `passThrough`, anything else goes there (for the config loader) instead of being refused, and a repeated
 * flag keeps its last value, as the config loader treats its own.
 */
export function readFlags(rawArgv: readonly string[], valued: readonly string[], switches: readonly string[] = [], passThrough?: string[]): Flags {
  const argv = dropArgSeparators(rawArgv);
  const values = new Map<string, string>();
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    const equals = token.indexOf('=');
    const name = token.startsWith('--') ? token.slice(2, equals < 0 ? undefined : equals) : '';
    if (switches.includes(name) && equals < 0) {
      given.add(name);
      continue;
    }
    if (!valued.includes(name)) {
      if (passThrough !== undefined) {
        passThrough.push(token);
        continue;
      }
      throw new UsageFault(name === '' ? `unexpected argument ${JSON.stringify(token)}` : `unknown flag --${name}`);
    }
    const value = equals >= 0 ? token.slice(equals + 1) : argv[++i];
    // "--data --report x" is a forgotten value, not data called "--report".
    if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) throw new UsageFault(`--${name} needs a value`);
    if (values.has(name) && passThrough === undefined) throw new UsageFault(`--${name} is given twice`);
    values.set(name, value);
  }
  return { values, switches: given };
}

/** "BTCUSDT,ETHUSDT": upper-case Bybit symbols, no repeats. */
export function symbolList(name: string, text: string | undefined): string[] {
  if (text === undefined) throw new UsageFault(`--${name} is required, e.g. --${name} BTCUSDT,ETHUSDT`);
  const symbols = text.split(',').map((symbol) => symbol.trim());
  for (const symbol of symbols) {
    if (!/^[A-Z0-9]{2,30}$/.test(symbol)) throw new UsageFault(`--${name}: ${JSON.stringify(symbol)} is not a symbol such as BTCUSDT`);
  }
  if (new Set(symbols).size !== symbols.length) throw new UsageFault(`--${name} lists a symbol twice`);
  return symbols;
}

/** A positive decimal such as 10 or 0.5 (durations and rates, never money). */
export function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0) || !Number.isFinite(value)) throw new UsageFault(`--${name} needs a positive number, got ${JSON.stringify(text)}`);
  return value;
}

export function integerIn(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageFault(`--${name} needs an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/**
 * Epoch milliseconds from digits, or from an ISO time (2025-01-06T00:00:00Z); NaN for anything else: Date.parse
 * alone takes almost any text ("-5" is a day in 2001).
 */
export function parseTimeText(text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isSafeInteger(ms) && ms >= 0 ? ms : Number.NaN;
}

/** An ISO time (2025-01-06T00:00:00Z) or epoch milliseconds. */
export function timeArg(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = parseTimeText(text);
  if (Number.isNaN(ms)) throw new UsageFault(`--${name} needs an ISO time or epoch ms, got ${JSON.stringify(text)}`);
  return ms;
}

/** 20250106T093000Z: a UTC time for file names, sortable and free of characters some file systems refuse. */
export function fileStamp(nowMs: number): string {
  return new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** An http(s) or ws(s) URL. */
export function urlArg(name: string, text: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageFault(`--${name} is not a URL: ${JSON.stringify(text)}`);
  }
  if (!protocols.includes(url.protocol))
    throw new UsageFault(`--${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${text}`);
  return text;
}
