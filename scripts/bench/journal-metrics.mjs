// Benchmark: the trade journal and the metrics endpoint. (1) Journal events/s through the writer the engine runs,
// batched per transaction as the engine flushes them, against one transaction per event. (2) Frame to decision
// with the journal written and /metrics scraped every second, against both off, alternating in one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalWriter } from '@scalper/journal';
import { measureFrameToDecision } from './frame-to-decision.mjs';
import { freePort } from './support/engine-process.mjs';
import { summarise } from './stats.mjs';

/** A burst's mix: per fill, a decision, its order, two status changes and the fill; a round trip every 10 fills. */
function eventMix(i, nowMs) {
  const id = `bench-${i}`;
  const d = (text) => text;
  const fill = {
    type: 'Fill',
    tsMs: nowMs,
    execId: `exec-${i}`,
    orderId: `o-${i}`,
    orderLinkId: id,
    symbol: 'BTCUSDT',
    side: 'Buy',
    price: d('97000.5'),
    qty: d('0.002'),
    fee: d('0.1067005'),
    isMaker: false,
  };
  const events = [
    {
      type: 'Decision',
      tsMs: nowMs,
      symbol: 'BTCUSDT',
      action: 'PlaceOrder',
      orderLinkId: id,
      side: 'Buy',
      qty: d('0.002'),
      orderType: 'Market',
      timeInForce: 'IOC',
      reason: null,
      detailJson: JSON.stringify({
        trigger: { kind: 'tick', tsEventMs: nowMs, price: '97000.5', size: '0.01' },
        vwap: 96990.1,
        momentum: 0.0011,
        book: { bid: '97000.4', ask: '97000.5', spreadBps: 0.01 },
        routing: 'Market IOC',
      }),
    },
    {
      type: 'OrderRequested',
      tsMs: nowMs,
      orderLinkId: id,
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Market',
      timeInForce: 'IOC',
      qty: d('0.002'),
      price: null,
      reduceOnly: false,
    },
    { type: 'OrderStatus', tsMs: nowMs, orderLinkId: id, orderId: `o-${i}`, status: 'New', retCode: null, message: null },
    { type: 'OrderStatus', tsMs: nowMs, orderLinkId: id, orderId: `o-${i}`, status: 'Filled', retCode: null, message: null },
    fill,
  ];
  if (i % 10 === 9) {
    events.push({
      type: 'RoundTrip',
      symbol: 'BTCUSDT',
      side: 'Buy',
      qty: d('0.002'),
      entryPrice: d('97000.5'),
      exitPrice: d('97010'),
      openedAtMs: nowMs - 5_000,
      closedAtMs: nowMs,
      exitReason: 'time-exit',
      grossPnl: d('0.019'),
      fees: d('0.2134'),
      netPnl: d('-0.1944'),
    });
  }
  return events;
}

/** Events written per second with `batch` events per transaction (flush). */
function journalRate(dir, run, total, batch) {
  const writer = JournalWriter.open(join(dir, `bench-${run}-${batch}.sqlite`), () => undefined);
  writer.record({ type: 'SessionStarted', tsMs: Date.now(), venueKind: 'bench', env: 'sim', version: '0', configJson: '{}' });
  writer.flush();
  const events = [];
  for (let i = 0; events.length < total; i++) events.push(...eventMix(run * 1_000_000 + i, Date.now()));
  const started = performance.now();
  for (let i = 0; i < events.length; i += batch) {
    for (const event of events.slice(i, i + batch)) writer.record(event);
    writer.flush();
  }
  const seconds = (performance.now() - started) / 1_000;
  writer.close();
  return events.length / seconds;
}

export async function benchJournalMetrics({ quick = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
  try {
    const runs = quick ? 3 : 5;
    const total = quick ? 20_000 : 100_000;
    const rows = [];
    for (const batch of [1, 100, 1_000]) {
      const rates = [];
      for (let run = 0; run < runs; run++) rates.push(journalRate(dir, run, batch === 1 ? total / 10 : total, batch));
      const s = summarise(rates);
      rows.push([
        `journal writer, ${batch} event${batch === 1 ? '' : 's'} per transaction`,
        'events/s',
        ...[s.min, s.median, s.max].map((v) => Math.round(v).toLocaleString('en-US')),
        s.runs,
      ]);
    }

    // Frame to decision at 1,000 trades/s, off and on alternating so drift on a shared machine hits both alike.
    const measureMs = quick ? 4_000 : 15_000;
    const warmupMs = quick ? 2_000 : 3_000;
    const pairs = quick ? 2 : 3;
    const off = [];
    const on = [];
    for (let pair = 0; pair < pairs; pair++) {
      off.push(await measureFrameToDecision(1_000, { warmupMs, measureMs, engineOptions: ['--journal.path', '', '--metrics.listen', ''] }));
      const port = await freePort();
      const scrapes = { count: 0, failed: 0 };
      const scraper = setInterval(() => {
        fetch(`http://127.0.0.1:${port}/metrics`)
          .then(async (response) => {
            await response.text();
            if (response.ok) scrapes.count++;
            else scrapes.failed++;
          })
          .catch(() => scrapes.failed++);
      }, 1_000);
      try {
        const result = await measureFrameToDecision(1_000, {
          warmupMs,
          measureMs,
          engineOptions: ['--journal.path', join(dir, `engine-${pair}.sqlite`), '--metrics.listen', `127.0.0.1:${port}`],
        });
        on.push({ ...result, scrapes: scrapes.count, scrapesFailed: scrapes.failed });
      } finally {
        clearInterval(scraper);
      }
    }
    const latencyRow = (label, results) => {
      const p50 = summarise(results.map((r) => r.p50));
      const p99 = summarise(results.map((r) => r.p99));
      return [label, 'µs p50 / p99', `${p50.min} / ${p99.min}`, `${p50.median} / ${p99.median}`, `${p50.max} / ${p99.max}`, results.length];
    };
    rows.push(latencyRow('frame to decision, journal and metrics off', off));
    rows.push(
      latencyRow(
        `frame to decision, journal on and /metrics scraped every 1 s (${on.reduce((n, r) => n + r.scrapes, 0)} scrapes, ${on.reduce((n, r) => n + r.scrapesFailed, 0)} failed)`,
        on,
      ),
    );
    return {
      title: 'Trade journal and metrics',
      header: ['what', 'unit', 'min', 'median', 'max', 'runs'],
      rows,
      note:
        `Journal: ${total.toLocaleString('en-US')} events a run (decisions, orders, status changes, fills, round trips; one transaction per event writes a tenth of that) ` +
        "through the JournalWriter the engine runs (WAL, synchronous NORMAL), into a fresh file on this machine's disk. The engine flushes every " +
        '200 ms and at once after a decision, fill, round trip or risk event, so its batches are small: the per-event row is the bound for a burst of fills. ' +
        `Frame to decision: ${measureMs / 1_000} s windows after ${warmupMs / 1_000} s of warm-up at 1,000 trades/s, off and on alternating, one engine ` +
        'process per window; on = the engine writes its journal and a client scrapes /metrics every second (each scrape reads every worker over the control plane).',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const result = await benchJournalMetrics({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 1));
}
