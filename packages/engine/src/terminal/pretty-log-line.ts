// One JSON log line as one line for a person (main thread, pretty mode): time, coloured level, worker, symbol,
// message, then the scalar fields as key=value. pino-pretty's synchronous prettyFactory does the time and the level;
// the fields are ours, because pino-pretty prints objects over many lines and this must stay one line per entry.

import { prettyFactory } from 'pino-pretty';
import { visibleWidth } from './status-block.js';

export interface FieldLimits {
  /** Pairs shown per line; the rest are counted ("…+3"). */
  readonly maxPairs: number;
  /** A top-level object with more leaves than this is summarized as `key={N fields}` (the startup settings). */
  readonly maxLeavesPerObject: number;
  /** Longer values are cut with "…". */
  readonly maxValueChars: number;
}

const defaultFieldLimits: FieldLimits = { maxPairs: 16, maxLeavesPerObject: 12, maxValueChars: 60 };

/** Shown in the line's own columns, or noise at a terminal (pid, hostname). */
const shownElsewhere = new Set(['level', 'time', 'pid', 'hostname', 'worker', 'symbol', 'msg']);
/** Venue and local timestamps (tsEventMs, tsCreatedMs, ...): the line has its own time; the JSON keeps them. */
const timestampKey = /^ts[A-Z]\w*(Ms|Ns)$/;
/** Strings that need no quotes to read as one token. */
const bareToken = /^[^\s"=]+$/;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function numberText(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  // Six significant digits: a score of 31909411.516043946 reads as 3.19094e+7, a VWAP as 3378.36.
  const text = value.toPrecision(6);
  if (text.includes('e')) return text.replace(/\.?0+e/, 'e');
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function scalarText(value: unknown, limits: FieldLimits): string {
  if (typeof value === 'number') return numberText(value);
  if (typeof value !== 'string') return String(value);
  const text = cut(value, limits.maxValueChars);
  return bareToken.test(text) ? text : JSON.stringify(text);
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function isErrorLike(value: object): value is { message: unknown; type?: unknown; name?: unknown } {
  return 'message' in value && ('stack' in value || 'type' in value);
}

function arrayText(values: readonly unknown[], limits: FieldLimits): string {
  if (values.length > 6 || !values.every(isScalar)) return `[${values.length} items]`;
  return cut(`[${values.map((v) => (typeof v === 'string' ? v : scalarText(v, limits))).join(',')}]`, limits.maxValueChars);
}

/** Scalars and arrays anywhere inside, each counting one: how much a person would have to read. */
function leafCount(object: object): number {
  let count = 0;
  for (const value of Object.values(object)) {
    if (value === undefined) continue;
    count += isScalar(value) || Array.isArray(value) ? 1 : leafCount(value as object);
  }
  return count;
}

function addPairs(out: string[], key: string, value: unknown, depth: number, limits: FieldLimits): void {
  if (value === undefined) return;
  if (isScalar(value)) {
    out.push(`${key}=${scalarText(value, limits)}`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > 0) out.push(`${key}=${arrayText(value, limits)}`);
    return;
  }
  const object = value as Record<string, unknown>;
  if (isErrorLike(object)) {
    const kind = typeof object.type === 'string' ? object.type : typeof object.name === 'string' ? object.name : 'Error';
    out.push(`${key}=${scalarText(`${kind}: ${String(object.message)}`, limits)}`);
    return;
  }
  const entries = Object.entries(object).filter(([k, v]) => v !== undefined && !timestampKey.test(k));
  if (entries.length === 0) return;
  // One level is opened (order.side=Buy); deeper objects and big ones are counted, never printed over many lines.
  const leaves = leafCount(object);
  if (depth >= 1 || leaves > limits.maxLeavesPerObject) {
    out.push(`${key}={${leaves} ${leaves === 1 ? 'field' : 'fields'}}`);
    return;
  }
  for (const [k, v] of entries) addPairs(out, `${key}.${k}`, v, depth + 1, limits);
}

/** The fields of a log entry as `key=value` pairs on one line (nested keys dotted); pure. */
export function compactFields(log: Readonly<Record<string, unknown>>, limits: FieldLimits = defaultFieldLimits): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(log)) {
    if (shownElsewhere.has(key) || timestampKey.test(key)) continue;
    addPairs(pairs, key, value, 0, limits);
  }
  if (pairs.length <= limits.maxPairs) return pairs.join(' ');
  return `${pairs.slice(0, limits.maxPairs).join(' ')} …+${pairs.length - limits.maxPairs}`;
}

export interface PrettyOptions {
  /** ANSI colours (a terminal); off for a file or a pipe. */
  readonly colors: boolean;
  readonly limits?: FieldLimits;
}

/** The widest worker name, so messages line up. */
const workerWidth = 'market-data'.length;

/**
 * Returns a formatter: a JSON log line in, one pretty line out (no newline). A line that is not a JSON object (a
 * worker's stray output, a crash trace) comes back as it is.
 */
export function createPrettyLogLine(options: PrettyOptions): (line: string) => string {
  const limits = options.limits ?? defaultFieldLimits;
  const pretty = prettyFactory({
    colorize: options.colors,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    hideObject: true,
    singleLine: true,
    customPrettifiers: {
      // No brackets around the time; levels right-aligned so the messages line up.
      time: (time) => String(time),
      // The width from the coloured label itself: pino-pretty 13 leaves `label` undefined for string levels.
      level: (_level, _key, _log, { labelColorized }) => `${' '.repeat(Math.max(0, 5 - visibleWidth(labelColorized)))}${labelColorized}`,
    },
    messageFormat: (log, messageKey, _levelLabel, { colors }) => {
      const worker = typeof log['worker'] === 'string' ? log['worker'] : '';
      const symbol = typeof log['symbol'] === 'string' && log['symbol'] !== '' ? `${log['symbol']} ` : '';
      const fields = compactFields(log, limits);
      const message = String(log[messageKey] ?? '');
      return `${colors.magenta(worker.padEnd(workerWidth))} ${symbol}${message}${fields === '' ? '' : `  ${colors.gray(fields)}`}`;
    },
  });
  return (line) => {
    if (!line.startsWith('{')) return line;
    try {
      return pretty(line).replace(/\r?\n$/, '');
    } catch {
      return line;
    }
  };
}
