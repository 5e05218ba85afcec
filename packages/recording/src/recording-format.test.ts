// Tests of the recording line format (Jest thread): the sliced fast path, the JSON.parse fallbacks, skips.

import { describe, expect, it } from '@jest/globals';
import { formatFrameLine, formatHeaderLine, mergeHeaders, parseRecordingLine, type RecordingHeader } from './recording-format.js';

const t0 = 1_736_121_600_005;
/** Braces and escaped quotes inside strings: slicing must not care, and the text must come back byte for byte. */
const trickyFrame = '{"topic":"publicTrade.ABCUSDT","type":"snapshot","ts":1736121600000,"data":[{"i":"a}b\\"c}}","p":"1.5"}],"note":"}"}';

const header: RecordingHeader = {
  format: 'scalper-recording/1',
  source: 'wss://stream.bybit.com/v5/public/linear',
  symbols: ['ABCUSDT'],
  startedAtMs: t0 - 5,
  instruments: [{ symbol: 'ABCUSDT', priceFilter: { tickSize: '0.01' } }],
};

describe('recording format', () => {
  it('gives back the exact frame text and receive time of a written line', () => {
    const line = formatFrameLine(t0, trickyFrame);
    expect(JSON.parse(line)).toEqual({ t: t0, f: JSON.parse(trickyFrame) });
    expect(parseRecordingLine(line)).toEqual({ kind: 'frame', tsMs: t0, text: trickyFrame });
    expect(parseRecordingLine(`${line}\r`)).toEqual({ kind: 'frame', tsMs: t0, text: trickyFrame });
  });

  it('reads the header line back', () => {
    expect(parseRecordingLine(formatHeaderLine(header))).toEqual({ kind: 'header', header });
  });

  it('accepts a wrapped frame object with other spacing and re-serialises it', () => {
    const parsed = parseRecordingLine(`{ "t": ${t0}, "f": { "topic": "tickers.ABCUSDT", "ts": 1 } }`);
    expect(parsed).toEqual({ kind: 'frame', tsMs: t0, text: '{"topic":"tickers.ABCUSDT","ts":1}' });
  });

  it('accepts a frame given as a JSON string and keeps that string as the text', () => {
    const parsed = parseRecordingLine(JSON.stringify({ t: t0, f: trickyFrame }));
    expect(parsed).toEqual({ kind: 'frame', tsMs: t0, text: trickyFrame });
  });

  it('accepts a bare frame and takes its ts as the time', () => {
    const parsed = parseRecordingLine('{"topic":"orderbook.1.ABCUSDT", "type":"snapshot","ts":1700000000123,"data":{}}');
    expect(parsed).toEqual({
      kind: 'frame',
      tsMs: 1_700_000_000_123,
      text: '{"topic":"orderbook.1.ABCUSDT","type":"snapshot","ts":1700000000123,"data":{}}',
    });
  });

  it('skips lines it cannot use, with a reason, and never throws', () => {
    const lines = [
      '',
      'not json',
      '[1,2]',
      `{"t":${t0},"f":{"topic":"publicTrade.ABCUSDT","data":[`,
      `{"t":"soon","f":{"topic":"x"}}`,
      // (the canonical shape is trusted without a look inside; the fallback checks for a topic)
      `{"t": ${t0}, "f": {"no":"topic"}}`,
      `{"t":${t0},"f":"not json"}`,
      '{"topic":"publicTrade.ABCUSDT","data":[]}',
      '{"header":{"format":"other/1"}}',
      '{"something":"else"}',
    ];
    for (const line of lines) {
      const parsed = parseRecordingLine(line);
      expect(parsed.kind).toBe('skip');
      if (parsed.kind === 'skip') expect(parsed.reason.length).toBeGreaterThan(0);
    }
  });

  it('merges headers by symbol, first file first', () => {
    const other: RecordingHeader = {
      ...header,
      source: 'ws://127.0.0.1:1/v5/public/linear',
      symbols: ['XYZUSDT', 'ABCUSDT'],
      startedAtMs: t0 - 60_000,
      instruments: [{ symbol: 'XYZUSDT' }, { symbol: 'ABCUSDT', priceFilter: { tickSize: '9' } }],
    };
    expect(mergeHeaders([null, header, other])).toEqual({
      format: 'scalper-recording/1',
      source: `${header.source} + ${other.source}`,
      symbols: ['ABCUSDT', 'XYZUSDT'],
      startedAtMs: t0 - 60_000,
      instruments: [header.instruments[0], { symbol: 'XYZUSDT' }],
    });
    expect(mergeHeaders([null, null])).toBeNull();
  });
});
