import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { renderConfigTable } from '../config/config-table.js';
import { readmePath, readmeTable } from './config-table.js';

describe('the README configuration table', () => {
  it('matches the schema (run `pnpm config-table` after changing an option)', () => {
    expect(readmeTable(readFileSync(readmePath, 'utf8'))).toBe(renderConfigTable());
  });
});
