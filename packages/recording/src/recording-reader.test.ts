// Tests of RecordingWriter and the streaming reader (backtest thread): gzipped and plain files bigger than a read
// chunk, a cut-off last line, a cut-off gzip stream, and the merge of several files by receive time.

import { describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFrameLine, type RecordedLine, type RecordingHeader } from './recording-format.js';
import { openRecording, openRecordings, type RecordingSource } from './recording-reader.js';
import { RecordingWriter } from './recording-writer.js';

const t0 = 1_736_121_600_000;
const header: RecordingHeader = {
  format: 'scalper-recording/1',
  source: 'ws://127.0.0.1:1/v5/public/linear',
  symbols: ['ABCUSDT'],
  startedAtMs: t0,
  instruments: [{ symbol: 'ABCUSDT', status: 'Trading' }],
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'recording-'));
}

/** ~300-byte frames, with non-ASCII text so a character can straddle two chunks. */
function frameText(i: number): string {
  return `{"topic":"publicTrade.ABCUSDT","type":"snapshot","ts":${t0 + i},"data":[{"T":${t0 + i},"s":"ABCUSDT","S":"Buy","v":"${i}","p":"1.${i}","i":"id-${i}-é€😀}","BT":false,"pad":"${'x'.repeat(i % 200)}"}]}`;
}

async function readAll(source: RecordingSource): Promise<RecordedLine[]> {
  const lines: RecordedLine[] = [];
  for await (const line of source.frames()) lines.push(line);
  return lines;
}

async function writeRecording(path: string, frames: number, first = 0, withHeader = true): Promise<RecordingWriter> {
  const writer = await RecordingWriter.open(path);
  if (withHeader) writer.writeHeader(header);
  for (let i = first; i < first + frames; i++) {
    if (!writer.writeFrame(t0 + i, frameText(i))) await writer.drain();
  }
  await writer.close();
  return writer;
}

describe('recording writer and reader', () => {
  for (const name of ['big.jsonl.gz', 'big.jsonl']) {
    it(`round-trips ${name} across many read chunks, in order and byte for byte`, async () => {
      const path = join(tempDir(), name);
      const writer = await writeRecording(path, 6_000);
      expect(writer.frames).toBe(6_000);
      const size = readFileSync(path).length;
      expect(writer.fileBytes).toBe(size);
      if (name.endsWith('.gz')) expect(writer.bytes).toBeGreaterThan(5 * size);
      else expect(writer.bytes).toBe(size);

      const source = await openRecording(path);
      expect(source.header).toEqual(header);
      let batches = 0;
      const lines: RecordedLine[] = [];
      for (let batch = await source.nextBatch(); batch !== null; batch = await source.nextBatch()) {
        expect(batch.length).toBeGreaterThan(0);
        batches++;
        lines.push(...batch);
      }
      expect(batches).toBeGreaterThan(3);
      expect(lines).toHaveLength(6_000);
      lines.forEach((line, i) => {
        expect(line.tsMs).toBe(t0 + i);
        expect(line.text).toBe(frameText(i));
      });
      expect(source.skippedLines).toBe(0);
      expect(source.truncated).toBe(false);
      expect(source.bytesRead).toBe(source.totalBytes);
    });
  }

  it('skips a cut-off last line and reads everything before it', async () => {
    const path = join(tempDir(), 'cut.jsonl');
    await writeRecording(path, 10);
    // A cut that happens to end in "}}" would pass the sliced fast path; the reader checks the last line fully.
    appendFileSync(path, `{"t":${t0 + 10},"f":{"topic":"publicTrade.ABCUSDT","data":{"a":{}}`);
    const source = await openRecording(path);
    expect(await readAll(source)).toHaveLength(10);
    expect(source.skippedLines).toBe(1);
    expect(source.lastSkipReason).toBe('a truncated last line');
  });

  it('reads a complete last line without a newline', async () => {
    const path = join(tempDir(), 'no-newline.jsonl');
    writeFileSync(path, `${formatFrameLine(t0, frameText(0))}\n${formatFrameLine(t0 + 1, frameText(1))}`);
    const source = await openRecording(path);
    expect(source.header).toBeNull();
    expect((await readAll(source)).map((line) => line.tsMs)).toEqual([t0, t0 + 1]);
  });

  it('reads a gzip stream cut off mid-way up to the cut, and says so', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.jsonl.gz');
    await writeRecording(whole, 6_000);
    const bytes = readFileSync(whole);
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const source = await openRecording(cut);
    const lines = await readAll(source);
    expect(source.truncated).toBe(true);
    expect(lines.length).toBeGreaterThan(1_000);
    expect(lines.length).toBeLessThan(6_000);
    lines.forEach((line, i) => expect(line.text).toBe(frameText(i)));
  });

  it('detects gzip by its magic bytes, not by the file name', async () => {
    const dir = tempDir();
    const gz = join(dir, 'a.jsonl.gz');
    await writeRecording(gz, 5);
    const renamed = join(dir, 'renamed.jsonl');
    writeFileSync(renamed, readFileSync(gz));
    expect(await readAll(await openRecording(renamed))).toHaveLength(5);
  });

  it('merges the recordings of a directory by receive time, ties in file-name order', async () => {
    const dir = join(tempDir(), 'set');
    mkdirSync(dir);
    const a = await RecordingWriter.open(join(dir, 'a.jsonl.gz'));
    a.writeHeader(header);
    for (const t of [1, 3, 3, 7]) a.writeFrame(t0 + t, `{"topic":"a","n":${t}}`);
    await a.close();
    const b = await RecordingWriter.open(join(dir, 'b.jsonl'));
    b.writeHeader({ ...header, symbols: ['XYZUSDT'], startedAtMs: t0 - 1, instruments: [{ symbol: 'XYZUSDT' }] });
    for (const t of [0, 3, 5, 9]) b.writeFrame(t0 + t, `{"topic":"b","n":${t}}`);
    await b.close();
    writeFileSync(join(dir, 'notes.txt'), 'not a recording');

    const source = await openRecordings(dir);
    expect(source.paths.map((path) => path.slice(dir.length + 1))).toEqual(['a.jsonl.gz', 'b.jsonl']);
    expect(source.header?.symbols).toEqual(['ABCUSDT', 'XYZUSDT']);
    expect(source.header?.startedAtMs).toBe(t0 - 1);
    expect(source.header?.instruments.map((item) => item['symbol'])).toEqual(['ABCUSDT', 'XYZUSDT']);
    const order = (await readAll(source)).map((line) => `${line.tsMs - t0}${JSON.parse(line.text).topic as string}`);
    expect(order).toEqual(['0b', '1a', '3a', '3a', '3b', '5b', '7a', '9b']);
    expect(source.bytesRead).toBe(source.totalBytes);
  });

  it('keeps a file in its own order where its times go backwards', async () => {
    const dir = join(tempDir(), 'backwards');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.jsonl'), [10, 5, 20].map((t) => formatFrameLine(t, `{"topic":"a","n":${t}}`)).join('\n') + '\n');
    writeFileSync(join(dir, 'b.jsonl'), [7].map((t) => formatFrameLine(t, `{"topic":"b","n":${t}}`)).join('\n') + '\n');
    const order = (await readAll(await openRecordings(dir))).map((line) => `${line.tsMs}${JSON.parse(line.text).topic as string}`);
    expect(order).toEqual(['7b', '10a', '5a', '20a']);
  });

  it('refuses a directory without recordings and a missing file, naming them', async () => {
    const dir = tempDir();
    await expect(openRecordings(dir)).rejects.toThrow(`no *.jsonl or *.jsonl.gz recordings in ${dir}`);
    await expect(openRecordings(join(dir, 'missing.jsonl'))).rejects.toThrow(`cannot open recording ${join(dir, 'missing.jsonl')}`);
  });

  it('refuses a header after a frame, and an existing file when exclusive', async () => {
    const path = join(tempDir(), 'once.jsonl');
    const writer = await RecordingWriter.open(path);
    writer.writeFrame(t0, frameText(0));
    expect(() => writer.writeHeader(header)).toThrow('the header must be the first line');
    await writer.close();
    await expect(RecordingWriter.open(path, { exclusive: true })).rejects.toThrow(`cannot open recording ${path}`);
  });

  it('drops and counts frames instead of buffering past maxPendingBytes', async () => {
    const writer = await RecordingWriter.open(join(tempDir(), 'small.jsonl.gz'), { maxPendingBytes: 100_000 });
    for (let i = 0; i < 5_000; i++) writer.writeFrame(t0 + i, frameText(i));
    expect(writer.droppedFrames).toBeGreaterThan(0);
    expect(writer.frames + writer.droppedFrames).toBe(5_000);
    expect(writer.pendingBytes).toBeLessThan(100_000 + 70_000);
    await writer.close();
  });
});
