// Sweeps on a BullMQ queue against a real Redis (Jest thread; coordinator and workers as child processes): two
// workers give the local sweep's rows, a worker killed mid-job is replaced with every combination counted once, and
// bad set-ups (no Redis, a queue busy with another sweep, a worker of other code, a missing recording) each give one
// clear line and lose nothing. Skipped, visibly, where Debian's redis-server is not installed (.ci/run installs it).

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { cleanEnv, cliPath, linesOf, runCli, writeSmallRecording } from '../../test-support/cli-process.js';
import { redisOptionsFromUrl } from './queue-connection.js';
import { sweepQueueName } from './sweep-job.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const describeWithRedis = hasRedis ? describe : describe.skip;
if (!hasRedis) process.stderr.write('queue-sweep.integration.test: redis-server not installed; the queue tests are skipped\n');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let dir = '';
let recording = '';
let redis: ChildProcess | null = null;
let port = 0;
const workers: ChildProcess[] = [];
const url = (db: number): string => `redis://127.0.0.1:${port}/${db}`;

beforeAll(async () => {
  if (!hasRedis) return;
  dir = mkdtempSync(join(tmpdir(), 'queue-sweep-'));
  recording = await writeSmallRecording(dir);
  port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim() === 'PONG'
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 60_000);

afterAll(() => {
  for (const worker of workers) worker.kill('SIGKILL');
  redis?.kill('SIGKILL');
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

interface StartedWorker {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  /** Resolves with the first line matching `pattern` (at once if one came already). */
  waitFor(pattern: RegExp): Promise<string>;
}

function startWorker(db: number, dataDir: string): StartedWorker {
  const child = spawn(
    process.execPath,
    [cliPath('sweep-worker'), '--queue', url(db), '--concurrency', '1', '--data-dir', dataDir, '--lock-ms', '2000'],
    {
      cwd: dir,
      env: cleanEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  workers.push(child);
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve) => {
        const seen = lines.find((line) => pattern.test(line));
        if (seen !== undefined) resolve(seen);
        else waiters.push({ pattern, resolve });
      }),
  };
}

async function stopWorker(worker: StartedWorker): Promise<number | null> {
  worker.child.kill('SIGTERM');
  return worker.exited;
}

const grid = 'windowTicks=10,20,30,stopLossPercent=0.3,0.5';

describeWithRedis('a sweep on the queue', () => {
  it('gives the local sweep rows through two workers, one of them killed mid-job, with every combination once', async () => {
    const local = await runCli('sweep', ['--data', recording, '--grid', grid, '--threads', '1', '--out', join(dir, 'local')], dir);
    expect(local.code).toBe(0);

    const first = startWorker(1, dir);
    const second = startWorker(1, dir);
    await Promise.all([first.waitFor(/taking jobs from/), second.waitFor(/taking jobs from/)]);
    const coordinator = runCli('sweep', ['--data', recording, '--grid', grid, '--queue', url(1), '--out', join(dir, 'queued')], dir);
    // The first job the first worker starts dies with it: BullMQ's stalled check gives it to the second.
    const killedJob = /job (\S+): running$/.exec(await first.waitFor(/: running$/))?.[1];
    first.child.kill('SIGKILL');
    const outcome = await coordinator;
    await stopWorker(second);

    expect(outcome.code).toBe(0);
    const progress = linesOf(outcome.stderr).filter((line) => /^sweep: \[\d+\/6\] /.test(line));
    expect(progress).toHaveLength(6);
    const combinations = progress.map((line) => /\] (windowTicks=\d+ stopLossPercent=[\d.]+):/.exec(line)?.[1]);
    expect(new Set(combinations).size).toBe(6);
    expect(readFileSync(join(dir, 'queued', 'sweep.csv'), 'utf8')).toBe(readFileSync(join(dir, 'local', 'sweep.csv'), 'utf8'));
    // The job that died with the first worker was run again by the second, once its lock lapsed.
    expect(killedJob).toBeDefined();
    expect(second.lines).toContainEqual(expect.stringMatching(new RegExp(`^sweep-worker: job ${killedJob}: done in `)));
  }, 120_000);

  it('runs a halving search on the queue to the rows the same search gives locally', async () => {
    const halving = ['--data', recording, '--grid', grid, '--search', 'halving', '--eta', '2'];
    const local = await runCli('sweep', [...halving, '--threads', '1', '--out', join(dir, 'halving-local')], dir);
    const worker = startWorker(5, dir);
    await worker.waitFor(/taking jobs from/);
    const queued = await runCli('sweep', [...halving, '--queue', url(5), '--out', join(dir, 'halving-queued')], dir);
    await stopWorker(worker);
    expect([local.code, queued.code]).toEqual([0, 0]);
    expect(queued.stdout).toMatch(/ 11 runs in .* on the queue; successive halving, eta 2: all 6 combinations, 6 → 3 → 2; 11 runs/);
    expect(readFileSync(join(dir, 'halving-queued', 'sweep.csv'), 'utf8')).toBe(readFileSync(join(dir, 'halving-local', 'sweep.csv'), 'utf8'));
  }, 120_000);

  it('says so in one line and exits 2 when Redis cannot be reached, coordinator and worker alike', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}/0`;
    const sweep = await runCli('sweep', ['--data', recording, '--grid', 'windowTicks=10', '--queue', closed, '--out', join(dir, 'none')], dir);
    expect(sweep.code).toBe(2);
    expect(linesOf(sweep.stderr)).toEqual([expect.stringMatching(new RegExp(`^sweep: cannot reach Redis at ${closed}: `))]);
    const worker = await runCli('sweep-worker', ['--queue', closed], dir);
    expect(worker.code).toBe(2);
    expect(linesOf(worker.stderr)).toEqual([expect.stringMatching(new RegExp(`^sweep-worker: cannot reach Redis at ${closed}: `))]);
  }, 60_000);

  it("refuses a queue holding another sweep's jobs and leaves them there", async () => {
    const queue = new Queue(sweepQueueName, { connection: redisOptionsFromUrl(url(2)) });
    try {
      await queue.add('backtest', { sweepId: 'sweep-other', codeVersion: 'x', dataset: { files: [] }, task: { index: 0, env: {}, argv: [] } });
      const outcome = await runCli('sweep', ['--data', recording, '--grid', 'windowTicks=10', '--queue', url(2), '--out', join(dir, 'busy')], dir);
      expect(outcome.code).toBe(2);
      expect(linesOf(outcome.stderr)).toEqual([expect.stringContaining('holds jobs of another sweep: sweep-other (1)')]);
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 60_000);

  it('hands a job made by other code back untouched, says why in one line and stops', async () => {
    const queue = new Queue(sweepQueueName, { connection: redisOptionsFromUrl(url(3)) });
    try {
      await queue.add(
        'backtest',
        { sweepId: 'sweep-old', codeVersion: 'not-this-code', dataset: { files: [] }, task: { index: 0, env: {}, argv: [] } },
        { jobId: 'sweep-old-0-end' },
      );
      const worker = startWorker(3, dir);
      expect(await worker.exited).toBe(3);
      expect(worker.lines).toContainEqual(
        expect.stringMatching(
          /job sweep-old-0-end of sweep-old was made by code version not-this-code, this worker runs [0-9a-f]{16}: handed it back/,
        ),
      );
      const job = await queue.getJob('sweep-old-0-end');
      expect(['delayed', 'waiting']).toContain(await job?.getState());
      expect(job?.attemptsMade ?? 0).toBe(0);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 60_000);

  it('fails a job whose recording the worker does not have, naming it, instead of running other data', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const worker = startWorker(4, empty);
    await worker.waitFor(/taking jobs from/);
    const outcome = await runCli('sweep', ['--data', recording, '--grid', 'windowTicks=10', '--queue', url(4), '--out', join(dir, 'missing')], dir);
    await stopWorker(worker);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(
      /sweep: \[1\/1\] windowTicks=10: FAILED: worker: no recording under .*empty has the content of recording\.jsonl\.gz \(sha256 [0-9a-f]{12}…, \d+ bytes\)/,
    );
  }, 60_000);
});
