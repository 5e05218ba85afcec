// `pnpm config-table`: rewrites the Configuration table in README.md from the schema (main thread, dev tool).
// A test fails while the README and the schema disagree. It takes no argument but --help; bad usage exits 2.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dropArgSeparators } from '@scalper/sim-venue';
import { renderConfigTable } from '../config/config-table.js';

export const readmePath = fileURLToPath(new URL('../../../../README.md', import.meta.url));
export const tableStart = '<!-- config-table:start -->';
export const tableEnd = '<!-- config-table:end -->';
const configTableUsage = 'usage: pnpm config-table   (rewrites the Configuration table of README.md from the schema; no arguments)';

export function readmeTable(readme: string): string | null {
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd);
  if (start < 0 || end < start) return null;
  return readme.slice(start + tableStart.length, end).trim();
}

/** The README with its table replaced by `table`; the same text when the table is already `table`. */
export function withTable(readme: string, table: string): string {
  if (readmeTable(readme) === null) throw new Error(`README.md has no ${tableStart} ... ${tableEnd} section`);
  const start = readme.indexOf(tableStart) + tableStart.length;
  const end = readme.indexOf(tableEnd);
  return `${readme.slice(0, start)}\n${table}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = dropArgSeparators(process.argv.slice(2));
  if (argv.includes('--help')) {
    process.stdout.write(`${configTableUsage}\n`);
    process.exit(0);
  }
  if (argv.length > 0) {
    const token = argv[0] as string;
    process.stderr.write(
      `config-table: ${token.startsWith('--') ? `unknown flag ${token}` : `unexpected argument ${JSON.stringify(token)}`}\n${configTableUsage}\n`,
    );
    process.exit(2);
  }
  const readme = readFileSync(readmePath, 'utf8');
  const updated = withTable(readme, renderConfigTable());
  // Unchanged means untouched: no write, so the file's time stays and a checkout stays clean.
  if (updated === readme) {
    process.stdout.write('README.md configuration table already matches the schema\n');
  } else {
    writeFileSync(readmePath, updated);
    process.stdout.write('README.md configuration table updated\n');
  }
}
