// Benchmark helper, parent side: starts the engine in its own process (engine-child.mjs) against a venue URL and
// talks to it over IPC, so the engine's RSS and CPU are its own and the benchmark process can host the venue.
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { paperApiKey, paperApiSecret } from '@scalper/sim-venue';

const childEntry = new URL('./engine-child.mjs', import.meta.url).pathname;

/** VmRSS of any process, in bytes, from /proc (Linux). */
export function rssOfPid(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) * 1024;
}

let clockTicks;

/** Clock ticks per second of /proc/<pid>/stat's times (`getconf CLK_TCK`; 100 on Linux), asked once. */
export function clockTicksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU time (utime + stime, all its threads) a process has used, in seconds, from /proc/<pid>/stat (Linux). */
export function cpuSecondsOfPid(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may hold spaces: fields are counted after its closing parenthesis
  // (fields 14 and 15 of proc(5), counted from the state field, 3).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond();
}

/** `options`: engine options as `--path value` pairs (argv form), e.g. ['--log.level', 'warn']. */
export async function startEngineProcess(venue, options = []) {
  // No journal and no metrics endpoint unless a benchmark asks: a benchmark's trades are not the trader's, and
  // engines started one after another would race for the port.
  const defaults = [
    ...(options.includes('--journal.path') ? [] : ['--journal.path', '']),
    ...(options.includes('--metrics.listen') ? [] : ['--metrics.listen', '']),
    ...(options.includes('--dashboard.listen') ? [] : ['--dashboard.listen', '']),
  ];
  const child = fork(childEntry, ['--venue', 'url', ...defaults, ...options], {
    env: {
      ...process.env,
      BYBIT_REST_URL: venue.restUrl,
      BYBIT_WS_PUBLIC_URL: venue.wsPublicUrl,
      BYBIT_WS_PRIVATE_URL: venue.wsPrivateUrl,
      BYBIT_API_KEY: paperApiKey,
      BYBIT_API_SECRET: paperApiSecret,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map();
  let nextId = 1;
  let ready;
  const started = new Promise((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`engine process exited with ${code} before it was ready`)));
  });
  child.on('message', (message) => {
    if (message.ready) ready(message);
    else waiting.get(message.id)?.(message);
  });
  const ask = (message) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ ...message, id });
    });
  const start = await started;
  return {
    pid: child.pid,
    rssAtStartBytes: start.rssBytes,
    /** { stats: per-worker counters, rssBytes }; resetLatency starts the latency histograms over after this read. */
    stats: (resetLatency = false) => ask({ op: 'stats', resetLatency }),
    /** Execution's last entries: { orderLinkId, triggerRecvMs, decidedAtMs, wireAtMs } on the engine's shared clock. */
    async entryTimes() {
      const { stats } = await ask({ op: 'stats', entryTimes: true });
      return JSON.parse(String(stats.execution?.entryTimes ?? '[]'));
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ op: 'stop' });
      await exited;
    },
  };
}

/** Polls `condition` (async) every 100 ms until true, or throws after `timeoutMs`. */
export async function waitUntil(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port free on 127.0.0.1 now, for an engine's metrics or dashboard. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
