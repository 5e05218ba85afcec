#!/usr/bin/env node
// Deletes compiled files in packages/*/dist whose TypeScript source is gone, so Jest (which runs dist/) never runs
// a test that was deleted or renamed in src/. `tsc -b` leaves such orphans behind. Usage: prune-dist.mjs [pkgDir...]
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const packageDirs =
  args.length > 0 ? args.map((dir) => resolve(dir)) : readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name));

const compiledSuffixes = ['.d.ts.map', '.d.ts', '.js.map', '.js'];
let removed = 0;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

for (const packageDir of packageDirs) {
  const dist = join(packageDir, 'dist');
  if (!existsSync(dist)) continue;
  for (const file of walk(dist)) {
    const suffix = compiledSuffixes.find((s) => file.endsWith(s));
    if (suffix === undefined) continue;
    const stem = relative(dist, file).slice(0, -suffix.length);
    if (!existsSync(join(packageDir, 'src', `${stem}.ts`))) {
      rmSync(file);
      removed++;
    }
  }
}
if (removed > 0) console.log(`prune-dist: removed ${removed} compiled files whose source is gone`);
