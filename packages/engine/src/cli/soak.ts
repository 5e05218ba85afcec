#!/usr/bin/env node
// `pnpm soak [-- --minutes N] [-- --seed S]` (main thread): the engine against the embedded venue with every fault
// on, a progress line every 10 s, then the report. Exit code 1 when a must-hold condition failed, 2 on bad usage.

import { renderSoakReport, soakFailures } from '../soak/soak-report.js';
import { runSoak } from '../soak/soak-run.js';

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!(value > 0) || !Number.isFinite(value)) {
    process.stderr.write(`soak: --${name} needs a positive number, got ${JSON.stringify(process.argv[at + 1])}\n`);
    process.exit(2);
  }
  return value;
}

const minutes = numberArg('minutes', 10);
const seed = numberArg('seed', 7);
process.stderr.write(`soak: ${minutes} min against the embedded venue with every fault on (seed ${seed})\n`);
const report = await runSoak({ seconds: minutes * 60, seed, onProgress: (line) => process.stderr.write(`soak: ${line}\n`) });
process.stdout.write(`${renderSoakReport(report)}\n`);
const failures = soakFailures(report);
process.stdout.write(failures.length === 0 ? 'soak: passed\n' : `soak: FAILED: ${failures.join('; ')}\n`);
process.exitCode = failures.length === 0 ? 0 : 1;
