// Benchmark: frame to order on the wire, over REST and over the WebSocket trade API. The venue (this process, with a
// probe) runs a quiet tape and scripts a price jump; the time from the venue sending the trade frame that triggers the
// entry to the venue receiving the order (a signed POST, or an order.create on the trade socket) is read off the
// venue's own clock. The engine runs in its own process.
import { startLoadedEngine } from './frame-to-decision.mjs';
import { probeClockMs } from '@scalper/sim-venue';
import { sleep } from './support/engine-process.mjs';

/** A quiet tape: the trade after a jump is alone in its frame, and the next frame is ~50 ms away. */
const tapeRate = 20;
/**
 * Exits by time so the next jump finds the engine flat, no cooldown should a jump hit a stop, and market entries
 * (a tiny minTopSize lets the router take liquidity at any depth) so every entry fills at once.
 */
const engineOptions = [
  '--strategy.maxHoldingMs',
  '200',
  '--strategy.positionSizeUsd',
  '200',
  '--strategy.minTopSize',
  '0.000001',
  '--risk.cooldownAfterStopMs',
  '0',
  // An entry and an exit every 700 ms is far past the default order budget and could reach the daily-loss limit.
  '--risk.maxOrdersPerMinute',
  '1000',
  '--risk.maxDailyLossUsd',
  '100000',
];

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** One engine run with `way`'s order entry: the first entry after each jump, timed frame to order at the venue. */
async function timeEntries(way, entries) {
  const frameTimes = new Map(); // symbol -> recent send times
  const samples = [];
  let ambiguous = 0;
  let symbol = '';
  const jumpTimes = [];
  const onCreate = (order, atMs) => {
    if (order === null || typeof order !== 'object' || order.reduceOnly === true || order.symbol !== symbol) return; // closes are not entries
    const times = frameTimes.get(symbol) ?? [];
    const sent = times.filter((t) => t <= atMs);
    const last = sent.at(-1);
    if (last === undefined) return;
    // Two frames inside 20 ms would leave it open which one triggered: such samples are left out and counted.
    if (sent.length >= 2 && last - sent.at(-2) < 20) ambiguous++;
    else samples.push({ atMs, latencyUs: (atMs - last) * 1_000, orderType: order.orderType });
  };
  const probe = {
    tradeFrameSent(frameSymbol, _count, atMs) {
      let times = frameTimes.get(frameSymbol);
      if (times === undefined) frameTimes.set(frameSymbol, (times = []));
      times.push(atMs);
      if (times.length > 64) times.splice(0, 32);
    },
    restRequestReceived(method, path, body, atMs) {
      if (method === 'POST' && path === '/v5/order/create') onCreate(JSON.parse(body), atMs);
    },
    tradeRequestReceived(op, order, atMs) {
      if (op === 'order.create') onCreate(order, atMs);
    },
  };
  const run = await startLoadedEngine(tapeRate, { probe, engineOptions: [...engineOptions, '--execution.orderEntry', way] });
  symbol = run.symbol;
  try {
    await sleep(1_000);
    // The first entry of a symbol also sets up the account (position mode, leverage): two jumps of warm-up.
    for (let i = 0; i < entries + 2; i++) {
      jumpTimes.push(probeClockMs());
      run.venue.impulse(symbol, i % 2 === 0 ? 0.3 : -0.3, 5, 1);
      await sleep(700);
    }
  } finally {
    await run.stop();
  }
  // Only the first entry after each jump: a re-entry after the 200 ms time exit (momentum still past the threshold)
  // would queue behind that exit's requests in execution, which is not what this measures.
  const firsts = jumpTimes
    .slice(2)
    .map((at, i) => samples.find((s) => s.atMs > at && s.atMs < (jumpTimes[i + 3] ?? Infinity)))
    .filter(Boolean);
  return {
    symbol,
    measured: firsts.map((s) => s.latencyUs).sort((a, b) => a - b),
    ambiguous,
    orderTypes: [...new Set(samples.map((s) => s.orderType))],
  };
}

export async function benchFrameToOrder({ quick = false } = {}) {
  const entries = quick ? 8 : 40;
  const ways = [];
  for (const way of ['rest', 'websocket']) ways.push({ way, ...(await timeEntries(way, entries)) });
  const fmt = (us) => Math.round(us);
  return {
    title: 'Frame to order on the wire (µs, venue sends the triggering trade frame → venue receives the order)',
    header: ['order entry', 'symbol', 'entries timed', 'p50', 'p99', 'min', 'max', 'left out (ambiguous trigger)'],
    rows: ways.map(({ way, symbol, measured, ambiguous }) => [
      way === 'rest' ? 'REST (signed POST /v5/order/create)' : 'WebSocket trade API (order.create)',
      symbol,
      measured.length,
      fmt(percentile(measured, 0.5)),
      fmt(percentile(measured, 0.99)),
      fmt(measured[0]),
      fmt(measured.at(-1)),
      ambiguous,
    ]),
    note:
      `${tapeRate} trades/s tape, a scripted 0.3 % jump every 700 ms alternating up and down, one engine run per way (execution.orderEntry ` +
      "rest, then websocket); each entry is timed from the venue's send of the last trade frame before the order arrived (socket, market-data " +
      'parse, ring, strategy decision and sizing with big.js, the link to execution, then signing and HTTP, or the write on the open trade ' +
      'socket). Order types seen: ' +
      [...new Set(ways.flatMap((w) => w.orderTypes))].join(', ') +
      '. Target: p50 under 1 ms over the WebSocket trade API.',
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(JSON.stringify(await benchFrameToOrder({ quick: process.argv.includes('--quick') }), null, 1));
}
