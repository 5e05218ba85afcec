#!/usr/bin/env node
// `pnpm sweep-worker -- --queue redis://host:port/N [--concurrency N] [--data-dir DIR] [--lock-ms N]` (main thread):
// takes `pnpm sweep --queue` jobs on this machine until Ctrl-C, each on its own worker thread. Bad usage or an
// unreachable Redis exit 2; a job made by other code is handed back and the worker exits 3.

import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { startQueueWorker } from '../sweep/queue/queue-worker.js';
import { QueueUsageError, redisOptionsFromUrl, safeQueueUrl } from '../sweep/queue/queue-connection.js';
import { repositoryConfigDir, splitArgs, UsageFault } from './cli-args.js';

const usage = 'usage: pnpm sweep-worker -- --queue redis://host:port/N [--concurrency N] [--data-dir <folder>] [--lock-ms N]';

function wholeNumber(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageFault(`--${name} must be a whole number of at least ${min}, got "${text}"`);
  return Number(text);
}

async function main(): Promise<number> {
  let url: string;
  let concurrency: number;
  let lockMs: number;
  let dataDir: string;
  try {
    const args = splitArgs(process.argv.slice(2), ['queue', 'concurrency', 'data-dir', 'lock-ms'], ['help']);
    if (args.switches.has('help')) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (args.configArgv.length > 0) throw new UsageFault(`unknown option ${args.configArgv[0] as string}: the sweep's options come with its jobs`);
    const queue = args.own.get('queue');
    if (queue === undefined) throw new UsageFault('--queue is required');
    redisOptionsFromUrl(queue);
    url = queue;
    concurrency = wholeNumber('concurrency', args.own.get('concurrency'), availableParallelism(), 1);
    lockMs = wholeNumber('lock-ms', args.own.get('lock-ms'), 30_000, 1_000);
    dataDir = resolve(args.own.get('data-dir') ?? 'data');
  } catch (error) {
    if (error instanceof UsageFault || error instanceof QueueUsageError) {
      process.stderr.write(`sweep-worker: ${error.message}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
  const log = (line: string): void => void process.stderr.write(`sweep-worker: ${line}\n`);
  let worker;
  try {
    worker = await startQueueWorker({ url, concurrency, dataDir, configDir: repositoryConfigDir, lockMs, log });
  } catch (error) {
    log((error as Error).message);
    return 2;
  }
  log(`taking jobs from ${safeQueueUrl(url)} on ${concurrency} thread(s), code version ${worker.version}, recordings from ${dataDir}`);
  const running = worker;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.close());
  const reason = await worker.stopped;
  log(`stopped (${reason === 'closed' ? 'asked to' : 'a job from other code'})`);
  return reason === 'closed' ? 0 : 3;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sweep-worker: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
