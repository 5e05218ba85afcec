// Benchmark: RSS of the whole engine as `pnpm start` runs it (embedded venue, four workers, default config, its
// journal in a temporary file and its metrics on a free port), sampled every 5 s, with the least-squares trend over
// the run after its first minute.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rssOfPid, sleep } from './support/engine-process.mjs';

const cli = new URL('../../packages/engine/dist/cli/main.js', import.meta.url).pathname;

function slopePerMinute(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.minute, 0) / n;
  const my = points.reduce((a, p) => a + p.mb, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.minute - mx) * (p.mb - my), 0);
  const sxx = points.reduce((a, p) => a + (p.minute - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

export async function benchMemory({ minutes }) {
  // The default journal and metrics, kept out of the trader's data/journal/ and off the default port.
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const engine = spawn(
    process.execPath,
    [cli, '--journal.path', join(dir, 'sim.sqlite'), '--metrics.listen', '127.0.0.1:0', '--dashboard.listen', ''],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  engine.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4_000)));
  const samples = [];
  const startedAt = Date.now();
  try {
    await sleep(10_000); // start-up: venue, four workers, first scan and subscription
    while (Date.now() - startedAt < minutes * 60_000) {
      if (engine.exitCode !== null) throw new Error(`engine exited early (${engine.exitCode}): ${stderr}`);
      samples.push({ minute: (Date.now() - startedAt) / 60_000, mb: rssOfPid(engine.pid) / 2 ** 20 });
      await sleep(5_000);
    }
  } finally {
    engine.kill('SIGTERM');
    await once(engine, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
  const ticks = [...stderr.matchAll(/ticks (\d+)/g)].at(-1)?.[1];
  const mbs = samples.map((s) => s.mb);
  const trend = slopePerMinute(samples.filter((s) => s.minute >= 1));
  return {
    title: `Memory: RSS of the whole engine process under \`pnpm start\` (${minutes} min, sampled every 5 s)`,
    header: ['at start (10 s)', `at ${minutes} min`, 'min', 'max', 'trend after the first minute'],
    rows: [
      [
        `${mbs[0].toFixed(0)} MB`,
        `${mbs.at(-1).toFixed(0)} MB`,
        `${Math.min(...mbs).toFixed(0)} MB`,
        `${Math.max(...mbs).toFixed(0)} MB`,
        `${trend >= 0 ? '+' : ''}${trend.toFixed(2)} MB/min`,
      ],
    ],
    note:
      'One process holds the embedded venue, the main thread and the four workers, as `pnpm start` runs it' +
      (ticks === undefined ? '' : ` (strategy saw ${ticks} ticks by the last status line)`) +
      '. Target: under 250 MB and no growth trend.',
    startMb: mbs[0],
    endMb: mbs.at(-1),
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const i = process.argv.indexOf('--minutes');
  console.log(JSON.stringify(await benchMemory({ minutes: i >= 0 ? Number(process.argv[i + 1]) : 1 }), null, 1));
}
