// Reads a recording of Bybit public frames (venue thread, once at start): JSON Lines, optionally gzipped, one frame
// per line either as the raw frame object or as {"t": receiveMs, "f": frame}. Lines that are not usable frames
// are counted, not fatal: a recording cut off mid-line still replays.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface RecordedFrame {
  /** Venue time of the frame in the recording (its `ts`, or the receive time of a wrapped line). */
  readonly tsMs: number;
  readonly topic: string;
  readonly frame: Record<string, unknown>;
}

export interface ReplayFile {
  readonly frames: readonly RecordedFrame[];
  readonly skippedLines: number;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function parseReplayText(text: string): ReplayFile {
  const frames: RecordedFrame[] = [];
  let skippedLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      skippedLines++;
      continue;
    }
    const outer = asObject(parsed);
    let frame = outer;
    let tsMs: unknown = outer?.['ts'];
    if (outer !== null && outer['f'] !== undefined) {
      const inner = typeof outer['f'] === 'string' ? safeParse(outer['f']) : outer['f'];
      frame = asObject(inner);
      tsMs = outer['t'] ?? frame?.['ts'];
    }
    const topic = frame?.['topic'];
    if (frame === null || typeof topic !== 'string' || typeof tsMs !== 'number' || !Number.isFinite(tsMs)) {
      skippedLines++;
      continue;
    }
    frames.push({ tsMs, topic, frame });
  }
  // Stable sort: frames with equal times keep the recorded order.
  frames.sort((a, b) => a.tsMs - b.tsMs);
  return { frames, skippedLines };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function readReplayFile(path: string): ReplayFile {
  const bytes = readFileSync(path);
  const gzipped = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return parseReplayText((gzipped ? gunzipSync(bytes) : bytes).toString('utf8'));
}
