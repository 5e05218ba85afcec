// Streams a recording back (backtest thread): one file chunk by chunk, or every recording in a directory merged by
// receive time. Lines are split synchronously inside a decompressed chunk and the partial last line is carried
// over, so memory stays at about one chunk whatever the file's size.

import { createReadStream, type ReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseRecordingLine, type RecordedLine, type RecordingHeader } from './recording-format.js';
import { MergedRecording } from './merged-recording.js';

export interface RecordingSource {
  /** The files read, in merge (file-name) order. */
  readonly paths: readonly string[];
  /** The first line's header, or the merged headers of several files; null when no file has one. */
  readonly header: RecordingHeader | null;
  /** Compressed bytes read from disk so far, for a progress bar against totalBytes. */
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Lines that were not usable frames (never fatal); lastSkipReason tells why the latest one was skipped. */
  readonly skippedLines: number;
  readonly lastSkipReason: string | null;
  /** A gzip stream ended early (a recorder killed before close()): everything before the cut was read. */
  readonly truncated: boolean;
  /** The frames of the next decompressed chunk (never empty), or null at the end. */
  nextBatch(): Promise<readonly RecordedLine[] | null>;
  /** Every remaining frame, one at a time. */
  frames(): AsyncGenerator<RecordedLine, void, undefined>;
  /** Stops reading early and releases the files. Idempotent. */
  close(): void;
}

/** A line longer than this (a file that is not JSON Lines) is dropped rather than carried over without bound. */
const maxLineChars = 16 * 1024 * 1024;
const readChunkBytes = 64 * 1024;

async function* framesOf(source: RecordingSource): AsyncGenerator<RecordedLine, void, undefined> {
  for (;;) {
    const batch = await source.nextBatch();
    if (batch === null) return;
    yield* batch;
  }
}

function isTruncatedGzip(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'Z_BUF_ERROR';
}

class FileRecording implements RecordingSource {
  header: RecordingHeader | null = null;
  skippedLines = 0;
  lastSkipReason: string | null = null;
  truncated = false;
  private readonly raw: ReadStream;
  private readonly out: Readable;
  private readonly chunks: AsyncIterator<string>;
  private carry = '';
  private discarding = false;
  private lines = 0;
  private ended = false;
  /** Frames read while looking for the header, handed out by the first nextBatch(). */
  private pending: RecordedLine[] | null = null;

  constructor(
    private readonly path: string,
    readonly totalBytes: number,
    gzipped: boolean,
  ) {
    this.raw = createReadStream(path, { highWaterMark: readChunkBytes });
    // pipeline() destroys both streams on an error in either, so the iterator below sees it.
    this.out = gzipped ? pipeline(this.raw, createGunzip({ chunkSize: readChunkBytes }), () => {}) : this.raw;
    this.out.setEncoding('utf8'); // a StringDecoder: a character split across chunks comes out whole
    this.chunks = this.out[Symbol.asyncIterator]();
  }

  get paths(): readonly string[] {
    return [this.path];
  }

  get bytesRead(): number {
    return this.raw.bytesRead;
  }

  /** Reads until the first line is complete, so `header` is known before the first batch. */
  async readHeader(): Promise<void> {
    const frames: RecordedLine[] = [];
    while (this.lines === 0) {
      const batch = await this.readBatch();
      if (batch === null) break;
      frames.push(...batch);
    }
    if (frames.length > 0) this.pending = frames;
  }

  async nextBatch(): Promise<readonly RecordedLine[] | null> {
    if (this.pending !== null) {
      const pending = this.pending;
      this.pending = null;
      return pending;
    }
    return this.readBatch();
  }

  frames(): AsyncGenerator<RecordedLine, void, undefined> {
    return framesOf(this);
  }

  close(): void {
    this.ended = true;
    this.out.destroy();
    this.raw.destroy();
  }

  private async readBatch(): Promise<RecordedLine[] | null> {
    while (!this.ended) {
      let chunk: string;
      try {
        const next = await this.chunks.next();
        if (next.done === true) {
          this.ended = true;
          break;
        }
        chunk = next.value;
      } catch (error) {
        this.ended = true;
        if (isTruncatedGzip(error)) {
          this.truncated = true;
          break;
        }
        throw new Error(`cannot read recording ${this.path}: ${(error as Error).message}`, { cause: error });
      }
      const batch = this.split(chunk);
      if (batch.length > 0) return batch;
    }
    return this.finalLine();
  }

  /** Every complete line of carry + chunk; the incomplete tail becomes the new carry. */
  private split(chunk: string): RecordedLine[] {
    const batch: RecordedLine[] = [];
    if (this.discarding) {
      const newline = chunk.indexOf('\n');
      if (newline < 0) return batch;
      this.discarding = false;
      chunk = chunk.slice(newline + 1);
    }
    const text = this.carry === '' ? chunk : this.carry + chunk;
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      if (newline > start) this.take(text.slice(start, newline), batch);
      start = newline + 1;
    }
    this.carry = start === 0 ? text : text.slice(start);
    if (this.carry.length > maxLineChars) {
      this.skip(`a line longer than ${maxLineChars} characters`);
      this.carry = '';
      this.discarding = true;
    }
    return batch;
  }

  /**
   * The text after the last newline. The writer ends every line with one, so this is a line cut off by a crash:
   * it counts only if it is complete JSON (the fast path alone could take a cut that happens to end in '}}').
   */
  private finalLine(): RecordedLine[] | null {
    const line = this.carry;
    this.carry = '';
    if (line.trim() === '' || this.discarding) return null;
    try {
      JSON.parse(line);
    } catch {
      this.skip('a truncated last line');
      return null;
    }
    const batch: RecordedLine[] = [];
    this.take(line, batch);
    return batch.length > 0 ? batch : null;
  }

  private take(line: string, batch: RecordedLine[]): void {
    this.lines++;
    const parsed = parseRecordingLine(line);
    if (parsed.kind === 'frame') batch.push(parsed);
    else if (parsed.kind === 'skip') this.skip(parsed.reason);
    else if (this.lines === 1) this.header = parsed.header;
    else this.skip('a header after the first line');
  }

  private skip(reason: string): void {
    this.skippedLines++;
    this.lastSkipReason = reason;
  }
}

async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function openFile(path: string): Promise<FileRecording> {
  let size: number;
  let gzipped: boolean;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
    gzipped = await isGzipFile(path);
  } catch (error) {
    throw new Error(`cannot open recording ${path}: ${(error as Error).message}`, { cause: error });
  }
  const source = new FileRecording(path, size, gzipped);
  try {
    await source.readHeader();
  } catch (error) {
    source.close();
    throw error;
  }
  return source;
}

/** One recording file (plain or gzipped, whatever its name), with its header already read. */
export function openRecording(path: string): Promise<RecordingSource> {
  return openFile(path);
}

/** The recording files of a directory: *.jsonl and *.jsonl.gz, in file-name order. */
async function recordingFilesIn(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl') || name.endsWith('.jsonl.gz'));
  names.sort();
  return names.map((name) => join(dir, name));
}

/**
 * A file, or every recording in a directory merged by receive time (equal times in file-name order, then line
 * order). Within one file the file's own order is kept even where t goes backwards: a recording is written in
 * receive order, and reordering it would change what the strategy saw.
 */
export async function openRecordings(pathOrDir: string): Promise<RecordingSource> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(pathOrDir)).isDirectory();
  } catch (error) {
    throw new Error(`cannot open recording ${pathOrDir}: ${(error as Error).message}`, { cause: error });
  }
  if (!isDirectory) return openFile(pathOrDir);
  const paths = await recordingFilesIn(pathOrDir);
  if (paths.length === 0) throw new Error(`no *.jsonl or *.jsonl.gz recordings in ${pathOrDir}`);
  if (paths.length === 1) return openFile(paths[0] as string);
  const sources: FileRecording[] = [];
  try {
    for (const path of paths) sources.push(await openFile(path));
  } catch (error) {
    for (const source of sources) source.close();
    throw error;
  }
  return new MergedRecording(sources);
}
