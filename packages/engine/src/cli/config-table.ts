// `pnpm config-table`: rewrites the Configuration table in README.md from the schema (main thread, dev tool).
// A test fails while the README and the schema disagree.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigTable } from '../config/config-table.js';

export const readmePath = fileURLToPath(new URL('../../../../README.md', import.meta.url));
export const tableStart = '<!-- config-table:start -->';
export const tableEnd = '<!-- config-table:end -->';

export function readmeTable(readme: string): string | null {
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd);
  if (start < 0 || end < start) return null;
  return readme.slice(start + tableStart.length, end).trim();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(readmePath, 'utf8');
  if (readmeTable(readme) === null) throw new Error(`README.md has no ${tableStart} ... ${tableEnd} section`);
  const start = readme.indexOf(tableStart) + tableStart.length;
  const end = readme.indexOf(tableEnd);
  writeFileSync(readmePath, `${readme.slice(0, start)}\n${renderConfigTable()}\n${readme.slice(end)}`);
  process.stdout.write('README.md configuration table updated\n');
}
