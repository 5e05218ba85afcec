#!/usr/bin/env node
// `pnpm bench [-- --quick] [-- --memory-minutes N] [-- --only NAME]`: runs every benchmark (or the ones named) and
// writes docs/benchmarks.md with the machine, Node and date (a full run only). Benchmarks report; they never fail tests.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchBacktest } from './backtest.mjs';
import { BenchUsageError, benchUsage, parseBenchArgs } from './bench-args.mjs';
import { benchDashboard } from './dashboard.mjs';
import { benchFrameParsing } from './frame-parsing.mjs';
import { benchFrameToDecision } from './frame-to-decision.mjs';
import { benchOrderHop } from './order-hop.mjs';
import { benchFrameToOrder } from './frame-to-order.mjs';
import { benchJournalMetrics } from './journal-metrics.mjs';
import { benchMemory } from './memory.mjs';
import { benchPaperRelay } from './paper-relay.mjs';
import { benchPeer } from './peer-comparison.mjs';
import { benchRingThroughput } from './ring-throughput.mjs';
import { benchStrategyCore } from './strategy-core.mjs';
import { benchSweepQueue } from './sweep-queue.mjs';
import { benchThroughput } from './throughput.mjs';

let args;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`bench: ${error.message}\n${benchUsage}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${benchUsage}\n`);
  process.exit(0);
}
// The whole run must stay under 10 minutes (2 with --quick); the 10-minute memory figure is asked for explicitly.
const { quick, memoryMinutes, only } = args;
/** The peer comparison is measured against our frame-to-decision and throughput figures, so it runs them too. */
const wanted = (name) => only === null || only.includes(name) || (only.includes('peer') && (name === 'decision' || name === 'throughput'));
const outFile = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
const startedAt = Date.now();

function table({ title, header, rows, note }) {
  const lines = [`## ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  if (note) lines.push('', note);
  return lines.join('\n');
}

const sections = [];
async function section(name, run) {
  const at = Date.now();
  const result = await run();
  console.log(`${table(result)}\n\n(${name}: ${((Date.now() - at) / 1_000).toFixed(0)} s)\n`);
  sections.push(table(result));
  return result;
}

if (wanted('parse')) await section('frame parsing', () => benchFrameParsing({ quick }));
if (wanted('ring')) await section('ring throughput', () => benchRingThroughput({ quick }));
if (wanted('strategy')) await section('strategy core', () => benchStrategyCore({ quick }));
const decision = wanted('decision') ? await section('frame to decision', () => benchFrameToDecision({ quick })) : null;
if (wanted('order')) await section('frame to order', () => benchFrameToOrder({ quick }));
if (wanted('hop')) await section('order hop', () => benchOrderHop({ quick }));
if (wanted('relay')) await section('paper relay', () => benchPaperRelay({ quick }));
const throughput = wanted('throughput') ? await section('throughput', () => benchThroughput({ quick })) : null;
const memory = wanted('memory') ? await section('memory', () => benchMemory({ minutes: memoryMinutes })) : null;
if (wanted('backtest')) await section('backtest', () => benchBacktest({ quick }));
if (wanted('queue')) await section('sweep queue', () => benchSweepQueue({ quick }));
if (wanted('journal')) await section('journal and metrics', () => benchJournalMetrics({ quick }));
if (wanted('dashboard')) await section('dashboard', () => benchDashboard({ quick }));
if (wanted('peer') && decision !== null && throughput !== null) {
  await section('peer', () => benchPeer({ quick, symbol: decision.symbol, ours: { latency: decision.latency, bestRate: throughput.bestRate } }));
}
if (only !== null) process.exit(0);

const rssAfterThroughput = throughput.rssAfterBytes === undefined ? 'n/a' : `${Math.round(throughput.rssAfterBytes / 2 ** 20)} MB`;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmarks',
  '',
  `Written by \`pnpm bench${args.argv.length > 0 ? ` -- ${args.argv.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 10)} in ` +
    `${((Date.now() - startedAt) / 60_000).toFixed(1)} min: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
    'Each figure is min / median / max over the runs shown, or percentiles over every sample of one run.',
  '',
  `Engine RSS: ${memory.startMb.toFixed(0)} MB at start and ${memory.endMb.toFixed(0)} MB after ${memoryMinutes} min of \`pnpm start\`; ` +
    `${rssAfterThroughput} after the last throughput step.`,
  '',
].join('\n');
mkdirSync(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true });
// The investigation of missed targets is prose kept beside the scripts: it is appended, not regenerated.
const findings = readFileSync(new URL('./findings.md', import.meta.url), 'utf8');
writeFileSync(outFile, `${header}\n${sections.join('\n\n')}\n\n${findings}`);
console.log(`wrote ${outFile}`);
