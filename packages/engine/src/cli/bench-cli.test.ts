// Tests of `pnpm bench`'s arguments (scripts/bench/run.mjs, its main thread), run as a user would: scripts/ has no
// Jest project of its own, and the bench drives the engine. Only usage paths: none of them starts a benchmark.

import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** packages/engine/dist/cli/ -> scripts/bench/run.mjs */
const benchScript = fileURLToPath(new URL('../../../../scripts/bench/run.mjs', import.meta.url));

const runBench = (args: readonly string[]) => spawnSync(process.execPath, [benchScript, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('the bench CLI', () => {
  it("prints its usage on --help, after pnpm's -- too, without running anything", () => {
    for (const args of [['--help'], ['--', '--quick', '--', '--help']]) {
      const help = runBench(args);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^usage: pnpm bench \[-- --quick\] \[-- --memory-minutes N\]/);
      expect(help.stderr).toBe('');
    }
  });

  it.each([
    [['--', '--quick', '--', '--bogus'], 'bench: unknown flag --bogus'],
    [['quick'], 'bench: unexpected argument "quick"'],
    [['--memory-minutes', 'ten'], 'bench: --memory-minutes needs a positive number, got "ten"'],
    [['--', '--memory-minutes'], 'bench: --memory-minutes needs a value'],
  ])('exits 2 on %j with the problem and the usage, before any benchmark', (args, problem) => {
    const bad = runBench(args);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(new RegExp(`^${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\nusage: pnpm bench `));
  });
});
