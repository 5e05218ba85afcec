// Benchmark: what the browser dashboard costs the engine. Frame to decision at 1,000 trades/s and the engine
// process's CPU with the dashboard off, against the dashboard on with a real headless Chromium page signed in and
// following its live view for the whole window, alternating in one run. Chromium's renderer CPU is shown apart: it is
// the trader's browser, not the engine.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TextDecoder } from 'node:util';
import { startLoadedEngine } from './frame-to-decision.mjs';
import { clockTicksPerSecond, cpuSecondsOfPid, freePort, sleep } from './support/engine-process.mjs';
import { summarise } from './stats.mjs';

const chromiumPath = '/usr/bin/chromium';
/** playwright-core is the engine package's devDependency (its browser test), not the root's. */
const requireFromEngine = createRequire(new URL('../../packages/engine/package.json', import.meta.url));
/** The engine's default dashboard.updateIntervalMs. */
const updateIntervalMs = 500;

/** cpuSecondsOfPid, 0 once the process is gone (a renderer may close during a window). */
function cpuSecondsOrZero(pid) {
  try {
    return cpuSecondsOfPid(pid);
  } catch {
    return 0;
  }
}

/** Chromium's renderer processes under `rootPid` (any depth): this process, which launched the one browser there is. */
function rendererPids(rootPid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const under = (pid) => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === rootPid) return true;
    return false;
  };
  return [...parentOf.keys()].filter((pid) => {
    if (!under(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

/**
 * Signs in with the token and reads /events in this process, counting the snapshots: the server's whole cost with no
 * browser on the engine's cores. Returns the count so far and a stop.
 */
async function followStream(port, token) {
  const signIn = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  if (signIn.status !== 303 || cookie === '') throw new Error(`dashboard sign-in answered ${signIn.status}`);
  const abort = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  if (response.status !== 200 || response.body === null) throw new Error(`/events answered ${response.status}`);
  let snapshots = 0;
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) snapshots += decoder.decode(chunk, { stream: true }).split('event: snapshot').length - 1;
    } catch {
      // aborted at the end of the window
    }
  })();
  return {
    count: () => snapshots,
    stop: async () => {
      abort.abort();
      await reading;
    },
  };
}

/**
 * One engine at 1,000 trades/s. `mode` 'page': a headless Chromium page signs in and is live before the warm-up and
 * stays open until the window has been read; 'stream': this process reads the live view instead (no browser); 'off':
 * no dashboard. Returns the window's latency, the engine's CPU and the updates received.
 */
async function measureWindow({ mode, warmupMs, measureMs }) {
  const dashboard = mode !== 'off';
  const token = randomBytes(24).toString('base64url');
  const port = dashboard ? await freePort() : 0;
  const savedToken = process.env.SCALPER_DASHBOARD_TOKEN;
  // engine-process.mjs hands the child this process's environment; engine-child.mjs takes the token from it.
  process.env.SCALPER_DASHBOARD_TOKEN = token;
  let run;
  try {
    run = await startLoadedEngine(1_000, { engineOptions: ['--dashboard.listen', dashboard ? `127.0.0.1:${port}` : ''] });
  } finally {
    if (savedToken === undefined) delete process.env.SCALPER_DASHBOARD_TOKEN;
    else process.env.SCALPER_DASHBOARD_TOKEN = savedToken;
  }
  let browser = null;
  let stream = null;
  try {
    let page = null;
    const problems = [];
    if (mode === 'stream') stream = await followStream(port, token);
    if (mode === 'page') {
      const { chromium } = requireFromEngine('playwright-core');
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      page = await browser.newPage();
      page.on('pageerror', (error) => problems.push(error.message));
      const signedIn = await page.goto(`http://127.0.0.1:${port}/?token=${token}`);
      if (signedIn?.status() !== 200) throw new Error(`dashboard sign-in answered ${signedIn?.status()}`);
      await page.waitForSelector('#connection[data-state="live"]', { timeout: 15_000 });
      // Counts in the page every render of a snapshot (each sets #connection's data-updated-at to the snapshot's time).
      await page.evaluate(() => {
        const connection = globalThis.document.querySelector('#connection');
        globalThis.benchUpdates = 0;
        new globalThis.MutationObserver((records) => {
          globalThis.benchUpdates += records.length;
        }).observe(connection, { attributes: true, attributeFilter: ['data-updated-at'] });
      });
    }
    const updates = () => (page !== null ? page.evaluate(() => globalThis.benchUpdates) : (stream?.count() ?? 0));
    const renderers = browser === null ? [] : rendererPids(process.pid);
    const rendererCpu = () => renderers.reduce((sum, pid) => sum + cpuSecondsOrZero(pid), 0);

    await sleep(warmupMs);
    const before = await run.engine.stats(true);
    const engineBefore = cpuSecondsOrZero(run.engine.pid);
    const rendererBefore = rendererCpu();
    const updatesBefore = await updates();
    const startedAt = performance.now();
    await sleep(measureMs);
    const { stats } = await run.engine.stats(true);
    const engineAfter = cpuSecondsOrZero(run.engine.pid);
    const rendererAfter = rendererCpu();
    const seconds = (performance.now() - startedAt) / 1_000;
    const updatesAfter = await updates();
    const state = page === null ? null : await page.getAttribute('#connection', 'data-state');
    if (page !== null && state !== 'live') throw new Error(`the dashboard page was ${state} at the end of the window, not live`);
    if (problems.length > 0) throw new Error(`the dashboard page failed: ${problems.join('; ')}`);
    const s = stats.strategy;
    const m = stats['market-data'];
    const b = before.stats;
    const percent = (cpuSeconds) => (cpuSeconds / seconds) * 100;
    return {
      p50: s.decisionLatencyP50Us,
      p99: s.decisionLatencyP99Us,
      ticksPerSecond: (Number(s.ticks) - Number(b.strategy.ticks)) / seconds,
      ringDrops:
        Number(m.ringDroppedOldest) +
        Number(m.ringDroppedNewest) -
        Number(b['market-data'].ringDroppedOldest) -
        Number(b['market-data'].ringDroppedNewest),
      engineCpuPercent: percent(engineAfter - engineBefore),
      rendererCpuPercent: browser === null ? null : percent(rendererAfter - rendererBefore),
      renderers: renderers.length,
      updatesPerSecond: (updatesAfter - updatesBefore) / seconds,
    };
  } finally {
    await stream?.stop();
    await browser?.close();
    await run.stop();
  }
}

export async function benchDashboard({ quick = false } = {}) {
  const measureMs = quick ? 4_000 : 15_000;
  const warmupMs = quick ? 2_000 : 3_000;
  const pairs = quick ? 2 : 3;
  const tickHz = clockTicksPerSecond();
  const haveChromium = existsSync(chromiumPath);
  if (!haveChromium) console.log(`dashboard bench: no Chromium at ${chromiumPath} (apt-get install chromium): the "on" half is skipped`);
  // Off and on alternating, so drift on a shared machine hits both alike; one engine process per window.
  const off = [];
  const streamed = [];
  const on = [];
  for (let pair = 0; pair < pairs; pair++) {
    off.push(await measureWindow({ mode: 'off', warmupMs, measureMs }));
    streamed.push(await measureWindow({ mode: 'stream', warmupMs, measureMs }));
    if (haveChromium) on.push(await measureWindow({ mode: 'page', warmupMs, measureMs }));
  }

  const latencyRow = (label, results) => {
    const p50 = summarise(results.map((r) => r.p50));
    const p99 = summarise(results.map((r) => r.p99));
    return [label, 'µs p50 / p99', `${p50.min} / ${p99.min}`, `${p50.median} / ${p99.median}`, `${p50.max} / ${p99.max}`, results.length];
  };
  const row = (label, unit, values, digits = 1) => {
    const s = summarise(values);
    return [label, unit, ...[s.min, s.median, s.max].map((v) => v.toFixed(digits)), s.runs];
  };
  const drops = (results) => results.reduce((n, r) => n + r.ringDrops, 0);
  const rows = [
    latencyRow(`frame to decision, dashboard off (ring drops ${drops(off)})`, off),
    latencyRow(`frame to decision, dashboard on, its live view read by a client without a browser (ring drops ${drops(streamed)})`, streamed),
  ];
  if (on.length > 0) rows.push(latencyRow(`frame to decision, dashboard on and a Chromium page following it (ring drops ${drops(on)})`, on));
  rows.push(
    row(
      'engine process CPU, dashboard off',
      '% of one core',
      off.map((r) => r.engineCpuPercent),
    ),
    row(
      'engine process CPU, dashboard on, read by a client without a browser',
      '% of one core',
      streamed.map((r) => r.engineCpuPercent),
    ),
    row(
      'snapshots the client received',
      'per s',
      streamed.map((r) => r.updatesPerSecond),
      2,
    ),
  );
  if (on.length > 0) {
    rows.push(
      row(
        'engine process CPU, dashboard on and a page following it',
        '% of one core',
        on.map((r) => r.engineCpuPercent),
      ),
    );
    rows.push(
      row(
        'snapshots the page rendered',
        'per s',
        on.map((r) => r.updatesPerSecond),
        2,
      ),
    );
    rows.push(
      row(
        `Chromium renderer CPU (the trader's browser, not the engine; ${on[0].renderers} renderer process${on[0].renderers === 1 ? '' : 'es'})`,
        '% of one core',
        on.map((r) => r.rendererCpuPercent),
      ),
    );
  }
  return {
    title: 'Dashboard cost to the engine',
    header: ['what', 'unit', 'min', 'median', 'max', 'runs'],
    rows,
    note:
      `${measureMs / 1_000} s windows after ${warmupMs / 1_000} s of warm-up at 1,000 trades/s, off, a client and a page alternating, one engine process ` +
      `per window (journal and metrics off in all). Client = dashboard.listen on loopback with its default ${updateIntervalMs} ms live view, ` +
      "read over /events by this process (the server's whole cost, no browser on the cores); page = the same followed by a " +
      `headless Chromium page (${chromiumPath}, playwright-core) signed in with the token and live before the warm-up, open until the window ` +
      "is read; the page's renders are counted in the page (each snapshot sets #connection's data-updated-at). CPU: utime + stime of the " +
      `process from /proc/<pid>/stat over the window (the engine's main thread and its four workers together), at ${tickHz} ticks/s; ` +
      'Chromium shares the same 2 cores, so its own cost shows in the page rows too.' +
      (haveChromium ? '' : ` Not measured here: no Chromium at ${chromiumPath}.`),
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const result = await benchDashboard({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 1));
}
