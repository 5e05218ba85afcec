#!/usr/bin/env node
// `pnpm soak [-- --minutes N] [-- --seed S]` (main thread): the engine against the embedded venue with every fault
// on, a progress line every 10 s, then the report. Exit code 1 when a must-hold condition failed, 2 on bad usage.

import { renderSoakReport, soakFailures } from '../soak/soak-report.js';
import { runSoak } from '../soak/soak-run.js';
import { parseSoakArgs, soakUsage, SoakUsageError, type SoakCommand } from './soak-args.js';

let command: SoakCommand;
try {
  command = parseSoakArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof SoakUsageError)) throw error;
  process.stderr.write(`soak: ${error.message}\n${soakUsage}\n`);
  process.exit(2);
}
if (command.kind === 'help') {
  process.stdout.write(`${soakUsage}\n`);
  process.exit(0);
}

const { minutes, seed } = command;
process.stderr.write(`soak: ${minutes} min against the embedded venue with every fault on (seed ${seed})\n`);
const report = await runSoak({ seconds: minutes * 60, seed, onProgress: (line) => process.stderr.write(`soak: ${line}\n`) });
process.stdout.write(`${renderSoakReport(report)}\n`);
const failures = soakFailures(report);
process.stdout.write(failures.length === 0 ? 'soak: passed\n' : `soak: FAILED: ${failures.join('; ')}\n`);
process.exitCode = failures.length === 0 ? 0 : 1;
