// The recording format (recorder, generator, backtest and venue threads): how one line of a market-data recording
// is written and read back. Pure string work, no I/O.
//
// scalper-recording/1:
// - JSON Lines, gzip-compressed when the file name ends in .gz; readers detect gzip by its magic bytes (1f 8b), not
//   by the name.
// - An optional header line first:
//     {"header":{"format":"scalper-recording/1","source":"<ws url>","symbols":[...],"startedAtMs":N,
//                "instruments":[<items of GET /v5/market/instruments-info exactly as the venue returned them>]}}
// - Then one frame per line, in receive order:
//     {"t":<receive time, integer ms since the epoch>,"f":<the frame text exactly as received from the socket>}
//   written by concatenation ('{"t":' + t + ',"f":' + text + '}'). The frame text is itself a JSON object, so the
//   line is valid JSON.
// - Readers take the frame text back by slicing the line (after the t digits and ',"f":', up to the final '}'),
//   with no JSON.parse: that is the backtest's hot path. A line of any other shape falls back to JSON.parse and
//   may be {"t":n,"f":{...}}, {"t":n,"f":"<frame text>"} or a bare frame with a numeric "ts" (the frame is then
//   re-serialised); a line that is none of these is skipped and counted, never fatal.
// - A recording is written in receive order, so t never decreases within a file written by RecordingWriter; a
//   reader keeps a file's own order even where it does not (see recording-reader.ts).

export const recordingFormat = 'scalper-recording/1';

export interface RecordingHeader {
  /** 'scalper-recording/1'. */
  readonly format: string;
  /** The WebSocket URL the frames came from, or a description of the generator that made them. */
  readonly source: string;
  readonly symbols: readonly string[];
  /** Wall-clock (or, for generated data, venue) time the recording started, ms since the epoch. */
  readonly startedAtMs: number;
  /** instruments-info list items, untouched, so a backtest uses the venue's own tick sizes and qty steps. */
  readonly instruments: readonly Record<string, unknown>[];
}

/** One recorded frame: the receive time and the frame's text exactly as the socket delivered it. */
export interface RecordedLine {
  readonly kind: 'frame';
  /** Receive time, ms since the epoch. */
  readonly tsMs: number;
  readonly text: string;
}

export type ParsedRecordingLine =
  RecordedLine | { readonly kind: 'header'; readonly header: RecordingHeader } | { readonly kind: 'skip'; readonly reason: string };

const framePrefix = '{"t":';
const frameInfix = ',"f":{';
const closeBrace = 0x7d;
const digit0 = 0x30;
const digit9 = 0x39;
/** 15 digits stay below 2^53, so the digits accumulate exactly; ms since the epoch have 13. */
const maxTimeDigits = 15;

/** One frame line, without its newline. `text` must be the frame's JSON object text, as received. */
export function formatFrameLine(tMs: number, text: string): string {
  return '{"t":' + tMs + ',"f":' + text + '}';
}

/** The header line, without its newline. */
export function formatHeaderLine(header: RecordingHeader): string {
  return JSON.stringify({ header });
}

/**
 * Reads one line (without its newline). The fast path slices the frame text out of the canonical shape; every
 * other shape goes through JSON.parse. Never throws.
 */
export function parseRecordingLine(line: string): ParsedRecordingLine {
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === 0x0d) end--; // a CRLF file
  if (line.startsWith(framePrefix)) {
    let i = framePrefix.length;
    let t = 0;
    for (; i < end; i++) {
      const c = line.charCodeAt(i);
      if (c < digit0 || c > digit9) break;
      t = t * 10 + (c - digit0);
    }
    const digits = i - framePrefix.length;
    // The frame object closes right before the line's own closing brace: '...}}'.
    if (
      digits > 0 &&
      digits <= maxTimeDigits &&
      line.startsWith(frameInfix, i) &&
      line.charCodeAt(end - 1) === closeBrace &&
      line.charCodeAt(end - 2) === closeBrace &&
      end - 1 > i + frameInfix.length
    ) {
      return { kind: 'frame', tsMs: t, text: line.slice(i + frameInfix.length - 1, end - 1) };
    }
  }
  return parseSlowly(end === line.length ? line : line.slice(0, end));
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function skip(reason: string): ParsedRecordingLine {
  return { kind: 'skip', reason };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The fallback for non-canonical lines: parse, then recognise the accepted shapes. */
function parseSlowly(line: string): ParsedRecordingLine {
  if (line.trim() === '') return skip('empty line');
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return skip('not JSON');
  }
  const outer = asObject(parsed);
  if (outer === null) return skip('not a JSON object');
  if (outer['header'] !== undefined && outer['topic'] === undefined) {
    return parseHeader(outer['header']);
  }
  if (outer['f'] !== undefined) {
    const t = outer['t'];
    if (!isTime(t)) return skip('"t" is not a receive time in ms');
    const inner = outer['f'];
    if (typeof inner === 'string') {
      // The frame as a JSON string: its text is the frame text; it must still be an object with a topic.
      let frame: unknown;
      try {
        frame = JSON.parse(inner);
      } catch {
        return skip('"f" is a string but not JSON');
      }
      const object = asObject(frame);
      if (object === null || typeof object['topic'] !== 'string') return skip('"f" is not a frame with a topic');
      return { kind: 'frame', tsMs: t, text: inner };
    }
    const frame = asObject(inner);
    if (frame === null || typeof frame['topic'] !== 'string') return skip('"f" is not a frame with a topic');
    return { kind: 'frame', tsMs: t, text: JSON.stringify(frame) };
  }
  if (typeof outer['topic'] === 'string') {
    const ts = outer['ts'];
    if (!isTime(ts)) return skip('a bare frame without a numeric "ts"');
    return { kind: 'frame', tsMs: ts, text: JSON.stringify(outer) };
  }
  return skip('neither a frame nor a header');
}

function parseHeader(value: unknown): ParsedRecordingLine {
  const header = asObject(value);
  if (header === null) return skip('"header" is not an object');
  const { format, source, symbols, startedAtMs, instruments } = header;
  if (typeof format !== 'string' || !format.startsWith('scalper-recording/')) return skip(`unknown header format ${JSON.stringify(format)}`);
  if (typeof source !== 'string') return skip('header without a source');
  if (!Array.isArray(symbols) || !symbols.every((s) => typeof s === 'string')) return skip('header symbols are not strings');
  if (!isTime(startedAtMs)) return skip('header startedAtMs is not a time in ms');
  if (!Array.isArray(instruments) || !instruments.every((item) => asObject(item) !== null)) {
    return skip('header instruments are not objects');
  }
  return {
    kind: 'header',
    header: {
      format,
      source,
      symbols: symbols as string[],
      startedAtMs,
      instruments: instruments as Record<string, unknown>[],
    },
  };
}

/**
 * One header for several recordings read as one: symbols in order of first appearance, instruments keyed by symbol
 * (the first file's item wins), the earliest start, the distinct sources. Null when no file has a header.
 */
export function mergeHeaders(headers: readonly (RecordingHeader | null)[]): RecordingHeader | null {
  const present = headers.filter((header): header is RecordingHeader => header !== null);
  if (present.length === 0) return null;
  if (present.length === 1) return present[0] as RecordingHeader;
  const symbols = new Set<string>();
  const instruments = new Map<string, Record<string, unknown>>();
  const sources = new Set<string>();
  let startedAtMs = Number.POSITIVE_INFINITY;
  for (const header of present) {
    for (const symbol of header.symbols) symbols.add(symbol);
    for (const item of header.instruments) {
      const symbol = item['symbol'];
      if (typeof symbol === 'string' && !instruments.has(symbol)) instruments.set(symbol, item);
    }
    sources.add(header.source);
    startedAtMs = Math.min(startedAtMs, header.startedAtMs);
  }
  return {
    format: recordingFormat,
    source: [...sources].join(' + '),
    symbols: [...symbols],
    startedAtMs,
    instruments: [...instruments.values()],
  };
}
