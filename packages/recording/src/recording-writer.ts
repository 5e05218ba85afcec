// RecordingWriter (recorder and generator threads): appends a header and frame lines to a recording file, gzipped
// when the name ends in .gz. Lines are gathered into ~64 KiB strings before they reach the stream, because one
// stream write per frame costs more than the frame itself.

import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import { formatFrameLine, formatHeaderLine, type RecordingHeader } from './recording-format.js';

export interface RecordingWriterOptions {
  /** Refuse to replace an existing file (a recording is not regenerable); default false. */
  readonly exclusive?: boolean;
  /** zlib level 1-9 for .gz files; default 6 (zlib's own default). */
  readonly gzipLevel?: number;
  /**
   * Bytes the stream may hold unwritten before frames are dropped (and counted) instead of buffered: a recorder in
   * a socket callback cannot wait, but it must not grow without bound if the disk stalls. Default 64 MiB.
   */
  readonly maxPendingBytes?: number;
}

/** Lines gathered before one stream write. */
const batchChars = 64 * 1024;
const defaultMaxPendingBytes = 64 * 1024 * 1024;

export class RecordingWriter {
  /** Frame lines accepted (dropped ones are not counted here). */
  frames = 0;
  /** Frames refused because more than maxPendingBytes waited, or because the stream had failed. */
  droppedFrames = 0;
  /** Times the stream's write() asked us to slow down. */
  backpressureEvents = 0;

  private readonly head: Writable;
  private readonly file: WriteStream;
  private readonly done: Promise<void>;
  private readonly maxPendingBytes: number;
  private batch = '';
  private flushedBytes = 0;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private headerWritten = false;

  private constructor(
    readonly path: string,
    options: RecordingWriterOptions,
  ) {
    this.maxPendingBytes = options.maxPendingBytes ?? defaultMaxPendingBytes;
    if (!(this.maxPendingBytes > 0)) throw new RangeError(`recording writer maxPendingBytes must be positive: ${this.maxPendingBytes}`);
    this.file = createWriteStream(path, { flags: options.exclusive === true ? 'wx' : 'w' });
    if (path.endsWith('.gz')) {
      const level = options.gzipLevel ?? zlibConstants.Z_DEFAULT_COMPRESSION;
      if (!(Number.isInteger(level) && level >= -1 && level <= 9)) throw new RangeError(`recording writer gzipLevel must be 1-9: ${level}`);
      const gzip = createGzip({ level });
      this.head = gzip;
      this.done = pipeline(gzip, this.file);
    } else {
      this.head = this.file;
      this.done = once(this.file, 'close').then(() => undefined);
      this.file.on('error', (error) => this.fail(error));
    }
    // The pipeline promise is the one place a stream error surfaces; close() rethrows it.
    this.done.catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
  }

  /** Creates the file (and its directory) and waits until it is open, so a bad path fails here, not later. */
  static async open(path: string, options: RecordingWriterOptions = {}): Promise<RecordingWriter> {
    mkdirSync(dirname(path), { recursive: true });
    const writer = new RecordingWriter(path, options);
    await Promise.race([
      once(writer.file, 'open'),
      writer.done.then(() => {
        throw writer.failure ?? new Error(`recording ${path} closed before it opened`);
      }),
    ]).catch((error: unknown) => {
      throw new Error(`cannot open recording ${path}: ${(error as Error).message}`, { cause: error });
    });
    return writer;
  }

  /** The first stream error, or null. Once set, frames are dropped and close() rejects with it. */
  get error(): Error | null {
    return this.failure;
  }

  /** Bytes accepted but not yet handed to the file: the local batch plus what the streams hold. */
  get pendingBytes(): number {
    const file = this.head === this.file ? 0 : this.file.writableLength;
    return this.batch.length + this.head.writableLength + file;
  }

  /** Uncompressed UTF-8 bytes of every line accepted, header included (the unflushed batch counted as ASCII). */
  get bytes(): number {
    return this.flushedBytes + this.batch.length;
  }

  /** Bytes on disk so far (compressed size for .gz); final after close(). */
  get fileBytes(): number {
    return this.file.bytesWritten;
  }

  /** Must come before any frame; at most once. */
  writeHeader(header: RecordingHeader): void {
    if (this.headerWritten || this.frames > 0 || this.droppedFrames > 0) {
      throw new Error(`recording ${this.path}: the header must be the first line, written once`);
    }
    this.headerWritten = true;
    this.append(formatHeaderLine(header) + '\n');
  }

  /**
   * Appends one frame line. Returns false when the caller should `await drain()` before writing more; a caller
   * that cannot wait (a socket callback) may keep writing, and past maxPendingBytes frames are dropped and counted.
   */
  writeFrame(tMs: number, text: string): boolean {
    if (this.failure !== null || this.closing !== null || this.pendingBytes > this.maxPendingBytes) {
      this.droppedFrames++;
      return false;
    }
    this.frames++;
    return this.append(formatFrameLine(tMs, text) + '\n');
  }

  /** Resolves once the stream has room again (at once if it has). */
  async drain(): Promise<void> {
    if (!this.head.writableNeedDrain || this.failure !== null) return;
    await Promise.race([once(this.head, 'drain'), this.done]);
  }

  /** Flushes, ends the gzip stream and resolves once the file is complete and closed. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.flushBatch();
      this.head.end();
      await this.done.catch(() => undefined);
      if (this.failure !== null) throw this.failure;
    })();
    return this.closing;
  }

  private append(line: string): boolean {
    this.batch += line;
    if (this.batch.length < batchChars) return !this.head.writableNeedDrain;
    return this.flushBatch();
  }

  private flushBatch(): boolean {
    if (this.batch === '') return true;
    const text = this.batch;
    this.batch = '';
    // Measured once per batch rather than per line: Buffer.byteLength is cheap on 64 KiB, not on 200 bytes.
    this.flushedBytes += Buffer.byteLength(text);
    if (this.failure !== null || this.head.destroyed) return false;
    const ok = this.head.write(text);
    if (!ok) this.backpressureEvents++;
    return ok;
  }

  private fail(error: Error): void {
    this.failure ??= error;
  }
}
