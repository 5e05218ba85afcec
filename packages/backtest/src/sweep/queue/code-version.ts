// The code a sweep result depends on (sweep coordinator and queue workers): a SHA-256 over the built JavaScript of
// every package and the repository's config files, so a worker from another checkout refuses a job instead of
// answering it with other code.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's place in packages/backtest/dist/sweep/queue/. */
const repositoryRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

function builtFiles(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') builtFiles(path, out);
    } else if (entry.name.endsWith('.js') && !entry.name.endsWith('.test.js')) out.push(path);
  }
}

let cached: string | null = null;

/** 16 hex digits of the SHA-256 over the packages' dist/*.js (tests left out) and config/*.json, by path order. */
export function codeVersion(root: string = repositoryRoot): string {
  if (cached !== null && root === repositoryRoot) return cached;
  const files: string[] = [];
  const packages = join(root, 'packages');
  for (const name of readdirSync(packages).sort()) {
    const dist = join(packages, name, 'dist');
    if (existsSync(dist)) builtFiles(dist, files);
  }
  const config = join(root, 'config');
  if (existsSync(config)) for (const name of readdirSync(config)) if (name.endsWith('.json')) files.push(join(config, name));
  const hash = createHash('sha256');
  for (const path of files.sort()) {
    hash.update(relative(root, path));
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  const version = hash.digest('hex').slice(0, 16);
  if (root === repositoryRoot) cached = version;
  return version;
}
