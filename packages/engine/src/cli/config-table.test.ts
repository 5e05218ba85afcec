// Tests of `pnpm config-table` (main thread of the dev tool): the README table matches the schema, a current table
// is left as it is, and the CLI refuses arguments other than --help without touching the README.

import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigTable } from '../config/config-table.js';
import { readmePath, readmeTable, tableEnd, tableStart, withTable } from './config-table.js';

const configTableScript = fileURLToPath(new URL('./config-table.js', import.meta.url));

describe('the README configuration table', () => {
  it('matches the schema (run `pnpm config-table` after changing an option)', () => {
    expect(readmeTable(readFileSync(readmePath, 'utf8'))).toBe(renderConfigTable());
  });

  it('is rewritten to the same text when it is current, so pnpm config-table leaves the README as it is', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(withTable(readme, renderConfigTable())).toBe(readme);
    expect(withTable(`a\n${tableStart}\nold\n${tableEnd}\nb\n`, 'new')).toBe(`a\n${tableStart}\nnew\n${tableEnd}\nb\n`);
  });
});

describe('the config-table CLI', () => {
  it("prints its usage on --help (after pnpm's -- too) and exits 2 on any other argument, writing nothing", () => {
    const before = readFileSync(readmePath, 'utf8');
    for (const args of [['--help'], ['--', '--help']]) {
      const help = spawnSync(process.execPath, [configTableScript, ...args], { encoding: 'utf8', timeout: 10_000 });
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^usage: pnpm config-table /);
    }
    for (const [args, problem] of [
      [['--', '--check'], 'config-table: unknown flag --check'],
      [['README.md'], 'config-table: unexpected argument "README.md"'],
    ] as const) {
      const bad = spawnSync(process.execPath, [configTableScript, ...args], { encoding: 'utf8', timeout: 10_000 });
      expect(bad.status).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(new RegExp(`^${problem}\\nusage: pnpm config-table `));
    }
    expect(readFileSync(readmePath, 'utf8')).toBe(before);
  });
});
