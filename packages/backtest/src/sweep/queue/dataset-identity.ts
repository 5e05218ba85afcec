// A recording named by its content (sweep coordinator and queue workers): each file's size and SHA-256, in the order a
// replay reads them, so a worker on another machine runs the very data the coordinator named, or refuses the job.

import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openBacktestData } from '../../recording/backtest-data.js';

export interface DatasetFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface DatasetIdentity {
  readonly files: readonly DatasetFile[];
}

export class DatasetMissingError extends Error {
  override readonly name = 'DatasetMissingError';
}

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The identity of what `--data` names (one recording or a folder of them). */
export async function datasetIdentity(pathOrDir: string): Promise<DatasetIdentity> {
  const { source } = await openBacktestData(pathOrDir);
  const paths = [...source.paths];
  source.close();
  const files: DatasetFile[] = [];
  for (const path of paths) files.push({ name: basename(path), bytes: statSync(path).size, sha256: await fileSha256(path) });
  return { files };
}

const recordingName = /\.jsonl(\.gz)?$/;

function recordingsUnder(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) recordingsUnder(path, out);
    else if (entry.isFile() && recordingName.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Finds each file of `identity` under `dir` by size and content and returns what to pass as the task's data: the
 * file, or a fresh folder of links to the files (a replay merges a folder's files by time). Throws a
 * DatasetMissingError naming the files it could not find; `hashes` caches what it has read (path → size and hash).
 */
export async function locateDataset(
  identity: DatasetIdentity,
  dir: string,
  hashes: Map<string, { bytes: number; mtimeMs: number; sha256: string }>,
): Promise<string> {
  let candidates: string[];
  try {
    candidates = recordingsUnder(dir);
  } catch (error) {
    throw new DatasetMissingError(`the data folder ${dir} cannot be read: ${(error as Error).message}`);
  }
  const found: string[] = [];
  const missing: string[] = [];
  for (const file of identity.files) {
    let match: string | null = null;
    for (const path of candidates) {
      const stat = statSync(path);
      if (stat.size !== file.bytes) continue;
      let known = hashes.get(path);
      if (known === undefined || known.bytes !== stat.size || known.mtimeMs !== stat.mtimeMs) {
        known = { bytes: stat.size, mtimeMs: stat.mtimeMs, sha256: await fileSha256(path) };
        hashes.set(path, known);
      }
      if (known.sha256 === file.sha256) {
        match = path;
        break;
      }
    }
    if (match === null) missing.push(`${file.name} (sha256 ${file.sha256.slice(0, 12)}…, ${file.bytes} bytes)`);
    else found.push(match);
  }
  if (missing.length > 0) throw new DatasetMissingError(`no recording under ${dir} has the content of ${missing.join(', ')}`);
  if (found.length === 1) return found[0] as string;
  const folder = mkdtempSync(join(tmpdir(), 'scalper-sweep-data-'));
  found.forEach((path, i) => symlinkSync(path, join(folder, `${String(i).padStart(4, '0')}-${basename(path)}`)));
  return folder;
}
