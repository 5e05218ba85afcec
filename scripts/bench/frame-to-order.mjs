// Benchmark: frame to order on the wire, over REST and over the WebSocket trade API. The venue (this process, with a
// probe) runs a quiet tape and scripts a price jump; each entry is timed from the venue sending its trigger frame to
// execution writing the order (the engine's own stamps, same clock) and to the venue reading it. The engine runs in
// its own process.
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

const ascending = (a, b) => a - b;

/** The latest send at or before `atMs` (times ascending), or undefined. */
function lastAtOrBefore(times, atMs) {
  let found;
  for (const t of times) {
    if (t > atMs) break;
    found = t;
  }
  return found;
}

/**
 * One engine run with `way`'s order entry: the first entry after each jump, timed from the venue's send of its
 * trigger frame to execution's write of the create (the wire) and to the venue's receipt of it.
 */
async function timeEntries(way, entries) {
  const frameTimes = new Map(); // symbol -> every send time, ascending
  const creates = []; // { atMs, orderLinkId, orderType } as the venue received them
  let symbol = '';
  const jumpTimes = [];
  const onCreate = (order, atMs) => {
    if (order === null || typeof order !== 'object' || order.reduceOnly === true || order.symbol !== symbol) return; // closes are not entries
    creates.push({ atMs, orderLinkId: order.orderLinkId, orderType: order.orderType });
  };
  const probe = {
    tradeFrameSent(frameSymbol, _count, atMs) {
      let times = frameTimes.get(frameSymbol);
      if (times === undefined) frameTimes.set(frameSymbol, (times = []));
      times.push(atMs);
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
  let engineTimes;
  try {
    await sleep(1_000);
    // The first entry of a symbol also sets up the account (position mode, leverage): two jumps of warm-up.
    for (let i = 0; i < entries + 2; i++) {
      jumpTimes.push(probeClockMs());
      run.venue.impulse(symbol, i % 2 === 0 ? 0.3 : -0.3, 5, 1);
      await sleep(700);
    }
    engineTimes = await run.engine.entryTimes();
  } finally {
    await run.stop();
  }
  const timesById = new Map(engineTimes.map((t) => [t.orderLinkId, t]));
  const sends = frameTimes.get(symbol) ?? [];
  // Only the first entry after each jump: a re-entry after the 200 ms time exit (momentum still past the threshold)
  // would queue behind that exit's requests in execution, which is not what this measures.
  const firsts = jumpTimes
    .slice(2)
    .map((at, i) => creates.find((c) => c.atMs > at && c.atMs < (jumpTimes[i + 3] ?? Infinity)))
    .filter(Boolean);
  const steps = { toWire: [], toVenue: [], venueToReceipt: [], receiptToDecision: [], decisionToExecution: [], executionToWire: [], wireToVenue: [] };
  let unmatched = 0;
  for (const create of firsts) {
    const times = timesById.get(create.orderLinkId);
    // The trigger is the frame market-data received just before the decision: the last send before that receipt.
    const sentMs = times === undefined ? undefined : lastAtOrBefore(sends, times.triggerRecvMs);
    if (times === undefined || sentMs === undefined) {
      unmatched++;
      continue;
    }
    const us = (ms) => ms * 1_000;
    steps.toWire.push(us(times.wireAtMs - sentMs));
    steps.toVenue.push(us(create.atMs - sentMs));
    steps.venueToReceipt.push(us(times.triggerRecvMs - sentMs));
    steps.receiptToDecision.push(us(times.decidedAtMs - times.triggerRecvMs));
    steps.decisionToExecution.push(us(times.arrivedAtMs - times.decidedAtMs));
    steps.executionToWire.push(us(times.wireAtMs - times.arrivedAtMs));
    steps.wireToVenue.push(us(create.atMs - times.wireAtMs));
  }
  for (const list of Object.values(steps)) list.sort(ascending);
  return { symbol, steps, unmatched, orderTypes: [...new Set(creates.map((c) => c.orderType))] };
}

export async function benchFrameToOrder({ quick = false } = {}) {
  const entries = quick ? 8 : 40;
  const ways = [];
  for (const way of ['rest', 'websocket']) ways.push({ way, ...(await timeEntries(way, entries)) });
  const fmt = (us) => (us === undefined ? 'n/a' : Math.round(us));
  const label = (way) => (way === 'rest' ? 'REST (signed POST /v5/order/create)' : 'WebSocket trade API (order.create)');
  const row = (way, symbol, what, list) => [
    label(way),
    symbol,
    what,
    list.length,
    fmt(percentile(list, 0.5)),
    fmt(percentile(list, 0.99)),
    fmt(list[0]),
    fmt(list.at(-1)),
  ];
  return {
    title: 'Frame to order on the wire (µs, venue sends the triggering trade frame → the engine writes the order; and → the venue has read it)',
    header: ['order entry', 'symbol', 'until', 'entries timed', 'p50', 'p99', 'min', 'max'],
    rows: ways.flatMap(({ way, symbol, steps }) => [
      row(way, symbol, "the wire: execution writes the create (the target's figure)", steps.toWire),
      row(way, symbol, "the venue's JavaScript has read it (its own wake-up included)", steps.toVenue),
    ]),
    note:
      `${tapeRate} trades/s tape, a scripted 0.3 % jump every 700 ms alternating up and down, one engine run per way (execution.orderEntry ` +
      "rest, then websocket); the first entry after each jump, from the venue's send of the trade frame market-data received last before " +
      "the decision. The wire is execution's write of the create (the HTTP call, or the trade socket's send) on the engine's clock; the " +
      "venue's receipt adds its own process waking up, which Bybit's gateway does not. Steps, p50 in µs (REST / WebSocket): " +
      [
        ['venue send to market-data receipt', 'venueToReceipt'],
        ['receipt to strategy taking the tick (the ring)', 'receiptToDecision'],
        ['strategy taking the tick to execution taking the order (momentum, big.js sizing, the order, the link)', 'decisionToExecution'],
        ['execution to the wire (checks, risk, the request)', 'executionToWire'],
        ["the wire to the venue's JavaScript", 'wireToVenue'],
      ]
        .map(([text, key]) => `${text} ${ways.map((w) => fmt(percentile(w.steps[key], 0.5))).join(' / ')}`)
        .join('; ') +
      `. Entries without the engine's times: ${ways.map((w) => w.unmatched).join(' / ')}. Order types seen: ` +
      [...new Set(ways.flatMap((w) => w.orderTypes))].join(', ') +
      '. Target: p50 to the wire under 1 ms over the WebSocket trade API.',
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(JSON.stringify(await benchFrameToOrder({ quick: process.argv.includes('--quick') }), null, 1));
}
