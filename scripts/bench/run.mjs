#!/usr/bin/env node
// `pnpm bench [-- --quick]`: runs the benchmarks and writes docs/benchmarks.md with the machine, Node and date.
// Benchmarks report; they never fail the test run.
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchFrameParsing } from './frame-parsing.mjs';
import { benchRingThroughput } from './ring-throughput.mjs';
import { benchStrategyCore } from './strategy-core.mjs';

const quick = process.argv.includes('--quick');
const outFile = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

function table({ title, header, rows, note }) {
  const lines = [`## ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  if (note) lines.push('', note);
  return lines.join('\n');
}

const sections = [];
for (const bench of [benchFrameParsing, benchRingThroughput, benchStrategyCore]) {
  const result = await bench({ quick });
  console.log(table(result), '\n');
  sections.push(table(result));
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmarks',
  '',
  `Written by \`pnpm bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Each figure is min / median / max over the runs shown.`,
  '',
].join('\n');
mkdirSync(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true });
writeFileSync(outFile, `${header}\n${sections.join('\n\n')}\n`);
console.log(`wrote ${outFile}`);
