// Benchmark: the paper venue's added latency. An upstream venue (standing for Bybit mainnet) and the paper venue that
// relays it both run in this process; a client subscribed to the paper venue stands where the engine's market-data
// socket would be. Each trade is timed from the paper venue's receipt of the upstream frame that carried it to the
// client's receipt of the relayed frame (matched by trade id), on one clock. Compared in the same run: relaying on
// the venue's 10 ms clock tick (the first version) and relaying each upstream frame at once (the default).
import { createHistogram } from 'node:perf_hooks';
import { BybitWsConnection } from '@scalper/bybit';
import { probeClockMs, startVenue } from '@scalper/sim-venue';
import { sleep } from './support/engine-process.mjs';

/** Trade ids of a publicTrade frame text, or [] for any other frame. */
function tradeIds(text) {
  if (!text.includes('"topic":"publicTrade.')) return [];
  const frame = JSON.parse(text);
  return Array.isArray(frame.data) ? frame.data.map((trade) => String(trade.i)) : [];
}

async function measureRelay({ rate, relayOnArrival, warmupMs, measureMs }) {
  const upstream = await startVenue({ seed: 7, tradesPerSecondPerSymbol: rate, steadyTradeRate: true, tickIntervalMs: 1, market: 'calm' });
  const received = new Map();
  let measuring = false;
  const paper = await startVenue({
    upstream: { restUrl: upstream.restUrl, wsPublicUrl: upstream.wsPublicUrl, relayOnArrival },
    // Only the text and the time are kept on the relay's path; the ids are read after the run.
    probe: { upstreamFrameReceived: (text, atMs) => void (measuring && received.set(text, atMs)) },
  });
  const latencyUs = createHistogram();
  const arrivals = [];
  const client = new BybitWsConnection(
    { url: paper.wsPublicUrl, name: 'engine-stand-in' },
    { onFrame: (frame, _at, text) => void (measuring && frame.kind === 'trade' && arrivals.push([text, probeClockMs()])) },
  );
  try {
    await client.connect();
    await client.subscribe(['publicTrade.BTCUSDT', 'orderbook.1.BTCUSDT']);
    await sleep(warmupMs);
    measuring = true;
    await sleep(measureMs);
    measuring = false;
    const upstreamAt = new Map();
    for (const [text, atMs] of received) for (const id of tradeIds(text)) upstreamAt.set(id, atMs);
    let unmatched = 0;
    for (const [text, atMs] of arrivals) {
      for (const id of tradeIds(text)) {
        const from = upstreamAt.get(id);
        if (from === undefined) unmatched++;
        else latencyUs.record(Math.max(1, Math.round((atMs - from) * 1_000)));
      }
    }
    return {
      rate,
      relayOnArrival,
      p50: latencyUs.percentile(50),
      p99: latencyUs.percentile(99),
      max: latencyUs.max,
      count: latencyUs.count,
      unmatched,
    };
  } finally {
    await client.close();
    await paper.close();
    await upstream.close();
  }
}

export async function benchPaperRelay({ quick = false } = {}) {
  const measureMs = quick ? 4_000 : 10_000;
  const warmupMs = quick ? 2_000 : 3_000;
  const runs = [];
  for (const rate of [20, 1_000]) {
    for (const relayOnArrival of [false, true]) runs.push(await measureRelay({ rate, relayOnArrival, warmupMs, measureMs }));
  }
  return {
    title: "Paper venue relay (µs, upstream frame receipt to the engine's socket receipt, per trade)",
    header: ['relay', 'trades/s', 'p50', 'p99', 'max', 'trades', 'unmatched'],
    rows: runs.map((r) => [
      r.relayOnArrival ? 'each upstream frame at once (default)' : "on the venue's 10 ms tick",
      r.rate.toLocaleString('en-US'),
      r.p50,
      r.p99,
      r.max,
      r.count,
      r.unmatched,
    ]),
    runs,
    note:
      `One ${measureMs / 1_000} s window per row after ${warmupMs / 1_000} s of warm-up. The upstream (an embedded venue with 1 ms frames) and the ` +
      "paper venue run in the benchmark process; the client stands where the engine would be, on the paper venue's public socket. The figure is " +
      "the relay's own cost (queue, rebuild, re-serialisation, loopback); the engine's market-data adds its own frame-to-decision on top.",
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const result = await benchPaperRelay({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 1));
}
